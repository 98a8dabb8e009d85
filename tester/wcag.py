"""The WCAG standard a run is judged by: version (2.0, 2.1, 2.2) and conformance level (A, AA, AAA).

Every check reports the true success criteria of what it found; this module decides, from that
list alone, whether the finding counts under the standard the user asked for. A finding is
*advisory* when it names criteria and every one it names is above the chosen level (AAA under
AA) or not part of the chosen version (newer, or 4.1.1 Parsing, which WCAG 2.2 made obsolete).
Advisory findings are shown, with their own label, and never fail anything (tester.gate).
A finding that names no criterion (axe's best practices, the tool's own site-health rules) is
left as it is. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple, get_args

from tester.gate import confirmed
from tester.model import CheckResult, Finding, PageResult, SiteResult, TaskResult

WcagVersion = Literal["2.0", "2.1", "2.2"]
WcagLevel = Literal["A", "AA", "AAA"]
VERSIONS: tuple[str, ...] = get_args(WcagVersion)
LEVELS: tuple[str, ...] = get_args(WcagLevel)
DEFAULT_VERSION: WcagVersion = "2.1"
DEFAULT_LEVEL: WcagLevel = "AA"


class Criterion(NamedTuple):
    level: str  # A | AA | AAA
    since: str  # the WCAG version that introduced it
    removed_in: str | None = None  # the version that made it obsolete (4.1.1 in 2.2)
    name: str = ""  # its handle in WCAG ("Contrast (Minimum)")


_A, _AA, _AAA = "A", "AA", "AAA"
_20, _21, _22 = "2.0", "2.1", "2.2"

# Every success criterion of WCAG 2.2 (and 4.1.1, obsolete in it): number -> level, version.
CRITERIA: dict[str, Criterion] = {
    "1.1.1": Criterion(_A, _20, name="Non-text Content"),
    "1.2.1": Criterion(_A, _20, name="Audio-only and Video-only (Prerecorded)"),
    "1.2.2": Criterion(_A, _20, name="Captions (Prerecorded)"),
    "1.2.3": Criterion(_A, _20, name="Audio Description or Media Alternative (Prerecorded)"),
    "1.2.4": Criterion(_AA, _20, name="Captions (Live)"),
    "1.2.5": Criterion(_AA, _20, name="Audio Description (Prerecorded)"),
    "1.2.6": Criterion(_AAA, _20, name="Sign Language (Prerecorded)"),
    "1.2.7": Criterion(_AAA, _20, name="Extended Audio Description (Prerecorded)"),
    "1.2.8": Criterion(_AAA, _20, name="Media Alternative (Prerecorded)"),
    "1.2.9": Criterion(_AAA, _20, name="Audio-only (Live)"),
    "1.3.1": Criterion(_A, _20, name="Info and Relationships"),
    "1.3.2": Criterion(_A, _20, name="Meaningful Sequence"),
    "1.3.3": Criterion(_A, _20, name="Sensory Characteristics"),
    "1.3.4": Criterion(_AA, _21, name="Orientation"),
    "1.3.5": Criterion(_AA, _21, name="Identify Input Purpose"),
    "1.3.6": Criterion(_AAA, _21, name="Identify Purpose"),
    "1.4.1": Criterion(_A, _20, name="Use of Color"),
    "1.4.2": Criterion(_A, _20, name="Audio Control"),
    "1.4.3": Criterion(_AA, _20, name="Contrast (Minimum)"),
    "1.4.4": Criterion(_AA, _20, name="Resize Text"),
    "1.4.5": Criterion(_AA, _20, name="Images of Text"),
    "1.4.6": Criterion(_AAA, _20, name="Contrast (Enhanced)"),
    "1.4.7": Criterion(_AAA, _20, name="Low or No Background Audio"),
    "1.4.8": Criterion(_AAA, _20, name="Visual Presentation"),
    "1.4.9": Criterion(_AAA, _20, name="Images of Text (No Exception)"),
    "1.4.10": Criterion(_AA, _21, name="Reflow"),
    "1.4.11": Criterion(_AA, _21, name="Non-text Contrast"),
    "1.4.12": Criterion(_AA, _21, name="Text Spacing"),
    "1.4.13": Criterion(_AA, _21, name="Content on Hover or Focus"),
    "2.1.1": Criterion(_A, _20, name="Keyboard"),
    "2.1.2": Criterion(_A, _20, name="No Keyboard Trap"),
    "2.1.3": Criterion(_AAA, _20, name="Keyboard (No Exception)"),
    "2.1.4": Criterion(_A, _21, name="Character Key Shortcuts"),
    "2.2.1": Criterion(_A, _20, name="Timing Adjustable"),
    "2.2.2": Criterion(_A, _20, name="Pause, Stop, Hide"),
    "2.2.3": Criterion(_AAA, _20, name="No Timing"),
    "2.2.4": Criterion(_AAA, _20, name="Interruptions"),
    "2.2.5": Criterion(_AAA, _20, name="Re-authenticating"),
    "2.2.6": Criterion(_AAA, _21, name="Timeouts"),
    "2.3.1": Criterion(_A, _20, name="Three Flashes or Below Threshold"),
    "2.3.2": Criterion(_AAA, _20, name="Three Flashes"),
    "2.3.3": Criterion(_AAA, _21, name="Animation from Interactions"),
    "2.4.1": Criterion(_A, _20, name="Bypass Blocks"),
    "2.4.2": Criterion(_A, _20, name="Page Titled"),
    "2.4.3": Criterion(_A, _20, name="Focus Order"),
    "2.4.4": Criterion(_A, _20, name="Link Purpose (In Context)"),
    "2.4.5": Criterion(_AA, _20, name="Multiple Ways"),
    "2.4.6": Criterion(_AA, _20, name="Headings and Labels"),
    "2.4.7": Criterion(_AA, _20, name="Focus Visible"),
    "2.4.8": Criterion(_AAA, _20, name="Location"),
    "2.4.9": Criterion(_AAA, _20, name="Link Purpose (Link Only)"),
    "2.4.10": Criterion(_AAA, _20, name="Section Headings"),
    "2.4.11": Criterion(_AA, _22, name="Focus Not Obscured (Minimum)"),
    "2.4.12": Criterion(_AAA, _22, name="Focus Not Obscured (Enhanced)"),
    "2.4.13": Criterion(_AAA, _22, name="Focus Appearance"),
    "2.5.1": Criterion(_A, _21, name="Pointer Gestures"),
    "2.5.2": Criterion(_A, _21, name="Pointer Cancellation"),
    "2.5.3": Criterion(_A, _21, name="Label in Name"),
    "2.5.4": Criterion(_A, _21, name="Motion Actuation"),
    "2.5.5": Criterion(_AAA, _21, name="Target Size (Enhanced)"),
    "2.5.6": Criterion(_AAA, _21, name="Concurrent Input Mechanisms"),
    "2.5.7": Criterion(_AA, _22, name="Dragging Movements"),
    "2.5.8": Criterion(_AA, _22, name="Target Size (Minimum)"),
    "3.1.1": Criterion(_A, _20, name="Language of Page"),
    "3.1.2": Criterion(_AA, _20, name="Language of Parts"),
    "3.1.3": Criterion(_AAA, _20, name="Unusual Words"),
    "3.1.4": Criterion(_AAA, _20, name="Abbreviations"),
    "3.1.5": Criterion(_AAA, _20, name="Reading Level"),
    "3.1.6": Criterion(_AAA, _20, name="Pronunciation"),
    "3.2.1": Criterion(_A, _20, name="On Focus"),
    "3.2.2": Criterion(_A, _20, name="On Input"),
    "3.2.3": Criterion(_AA, _20, name="Consistent Navigation"),
    "3.2.4": Criterion(_AA, _20, name="Consistent Identification"),
    "3.2.5": Criterion(_AAA, _20, name="Change on Request"),
    "3.2.6": Criterion(_A, _22, name="Consistent Help"),
    "3.3.1": Criterion(_A, _20, name="Error Identification"),
    "3.3.2": Criterion(_A, _20, name="Labels or Instructions"),
    "3.3.3": Criterion(_AA, _20, name="Error Suggestion"),
    "3.3.4": Criterion(_AA, _20, name="Error Prevention (Legal, Financial, Data)"),
    "3.3.5": Criterion(_AAA, _20, name="Help"),
    "3.3.6": Criterion(_AAA, _20, name="Error Prevention (All)"),
    "3.3.7": Criterion(_A, _22, name="Redundant Entry"),
    "3.3.8": Criterion(_AA, _22, name="Accessible Authentication (Minimum)"),
    "3.3.9": Criterion(_AAA, _22, name="Accessible Authentication (Enhanced)"),
    "4.1.1": Criterion(_A, _20, removed_in=_22, name="Parsing"),
    "4.1.2": Criterion(_A, _20, name="Name, Role, Value"),
    "4.1.3": Criterion(_AA, _21, name="Status Messages"),
}


def understanding_url(criterion: str) -> str:
    """W3C's "Understanding" page of a criterion (WCAG 2.2's pages cover every 2.x criterion,
    4.1.1 included), or "" for a number not in the table."""
    known = CRITERIA.get(criterion)
    if known is None or not known.name:
        return ""
    slug = re.sub(r"[^a-z0-9]+", "-", known.name.lower()).strip("-")
    return f"https://www.w3.org/WAI/WCAG22/Understanding/{slug}.html"


def standard_label(version: str, level: str) -> str:
    """"WCAG 2.1 AA", as the report names the standard."""
    return f"WCAG {version} {level}"


def _order(values: Sequence[str], value: str) -> int:
    return values.index(value)


def in_standard(criterion: str, version: str, level: str) -> bool:
    """Does WCAG `version` at `level` require `criterion`? An unknown number is taken as
    required: a typo in a check must not quietly stop its findings counting."""
    known = CRITERIA.get(criterion.strip())
    if known is None:
        return True
    if _order(LEVELS, known.level) > _order(LEVELS, level):
        return False
    if _order(VERSIONS, known.since) > _order(VERSIONS, version):
        return False
    removed = known.removed_in
    return removed is None or _order(VERSIONS, version) < _order(VERSIONS, removed)


def is_advisory(wcag: Iterable[str], version: str, level: str) -> bool:
    """True when `wcag` names criteria and none of them is required by the chosen standard."""
    criteria = [c for c in wcag if c.strip()]
    return bool(criteria) and not any(in_standard(c, version, level) for c in criteria)


def apply_standard(findings: Iterable[Finding], version: str, level: str) -> list[Finding]:
    """Copies of `findings` with `advisory` set from their criteria under the standard."""
    return [f if f.advisory == (flag := is_advisory(f.wcag, version, level))
            else f.model_copy(update={"advisory": flag}) for f in findings]


def apply_to_check(check: CheckResult, version: str, level: str) -> CheckResult:
    """The check with its findings classified. A failed check none of whose findings counts any
    more (each advisory or needing review, one at least advisory) has passed under the
    standard; its advisory findings stay in it. Checks that fail on needs-review findings
    alone keep their own verdict."""
    findings = apply_standard(check.findings, version, level)
    status = check.status
    if (status == "failed" and any(f.advisory for f in findings)
            and not any(confirmed(f) for f in findings)):
        status = "passed"
    return check.model_copy(update={"findings": findings, "status": status})


def apply_to_page(page: PageResult, version: str, level: str) -> None:
    """Classify a page's own (axe) findings and each check's, in place."""
    page.findings = apply_standard(page.findings, version, level)
    page.checks = [apply_to_check(c, version, level) for c in page.checks]


def apply_to_task(task: TaskResult, version: str, level: str) -> None:
    task.findings = apply_standard(task.findings, version, level)


def apply_to_site(site: SiteResult, version: str, level: str) -> None:
    """Classify every finding of a site in place: pages, tasks, site checks. Idempotent, so a
    site finalised on more than one path (a timeout after the scores) is classified alike."""
    for page in site.pages:
        apply_to_page(page, version, level)
    for task in site.tasks:
        apply_to_task(task, version, level)
    site.checks = [apply_to_check(c, version, level) for c in site.checks]
