"""The report layer: pure renderers from a RunResult to HTML, JUnit, Markdown, SARIF and CSV.

Only `write_report` and `load_result` touch files; everything else is a pure function of the
result, so `ashyq report result.json` re-renders a run without a browser.
"""

from tester.report.compare import build_comparison, render_csv
from tester.report.errors import ReportError
from tester.report.files import ALL_FORMATS, FILE_NAMES, load_result, write_report
from tester.report.html import render_html
from tester.report.i18n import LANGUAGES, messages
from tester.report.junit import render_junit
from tester.report.markdown import render_markdown
from tester.report.sarif import render_sarif

__all__ = [
    "ALL_FORMATS",
    "FILE_NAMES",
    "LANGUAGES",
    "ReportError",
    "build_comparison",
    "load_result",
    "messages",
    "render_csv",
    "render_html",
    "render_junit",
    "render_markdown",
    "render_sarif",
    "write_report",
]
