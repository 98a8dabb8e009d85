"""scripts/ensure-system.sh, the system half of `make setup`: it finds what is missing and says
exactly what it installs (dry run) or what to install (never), and only a missing Chromium stops
it. Nothing is installed here: ASHYQ_SETUP_INSTALL=dry-run prints the apt-get commands."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from machine_path import path_without

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "ensure-system.sh"
VENV = sys.prefix  # the script asks this venv's Playwright where its Chromium is
OCR = ["tesseract-ocr", "tesseract-ocr-kaz", "tesseract-ocr-rus", "tesseract-ocr-eng",
       "poppler-utils"]
EVERYTHING_ELSE = "tesseract-ocr poppler-utils postgresql redis-server"


def setup(mode: str, pretend: str = "", path: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "ASHYQ_SETUP_INSTALL": mode, "ASHYQ_SETUP_PRETEND_MISSING": pretend}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        ["bash", str(SCRIPT), VENV], capture_output=True, text=True, timeout=120, env=env,
        stdin=subprocess.DEVNULL,
    )


def as_root() -> bool:
    return os.geteuid() == 0


@pytest.mark.skipif(not as_root(), reason="the dry run shows the root plan")
def test_dry_run_installs_each_missing_package_with_one_update() -> None:
    done = setup("dry-run", "tesseract-ocr-kaz postgresql redis-server")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("would run:")]
    assert lines == [
        "would run: apt-get update",
        "would run: apt-get install -y tesseract-ocr-kaz postgresql redis-server",
    ]


@pytest.mark.skipif(not as_root(), reason="the dry run shows the root plan")
def test_dry_run_without_a_browser_tries_playwright_then_debian_chromium() -> None:
    done = setup("dry-run", f"chromium {EVERYTHING_ELSE}")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("would run:")]
    assert lines == [
        f"would run: {VENV}/bin/playwright install chromium",
        "would run: apt-get update",
        "would run: apt-get install -y chromium",
        f"would run: apt-get install -y {' '.join(OCR)} postgresql redis-server",
    ]


def test_a_complete_machine_needs_nothing() -> None:
    done = setup("dry-run")
    if "not installed" in done.stderr or "would run" in done.stdout:
        pytest.skip("this machine itself lacks some system package")
    assert done.returncode == 0
    assert "browser: " in done.stdout and "are installed" in done.stdout


def test_missing_ocr_is_a_warning_with_the_exact_command(tmp_path: Path) -> None:
    # Real absence: tesseract and poppler are not on this PATH.
    path = path_without(tmp_path / "bin", {"tesseract", "pdftotext", "pdftoppm"})
    done = setup("never", path=path)
    assert done.returncode == 0, done.stderr
    assert "warning: not installed: " + " ".join(OCR) in done.stderr
    assert "sudo apt-get install -y " + " ".join(OCR) in done.stderr


def test_missing_fonts_are_a_warning_and_present_ones_are_not_named() -> None:
    done = setup("never", "fonts-liberation")
    assert done.returncode == 0, done.stderr
    assert "sudo apt-get install -y fonts-liberation" in done.stderr
    dejavu = subprocess.run(["fc-list", "DejaVu Sans", "family"], capture_output=True,
                            text=True).stdout if shutil.which("fc-list") else "assumed"
    if dejavu.strip():  # installed here, so not named
        assert "fonts-dejavu-core" not in done.stderr


def test_missing_chromium_stops_setup_with_how_to_get_one() -> None:
    done = setup("never", "chromium")
    assert done.returncode == 1
    assert "no Chromium" in done.stderr and "apt-get install chromium" in done.stderr


def test_unknown_mode_is_refused() -> None:
    done = setup("sometimes")
    assert done.returncode == 1 and "must be auto, dry-run or never" in done.stderr
