"""Obsolete presentational markup: <font>, <center>, <marquee>, <blink>, <big>, <tt>, <strike>.

No WCAG criterion forbids them (best practice, minor): they fix sizes, faces and colours in
the markup where a user style sheet or the site's own low-vision mode cannot reach them as
easily, and they are the mark of a site last rebuilt long ago. axe-core's `marquee` and `blink`
rules (2.2.2) still report moving text on their own. One finding per page, with the counts by
element; the align and bgcolor attributes are counted alongside but never flagged alone.
"""

from __future__ import annotations

from typing import Any

from tester.checks.base import PageCheck
from tester.checks.markup.facts import markup_finding, meta, page_facts, result_of
from tester.env import PageEnv
from tester.model import CheckResult

CHECK_ID = "deprecated-markup"
WCAG: list[str] = []  # best practice
KIND = "deprecated-markup"


async def gather(env: PageEnv) -> dict[str, Any]:
    facts = await page_facts(env)
    return {"deprecated": facts.get("deprecated", {}), **meta(facts)}


def audit(data: dict[str, Any]) -> CheckResult:
    found = data.get("deprecated") or {}
    counts = {str(tag): int(n) for tag, n in (found.get("counts") or {}).items() if n}
    attributes = {str(a): int(n) for a, n in (found.get("attributes") or {}).items() if n}
    findings = []
    if counts:
        listed = ", ".join(f"<{tag}> × {n}" for tag, n in
                           sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        example = found.get("example") or {}
        findings.append(markup_finding(
            CHECK_ID, KIND, "markup.deprecated-markup", example, impact="minor", wcag=WCAG,
            elements=listed, count=sum(counts.values()),
            data={"counts": counts, "attributes": attributes}))
    return result_of(CHECK_ID, WCAG, data, findings,
                     {"counts": counts, "attributes": attributes})


CHECK = PageCheck(
    id=CHECK_ID,
    group="markup",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="No obsolete presentational markup (font, center, marquee)",
)
