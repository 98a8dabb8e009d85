"""Report formats printed through Chromium after the pure renders: today `pdf` (report.pdf).

The registered formats (tester.registry) are pure functions of the result; a PDF needs a
browser, which tester.report may not import. So `pdf` is a format of the command line only:
--formats/--format accept it, the pure formats are rendered first (index.html always among
them, since the PDF is printed from it), then index.html is printed to report.pdf here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from tester.cli.exits import UsageError
from tester.config import Settings
from tester.registry import PRINTED_FORMATS

PDF_FORMAT = PRINTED_FORMATS[0]  # "pdf": reserved in the registry, so no plugin takes it
PDF_FILE = "report.pdf"
PRINTED_HELP = "pdf prints index.html to report.pdf through Chromium"


def split_printed(formats: Sequence[str] | None) -> tuple[tuple[str, ...] | None, bool]:
    """(the formats to render, whether to print a PDF): `pdf` leaves the list and brings
    `html` in. None (every registered format) stays None and prints nothing."""
    if formats is None:
        return None, False
    wanted = PDF_FORMAT in formats
    pure = [fmt for fmt in formats if fmt not in PRINTED_FORMATS]
    if wanted and "html" not in pure:
        pure.append("html")
    return tuple(pure), wanted


def print_report(index_html: Path, settings: Settings) -> Path:
    """Print a rendered index.html to report.pdf beside it; UsageError (exit 1, one line) when
    Chromium is missing or the page cannot be printed."""
    from tester.browser.pdf import PdfError, pdf_path, print_to_pdf

    try:
        (printed,) = print_to_pdf([index_html], settings)
    except PdfError as exc:
        raise UsageError(f"PDF not written: {exc}") from None
    target = Path(index_html).parent / PDF_FILE
    try:
        os.replace(printed, target)
    except OSError as exc:
        pdf_path(index_html).unlink(missing_ok=True)
        raise UsageError(f"PDF not written: cannot write {target}: {exc.strerror or exc}") from None
    return target
