"""`ashyq report`: re-render the reports of a result.json."""

from __future__ import annotations

import argparse
from pathlib import Path

from tester.cli.exits import EXIT_OK, UsageError
from tester.i18n import LANGUAGES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="re-render reports from a result.json")
    report.add_argument("result", type=Path, help="path to result.json (or its folder)")
    report.add_argument("--out", type=Path, help="folder to write to (default: beside result.json)")
    report.add_argument("--lang", choices=LANGUAGES,
                        help="report language (default: the run's); messages are re-told in it")
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from tester.report import ReportError, load_result, report_formats, write_report
    from tester.report.files import copy_screenshots

    path = args.result / "result.json" if args.result.is_dir() else args.result
    try:
        result = load_result(path)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    out_dir = args.out or path.parent
    language = args.lang or str(result.settings.get("report_language", "en"))
    same_folder = Path(out_dir).resolve() == path.parent.resolve()
    # Re-rendered beside its result.json: every format but the result itself.
    formats = [f.id for f in report_formats().values() if f.id != "json"] if same_folder else None
    try:
        paths = write_report(result, out_dir, language, **({"formats": formats} if formats else {}))
        # Elsewhere, the report's images must come along (they are relative to the report).
        copy_screenshots(result, path.parent, out_dir)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    print(Path(paths.get("html", out_dir / "index.html")).resolve())
    return EXIT_OK
