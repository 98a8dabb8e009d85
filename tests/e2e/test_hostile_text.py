"""Untrusted text never breaks the tool: pages that put lone surrogates, half emoji, NUL, terminal
escape sequences and 10,000-character strings into titles, links, alts, labels, dialogs and
errors still get a complete report (tests/fixtures/hostile-text/)."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tester.model import RunResult

pytestmark = pytest.mark.e2e

ALLOWED_CONTROLS = {"\n", "\t"}


def ashyq(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tester", *args], capture_output=True, text=True, timeout=timeout
    )


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def unsafe_characters(text: str) -> list[str]:
    return [
        f"U+{ord(ch):04X}"
        for ch in text
        if 0xD800 <= ord(ch) <= 0xDFFF
        or (unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS)
    ]


def load_written_report(out: Path) -> RunResult:
    """The run folder holds a strict-UTF-8 result.json that loads, and an HTML report."""
    raw = (out / "result.json").read_bytes().decode("utf-8")  # strict: raises on bad text
    data = json.loads(raw)
    bad = {s[:60]: unsafe_characters(s) for s in strings_in(data) if unsafe_characters(s)}
    assert not bad, f"unsafe characters kept in result.json: {bad}"
    assert (out / "index.html").is_file()
    (out / "index.html").read_bytes().decode("utf-8")
    return RunResult.from_json(raw)


@pytest.fixture(scope="module")
def hostile_text(serve_fixture):
    return serve_fixture("hostile-text")


def test_check_writes_a_clean_report_for_pages_full_of_hostile_text(hostile_text, tmp_path):
    out = tmp_path / "check"
    proc = ashyq(
        "check", hostile_text.url_for("/"), hostile_text.url_for("/emoji.html"), "--out", str(out)
    )
    assert proc.returncode in (0, 2), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert "\x1b" not in proc.stdout + proc.stderr  # no page escape sequence reached the terminal
    result = load_written_report(out)
    pages = {p.url.rsplit("/", 1)[-1]: p for site in result.sites for p in site.pages}

    home = pages[""]
    assert home.error is None and home.axe_status == "ok"
    # The lone surrogates and the half emoji are visible as U+FFFD, never dropped silently;
    # the 10,000 x's are capped with an ellipsis.
    assert home.title.startswith("lone \ufffd high and \ufffd low | cut\ufffd |")
    assert len(home.title) <= 500 and home.title.endswith("…")
    image_alt = next(f for f in home.findings if f.rule == "image-alt")
    assert "\ufffd" in image_alt.snippet and "\ufffd" in image_alt.selector + image_alt.snippet
    assert len(image_alt.snippet) <= 500

    # Astral characters and combining sequences cut by length stay whole.
    emoji = pages["emoji.html"]
    assert emoji.title and set(emoji.title) <= {"😀", "…"}
    assert emoji.lang == "kk"


def test_run_with_tasks_survives_hostile_text_in_links_and_dialogs(hostile_text, tmp_path):
    out = tmp_path / "run"
    proc = ashyq(
        "run", hostile_text.url_for("/"), "--tasks", "find-contacts", "--checks", "none",
        "--max-pages", "3", "--out", str(out),
    )
    assert proc.returncode in (0, 2), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert "\x1b" not in proc.stdout + proc.stderr  # no page escape sequence reached the terminal
    result = load_written_report(out)
    site = result.sites[0]
    assert site.error is None
    task = next(t for t in site.tasks if t.id == "find-contacts")
    assert task.status == "passed", task.message  # the hostile labels did not derail navigation
    titles = [p.title for p in site.pages]
    assert any(t.startswith("lone \ufffd high") for t in titles)
