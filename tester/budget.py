"""Budgets: the limits of a budget file (tester.budget_file) judged against a RunResult.

Pure: no browser, no I/O. Which findings count is the gate's rule (tester.gate.confirmed): a
finding to review or advisory under the run's standard never counts, exactly as for --fail-on.
Every limit becomes one BudgetOutcome in result.json, so the reports and the exit code read the
outcomes, never the file again.

- rule: confirmed findings whose rule (an axe-core rule id) or whose check (an ashyq check id)
  is the key, anywhere in the run (pages, page checks, site checks, tasks);
- impact: confirmed findings of exactly that impact among those --fail-on reads (the pages'
  axe findings, tester.gate.threshold_findings);
- page.rule / page.impact: the same on each page; measured is the worst page's count;
- task-clicks / task-seconds: each task run on each site (a task the file names that did not
  run fails: nothing shows it kept its budget);
- score: each site's score of that area (tester.scores, 0-100), at least the limit;
- section: each site's required-sections check found the checklist item.
`ashyq check` runs no task and no site check: its outcomes hold the finding limits only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from tester.gate import confirmed, threshold_findings
from tester.model import BudgetOutcome, Finding, Notice, PageResult, RunResult, SiteResult

MAX_COUNTED = 20  # findings named in one outcome
SECTIONS_CHECK = "required-sections"


@dataclass(frozen=True)
class FindingLimits:
    """Maximum confirmed findings, by impact and by rule or check id."""

    impacts: dict[str, int] = field(default_factory=dict)
    rules: dict[str, int] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.impacts or self.rules)


@dataclass(frozen=True)
class TaskLimits:
    max_clicks: int | None = None
    max_seconds: float | None = None


@dataclass(frozen=True)
class Budget:
    source: str = ""
    findings: FindingLimits = field(default_factory=FindingLimits)
    per_page: FindingLimits = field(default_factory=FindingLimits)
    all_tasks: TaskLimits = field(default_factory=TaskLimits)
    tasks: dict[str, TaskLimits] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Located:
    where: str
    check: str  # the id of the check holding the finding; "" for a page's own finding
    finding: Finding

    def describe(self) -> str:
        # Which element, or, for a finding of the site as a whole, what it says.
        detail = self.finding.selector or " ".join(self.finding.message.split())[:120]
        text = f"{self.where} [{self.finding.impact}] {self.finding.rule} {detail}"
        return text.rstrip()[:300]


def _located(site: SiteResult) -> Iterator[_Located]:
    for task in site.tasks:
        yield from (_Located(site.url, "", f) for f in task.findings)
    for page in site.pages:
        yield from _on_page(page)
    for check in site.checks:
        yield from (_Located(site.url, check.id, f) for f in check.findings)


def _on_page(page: PageResult) -> Iterator[_Located]:
    yield from (_Located(page.url, "", f) for f in page.findings)
    for check in page.checks:
        yield from (_Located(page.url, check.id, f) for f in check.findings)


def _matches_rule(item: _Located, rule: str) -> bool:
    return confirmed(item.finding) and rule in (item.finding.rule, item.check)


def _count_outcome(kind: str, subject: str, limit: int, items: list[_Located],
                   where: str = "") -> BudgetOutcome:
    prefix = "page." if where else ""
    return BudgetOutcome(
        id=f"budget.{prefix}{kind}.{subject}", kind=kind, subject=subject, where=where,
        measured=len(items), limit=limit, passed=len(items) <= limit,
        counted=[item.describe() for item in items[:MAX_COUNTED]],
    )


def _finding_outcomes(result: RunResult, limits: FindingLimits) -> list[BudgetOutcome]:
    located = [item for site in result.sites for item in _located(site)]
    page_own = {id(f) for f in threshold_findings(result)}
    outcomes = []
    for impact, limit in limits.impacts.items():
        items = [x for x in located if id(x.finding) in page_own and confirmed(x.finding)
                 and x.finding.impact == impact]
        outcomes.append(_count_outcome("impact", impact, limit, items))
    for rule, limit in limits.rules.items():
        outcomes.append(_count_outcome("rule", rule, limit,
                                       [x for x in located if _matches_rule(x, rule)]))
    return outcomes


def _per_page_outcomes(result: RunResult, limits: FindingLimits) -> list[BudgetOutcome]:
    pages = [page for site in result.sites for page in site.pages]
    if not pages:
        return []
    per_page = {page.url: list(_on_page(page)) for page in pages}
    page_own = {id(f) for page in pages for f in page.findings}

    def worst(kind: str, subject: str, limit: int,
              keep: Callable[[_Located], bool]) -> BudgetOutcome:
        counted = {url: [x for x in items if keep(x)] for url, items in per_page.items()}
        url = max(counted, key=lambda u: len(counted[u]))
        return _count_outcome(kind, subject, limit, counted[url], where=url)

    outcomes = [
        worst("impact", impact, limit, lambda x, impact=impact: id(x.finding) in page_own
              and confirmed(x.finding) and x.finding.impact == impact)
        for impact, limit in limits.impacts.items()
    ]
    outcomes += [worst("rule", rule, limit, lambda x, rule=rule: _matches_rule(x, rule))
                 for rule, limit in limits.rules.items()]
    return outcomes


def _task_outcomes(result: RunResult, budget: Budget) -> list[BudgetOutcome]:
    outcomes = []
    for site in result.sites:
        ran = {task.id: task for task in site.tasks if task.status != "skipped"}
        for task_id in dict.fromkeys([*ran, *budget.tasks]):
            limits = budget.tasks.get(task_id, budget.all_tasks)
            task = ran.get(task_id)
            for kind, limit, measured in (
                ("task-clicks", limits.max_clicks, task.clicks if task else None),
                ("task-seconds", limits.max_seconds, task.seconds if task else None),
            ):
                if limit is None:
                    continue
                outcomes.append(BudgetOutcome(
                    id=f"budget.{kind}.{task_id}", kind=kind, subject=task_id, where=site.url,
                    measured=measured, limit=limit,
                    passed=measured is not None and measured <= limit,
                ))
    return outcomes


def _site_outcomes(result: RunResult, budget: Budget) -> list[BudgetOutcome]:
    outcomes = []
    for site in result.sites:
        for area, minimum in budget.scores.items():
            score = site.scores.get(area)
            outcomes.append(BudgetOutcome(
                id=f"budget.score.{area}", kind="score", subject=area, where=site.url,
                measured=score, limit=minimum, at_least=True,
                passed=score is not None and score >= minimum,
            ))
        found = _sections_found(site)
        for section in budget.sections:
            measured = None if found is None else float(section in found)
            outcomes.append(BudgetOutcome(
                id=f"budget.section.{section}", kind="section", subject=section,
                where=site.url, measured=measured, limit=1, at_least=True,
                passed=measured == 1,
            ))
    return outcomes


def _sections_found(site: SiteResult) -> set[str] | None:
    """Ids and keys of the checklist items the site's required-sections check found; None when
    the check did not measure (not run, skipped, or broke)."""
    check = next((c for c in site.checks if c.id == SECTIONS_CHECK), None)
    if check is None or check.status not in ("passed", "failed"):
        return None
    items = check.data.get("items") or []
    return {str(item.get(name)) for item in items if isinstance(item, dict) and item.get("found")
            for name in ("id", "key")}


def evaluate(result: RunResult, budget: Budget) -> list[BudgetOutcome]:
    """Every limit of `budget` judged on `result`, in the file's order of kinds."""
    outcomes = _finding_outcomes(result, budget.findings)
    outcomes += _per_page_outcomes(result, budget.per_page)
    if result.command != "check":  # `check` runs no task and no site check
        outcomes += _task_outcomes(result, budget)
        outcomes += _site_outcomes(result, budget)
    return outcomes


