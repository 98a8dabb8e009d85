"""text: a plain-text summary, one line per site (a report format is a pure function)."""

from __future__ import annotations

from tester.model import RunResult
from tester.report.base import ReportFormat


def render_text(result: RunResult, language: str) -> str:
    lines = []
    for site in result.sites:
        passed = sum(task.status == "passed" for task in site.tasks)
        failed = [c.id for page in site.pages for c in page.checks if c.status == "failed"]
        failed += [c.id for c in site.checks if c.status == "failed"]
        lines.append(f"{site.url}: {passed}/{len(site.tasks)} tasks passed; "
                     f"failed checks: {', '.join(sorted(set(failed))) or 'none'}")
    return "\n".join(lines) + "\n"


FORMAT = ReportFormat("text", "summary.txt", render_text,
                      title="one line per site: tasks passed and checks failed")
