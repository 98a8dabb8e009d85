"""The report layer: pure renderers from a RunResult to HTML, JUnit, Markdown, SARIF and CSV.

Only `write_report` and `load_result` touch files; everything else is a pure function of the
result, so `ashyq report result.json` re-renders a run without a browser.
"""

from tester.report.base import ReportFormat
from tester.report.compare import build_comparison, render_csv
from tester.report.errors import ReportError
from tester.report.files import file_names, load_result, report_formats, write_report
from tester.report.html import render_html
from tester.report.junit import render_junit
from tester.report.markdown import render_markdown
from tester.report.sarif import render_sarif

__all__ = [
    "ReportError",
    "ReportFormat",
    "build_comparison",
    "file_names",
    "load_result",
    "render_csv",
    "render_html",
    "render_junit",
    "render_markdown",
    "render_sarif",
    "report_formats",
    "write_report",
]