def unjudged_kinds(result: RunResult, budget: Budget) -> list[str]:
    """The kinds of limit in `budget` that `result` cannot judge: `check` runs no task and no
    site check, so its tasks, scores and sections limits are left out (and said so)."""
    if result.command != "check":
        return []
    kinds = {"tasks": bool(budget.tasks) or budget.all_tasks != TaskLimits(),
             "scores": bool(budget.scores), "sections": bool(budget.sections)}
    return [kind for kind, present in kinds.items() if present]


def apply_budget(result: RunResult, budget: Budget) -> None:
    """Judge `result` by `budget` and record the outcomes in it (before the report is written)."""
    result.budget = budget.source
    result.budgets = evaluate(result, budget)
    skipped = unjudged_kinds(result, budget)
    if skipped:
        kinds = ", ".join(skipped)
        result.notices.append(Notice(
            id="budget-not-judged", data={"kinds": skipped},
            message=f"ashyq check runs no task and no site check: the budget's {kinds} limits "
                    "were not judged (ashyq run judges them).",
            message_key="notice.budget-not-judged", message_values={"kinds": kinds}))


def _number(value: float | None) -> str:
    if value is None:
        return "not measured"
    return f"{value:g}" if value != int(value) else str(int(value))


def describe(outcome: BudgetOutcome) -> str:
    """One line for the exit summary and JUnit: "color-contrast 14 > 5"."""
    if outcome.kind == "section":
        verdict = "found" if outcome.passed else (
            "not measured" if outcome.measured is None else "missing")
        text = f"section {outcome.subject} {verdict}"
    else:
        sign = ("≥" if outcome.passed else "<") if outcome.at_least else (
            "≤" if outcome.passed else ">")
        label = {"impact": "{} findings", "task-clicks": "{} clicks",
                 "task-seconds": "{} seconds", "score": "{} score"}.get(outcome.kind, "{}")
        text = f"{label.format(outcome.subject)} {_number(outcome.measured)} {sign} " \
               f"{_number(outcome.limit)}"
        if outcome.kind == "score" and outcome.measured is None:
            text = f"{outcome.subject} score not measured (at least {_number(outcome.limit)})"
        elif outcome.measured is None:
            text = f"{label.format(outcome.subject)} not measured (limit {_number(outcome.limit)})"
    return f"{text} ({outcome.where})" if outcome.where else text


def failed_budgets(result: RunResult) -> list[BudgetOutcome]:
    return [outcome for outcome in result.budgets if not outcome.passed]
