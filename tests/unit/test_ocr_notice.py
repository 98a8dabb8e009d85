"""The run says when OCR is missing (notice `ocr-missing`), and is silent when it is installed.

Absence is simulated for real: a child process gets a PATH whose folder holds every program of
the machine's PATH except the OCR tools, or a stand-in tesseract without Kazakh data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from machine_path import path_without

from tester.checks.lowvision.ocr import OcrCapabilities, ocr_missing_notice

OCR_TOOLS = {"tesseract", "pdftotext", "pdftoppm"}
ALL_OCR_PACKAGES = ["tesseract-ocr", "tesseract-ocr-kaz", "tesseract-ocr-rus", "poppler-utils"]
FULL = OcrCapabilities("/usr/bin/tesseract", frozenset({"eng", "kaz", "rus"}), "/x", "/y")


def notices_in_child(path: str) -> dict[str, list[dict]]:
    """{checks depth: notices of a new run} in a child process that sees only `path`."""
    script = (
        "import json\n"
        "from tester.config import load_settings\n"
        "from tester.runner import new_result\n"
        "print(json.dumps({depth: [n.model_dump() for n in new_result(\n"
        "    load_settings().with_overrides(checks=depth), 'run').notices]\n"
        "    for depth in ('all', 'lowvision', 'axe')}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PATH": path},
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_missing_lists_the_debian_packages_to_install() -> None:
    assert FULL.missing == []
    assert OcrCapabilities(None, frozenset(), None, None).missing == ALL_OCR_PACKAGES
    no_kazakh = OcrCapabilities("/t", frozenset({"eng", "rus"}), "/x", "/y")
    assert no_kazakh.missing == ["tesseract-ocr-kaz"]
    assert OcrCapabilities("/t", frozenset({"kaz", "rus"}), None, "/y").missing == [
        "poppler-utils"
    ]


def test_notice_only_when_something_is_missing() -> None:
    assert ocr_missing_notice(FULL) is None
    notice = ocr_missing_notice(OcrCapabilities(None, frozenset(), None, None))
    assert notice is not None and notice.id == "ocr-missing"
    assert notice.data == {"missing": ALL_OCR_PACKAGES}
    assert "tesseract-ocr-kaz" in notice.message


def test_a_machine_without_ocr_tools_gets_the_notice(tmp_path: Path) -> None:
    notices = notices_in_child(path_without(tmp_path / "bin", OCR_TOOLS))
    assert notices["all"] == notices["lowvision"]
    assert [n["id"] for n in notices["all"]] == ["ocr-missing"]
    assert notices["all"][0]["data"]["missing"] == ALL_OCR_PACKAGES
    # Page checks without the low-vision battery never use OCR: nothing to say then.
    assert notices["axe"] == []


def test_tesseract_without_kazakh_data_gets_the_notice(tmp_path: Path) -> None:
    path = path_without(tmp_path / "bin", {"tesseract"})
    fake = tmp_path / "bin" / "tesseract"
    listing = 'List of available languages in "/x" (2):\\neng\\nrus\\n'
    fake.write_text(f"#!/bin/sh\nprintf '{listing}'\n")
    fake.chmod(0o755)
    notices = notices_in_child(path)
    expected = ["tesseract-ocr-kaz"]
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        expected.append("poppler-utils")
    assert [n["data"]["missing"] for n in notices["all"]] == [expected]


@pytest.mark.skipif(
    not all(map(shutil.which, OCR_TOOLS)), reason="this machine lacks OCR tools itself"
)
def test_a_machine_with_ocr_installed_gets_no_notice() -> None:
    assert notices_in_child(os.environ["PATH"]) == {"all": [], "lowvision": [], "axe": []}
