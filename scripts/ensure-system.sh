#!/usr/bin/env bash
# Make sure every system program ashyq and its tests need is installed (Debian/Ubuntu):
#   a Chromium         Playwright's own if downloaded, else the system's; else Playwright's
#                      download, else the `chromium` package                      (required)
#   tesseract-ocr, tesseract-ocr-kaz, tesseract-ocr-rus, tesseract-ocr-eng, poppler-utils
#                      OCR of images of text and PDFs                (else: a warning)
#   fonts-dejavu-core, fonts-liberation
#                      Cyrillic and Kazakh text, Arial/Times look-alikes (else: a warning)
#   postgresql, redis-server
#                      used by the test suite's service tests        (else: a warning)
# What is missing is installed with apt-get as root or through sudo. Without either, the exact
# command is printed and setup goes on; only a missing Chromium stops it (exit 1).
# The README's two `sudo apt-get install -y` lines name the same packages (the product's, then
# the tests'), and so does the Dockerfile (the product's): tests/unit/test_packaging.py checks.
#
# Usage: scripts/ensure-system.sh [VENV]     (VENV defaults to .venv; `make setup` calls this)
# ASHYQ_SETUP_INSTALL=auto (default) | dry-run (print the commands, run none) | never (only report)
# ASHYQ_SETUP_PRETEND_MISSING="pkg ..." treats those packages as missing (to try the dry run).
set -u
venv=${1:-.venv}
mode=${ASHYQ_SETUP_INSTALL:-auto}
pretend=" ${ASHYQ_SETUP_PRETEND_MISSING:-} "
apt_log=${TMPDIR:-/tmp}/ashyq-apt.log
export DEBIAN_FRONTEND=noninteractive

case "$mode" in auto|dry-run|never) ;; *)
  echo "ashyq setup: ASHYQ_SETUP_INSTALL must be auto, dry-run or never, not '$mode'" >&2; exit 1;;
esac

pretending() { [[ "$pretend" == *" $1 "* ]]; }

have_chromium() {  # prints the Chromium ashyq will use (Playwright's own first), else fails
  pretending chromium && return 1
  "$venv/bin/python" - <<'PY'
import shutil, sys
from pathlib import Path
from playwright.sync_api import sync_playwright
from tester.browser import SYSTEM_CHROMIUMS
try:
    with sync_playwright() as pw:
        own = pw.chromium.executable_path
except Exception:
    own = ""
found = own if own and Path(own).is_file() else next(filter(None, map(shutil.which, SYSTEM_CHROMIUMS)), "")
print(found)
sys.exit(0 if found else 1)
PY
}

tesseract_has() {  # tesseract_has LANG: its language data is installed
  command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx "$1"
}

has_font() {  # has_font FAMILY: fontconfig knows that family (no fontconfig: assume yes)
  command -v fc-list >/dev/null 2>&1 || return 0
  [ -n "$(fc-list "$1" family 2>/dev/null)" ]
}

has_initdb() {
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1
}

missing_packages() {  # the Debian packages of the optional programs that are not installed
  local out=()
  if ! command -v tesseract >/dev/null 2>&1 || pretending tesseract-ocr; then
    out+=(tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng)
  else
    { tesseract_has kaz && ! pretending tesseract-ocr-kaz; } || out+=(tesseract-ocr-kaz)
    { tesseract_has rus && ! pretending tesseract-ocr-rus; } || out+=(tesseract-ocr-rus)
    { tesseract_has eng && ! pretending tesseract-ocr-eng; } || out+=(tesseract-ocr-eng)
  fi
  { command -v pdftotext && command -v pdftoppm; } >/dev/null 2>&1 && ! pretending poppler-utils \
    || out+=(poppler-utils)
  has_font "DejaVu Sans" && ! pretending fonts-dejavu-core || out+=(fonts-dejavu-core)
  has_font "Liberation Sans" && ! pretending fonts-liberation || out+=(fonts-liberation)
  has_initdb && ! pretending postgresql || out+=(postgresql)
  command -v redis-server >/dev/null 2>&1 && ! pretending redis-server || out+=(redis-server)
  echo "${out[@]}"
}

