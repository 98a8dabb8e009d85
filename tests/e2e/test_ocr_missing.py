"""A run on a machine without OCR says so in its summary, not only in a skipped check.

The machine is made OCR-less for one real `ashyq check`: its PATH is a folder of links to every
program on this PATH except tesseract and poppler's tools.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from machine_path import path_without

from tester.model import RunResult

pytestmark = pytest.mark.e2e

OCR_TOOLS = {"tesseract", "pdftotext", "pdftoppm"}


def check(url: str, out: Path, path: str) -> RunResult:
    proc = subprocess.run(
        [sys.executable, "-m", "tester", "check", url, "--out", str(out)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "PATH": path},
    )
    assert proc.returncode in (0, 2), proc.stderr[-2000:]
    return RunResult.from_json((out / "result.json").read_text(encoding="utf-8"))


def test_run_without_ocr_names_what_is_missing_in_result_and_summary(demo_site, tmp_path):
    result = check(demo_site.url, tmp_path / "out", path_without(tmp_path / "bin", OCR_TOOLS))
    assert [n.id for n in result.notices] == ["ocr-missing"]
    assert "tesseract-ocr-kaz" in result.notices[0].data["missing"]
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8").lower()
    head = summary[: summary.find("\n## ")] if "\n## " in summary else summary
    assert "ocr" in head or "tesseract" in head, "the summary's opening must say OCR is missing"


@pytest.mark.skipif(not all(map(shutil.which, OCR_TOOLS)), reason="no OCR on this machine")
def test_run_with_ocr_has_no_ocr_notice(demo_site, tmp_path):
    result = check(demo_site.url, tmp_path / "out", os.environ["PATH"])
    assert "ocr-missing" not in [n.id for n in result.notices]
