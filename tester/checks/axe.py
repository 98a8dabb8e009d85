"""axe-core on the loaded page, mapped to Findings: unforgeable, bounded, partial when it must be.

Unforgeable: axe-core's source (shipped by axe-playwright-python, or the one `axe_source` names:
tester.checks.axe_source) is injected into the tool's isolated JavaScript world
(tester.gather.isolated), which shares the DOM with the page but not its globals: a page cannot
define its own `window.axe`, nor replace the DOM methods or array prototypes axe uses.
Results are read from that world only and are accepted only when they carry the injected
axe-core's name and version and hold only the rules that were asked for.

Bounded and partial: the rules selected by AXE_TAGS run in RULE_GROUPS, cheapest first, each
with its share of the budget. A group that overruns its share is stopped
(`Runtime.terminateExecution`) and recorded as timed out; the groups after it still run, so a
huge page loses one group, not every finding. A page that stays busy after the stop is closed
(pending evaluations then fail) and the groups left are recorded as not run.
"""

from __future__ import annotations

import asyncio
import re
import time
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from tester.checks.axe_source import AxeScript, bundled_script
from tester.deadline import Deadline, within
from tester.gather import isolated
from tester.model import AxeGroup, Finding
from tester.textsafe import clean_text

# Every version's A and AA rules run whatever standard the user chose: a finding the standard
# does not require is kept as advisory (tester.wcag), not dropped.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# AAA rules run only at level AAA; color-contrast-enhanced (1.4.6, 7:1) also on request
# (--enhanced-contrast), when its findings are advisory under AA. axe ships it disabled, and a
# run by rule id runs it all the same.
AAA_TAGS = ["wcag2aaa", "wcag21aaa", "wcag22aaa"]
ENHANCED_CONTRAST_RULE = "color-contrast-enhanced"
RUN_OPTIONS: dict[str, Any] = {
    # Full node detail only where we report it; passes/inapplicable stay cheap.
    "resultTypes": ["violations", "incomplete"],
    # axe would ask child frames for their results over postMessage, and the frames' own scripts
    # answer those: a page could forge its frames' results. Frames get no axe (as before), so
    # axe still lists each as `frame-tested` (needs review).
    "iframes": False,
}
# One tag-selected axe.run, as the pytest plugin's `ashyq_audit` runs it on the user's own pages
# (sync Playwright, main world); the runner uses RULE_GROUPS in the isolated world instead.
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "resultTypes": ["violations", "incomplete"],
}
MAX_NODES_PER_RULE = 25
_AXE = Axe()
AXE_SOURCE = _AXE.axe_script  # the bundled axe-core (the pytest plugin's main-world run uses it)
_PRESENT = "typeof axe === 'object' && axe !== null && typeof axe.run === 'function'"
# Rules a tag-selected axe.run would run (runOnly by tag leaves out experimental and deprecated),
# and the extra rules asked for by id.
_SELECT_JS = """([tags, extra]) => {
  const picked = new Set(axe.getRules(tags).map(r => r.ruleId));
  return axe.getRules()
    .filter(r => picked.has(r.ruleId) || extra.includes(r.ruleId))
    .filter(r => !r.tags.includes('experimental') && !r.tags.includes('deprecated'))
    .map(r => [r.ruleId, r.tags]);
}"""
# Only the fields map_axe_results reads cross back: less to copy on a page with 10,000 nodes.
_RUN_JS = """async ([ids, options]) => {
  const r = await axe.run(document, Object.assign({}, options,
                                                  {runOnly: {type: 'rule', values: ids}}));
  const lean = rules => rules.map(rule => ({
    id: rule.id, impact: rule.impact, tags: rule.tags, help: rule.help, helpUrl: rule.helpUrl,
    nodes: rule.nodes.map(n => ({target: n.target, html: n.html, impact: n.impact,
                                 failureSummary: n.failureSummary})),
  }));
  return {testEngine: r.testEngine, violations: lean(r.violations),
          incomplete: lean(r.incomplete), passes: r.passes.length,
          inapplicable: r.inapplicable.length};
}"""
AXE_PARTIAL = "axe-partial"  # PageResult.error_code of a page where some rule groups did not finish
MIN_GROUP_S = 1.0  # less budget left than this: the group is not started
STOP_WAIT_S = 5.0  # after stopping a group, how long the page may take to answer again


@dataclass(frozen=True)
class AxeSelection:
    """Which axe rules a page gets: those of `tags`, and `rules` by id beside them."""

    tags: tuple[str, ...] = tuple(AXE_TAGS)
    rules: tuple[str, ...] = ()


