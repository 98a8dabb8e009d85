"""write_report / load_result: the only functions of the report layer that touch files."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import ValidationError

from tester.model import SCHEMA_VERSION, RunResult
from tester.report.compare import MIN_SITES, render_csv
from tester.report.errors import ReportError
from tester.report.html import render_html
from tester.report.i18n import Translator
from tester.report.junit import render_junit
from tester.report.markdown import render_markdown
from tester.report.sarif import render_sarif

FILE_NAMES = {
    "json": "result.json",
    "html": "index.html",
    "junit": "junit.xml",
    "markdown": "summary.md",
    "sarif": "results.sarif",
    "csv": "comparison.csv",  # sites side by side; only written for a run of 2+ sites
}
ALL_FORMATS = tuple(FILE_NAMES)
MULTI_SITE_FORMATS = ("csv",)


def _renderers(language: str) -> dict[str, Callable[[RunResult], str]]:
    return {
        "json": lambda r: r.to_json() + "\n",
        "html": lambda r: render_html(r, language),
        "junit": render_junit,
        "markdown": lambda r: render_markdown(r, language),
        "sarif": render_sarif,
        "csv": render_csv,
    }


def write_report(
    result: RunResult,
    out_dir: Path,
    language: str = "en",
    formats: Iterable[str] = ALL_FORMATS,
) -> dict[str, Path]:
    """Render `formats` of `result` into `out_dir`; returns {format: path written}.

    "csv" (comparison.csv) is left out, and not in the returned dict, for a one-site run.
    """
    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FILE_NAMES]
    if unknown:
        raise ReportError(
            f"unknown report format(s) {', '.join(unknown)}; known: {', '.join(ALL_FORMATS)}"
        )
    Translator(language)  # fail on a bad language before anything is written
    renderers = _renderers(language)
    if len(result.sites) < MIN_SITES:
        wanted = [fmt for fmt in wanted if fmt not in MULTI_SITE_FORMATS]
    texts = {fmt: renderers[fmt](result) for fmt in wanted}  # render all, then write
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written: dict[str, Path] = {}
        for fmt, text in texts.items():
            path = out_dir / FILE_NAMES[fmt]
            path.write_text(text, encoding="utf-8")
            written[fmt] = path
    except OSError as exc:
        raise ReportError(f"cannot write the report to {out_dir}: {exc.strerror or exc}") from exc
    return written


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "(top level)"
    more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {error['msg']}{more}"


def load_result(path: Path) -> RunResult:
    """Read a result.json (or a run folder holding one); ReportError with a one-line reason."""
    path = Path(path)
    if path.is_dir():
        path = path / FILE_NAMES["json"]
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ReportError(f"{path}: not a UTF-8 text file") from None
    except OSError as exc:
        raise ReportError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise ReportError(f"{path}: not an ashyq result (expected a JSON object)")
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ReportError(
            f"{path}: result schema {version or 'missing'} is not readable by this ashyq "
            f"(schema {SCHEMA_VERSION})"
        )
    try:
        return RunResult.model_validate(data)
    except ValidationError as exc:
        raise ReportError(f"{path}: not a valid ashyq result ({_first_error(exc)})") from None
