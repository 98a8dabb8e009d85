"""The markup facts every markup check reads: one bounded walk of the page (gather.js), made once
per page state and shared, plus the finding helpers of the group.

The checks of the group run one after another on the same loaded page; the first to ask pays
for the walk (one round-trip), the others reuse it while the page's DOM signature (element
count, text length, viewport, URL) is unchanged.
"""

from __future__ import annotations

import time
import weakref
from pathlib import Path
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from tester.checks.lowvision.common import error_text, probe
from tester.checks.markup.words import bare_link_texts
from tester.env import PageEnv
from tester.i18n import message_fields, say
from tester.model import CheckResult, Finding, Impact

GATHER_JS = Path(__file__).with_name("gather.js").read_text(encoding="utf-8").strip()
MAX_FINDINGS = 25  # per check and page
DEPRECATED_TAGS = ("font", "center", "marquee", "blink", "big", "tt", "strike", "basefont")
CAPS: dict[str, Any] = {
    # elements examined per kind, then items described (sent back) per kind
    "links": 3000, "fields": 500, "images": 1500, "fieldsets": 300, "tables": 100,
    "rows": 30, "cells": 20, "described": 300, "deprecated": list(DEPRECATED_TAGS),
}
BUDGET_MS = 2500  # the in-page walk stops here and says what it did not finish

_cache: weakref.WeakKeyDictionary[Page, dict[str, Any]] = weakref.WeakKeyDictionary()


async def page_facts(env: PageEnv) -> dict[str, Any]:
    """The page's markup facts, or {"error": text} when the page could not be read."""
    page = env.page
    try:
        cached = _cache.get(page)
        if cached is not None:
            signature = await probe(page, "LV.signature()")
            if signature == cached.get("signature"):
                return cached
        started = time.monotonic()
        facts = await probe(page, GATHER_JS, [CAPS, BUDGET_MS, sorted(bare_link_texts())])
        facts["seconds"] = round(time.monotonic() - started, 3)
    except PlaywrightError as exc:
        return {"error": error_text(exc)}
    _cache[page] = facts
    return facts


def meta(facts: dict[str, Any]) -> dict[str, Any]:
    """What every check's gathered data carries besides its own part of the facts."""
    return {key: facts[key] for key in ("error", "truncated", "ms") if key in facts}


def markup_finding(
    check_id: str,
    kind: str,
    message_key: str,
    item: dict[str, Any],
    *,
    impact: Impact,
    wcag: list[str],
    needs_review: bool = False,
    data: dict[str, Any] | None = None,
    **values: Any,
) -> Finding:
    """A finding of `check_id` of this `kind`, told by catalog entry `message_key`."""
    return Finding(
        rule=check_id,
        source="ashyq",
        impact=impact,
        needs_review=needs_review,
        wcag=list(wcag),
        selector=str(item.get("selector") or "")[:500],
        snippet=str(item.get("snippet") or "")[:300],
        **message_fields(say(message_key, **values)),
        data={"kind": kind, **(data or {})},
    )


def result_of(check_id: str, wcag: list[str], facts: dict[str, Any], findings: list[Finding],
              summary: dict[str, Any]) -> CheckResult:
    """`failed` when a finding is certain; review-only findings leave it `passed`."""
    if facts.get("error"):
        return CheckResult(id=check_id, status="error", message=str(facts["error"]),
                           wcag=list(wcag))
    findings = findings[:MAX_FINDINGS]
    summary = {**summary, "truncated": list(facts.get("truncated") or []),
               "ms": facts.get("ms")}
    failed = any(not f.needs_review for f in findings)
    return CheckResult(id=check_id, status="failed" if failed else "passed", findings=findings,
                       data=summary, wcag=list(wcag))


def clipped(text: Any, limit: int = 80) -> str:
    """Page text quoted in a message, kept short."""
    value = " ".join(str(text or "").split())
    return value if len(value) <= limit else value[: limit - 1] + "…"