def axe_selection(enhanced_contrast: bool = False, level: str = "AA") -> AxeSelection:
    """The rules the settings ask for (`enhanced_contrast`, `wcag_level`)."""
    aaa = level == "AAA"
    tags = (*AXE_TAGS, *(AAA_TAGS if aaa else ()))
    return AxeSelection(tags, (ENHANCED_CONTRAST_RULE,) if enhanced_contrast or aaa else ())


DEFAULT_SELECTION = AxeSelection()


def axe_version() -> str:
    """The bundled axe-core's version."""
    return bundled_script().version


@dataclass(frozen=True)
class RuleGroup:
    """A group of axe rules: the listed rule ids, plus rules of the listed axe categories.

    A group with neither takes every rule no other group takes. `weight` is its relative share
    of the axe budget (the time left is shared among the groups not yet run).
    """

    id: str
    weight: float
    rules: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


# Cheapest and most telling first: names and labels (image-alt, link-name, label, button-name,
# lang, title); then structure, ARIA, keyboard, tables; then color-contrast, which computes the
# colours of every text node and costs about as much as all the others together; target-size
# last, because the last group gets whatever time is left. Every group pays axe's own set-up (a
# flat copy of the DOM), so the first group has the larger share: on a 10,000-link page
# link-name alone takes about half of it.
RULE_GROUPS: tuple[RuleGroup, ...] = (
    RuleGroup(
        "names-and-language",
        2.0,
        rules=("document-title",),
        categories=(
            "cat.text-alternatives", "cat.name-role-value", "cat.forms", "cat.language",
            "cat.parsing",
        ),
    ),
    RuleGroup("structure-and-aria", 1.0),
    RuleGroup("color-contrast", 1.5, rules=("color-contrast", ENHANCED_CONTRAST_RULE)),
    # target-size (WCAG 2.2) compares every target with its neighbours: cheap on most pages,
    # but it ran for more than 90 s alone on a 10,000-link page: last, so it starves no other.
    RuleGroup("target-size", 1.0, rules=("target-size",)),
)


def partition_rules(
    rules: list[tuple[str, list[str]]], groups: tuple[RuleGroup, ...] = RULE_GROUPS
) -> list[tuple[RuleGroup, list[str]]]:
    """Each selected rule (id, tags) in exactly one group; groups without rules are dropped."""
    catch_all = next((g for g in groups if not g.rules and not g.categories), groups[-1])
    members: dict[str, list[str]] = {g.id: [] for g in groups}
    for rule_id, tags in rules:
        group = next((g for g in groups if rule_id in g.rules), None) or next(
            (g for g in groups if set(g.categories) & set(tags)), catch_all
        )
        members[group.id].append(rule_id)
    return [(g, members[g.id]) for g in groups if members[g.id]]


class AxeResultRejected(ValueError):
    """What came back is not a result of the axe-core the tool injected."""


def validated(raw: Any, version: str, rule_ids: set[str]) -> dict[str, Any]:
    """`raw` if it has the shape of an axe-core `version` result for `rule_ids`, else raise."""
    if not isinstance(raw, dict):
        raise AxeResultRejected("the result is not an axe-core result")
    engine = raw.get("testEngine")
    if not (
        isinstance(engine, dict)
        and engine.get("name") == "axe-core"
        and engine.get("version") == version
    ):
        raise AxeResultRejected(f"the result does not come from axe-core {version}")
    for bucket in ("violations", "incomplete"):
        rules = raw.get(bucket)
        if not isinstance(rules, list):
            raise AxeResultRejected(f"the result has no list of {bucket}")
        for rule in rules:
            if not isinstance(rule, dict) or rule.get("id") not in rule_ids:
                raise AxeResultRejected("the result holds a rule that was not run")
            nodes = rule.get("nodes")
            if not isinstance(nodes, list) or not isinstance(rule.get("tags"), list) or not all(
                isinstance(n, dict)
                and isinstance(n.get("target"), list)
                and isinstance(n.get("html"), str)
                for n in nodes
            ):
                raise AxeResultRejected(f"the result of {rule.get('id')} is malformed")
    if not all(isinstance(raw.get(key), int) for key in ("passes", "inapplicable")):
        raise AxeResultRejected("the result has no rule counts")
    return raw


@dataclass
class AxeOutcome:
    status: str  # ok | partial | timeout | error
    findings: list[Finding] = field(default_factory=list)
    message: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    groups: list[AxeGroup] = field(default_factory=list)
    version: str | None = None  # the axe-core version that ran, read back from its world


