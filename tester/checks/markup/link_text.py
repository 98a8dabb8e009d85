"""Link text: links named only "Подробнее", "Толығырақ", "Read more" and the like.

axe-core has no rule for this (its `identical-links-same-purpose` is AAA and asks another
question). A link whose accessible name is specific passes, however the name is given
(aria-label, aria-labelledby, visually hidden text). A bare name is a failure of 2.4.4 (A) when
nothing programmatically tied to the link says where it goes; when its paragraph, list item or
table cell (or row) holds other text, or its title or aria-describedby does, 2.4.4 is met and
only 2.4.9 (AAA, link only) is missed: a separate kind, advisory under the default standard.
Pagination ("Далее", rel=next) is left alone: its container says what it is.
Identical texts are grouped: one finding per text and kind, with the count.
"""

from __future__ import annotations

import re
from typing import Any

from tester.checks.base import PageCheck
from tester.checks.markup.facts import clipped, markup_finding, meta, page_facts, result_of
from tester.checks.markup.words import fold_link_text, non_specific_language
from tester.env import PageEnv
from tester.model import CheckResult, Finding

CHECK_ID = "link-text"
WCAG = ["2.4.4", "2.4.9"]
NO_CONTEXT = "link-text-nonspecific"
IN_CONTEXT = "link-text-nonspecific-in-context"
MIN_CONTEXT_LETTERS = 8  # "Новости:" is context enough; a lone "»" or a date digit is not
_LETTER = re.compile(r"[^\W\d_]")
_DECORATION = re.compile(r"^[\s»«›‹→←>|·•*-]+|[\s»«›‹→←>|·•*-]+$")  # "Подробнее »" shown bare


async def gather(env: PageEnv) -> dict[str, Any]:
    facts = await page_facts(env)
    return {"links": facts.get("links", []), "links_seen": facts.get("links_seen", 0),
            **meta(facts)}


def context_of(link: dict[str, Any]) -> str:
    """What ties a bare link to its purpose: "container", "title", "description" or ""."""
    if len(_LETTER.findall(str(link.get("around") or ""))) >= MIN_CONTEXT_LETTERS:
        return "container"
    title = fold_link_text(link.get("title") or "")
    if title and title != fold_link_text(link.get("name") or "") and not non_specific_language(
            title):
        return "title"
    if fold_link_text(link.get("described") or ""):
        return "description"
    return ""


def audit(data: dict[str, Any]) -> CheckResult:
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for link in data.get("links", []):
        if link.get("pager") or not non_specific_language(link.get("name") or ""):
            continue
        context = context_of(link)
        kind = IN_CONTEXT if context else NO_CONTEXT
        key = (fold_link_text(link["name"]), kind)
        group = groups.setdefault(key, {"first": link, "count": 0, "contexts": {}})
        group["count"] += 1
        if context:
            group["contexts"][context] = group["contexts"].get(context, 0) + 1
    findings: list[Finding] = []
    # Failures first: MAX_FINDINGS must not keep advisories and drop them.
    for (text, kind), group in sorted(groups.items(), key=lambda kv: (kv[0][1] != NO_CONTEXT,
                                                                      -kv[1]["count"])):
        first = group["first"]
        shown = clipped(_DECORATION.sub("", str(first.get("name") or "")), 60)
        findings.append(markup_finding(
            CHECK_ID, kind, "markup.link-text-nonspecific" if kind == NO_CONTEXT else
            "markup.link-text-nonspecific-in-context", first,
            impact="serious" if kind == NO_CONTEXT else "minor",
            wcag=["2.4.4"] if kind == NO_CONTEXT else ["2.4.9"],
            text=shown, count=group["count"],
            data={"text": text, "count": group["count"], "contexts": group["contexts"]},
        ))
    no_context = sum(g["count"] for (_, kind), g in groups.items() if kind == NO_CONTEXT)
    return result_of(CHECK_ID, WCAG, data, findings, {
        "links": data.get("links_seen", 0), "non_specific": sum(
            g["count"] for g in groups.values()), "without_context": no_context,
    })


CHECK = PageCheck(
    id=CHECK_ID,
    group="markup",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Link text says where the link goes",
)
