"""`ashyq report`: re-render the reports of a result.json; `--format pdf` prints it too."""

from __future__ import annotations

import argparse
from pathlib import Path

from tester.cli.args import parse_formats, settings_from_args
from tester.cli.exits import EXIT_OK, UsageError
from tester.cli.helptext import FORMAT_IDS, IdsHelpFormatter
from tester.cli.printing import PRINTED_HELP, print_report, split_printed
from tester.i18n import LANGUAGES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="re-render reports from a result.json",
                            formatter_class=IdsHelpFormatter)
    report.add_argument("result", type=Path, help="path to result.json (or its folder)")
    report.add_argument("--out", type=Path, help="folder to write to (default: beside result.json)")
    report.add_argument("--lang", choices=LANGUAGES,
                        help="report language (default: the run's); messages are re-told in it, "
                        "axe-core's help too where a locale file is found (env ASHYQ_AXE_LOCALES)")
    report.add_argument(
        "--format", "--formats", dest="formats", metavar="FORMATS",
        help="files to write, comma-separated (default: every one of "
        f"{FORMAT_IDS}; {PRINTED_HELP})",
    )
    report.add_argument("--executable-path", help="Chromium binary to print with (for pdf)")
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from tester.report import ReportError, load_result, report_formats, write_report
    from tester.report.files import copy_screenshots

    parsed = parse_formats(args.formats, "--format")
    asked, wants_pdf = split_printed(parsed)
    path = args.result / "result.json" if args.result.is_dir() else args.result
    try:
        result = load_result(path)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    out_dir = args.out or path.parent
    language = args.lang or str(result.settings.get("report_language", "en"))
    same_folder = Path(out_dir).resolve() == path.parent.resolve()
    formats = list(asked) if asked is not None else [f.id for f in report_formats().values()]
    if same_folder:  # re-rendered beside its result.json: every format but the result itself
        formats = [fmt for fmt in formats if fmt != "json"]
    try:
        paths = write_report(result, out_dir, language, formats=formats)
        # Elsewhere, the report's images must come along (they are relative to the report).
        copy_screenshots(result, path.parent, out_dir)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    # What was asked for: the HTML report by default (as before --format), else each file.
    shown = [paths["html"]] if parsed is None and "html" in paths else [
        written for fmt, written in paths.items() if fmt in (parsed or ()) and fmt != "json"
    ]
    if wants_pdf:
        shown.append(print_report(paths["html"], settings_from_args(args)))
    for written in shown or [paths.get("json", path)]:
        print(Path(written).resolve())
    return EXIT_OK