def wcag_from_tags(tags: list[str]) -> list[str]:
    """axe tags like 'wcag143' or 'wcag1410' -> ['1.4.3'], ['1.4.10']."""
    out: list[str] = []
    for tag in tags:
        match = re.fullmatch(r"wcag(\d)(\d)(\d+)", tag)
        if match:
            out.append(".".join(match.groups()))
    return out


def map_axe_results(raw: dict[str, Any]) -> list[Finding]:
    """Violations become findings; 'incomplete' results become needs-review findings."""
    findings: list[Finding] = []
    for bucket, needs_review in (("violations", False), ("incomplete", True)):
        for rule in raw.get(bucket, []) or []:
            nodes = rule.get("nodes", []) or []
            for node in nodes[:MAX_NODES_PER_RULE]:
                target = node.get("target") or []
                selector = " ".join(
                    " >> ".join(t) if isinstance(t, list) else str(t) for t in target
                )
                impact = node.get("impact") or rule.get("impact") or "moderate"
                message = (node.get("failureSummary") or rule.get("help") or "").strip()
                findings.append(
                    Finding(
                        rule=clean_text(rule.get("id", "axe"), 200, one_line=True),
                        source="axe",
                        impact=impact
                        if impact in ("critical", "serious", "moderate", "minor")
                        else "moderate",
                        needs_review=needs_review,
                        wcag=wcag_from_tags(rule.get("tags", [])),
                        # axe quotes the page (html, selectors, summaries): clean it here.
                        selector=clean_text(selector, 500, one_line=True),
                        snippet=clean_text(node.get("html", ""), 500),
                        message=clean_text(f"{rule.get('help', '')}. {message}".strip(". "), 1500),
                        help_url=clean_text(rule.get("helpUrl", ""), 2000, one_line=True),
                        data={"more_nodes": max(0, len(nodes) - MAX_NODES_PER_RULE)}
                        if len(nodes) > MAX_NODES_PER_RULE
                        else {},
                    )
                )
    return findings


async def prepare(
    page: Page, selection: AxeSelection = DEFAULT_SELECTION, script: AxeScript | None = None
) -> tuple[str, list[tuple[str, list[str]]]]:
    """Inject axe-core into the page's isolated world; its version and the selected rules."""
    script = script or bundled_script()
    await isolated.ensure_injected(page, _PRESENT, script.source)
    version = await isolated.evaluate(page, "() => axe.version")
    if version != script.version:
        raise AxeResultRejected(f"axe-core {version!r} ran, not the injected {script.version}")
    rules = await isolated.evaluate(page, _SELECT_JS,
                                    [list(selection.tags), list(selection.rules)])
    return str(version), [(str(rule_id), list(tags)) for rule_id, tags in rules]


async def run_group(page: Page, rule_ids: list[str], version: str,
                    script: AxeScript | None = None) -> dict[str, Any]:
    """One axe.run of `rule_ids` in the isolated world (injected again after a navigation)."""
    await isolated.ensure_injected(page, _PRESENT, (script or bundled_script()).source)
    raw = await isolated.evaluate(page, _RUN_JS, [rule_ids, RUN_OPTIONS], plain_json=True)
    return validated(raw, version, set(rule_ids))


