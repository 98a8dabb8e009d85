"""The gate: the one place that decides what counts against a site.

The exit code (--fail-on thresholds, sites not audited), the report summary and JUnit (blocking
findings), and the scores (audited pages, pages blocked by axe) all ask this module, so the rule
cannot drift between them. Pure functions of a RunResult, or one page of it, and the user's
thresholds; no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from tester.i18n import counted
from tester.model import IMPACT_ORDER, Finding, PageResult, RunResult, SiteResult

if TYPE_CHECKING:  # tester.baseline builds on this module; the gate only reads its comparisons
    from tester.baseline import TaskRegression
    from tester.fingerprint import Located


class Compared(Protocol):
    """What the `new:` thresholds read: a run against a baseline (tester.baseline.Comparison) or
    against an earlier run (tester.diff.RunDiff)."""

    @property
    def new(self) -> Sequence[Located]: ...

    @property
    def task_regressions(self) -> Sequence[TaskRegression]: ...

# A confirmed violation of these impacts makes a page fail: it is what the summary opens, JUnit
# reports as a failure and the accessibility score counts.
BLOCKING_IMPACTS = ("critical", "serious")
# What --fail-on accepts: an impact (that impact or above), or a kind of result; with the `new:`
# prefix, only what a --baseline does not already hold (without a baseline, everything is new).
NEW = "new:"
FAIL_ON_CHOICES = (
    *IMPACT_ORDER, "task", "check", *(f"{NEW}{i}" for i in IMPACT_ORDER), f"{NEW}task"
)
TASK_NOT_PASSED = ("failed", "error")
HTTP_ERROR_FROM = 400  # a page answering this or above was not there to be audited
# Statuses of a check that ran to a verdict (skipped and error ones measured nothing).
MEASURED = ("passed", "failed")


def confirmed(finding: Finding) -> bool:
    """A violation: not an item a person must review, and not advisory under the run's WCAG
    standard (tester.wcag: above its level or not in its version). Neither ever fails anything."""
    return not finding.needs_review and not finding.advisory


def at_or_above(finding: Finding, impact: str) -> bool:
    """A confirmed violation of `impact` or worse (the --fail-on impact rule)."""
    return confirmed(finding) and IMPACT_ORDER.get(finding.impact, 9) <= IMPACT_ORDER[impact]


def threshold_findings(result: RunResult) -> Iterator[Finding]:
    """Every finding an impact threshold (--fail-on <impact>, an impact budget) reads: the pages'
    own findings (axe-core's), not those of the tool's checks, tasks or site checks. Whether
    one counts is then `at_or_above` (confirmed, not advisory, at or above the impact)."""
    for site in result.sites:
        for page in site.pages:
            yield from page.findings


@dataclass(frozen=True)
class ThresholdTally:
    """What an impact threshold counted, and what it saw and did not count, so the report can
    say exactly which findings a --fail-on value counts."""

    impact: str
    counted: int  # confirmed page findings at or above `impact`
    advisory: int  # at or above `impact`, advisory under the run's standard
    needs_review: int  # at or above `impact`, for a person to review
    not_read: int  # confirmed findings of the tool's checks and tasks at or above `impact`


def tally_threshold(result: RunResult, impact: str) -> ThresholdTally:
    """What `--fail-on impact` counts in `result` (the same rule as threshold_crossed)."""
    rank = IMPACT_ORDER[impact]
    read = [f for f in threshold_findings(result) if IMPACT_ORDER.get(f.impact, 9) <= rank]
    page_own = {id(f) for f in read}
    others = [
        f for site in result.sites for f in _all_findings(site)
        if id(f) not in page_own and at_or_above(f, impact)
    ]
    return ThresholdTally(
        impact=impact,
        counted=sum(1 for f in read if confirmed(f)),
        advisory=sum(1 for f in read if f.advisory and not f.needs_review),
        needs_review=sum(1 for f in read if f.needs_review),
        not_read=len(others),
    )


def _all_findings(site: SiteResult) -> Iterator[Finding]:
    for task in site.tasks:
        yield from task.findings
    for page in site.pages:
        yield from page.findings
        for check in page.checks:
            yield from check.findings
    for check in site.checks:
        yield from check.findings


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The confirmed critical and serious violations among `findings`, in their order."""
    return [f for f in findings if confirmed(f) and f.impact in BLOCKING_IMPACTS]


def blocked_by_axe(page: PageResult) -> bool:
    """axe found a blocking violation on the page (the accessibility score's rule)."""
    return any(f.source == "axe" for f in blocking(page.findings))


def page_audited(page: PageResult) -> bool:
    """The page's own content was there to measure: it answered below 400, and it loaded without
    error or axe or a page check still ran on it (e.g. a page stopped by its budget midway)."""
    if page.http_status is not None and page.http_status >= HTTP_ERROR_FROM:
        return False
    return (
        page.error is None
        or page.axe_status in ("ok", "partial")
        or any(c.status in MEASURED for c in page.checks)
    )


def _widest(impacts: list[str]) -> str:
    return max(impacts, key=IMPACT_ORDER.__getitem__)


def _new_thresholds(
    result: RunResult, fail_on: list[str], comparison: Compared | None
) -> list[str]:
    """The `new:` thresholds: against the baseline's comparison, or the whole run without one."""
    impacts = [t.removeprefix(NEW) for t in fail_on if t.startswith(NEW) and t != f"{NEW}task"]
    if comparison is None:
        plain = [*impacts, *(["task"] if f"{NEW}task" in fail_on else [])]
        return threshold_crossed(result, plain) if plain else []
    reasons = []
    if impacts:
        # A page's own findings, as the plain impact rule counts them.
        limit = _widest(impacts)
        count = sum(
            1 for x in comparison.new
            if not x.check and not x.on_site and at_or_above(x.finding, limit)
        )
        if count:
            reasons.append(f"{counted('new-violation', count)} at {limit} impact or above "
                           "(not in the baseline or the earlier run)")
    if f"{NEW}task" in fail_on and comparison.task_regressions:
        reasons.append("task regressions: "
                       + "; ".join(r.describe() for r in comparison.task_regressions))
    return reasons


def threshold_crossed(
    result: RunResult, fail_on: list[str], comparison: Compared | None = None
) -> list[str]:
    """Human-readable reasons the run crossed the user's thresholds (empty: none).

    `comparison` is the run against a --baseline; only the `new:` thresholds read it.
    """
    reasons: list[str] = _new_thresholds(result, fail_on, comparison)
    impacts = [t for t in fail_on if t in IMPACT_ORDER]
    if impacts:
        # Several impacts given: the widest one is the limit.
        limit = _widest(impacts)
        count = sum(1 for f in threshold_findings(result) if at_or_above(f, limit))
        if count:
            reasons.append(f"{counted('violation', count)} at {limit} impact or above")
    if "task" in fail_on:
        bad = [t.id for s in result.sites for t in s.tasks if t.status in TASK_NOT_PASSED]
        if bad:
            reasons.append(f"{counted('task', len(bad))} not passed: {', '.join(bad)}")
    if "check" in fail_on:
        bad = [c.id for s in result.sites for c in s.checks if c.status == "failed"]
        bad += [
            c.id for s in result.sites for p in s.pages for c in p.checks if c.status == "failed"
        ]
        if bad:
            failed = sorted(set(bad))
            reasons.append(f"{counted('check', len(failed))} failed: {', '.join(failed)}")
    return reasons


def sites_not_audited(result: RunResult) -> list[str]:
    """"url: reason" for each site that could not be audited (exit code 3; empty: none).

    `run`: every site with an error_code (its home page did not load or answered >= 400, or the
    audit broke off). `check`: a site (host) none of whose given pages could be audited.
    """
    reasons = []
    for site in result.sites:
        broken = (
            site.error_code is not None
            if result.command == "run"
            else not any(page_audited(p) for p in site.pages)
        )
        if broken:
            reasons.append(f"{site.url}: {site.error or site.error_code or 'not audited'}")
    return reasons
