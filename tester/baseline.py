"""Baselines for CI: the known findings and task verdicts a team commits, and what a run changed.

A baseline file (`ashyq baseline save`) is JSON meant to be read in a pull request: every list
sorted, one finding per entry with its rule, page and impact beside the fingerprint, the tool and
fingerprint versions it was made with. Its `accepted` list holds findings the team accepts for a
while, each with a reason and an expiry date; once that date has passed the entry is reported as
expired and its finding counts again.

`compare(result, baseline, today)` sorts a run's findings into new, persisting (some of them
updated: same element, other impact), accepted and fixed, and finds task regressions: a task
that passed and now fails or errs, or now needs more clicks than the three-click rule allows.
Pure: the caller reads the file and gives the date (settings.today), so tests never see the clock.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tester.fingerprint import FINGERPRINT_VERSION, Located, located_findings, page_key
from tester.gate import MEASURED, TASK_NOT_PASSED
from tester.model import Impact, RunResult, TaskResult

BASELINE_FORMAT = 1
CLICK_RULE = 3  # a citizen reaches a service in at most this many clicks


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BaselineFinding(_Entry):
    fingerprint: str
    rule: str
    page: str
    impact: Impact
    site: str = ""
    selector: str = ""
    needs_review: bool = False
    # Advisory under the run's WCAG standard (tester.wcag); left out when false.
    advisory: bool = Field(False, exclude_if=lambda value: not value)
    on_site: bool = False  # a site check's finding (its page is the URL it is about)


class BaselineTask(_Entry):
    site: str
    id: str
    status: str
    clicks: int = 0
    optimal_clicks: int | None = None


class Acceptance(_Entry):
    fingerprint: str
    reason: str = Field(min_length=1)
    expires: date
    rule: str = ""  # for the reader; matching is by fingerprint alone
    page: str = ""


class ToolStamp(_Entry):
    name: str = "ashyq"
    version: str = ""


class Baseline(_Entry):
    format: int = BASELINE_FORMAT
    fingerprint_version: int = FINGERPRINT_VERSION
    tool: ToolStamp = Field(default_factory=ToolStamp)
    run_started_at: str = ""  # the run it was saved from
    findings: list[BaselineFinding] = Field(default_factory=list)
    tasks: list[BaselineTask] = Field(default_factory=list)
    accepted: list[Acceptance] = Field(default_factory=list)


class BaselineError(ValueError):
    """The baseline file cannot be used; the message is one line for the terminal."""


def click_count(task: TaskResult | BaselineTask) -> int:
    """The clicks the three-click rule judges: the shortest path when the navigator found one."""
    return task.optimal_clicks if task.optimal_clicks is not None else task.clicks


def baseline_from_result(
    result: RunResult, accepted: list[Acceptance] | None = None
) -> Baseline:
    """The baseline of a run; `accepted` (e.g. from the file being replaced) is kept as is."""
    findings = [
        BaselineFinding(
            fingerprint=located.fingerprint, rule=located.finding.rule, page=located.page,
            impact=located.finding.impact, site=located.site, selector=located.finding.selector,
            needs_review=located.finding.needs_review, advisory=located.finding.advisory,
            on_site=located.on_site,
        )
        for located in located_findings(result)
    ]
    tasks = [
        BaselineTask(site=site.url, id=task.id, status=task.status, clicks=task.clicks,
                     optimal_clicks=task.optimal_clicks)
        for site in result.sites for task in site.tasks
    ]
    return Baseline(
        tool=ToolStamp(name=result.tool.name, version=result.tool.version),
        run_started_at=result.started_at.isoformat(),
        findings=sorted(findings, key=lambda f: (f.site, f.page, f.rule, f.fingerprint)),
        tasks=sorted(tasks, key=lambda t: (t.site, t.id)),
        accepted=sorted(accepted or [], key=lambda a: (a.expires, a.fingerprint)),
    )


def dump_baseline(baseline: Baseline) -> str:
    return json.dumps(baseline.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def parse_baseline(text: str) -> Baseline:
    """A baseline from its file's text, or BaselineError saying in one line what is wrong."""
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise BaselineError(f"not JSON: {exc}") from exc
    if not isinstance(raw, dict) or "fingerprint_version" not in raw:
        raise BaselineError("not an ashyq baseline (no fingerprint_version)")
    if raw.get("format") != BASELINE_FORMAT:
        raise BaselineError(f"baseline format {raw.get('format')!r} is not {BASELINE_FORMAT}")
    if raw["fingerprint_version"] != FINGERPRINT_VERSION:
        raise BaselineError(
            f"made with fingerprint version {raw['fingerprint_version']}, this ashyq uses "
            f"{FINGERPRINT_VERSION}: save the baseline again from a run of this version"
        )
    try:
        return Baseline.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BaselineError(f"{where}: {first['msg']}") from exc