async def run_axe(
    page: Page, timeout_s: float, groups: tuple[RuleGroup, ...] = RULE_GROUPS,
    selection: AxeSelection = DEFAULT_SELECTION, script: AxeScript | None = None,
) -> AxeOutcome:
    """Run axe's rule groups on the current document within `timeout_s` seconds in all
    (`script`: the axe-core to inject; None: the bundled one)."""
    budget = Deadline(timeout_s)
    task = asyncio.ensure_future(prepare(page, selection, script))
    if not await _finished(page, task, timeout_s):
        message = f"axe-core did not start in {timeout_s:.0f} s"
        return AxeOutcome("timeout", message=message, groups=_not_run(groups, message))
    try:
        version, rules = task.result()
    except (PlaywrightError, AxeResultRejected) as exc:
        message = _first_line(exc) or "axe failed"
        return AxeOutcome("error", message=message, groups=_not_run(groups, message))
    plan = partition_rules(rules, groups)
    results = [AxeGroup(id=spec.id, rules=ids) for spec, ids in plan]
    findings: list[Finding] = []
    counts = dict.fromkeys(("violations", "incomplete", "passes"), 0)
    page_usable = True
    for index, ((spec, ids), group) in enumerate(zip(plan, results, strict=True)):
        left = budget.remaining()
        if not page_usable or page.is_closed() or left < MIN_GROUP_S:
            group.message = "the page was closed" if page.is_closed() else "no time left"
            continue
        share = left * spec.weight / sum(s.weight for s, _ in plan[index:])
        started = time.monotonic()
        task = asyncio.ensure_future(run_group(page, ids, version, script))
        finished = await _finished(page, task, share)
        group.ms = int((time.monotonic() - started) * 1000)
        if not finished:
            group.status, group.message = "timeout", f"did not finish in {share:.1f} s"
            page_usable = not page.is_closed()
            continue
        try:
            raw = task.result()
        except (PlaywrightError, AxeResultRejected) as exc:
            group.status, group.message = "error", _first_line(exc) or "axe failed"
            page_usable = not page.is_closed()
            continue
        group.status = "ok"
        findings.extend(map_axe_results(raw))
        counts["violations"] += len(raw["violations"])
        counts["incomplete"] += len(raw["incomplete"])
        counts["passes"] += raw["passes"]
    status, message = summarise(results, timeout_s)
    return AxeOutcome(status, findings, message, counts, results, version)


def _not_run(groups: tuple[RuleGroup, ...], message: str) -> list[AxeGroup]:
    return [AxeGroup(id=g.id, status="not-run", message=message) for g in groups]


def summarise(groups: list[AxeGroup], timeout_s: float) -> tuple[str, str]:
    """The page's axe status and, unless every group finished, a message naming the others."""
    done = [g for g in groups if g.status == "ok"]
    if len(done) == len(groups):
        return "ok", ""
    missing = ", ".join(f"{g.id} ({g.status})" for g in groups if g.status != "ok")
    if done:
        return "partial", (
            f"axe-core partial: only some rule groups finished; not finished: {missing} / "
            f"axe-core частично: не завершены группы правил: {missing} / "
            f"axe-core ішінара: аяқталмаған ереже топтары: {missing}"
        )
    if any(g.status == "timeout" for g in groups):
        return "timeout", f"axe-core did not finish in {timeout_s:.0f} s: {missing}"
    return "error", f"axe-core failed: {missing}"


async def _finished(page: Page, task: asyncio.Future[Any], timeout_s: float) -> bool:
    """Wait for `task`; past `timeout_s`, stop the script it runs and make the page usable
    again (a new world), or close the page if it does not answer after the stop."""
    if await within(task, timeout_s):
        return True
    stopped = await _stop(page, task)
    if not task.done():
        task.cancel()
    with suppress(BaseException):  # retrieved, so asyncio does not warn; its error is moot
        await task
    isolated.renew(page)
    if not stopped:
        with suppress(Exception):  # best effort: the context closes later anyway
            await asyncio.wait_for(page.close(), timeout=10)
    return False


async def _stop(page: Page, task: asyncio.Future[Any]) -> bool:
    """Stop the running script until the page answers again, for up to STOP_WAIT_S.

    `Runtime.terminateExecution` stops the script running now, or else the next one to start:
    a stop sent before the group's script reached the page is spent on another evaluation, so
    it is sent again while the page does not answer.
    """
    stop = Deadline(STOP_WAIT_S)
    while not stop.expired and not page.is_closed():
        if not await isolated.interrupt(page):
            return False
        await within(task, 0.3)  # a stopped evaluation may still answer
        if await _answers(page, min(1.5, max(0.1, stop.remaining()))):
            return True
    return False


async def _answers(page: Page, timeout_s: float) -> bool:
    """Whether the page's renderer answers a trivial evaluation within `timeout_s`.

    An error answer counts: a left-over stop may cancel this very evaluation."""
    try:
        await asyncio.wait_for(isolated.evaluate(page, "() => true"), timeout_s)
    except TimeoutError:
        return False
    except PlaywrightError:
        return not page.is_closed()
    return True


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else ""


async def element_boxes(page: Page, selectors: list[str]) -> list[list[float] | None]:
    """Document-coordinate boxes of the first element for each CSS selector (None if absent)."""
    script = """(sels) => sels.map(s => {
      try {
        const el = document.querySelector(s);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return null;
        return [r.left + scrollX, r.top + scrollY, r.width, r.height];
      } catch (e) { return null; }
    })"""
    simple = [s if " >> " not in s else "" for s in selectors]
    try:
        return await isolated.evaluate(page, script, simple)
    except PlaywrightError:
        return [None] * len(selectors)
