"""write_report / load_result: the only functions of the report layer that touch files."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import from_json

from tester.model import SCHEMA_VERSION, SURROGATE_FREE, RunResult
from tester.report.base import ReportFormat
from tester.report.errors import ReportError
from tester.report.html import is_screenshot
from tester.report.summary import safe_asset, translator

RESULT_FILE = "result.json"
JSON_FORMAT = ReportFormat(
    "json", RESULT_FILE, lambda result, _language: result.to_json() + "\n",
    title="result.json, the contract every other format is rendered from (always written)",
)


def report_formats() -> dict[str, ReportFormat]:
    """The registered report formats by id, in order (built-ins, then plugins)."""
    from tester.registry import report_formats as registered

    return {fmt.id: fmt for fmt in registered()}


def file_names() -> dict[str, str]:
    """{format id: the file it writes}, e.g. {"json": "result.json", "html": "index.html", ...}."""
    return {fmt.id: fmt.file_name for fmt in report_formats().values()}


def write_report(
    result: RunResult,
    out_dir: Path,
    language: str = "en",
    formats: Iterable[str] | None = None,
) -> dict[str, Path]:
    """Render `formats` (default: every registered one) of `result` into `out_dir`; returns
    {format: path written}.

    A format for runs of several sites ("csv", comparison.csv) is left out, and not in the
    returned dict, for a run of fewer sites.
    """
    known = report_formats()
    wanted = list(dict.fromkeys(known if formats is None else formats))
    unknown = [f for f in wanted if f not in known]
    if unknown:
        raise ReportError(
            f"unknown report format(s) {', '.join(unknown)}; known: {', '.join(known)}"
        )
    translator(language)  # fail on a bad language before anything is written
    wanted = [fmt for fmt in wanted if len(result.sites) >= known[fmt].min_sites]
    texts = {fmt: known[fmt].render(result, language) for fmt in wanted}  # render, then write
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written: dict[str, Path] = {}
        for fmt, text in texts.items():
            path = out_dir / known[fmt].file_name
            path.write_text(text, encoding="utf-8")
            written[fmt] = path
    except OSError as exc:
        raise ReportError(f"cannot write the report to {out_dir}: {exc.strerror or exc}") from exc
    return written


def _referenced_files(value: Any, key: str = "") -> Iterator[str]:
    """Every run-folder file a result refers to: `screenshot` fields anywhere, and screenshot
    paths inside evidence and data (the report links those too)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _referenced_files(v, str(k))
    elif isinstance(value, list):
        for item in value:
            yield from _referenced_files(item, key)
    elif isinstance(value, str) and (key == "screenshot" or is_screenshot(value)):
        yield value


def copy_screenshots(result: RunResult, from_dir: Path, to_dir: Path) -> int:
    """Copy the files `result` refers to from its run folder into `to_dir`, so a report rendered
    elsewhere shows them; returns how many were copied.

    result.json may have been edited by anyone, so a path is only followed when it is relative
    and stays inside `from_dir` (no absolute paths, no `..`, no symlink leading out); anything
    else is skipped, and the report shows no image for it.
    """
    source_root, target_root = Path(from_dir).resolve(), Path(to_dir).resolve()
    if source_root == target_root:
        return 0
    copied = 0
    for rel in sorted(set(_referenced_files(result.model_dump(mode="json")))):
        if safe_asset(rel) is None:
            continue
        source = (source_root / rel).resolve()
        if not source.is_relative_to(source_root) or not source.is_file():
            continue
        target = target_root / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        except OSError as exc:
            raise ReportError(f"cannot copy {rel} to {to_dir}: {exc.strerror or exc}") from exc
        copied += 1
    return copied


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "(top level)"
    more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {error['msg']}{more}"


def _parsed_fast(raw: bytes) -> tuple[bool, Any]:
    """(True, the JSON) parsed in Rust: the same values as json.loads, and a guarantee that no
    string holds a lone surrogate (it refuses those, and invalid UTF-8); (False, None) when it
    refuses the file: the standard parser then repairs or says what is wrong."""
    try:
        return True, from_json(raw)
    except ValueError:
        return False, None


def load_result(path: Path) -> RunResult:
    """Read a result.json (or a run folder holding one); ReportError with a one-line reason."""
    path = Path(path)
    if path.is_dir():
        path = path / RESULT_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file") from None
    except OSError as exc:
        raise ReportError(f"{path}: cannot read ({exc.strerror or exc})") from None
    # Fast path (a 20,000-finding run loads 3x faster): Rust parses the bytes, and as it refuses
    # lone surrogates, the per-model surrogate check can be skipped.
    surrogate_free, data = _parsed_fast(raw)
    if not surrogate_free:
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise ReportError(f"{path}: not a UTF-8 text file") from None
        except json.JSONDecodeError as exc:
            raise ReportError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
        except RecursionError:  # a hostile file of nested brackets
            raise ReportError(f"{path}: not valid JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise ReportError(f"{path}: not an ashyq result (expected a JSON object)")
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ReportError(
            f"{path}: result schema {version or 'missing'} is not readable by this ashyq "
            f"(schema {SCHEMA_VERSION})"
        )
    try:
        context = {SURROGATE_FREE: True} if surrogate_free else None
        return RunResult.model_validate(data, context=context)
    except ValidationError as exc:
        raise ReportError(f"{path}: not a valid ashyq result ({_first_error(exc)})") from None