# How to become root: "" as root, "sudo -n" without a password, "sudo" at a terminal, else none.
as_root=none
if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1; then
  if sudo -n true 2>/dev/null; then as_root="sudo -n"
  elif [ -t 0 ]; then as_root="sudo"
  fi
fi
command -v apt-get >/dev/null 2>&1 || as_root=none

updated=no
apt_install() {  # apt_install PKG...: true when all installed; one by one when a batch fails
  if [ "$mode" = dry-run ]; then
    [ "$updated" = yes ] || echo "would run: ${as_root:+$as_root }apt-get update"
    echo "would run: ${as_root:+$as_root }apt-get install -y $*"
    updated=yes
    return 0
  fi
  if [ "$updated" = no ]; then
    $as_root apt-get update -qq >>"$apt_log" 2>&1
    updated=yes
  fi
  $as_root apt-get install -y -qq "$@" >>"$apt_log" 2>&1 && return 0
  [ $# -gt 1 ] || return 1
  local pkg ok=0
  for pkg in "$@"; do $as_root apt-get install -y -qq "$pkg" >>"$apt_log" 2>&1 || ok=1; done
  return $ok
}

can_install() { [ "$mode" != never ] && [ "$as_root" != none ]; }

status=0

# 1. The browser: required.
if found=$(have_chromium); then
  echo "browser: $found"
else
  found=""
  if [ "$mode" = auto ]; then
    echo "browser: trying Playwright's own Chromium download…"
    if timeout 300 "$venv/bin/playwright" install chromium >"${TMPDIR:-/tmp}/ashyq-playwright-install.log" 2>&1; then
      found=$(have_chromium) || found=""
    fi
  elif [ "$mode" = dry-run ]; then
    echo "would run: $venv/bin/playwright install chromium"
  fi
  if [ -z "$found" ] && can_install; then
    echo "browser: installing Debian's chromium package…"
    if apt_install chromium || apt_install chromium-browser; then
      [ "$mode" = dry-run ] && found="(chromium, after install)" || found=$(have_chromium) || found=""
    fi
  fi
  if [ -n "$found" ]; then
    echo "browser: $found"
  else
    cat >&2 <<'MSG'
ashyq: no Chromium found, and none could be installed. Get one of:
  - Playwright's own:  .venv/bin/playwright install chromium   (needs internet access)
  - Debian/Ubuntu:     sudo apt-get install chromium
  - any Chromium/Chrome, then set executable_path in playwright.config.toml
MSG
    status=1
  fi
fi

# 2. OCR, fonts, PostgreSQL and Redis: warnings when they cannot be installed.
read -r -a missing <<<"$(missing_packages)"
if [ ${#missing[@]} -eq 0 ]; then
  echo "system: OCR (tesseract kaz+rus+eng, poppler), fonts, PostgreSQL and Redis are installed"
  exit $status
fi
if can_install; then
  echo "system: installing ${missing[*]}…${as_root:+ ($as_root may ask for your password)}"
  if ! apt_install "${missing[@]}"; then
    echo "ashyq setup: apt-get could not install all of them (log: $apt_log)" >&2
  fi
  [ "$mode" = dry-run ] && exit $status
  read -r -a missing <<<"$(missing_packages)"
  [ ${#missing[@]} -eq 0 ] && { echo "system: all installed"; exit $status; }
fi
cat >&2 <<MSG
ashyq setup: warning: not installed: ${missing[*]}
  Install them with:  sudo apt-get install -y ${missing[*]}
  Without OCR, images of text and scanned PDFs are not read (the report says so); without
  the fonts, Kazakh text may render in a fallback font; without PostgreSQL and Redis, the
  tests that need them fail.
MSG
exit $status
