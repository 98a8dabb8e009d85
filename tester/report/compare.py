"""Sites side by side: the comparison of a multi-site run (HTML section, summary.md, CSV).

Built only when a run has two or more sites; a one-site run has nothing to compare, so
`build_comparison` returns None and no section or comparison.csv is produced.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from tester.gate import confirmed
from tester.model import RunResult, SiteResult, TaskResult
from tester.report import summary as s
from tester.report.base import ReportFormat

MIN_SITES = 2
# The four scores of tester/scores.py, always shown (missing ones as "—") so columns line up.
SCORE_KEYS = ("tasks", "accessibility", "low_vision", "kazakh_rules")
AXE_IMPACTS = ("critical", "serious")
# Spreadsheets run a cell starting with one of these as a formula (CSV injection); tab and CR
# are listed by OWASP too because some programs strip them before parsing.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CSV_TEXT_LIMIT = 500
# Excel reads a CSV as the local code page unless it starts with a byte-order mark, which would
# garble Kazakh and Russian site names; csv readers skip it with encoding="utf-8-sig".
_BOM = "\ufeff"


@dataclass(frozen=True)
class SiteRow:
    number: int  # 1-based run order; the site's section in index.html is #site-<number>
    name: str
    url: str
    scores: dict[str, float | None]
    tasks: dict[str, str | None]  # task id -> status; None when the site did not run it
    axe: dict[str, int]  # axe-core violations (not needs-review) by impact
    pages: int
    failed_checks: int  # site checks with status "failed"
    seconds: float
    error: str | None
    error_code: str | None = None  # set: the site could not be audited (see SiteResult)

    def score_text(self, key: str) -> str | None:
        """The score rounded as the site's score tiles show it; None when not measured."""
        value = self.scores.get(key)
        return None if value is None else str(round(value))


@dataclass(frozen=True)
class Comparison:
    score_keys: tuple[str, ...]
    tasks: list[TaskResult]  # one per task id, in order of first appearance (titles, ids)
    rows: list[SiteRow]


def _axe_counts(site: SiteResult) -> dict[str, int]:
    counts = dict.fromkeys(AXE_IMPACTS, 0)
    for finding in s.site_findings(site):
        if finding.source == "axe" and confirmed(finding) and finding.impact in counts:
            counts[finding.impact] += 1
    return counts


def _score_keys(result: RunResult) -> tuple[str, ...]:
    # The known four first, then any score a newer producer added, so nothing is dropped.
    extra = [key for site in result.sites for key in site.scores if key not in SCORE_KEYS]
    return SCORE_KEYS + tuple(dict.fromkeys(extra))


def build_comparison(result: RunResult) -> Comparison | None:
    """The comparison table of `result`, or None when it has fewer than two sites."""
    if len(result.sites) < MIN_SITES:
        return None
    tasks: dict[str, TaskResult] = {}
    for site in result.sites:
        for task in site.tasks:
            tasks.setdefault(task.id, task)
    keys = _score_keys(result)
    rows = []
    for number, site in enumerate(result.sites, 1):
        statuses = {task.id: task.status for task in site.tasks}
        rows.append(SiteRow(
            number=number,
            name=s.site_label(site),
            url=site.url,
            scores={key: site.scores.get(key) for key in keys},
            tasks={task_id: statuses.get(task_id) for task_id in tasks},
            axe=_axe_counts(site),
            pages=len(site.pages),
            failed_checks=sum(1 for check in site.checks if check.status == "failed"),
            seconds=site.seconds,
            error=site.error,
            error_code=site.error_code,
        ))
    return Comparison(score_keys=keys, tasks=list(tasks.values()), rows=rows)


def csv_cell(value: object) -> str:
    """A cell as text that no spreadsheet will run: controls dropped, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    text = s.truncate(s.strip_controls(str(value)), _CSV_TEXT_LIMIT)
    if text.startswith(_FORMULA_STARTS) or text.lstrip().startswith(_FORMULA_STARTS[:4]):
        return "'" + text
    return text


def _csv_header(comparison: Comparison) -> list[str]:
    # Stable machine-readable column names (not translated) so scripts can rely on them.
    header = ["site", "url"]
    header += [f"score_{key}" for key in comparison.score_keys]
    header += [f"task:{task.id}" for task in comparison.tasks]
    header += [f"axe_{impact}" for impact in AXE_IMPACTS]
    return [*header, "pages", "failed_site_checks", "seconds", "error"]


def render_csv(result: RunResult) -> str:
    """comparison.csv: one row per site in run order; "" for a run with fewer than two sites."""
    comparison = build_comparison(result)
    if comparison is None:
        return ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow([csv_cell(name) for name in _csv_header(comparison)])
    for row in comparison.rows:
        cells: list[object] = [row.name, row.url]
        cells += [row.scores[key] for key in comparison.score_keys]
        cells += [row.tasks[task.id] for task in comparison.tasks]
        cells += [row.axe[impact] for impact in AXE_IMPACTS]
        cells += [row.pages, row.failed_checks, round(row.seconds, 1), row.error]
        writer.writerow([csv_cell(cell) for cell in cells])
    return _BOM + buffer.getvalue()


FORMAT = ReportFormat("csv", "comparison.csv", lambda result, _language: render_csv(result),
                      title="sites side by side (written only for a run of 2+ sites)",
                      min_sites=MIN_SITES)
