"""render_markdown: a short summary.md (CI job summaries, pull-request comments)."""

from __future__ import annotations

import re

from tester.i18n import Translator
from tester.model import RunResult, SiteResult
from tester.report import summary as s
from tester.report.base import ReportFormat
from tester.report.budget_view import budget_rows, budget_summary, threshold_lines
from tester.report.compare import AXE_IMPACTS, SCORE_KEYS, build_comparison
from tester.report.html import STATUS_SYMBOL

# Markdown renderers pass inline HTML through, so the punctuation that can open HTML, links,
# emphasis, code or table cells is backslash-escaped (CommonMark allows it for any ASCII
# punctuation); with `[` escaped, `(`, `)` and `!` cannot form links or images.
_MARKUP = re.compile(r"([\\`*_\[\]<>|~])")
_WHITESPACE = re.compile(r"\s+")


def escape(text: str, limit: int = 200) -> str:
    flat = _WHITESPACE.sub(" ", s.strip_controls(text)).strip()
    return _MARKUP.sub(r"\\\1", s.truncate(flat, limit))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _overview(result: RunResult, t: Translator) -> list[str]:
    header = [t("md.col_site")] + [t(f"summary.tasks_{x}") for x in ("passed", "failed", "error")]
    header += [t(f"impact.{impact}") for impact in s.IMPACTS]
    header += [t("impact.needs_review"), t("impact.advisory"), t("summary.pages")]
    lines = [_row(header), _row(["---"] + ["---:"] * (len(header) - 1))]
    for site in result.sites:
        counts = s.count_site(site)
        cells = [escape(s.site_label(site), 80)]
        cells += [str(counts.tasks[x]) for x in ("passed", "failed", "error")]
        cells += [str(counts.impacts[impact]) for impact in s.IMPACTS]
        cells += [str(counts.needs_review), str(counts.advisory), str(counts.pages)]
        lines.append(_row(cells))
    return lines


def _comparison(result: RunResult, t: Translator) -> list[str]:
    """Sites side by side (2+ sites): scores, task verdicts in words, axe counts, time."""
    comparison = build_comparison(result)
    if comparison is None:
        return []
    none = t("value.none")
    header = [t("md.col_site")]
    header += [escape(t.optional(f"score.{key}", key), 60) for key in comparison.score_keys]
    header += [escape(s.task_title(task, t), 60)
               for task in comparison.tasks]
    header += [f"{t('compare.axe')}: {t('impact.' + impact)}" for impact in AXE_IMPACTS]
    header += [t("summary.pages"), t("compare.failed_checks"), t("site.seconds")]
    lines = ["", f"## {t('compare.heading')}", "", _row(header)]
    lines.append(_row(["---"] + ["---:"] * len(comparison.score_keys) + ["---"] * len(
        comparison.tasks) + ["---:"] * (len(AXE_IMPACTS) + 3)))
    for row in comparison.rows:
        cells = [escape(row.name, 80)]
        cells += [row.score_text(key) or none for key in comparison.score_keys]
        cells += [f"{STATUS_SYMBOL[status]} {t('status.' + status)}" if status else none
                  for status in (row.tasks[task.id] for task in comparison.tasks)]
        cells += [str(row.axe[impact]) for impact in AXE_IMPACTS]
        cells += [str(row.pages), str(row.failed_checks), t.duration(row.seconds)]
        lines.append(_row(cells))
    return lines


def _alerts(result: RunResult, t: Translator) -> list[str]:
    """What the reader must know before the numbers: sites not audited, notices about the run."""
    lines: list[str] = []
    for site in s.sites_with_errors(result):
        reason = s.site_error_reason(site, t)
        lines += ["**⚠ " + escape(t("site_error.summary", name=s.site_label(site), reason=reason),
                                 400) + "**", ""]
    for notice in result.notices:
        lines += [f"**{escape(t('md.note'))}:** {escape(s.notice_text(notice, t), 400)}", ""]
    return lines