BaselineState = Literal["new", "unchanged", "updated", "absent"]


@dataclass(frozen=True)
class TaskRegression:
    site: str
    task: str
    kind: Literal["verdict", "clicks"]
    before: str  # the baseline's status, or its clicks ("-" when the task is new)
    after: str

    def describe(self) -> str:
        what = "verdict" if self.kind == "verdict" else f"clicks (rule: {CLICK_RULE})"
        return f"{self.task} on {self.site}: {what} {self.before} -> {self.after}"


@dataclass
class Comparison:
    """What a run changed against a baseline (each list in the run's or the file's order)."""

    new: list[Located] = field(default_factory=list)  # expired acceptances' findings included
    persisting: list[Located] = field(default_factory=list)
    updated: list[Located] = field(default_factory=list)  # persisting, impact changed
    accepted: list[Located] = field(default_factory=list)  # covered by a live acceptance
    fixed: list[BaselineFinding] = field(default_factory=list)
    not_rechecked: list[BaselineFinding] = field(default_factory=list)  # page not in this run
    expired: list[Acceptance] = field(default_factory=list)
    task_regressions: list[TaskRegression] = field(default_factory=list)

    def states(self) -> dict[str, BaselineState]:
        out: dict[str, BaselineState] = {x.fingerprint: "new" for x in self.new}
        out.update({x.fingerprint: "unchanged" for x in (*self.persisting, *self.accepted)})
        out.update({x.fingerprint: "updated" for x in self.updated})
        return out


def _audited_pages(result: RunResult) -> set[str]:
    return {page_key(u) for s in result.sites for p in s.pages for u in (p.url, p.final_url) if u}


def _sites_checked(result: RunResult) -> set[str]:
    """Sites whose site checks ran to a verdict in this run."""
    return {page_key(s.url) for s in result.sites if any(c.status in MEASURED for c in s.checks)}


def task_regressions(
    result: RunResult, before: Mapping[tuple[str, str], TaskResult | BaselineTask]
) -> list[TaskRegression]:
    """Tasks of `result` that regressed against `before`, keyed by (page_key(site URL), task id):
    passed (or unknown) and now failed or errored, or now over the three-click rule."""
    found = []
    for site in result.sites:
        for task in site.tasks:
            old = before.get((page_key(site.url), task.id))
            passed_before = old is None or old.status not in TASK_NOT_PASSED
            if task.status in TASK_NOT_PASSED and passed_before:
                found.append(TaskRegression(site.url, task.id, "verdict",
                                            old.status if old else "-", task.status))
            elif task.status == "passed" and click_count(task) > CLICK_RULE and (
                old is None or click_count(old) <= CLICK_RULE
            ):
                found.append(TaskRegression(site.url, task.id, "clicks",
                                            str(click_count(old)) if old else "-",
                                            str(click_count(task))))
    return found


def compare(result: RunResult, baseline: Baseline, today: date) -> Comparison:
    """Sort the run's findings against the baseline (see the module docstring)."""
    known = {f.fingerprint: f for f in baseline.findings}
    live = {a.fingerprint for a in baseline.accepted if a.expires >= today}
    out = Comparison(expired=[a for a in baseline.accepted if a.expires < today])
    # An acceptance past its date counts again, even for a finding the baseline holds.
    lapsed = {a.fingerprint for a in out.expired} - live
    seen: set[str] = set()
    for located in located_findings(result):
        seen.add(located.fingerprint)
        if located.fingerprint in live:
            out.accepted.append(located)
        elif located.fingerprint in known and located.fingerprint not in lapsed:
            out.persisting.append(located)
            if known[located.fingerprint].impact != located.finding.impact:
                out.updated.append(located)
        else:
            out.new.append(located)
    pages, sites = _audited_pages(result), _sites_checked(result)
    for old in baseline.findings:
        if old.fingerprint in seen:
            continue
        rechecked = page_key(old.site) in sites if old.on_site else page_key(old.page) in pages
        (out.fixed if rechecked else out.not_rechecked).append(old)
    out.task_regressions = task_regressions(
        result, {(page_key(t.site), t.id): t for t in baseline.tasks})
    return out

