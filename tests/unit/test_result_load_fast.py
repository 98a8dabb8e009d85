"""load_result's fast path: pydantic-core parses the file and refuses lone surrogates, so the
per-model surrogate check is skipped. A file with a lone surrogate escape at any depth is still
repaired (the slow path); one without loads to exactly what the full check gives; invalid and
old files still fail in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic_core import from_json

from tester.model import RunResult
from tester.report.errors import ReportError
from tester.report.files import load_result
from tester.textsafe import REPLACEMENT

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "demo" / "result.json"


@pytest.mark.parametrize("escaped", ["\\ud800", "\\udc00", "a\\ud800\\u0041", "\\udc00\\ud800"])
def test_the_fast_parser_refuses_lone_surrogates(escaped: str) -> None:
    """What the fast path relies on to skip the per-model check (pydantic-core's JSON parser)."""
    with pytest.raises(ValueError):
        from_json(f'{{"k": "{escaped}"}}'.encode())
    assert from_json(b'{"k": "\\ud83d\\ude00"}') == {"k": "😀"}  # a pair is a character


def test_a_clean_file_loads_as_the_full_check_loads_it() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    assert load_result(GOLDEN) == RunResult.model_validate(json.loads(text))


def test_lone_surrogates_are_repaired_at_every_depth(tmp_path: Path) -> None:
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    data["settings"]["note\ud800"] = "x"
    data["sites"][0]["pages"][0]["findings"][0]["snippet"] = "<a>\udfff</a>"
    data["sites"][0]["tasks"][0]["steps"][0]["label_values"] = {"v": ["\ud83d"]}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # ensure_ascii: written as \\u escapes
    result = load_result(path)
    assert result.sites[0].pages[0].findings[0].snippet == f"<a>{REPLACEMENT}</a>"
    assert result.sites[0].tasks[0].steps[0].label_values == {"v": [REPLACEMENT]}
    assert f"note{REPLACEMENT}" in result.settings
    result.to_json().encode("utf-8")  # writable again


@pytest.mark.parametrize("change,reason", [
    (lambda d: d["sites"][0].update(pages="many"), "not a valid ashyq result (sites.0.pages"),
    (lambda d: d["sites"][0]["pages"][0].update(unknown=1), "not a valid ashyq result"),
    (lambda d: d.update(schema_version="0.9"), "result schema 0.9 is not readable"),
])
def test_invalid_and_old_files_fail_in_one_line(tmp_path: Path, change, reason: str) -> None:
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "result.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReportError) as error:
        load_result(path)
    assert reason in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize("raw,reason", [
    (b'{"schema_version": "1.0", "x": "\xff"}', "not a UTF-8 text file"),
    (b'{"schema_version": "1.0",', "not valid JSON (line 1"),
    (b'\xef\xbb\xbf{"schema_version": "1.0"}', "not valid JSON (line 1: Unexpected UTF-8 BOM"),
    (b"[1, 2]", "not an ashyq result (expected a JSON object)"),
    (b"null", "not an ashyq result (expected a JSON object)"),
    (b"[" * 100_000 + b"]" * 100_000, "not valid JSON (nested too deeply)"),
])
def test_unreadable_files_say_why_in_one_line(tmp_path: Path, raw: bytes, reason: str) -> None:
    path = tmp_path / "result.json"
    path.write_bytes(raw)
    with pytest.raises(ReportError) as error:
        load_result(tmp_path)
    assert reason in str(error.value) and "\n" not in str(error.value)