def _score(key: str, site: SiteResult, t: Translator) -> str:
    label = escape(t.optional(f"score.{key}", key), 80)
    value = site.scores.get(key)
    if value is None:
        return f"{label} {t('score.not_measured')}"
    return f"{label} {round(value)}/100 ({t('score.band.' + s.score_band(value))})"


def _site(site: SiteResult, t: Translator) -> list[str]:
    lines = ["", f"## {escape(t('site.heading', name=s.site_label(site)), 120)}", ""]
    reason = s.site_error_reason(site, t)
    if reason:
        heading = t("site_error.heading") if site.error_code else t("site.error")
        lines += [f"**{escape(heading)}** {escape(reason, 400)}", ""]
        detail = s.error_detail(site, reason)
        if detail:
            lines += [f"{escape(t('site_error.detail'))}: {escape(detail)}", ""]
    if site.scores:
        keys = list(SCORE_KEYS) + [key for key in site.scores if key not in SCORE_KEYS]
        scores = [_score(key, site, t) for key in keys]
        lines += [f"**{t('score.heading')}:** " + " · ".join(scores), ""]
    else:
        lines += [f"**{t('score.heading')}:** {escape(t('score.none'), 400)}", ""]
    if not site.tasks:
        return [*lines, t("tasks.none")]
    header = [t("tasks.col_task"), t("tasks.col_status"), t("task.clicks"), t("task.seconds"),
              t("md.col_message")]
    lines += [_row(header), _row(["---", "---", "---:", "---:", "---"])]
    for task in site.tasks:
        title = s.task_title(task, t)
        status = f"{STATUS_SYMBOL[task.status]} {t('status.' + task.status)}"
        lines.append(_row([escape(title, 80), status, str(task.clicks),
                           t.seconds(task.seconds), escape(s.localised(task, t.language))]))
    return lines


def _gate(result: RunResult, t: Translator) -> list[str]:
    """What each --fail-on value counted, then each budget limit (failed ones first)."""
    counted = [f"- {escape(line, 600)}" for line in threshold_lines(result, t)]
    lines = ["", f"**{escape(t('threshold.heading'))}:**", "", *counted] if counted else []
    if not result.budgets:
        return lines
    lines += ["", f"## {t('budget.heading')}", "", escape(budget_summary(result, t), 400), ""]
    lines += [_row([t("tasks.col_status"), t("budget.col_what"), t("budget.col_where"),
                    t("budget.col_measured"), t("budget.col_limit")]),
              _row(["---", "---", "---", "---:", "---"])]
    for row in sorted(budget_rows(result, t), key=lambda row: row.passed):
        status = "passed" if row.passed else "failed"
        lines.append(_row([f"{STATUS_SYMBOL[status]} {t('status.' + status)}",
                           escape(row.what, 120), escape(row.where, 120), escape(row.measured),
                           escape(row.limit or t("budget.must_be_found"))]))
    return lines


def render_markdown(result: RunResult, language: str = "en") -> str:
    t = s.translator(language)
    counts = s.count_run(result)
    lines = [f"# {t('report.title')}", "", *_alerts(result, t)]
    lines.append(" · ".join([
        f"{t('about.started')} {s.format_time(result.started_at)}",
        s.run_standard(result),
        f"{t('summary.run_time')}: {t.duration(s.run_seconds(result))}",
        f"{t('summary.pages')}: {counts.pages}",
        *([f"axe-core {escape(result.tool.axe_version, 40)}"] if result.tool.axe_version else []),
    ]))
    lines.append("")
    if result.sites:
        lines += _overview(result, t)
        lines += _gate(result, t)
        lines += _comparison(result, t)
    else:
        lines.append(t("summary.no_sites"))
    for site in result.sites:
        lines += _site(site, t)
    lines += ["", f"_{t('md.full_report')}_", ""]
    return "\n".join(lines)


FORMAT = ReportFormat("markdown", "summary.md", render_markdown,
                      title="a Markdown summary (CI job summaries, pull-request comments)")
