#!/usr/bin/env bash
# Make sure a Chromium ashyq can drive exists: one already installed (Playwright's own or the
# system's), else Playwright's own download, else Debian's `chromium` package, else say how.
set -u
venv=${1:-.venv}
have_chromium() {
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
if found=$(have_chromium); then echo "browser: $found"; exit 0; fi
echo "browser: trying Playwright's own Chromium download…"
if timeout 300 "$venv/bin/playwright" install chromium >/tmp/ashyq-playwright-install.log 2>&1; then
  found=$(have_chromium) && { echo "browser: $found"; exit 0; }
fi
if command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
  if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
    echo "browser: installing Debian's chromium package…"
    $sudo apt-get update -qq >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null 2>&1 \
      || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium-browser >/dev/null 2>&1
    found=$(have_chromium) && { echo "browser: $found"; exit 0; }
  fi
fi
cat >&2 <<'MSG'
ashyq: no Chromium could be installed. Get one of:
  - Playwright's own:  .venv/bin/playwright install chromium   (needs internet access)
  - Debian/Ubuntu:     sudo apt-get install chromium
  - any Chromium/Chrome, then set executable_path in playwright.config.toml
MSG
exit 1
