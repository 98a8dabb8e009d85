"""What the reports say about the run's gate, in the reader's language: each budget limit
(result.budgets) and exactly which findings each --fail-on threshold counted (result.fail_on,
counted by tester.gate itself, so the report and the exit code cannot disagree)."""

from __future__ import annotations

from dataclasses import dataclass

from tester.gate import NEW, TASK_NOT_PASSED, tally_threshold
from tester.i18n import Translator
from tester.model import IMPACT_ORDER, BudgetOutcome, RunResult


@dataclass(frozen=True)
class BudgetRow:
    what: str
    where: str
    measured: str
    limit: str
    passed: bool
    counted: list[str]
    measured_label: str = ""

    @property
    def verdict(self) -> str:
        """"Measured 14, at most 5"; a section just "missing" (its limit says nothing more)."""
        return f"{self.measured_label} {self.measured}, {self.limit}" if self.limit else \
            self.measured


# Catalog keys of each kind of limit: (the whole run or a task/site, one page).
_KIND_KEYS = {
    "rule": ("budget.kind.rule", "budget.page_kind.rule"),
    "impact": ("budget.kind.impact", "budget.page_kind.impact"),
    "task-clicks": ("budget.kind.task-clicks", "budget.kind.task-clicks"),
    "task-seconds": ("budget.kind.task-seconds", "budget.kind.task-seconds"),
    "score": ("budget.kind.score", "budget.kind.score"),
    "section": ("budget.kind.section", "budget.kind.section"),
}


def _number(value: float | None, t: Translator) -> str:
    if value is None:
        return t("score.not_measured")
    return str(int(value)) if value == int(value) else f"{value:g}"


def _what(outcome: BudgetOutcome, t: Translator) -> str:
    subject = outcome.subject
    if outcome.kind == "impact":
        subject = t(f"impact.{subject}")
    elif outcome.kind == "score":
        subject = t.optional(f"score.{subject}", subject)
    whole_run, one_page = _KIND_KEYS[outcome.kind]
    return t(one_page if outcome.id.startswith("budget.page.") else whole_run, subject=subject)


def budget_rows(result: RunResult, t: Translator) -> list[BudgetRow]:
    rows = []
    for outcome in result.budgets:
        if outcome.kind == "section":
            measured = (t("score.not_measured") if outcome.measured is None else
                        t("budget.found") if outcome.passed else t("budget.missing"))
            limit = ""
        else:
            measured = _number(outcome.measured, t)
            key = "budget.at_least" if outcome.at_least else "budget.at_most"
            limit = t(key, limit=_number(outcome.limit, t))
        rows.append(BudgetRow(_what(outcome, t), outcome.where, measured, limit,
                              outcome.passed, outcome.counted, t("budget.col_measured")))
    return rows


def budget_summary(result: RunResult, t: Translator) -> str:
    failed = sum(not o.passed for o in result.budgets)
    return t("budget.summary", failed=failed, total=len(result.budgets),
             file=result.budget or "")


def _impacts_at_or_above(impact: str, t: Translator) -> str:
    names = [t(f"impact.{name}") for name, rank in IMPACT_ORDER.items()
             if rank <= IMPACT_ORDER[impact]]
    return t("threshold.or").join(reversed(names)) if len(names) > 1 else names[0]


def threshold_lines(result: RunResult, t: Translator) -> list[str]:
    """One sentence per --fail-on value the run was given: what it counts and how many, and
    what it saw and did not count."""
    lines = []
    impacts = [value for value in result.fail_on if value in IMPACT_ORDER]
    # Several impacts given: the gate applies only the widest one, so only it is told.
    widest = max(impacts, key=IMPACT_ORDER.__getitem__) if impacts else None
    for value in result.fail_on:
        if value in IMPACT_ORDER and value != widest:
            continue
        if value in IMPACT_ORDER:
            tally = tally_threshold(result, value)
            lines.append(t("threshold.impact", value=value,
                           impacts=_impacts_at_or_above(value, t), count=tally.counted,
                           advisory=tally.advisory, review=tally.needs_review,
                           other=tally.not_read))
        elif value == "task":
            count = sum(task.status in TASK_NOT_PASSED for s in result.sites for task in s.tasks)
            lines.append(t("threshold.task", count=count))
        elif value == "check":
            count = sum(c.status == "failed" for s in result.sites
                        for c in [*s.checks, *(c for p in s.pages for c in p.checks)])
            lines.append(t("threshold.check", count=count))
        elif value.startswith(NEW):
            lines.append(t("threshold.new", value=value))
    return lines
