"""Page-derived text printed to the terminal: control sequences shown, never sent."""

from __future__ import annotations

import io

import pytest

from tester.cli.audit import _progress
from tester.config import Settings
from tester.runner import stderr_progress
from tester.terminal import say, terminal_safe

HOSTILE = "Title\x1b]0;pwned\x07 and \x1b[2J cleared\nforged line\r\x9b31m\u202eevil"


def test_escape_sequences_are_made_visible() -> None:
    safe = terminal_safe(HOSTILE)
    assert safe == (
        "Title\\x1b]0;pwned\\x07 and \\x1b[2J cleared\\x0aforged line\\x0d\\x9b31m\\u202eevil"
    )
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in safe)


def test_ordinary_text_is_unchanged() -> None:
    text = "  [3] http://127.0.0.1:8000/kk/байланыс.html: Қазақша — 2 axe findings ✓"
    assert terminal_safe(text) == text


def test_lone_surrogates_cannot_break_printing() -> None:
    stream = io.StringIO()
    say("broken \ud83d half", stream)
    assert stream.getvalue() == "broken \\ud83d half\n"
    stream.getvalue().encode("utf-8")  # printable on a UTF-8 terminal


@pytest.mark.parametrize("printer", ["progress", "runner"])
def test_progress_lines_are_escaped(printer: str, capsys: pytest.CaptureFixture[str]) -> None:
    line = f"  [1] http://127.0.0.1:1/: {HOSTILE}"
    if printer == "progress":
        _progress(quiet=False, settings=Settings())(line)
    else:
        stderr_progress(line)
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;pwned\\x07" in err
    assert err.count("\n") == 1  # the forged newline stayed inside the one line


def test_quiet_progress_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    _progress(quiet=True, settings=Settings())("anything")
    assert capsys.readouterr().err == ""
