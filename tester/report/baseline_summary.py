"""render_baseline_markdown: baseline.md, what a run changed against its baseline file.

`ashyq run --baseline FILE` writes it into the report folder, so the comparison a CI gate
decided on is kept with the run (the terminal line is gone with the job log) and can be posted
as a pull-request comment. Pure: a tester.baseline.Comparison in, Markdown out.
"""

from __future__ import annotations

from collections.abc import Iterable

from tester.baseline import CLICK_RULE, BaselineFinding, Comparison
from tester.fingerprint import Located
from tester.i18n import Translator
from tester.model import IMPACT_ORDER
from tester.report.markdown import escape

LISTED = 50  # new and fixed findings listed each; the rest are counted (results.sarif has all)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _impact(impact: str, needs_review: bool, t: Translator, advisory: bool = False) -> str:
    if needs_review:
        return t("impact.needs_review")
    return t("impact.advisory") if advisory else t(f"impact.{impact}")


def _ordered(findings: Iterable[Located]) -> list[Located]:
    return sorted(findings, key=lambda x: (x.finding.needs_review, x.finding.advisory,
                                           IMPACT_ORDER.get(x.finding.impact, 9), x.finding.rule))


def _more(count: int, t: Translator) -> list[str]:
    return ["", t("baseline.more", count=count - LISTED)] if count > LISTED else []


def _new_block(new: list[Located], t: Translator) -> list[str]:
    lines = [f"### {t('diff.new', count=len(new))}", "",
             _row([t("diff.col_impact"), t("diff.col_rule"), t("baseline.col_page"),
                   t("diff.col_element"), t("baseline.col_fingerprint")]), _row(["---"] * 5)]
    for x in _ordered(new)[:LISTED]:
        lines.append(_row([
            _impact(x.finding.impact, x.finding.needs_review, t, x.finding.advisory),
            escape(x.finding.rule, 60),
            escape(x.page, 120), escape(x.finding.selector, 120) if x.finding.selector else "—",
            f"`{x.fingerprint[:16]}`",
        ]))
    return [*lines, *_more(len(new), t), ""]


def _fixed_block(fixed: list[BaselineFinding], t: Translator) -> list[str]:
    lines = [f"### {t('diff.fixed', count=len(fixed))}", "",
             _row([t("diff.col_impact"), t("diff.col_rule"), t("baseline.col_page"),
                   t("diff.col_element")]), _row(["---"] * 4)]
    ordered = sorted(fixed, key=lambda f: (IMPACT_ORDER.get(f.impact, 9), f.rule, f.page))
    for old in ordered[:LISTED]:
        lines.append(_row([_impact(old.impact, old.needs_review, t, old.advisory),
                           escape(old.rule, 60),
                           escape(old.page, 120),
                           escape(old.selector, 120) if old.selector else "—"]))
    return [*lines, *_more(len(fixed), t), ""]


def render_baseline_markdown(comparison: Comparison, baseline_name: str,
                             language: str = "en") -> str:
    """The comparison as Markdown: totals, task regressions, lapsed acceptances, then the new
    findings (what a `new:` gate fails on) and the fixed ones."""
    t = Translator(language)
    c = comparison
    lines = [f"## {t('baseline.title', file=escape(baseline_name, 120))}", "",
             t("baseline.totals", new=len(c.new), known=len(c.persisting),
               accepted=len(c.accepted), fixed=len(c.fixed),
               regressions=len(c.task_regressions)), ""]
    if c.not_rechecked:
        lines += [t("diff.not_rechecked", count=len(c.not_rechecked)), ""]
    if c.task_regressions:
        lines += [f"### {t('baseline.regressions_heading')}", "",
                  _row([t("diff.col_site"), t("diff.col_task"), t("diff.col_before"),
                        t("diff.col_after")]), _row(["---"] * 4)]
        for r in c.task_regressions:
            title = t(f"task.title.{r.task}") if t.has(f"task.title.{r.task}") else r.task
            if r.kind == "verdict":
                before = t(f"status.{r.before}") if t.has(f"status.{r.before}") else r.before
                after = t(f"status.{r.after}") if t.has(f"status.{r.after}") else r.after
            else:
                before = "—" if r.before == "-" else t("task.n-clicks", count=int(r.before))
                after = t("baseline.over_click_rule", clicks=t(
                    "task.n-clicks", count=int(r.after)), rule=CLICK_RULE)
            lines.append(_row([escape(r.site, 80), escape(title, 60), escape(before, 60),
                               escape(after, 80)]))
        lines.append("")
    if c.expired:
        lines += [f"### {t('baseline.expired_heading')}", "",
                  _row([t("baseline.col_fingerprint"), t("diff.col_rule"),
                        t("baseline.col_expired"), t("baseline.col_reason")]),
                  _row(["---"] * 4)]
        for a in c.expired:
            lines.append(_row([f"`{a.fingerprint[:16]}`", escape(a.rule or "—", 60),
                               a.expires.isoformat(), escape(a.reason, 160)]))
        lines.append("")
    if c.new:
        lines += _new_block(c.new, t)
    if c.fixed:
        lines += _fixed_block(c.fixed, t)
    if not (c.new or c.fixed or c.task_regressions or c.expired):
        lines += [t("baseline.nothing_new"), ""]
    return "\n".join(lines).rstrip() + "\n"
