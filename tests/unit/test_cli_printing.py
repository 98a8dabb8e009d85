"""`pdf` as a format of the command line: accepted by --formats/--format, taken out of the pure
renders (which then include html, the page it is printed from), never given to write_report."""

from __future__ import annotations

import pytest

from tester.cli.args import parse_formats
from tester.cli.exits import UsageError
from tester.cli.printing import split_printed
from tester.registry import report_format_ids


def test_pdf_is_accepted_and_brings_html_in() -> None:
    assert split_printed(parse_formats("pdf")) == (("json", "html"), True)
    assert split_printed(parse_formats("sarif,PDF")) == (("json", "sarif", "html"), True)
    assert split_printed(parse_formats("html,pdf")) == (("json", "html"), True)
    assert "pdf" not in report_format_ids()  # a printed format, not a pure render


def test_without_pdf_nothing_is_printed() -> None:
    assert split_printed(parse_formats(None)) == (None, False)  # the default: every pure format
    assert split_printed(parse_formats("junit")) == (("json", "junit"), False)


def test_unknown_format_names_the_flag_and_lists_pdf() -> None:
    with pytest.raises(UsageError) as error:
        parse_formats("html,docx", "--format")
    message = str(error.value)
    assert message.startswith("--format: unknown format 'docx'; use ") and "pdf" in message
    with pytest.raises(UsageError, match="^--formats: unknown format 'xls'"):
        parse_formats("xls")
