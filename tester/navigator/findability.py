"""find-sitemap and site-search."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import urljoin

from tester.fetch import Fetcher
from tester.gather.snapshot import PageSnapshot
from tester.goals.base import GoalCheck
from tester.goals.search import chrome_links, recognise_results
from tester.goals.sitemap import recognise_sitemap, sitemap_xml_ok
from tester.navigator import actions
from tester.navigator.explorer import Explorer
from tester.navigator.messages import clicks, reason, say
from tester.navigator.scoring import goal_scorer, hint_needles
from tester.navigator.tasks import (
    Outcome,
    _not_found,
    _tried,
    _where,
    check_then_seek,
    open_start,
)

GENERIC_TITLES = {"главная", "главная страница", "басты бет", "home", "home page", "main page"}
GENERIC_WORDS = re.compile(r"официальн|интернет-ресурс|сайт|ресми|official|website|portal|портал",
                           re.IGNORECASE)


async def sitemap_xml(x: Explorer) -> dict[str, Any]:
    """/sitemap.xml over HTTP, redirects followed only within the site (tester.fetch)."""
    url = urljoin(x.env.start_url, "/sitemap.xml")
    fetcher = Fetcher.for_context(x.env.context, x.env.scope, x.settings)
    answer = await fetcher.fetch(url, keep_body=True, max_body=20_000)
    if answer.status is None and not answer.refused:
        return {"sitemap_xml": False, "sitemap_xml_url": url,
                "sitemap_xml_error": (answer.error or "")[:120]}
    evidence: dict[str, Any] = {
        "sitemap_xml": not answer.refused and sitemap_xml_ok(answer.status or 0, answer.text),
        "sitemap_xml_url": url, "sitemap_xml_status": answer.status}
    if answer.refused:
        evidence["sitemap_xml_refused"] = f"{answer.refused}: {answer.refused_target}"[:300]
    return evidence


async def find_sitemap(x: Explorer) -> Outcome:
    snap = await open_start(x)
    if isinstance(snap, Outcome):
        return snap

    def check(page: PageSnapshot, _from: str) -> GoalCheck:
        return recognise_sitemap(page, x.lex)

    found = await check_then_seek(
        x, snap, goal_scorer(x.lex.goal("sitemap"), via_weight=0.0), check)
    xml = await sitemap_xml(x)
    if found is None:
        return Outcome.said("failed", _not_found(x, "what-sitemap"),
                            evidence={**_tried(x), **xml})
    return Outcome.said("passed", say("sitemap-found", where=_where(x), url=found.url,
                                      reason=reason(found.check.reason)),
                        found.url, {**found.check.evidence, **xml})


def site_name_from(snap: PageSnapshot) -> str:
    """What a citizen would type: the body's name from the title (or the first heading)."""
    parts = [p.strip() for p in re.split(r"\s+[—–|:-]\s+|\s*\|\s*", snap.title or "") if p.strip()]
    parts = [p for p in parts if p.casefold() not in GENERIC_TITLES]
    named = [p for p in parts if not GENERIC_WORDS.search(p)] or parts
    name = named[0] if named else (snap.headings[0] if snap.headings else "")
    return " ".join(name.split()[:4])


async def _search_field(x: Explorer) -> str | None:
    """A visible search box; else open the search control (icon or link) and look again."""
    goal = x.lex.goal("search")
    field = await actions.find_field(x.page, goal.words("dom"))
    if field:
        return field
    needles = [n for n in hint_needles(goal.words("triggers")) if len(n) >= 4]
    triggers = []
    for c in await x.controls_here():
        score = goal.label_score(*c.labels)
        if any(n in c.hints.lower() for n in needles):
            score = max(score, 0.8)
        if score >= 0.8 and x.followable(c):
            triggers.append((score, c))
    for _, control in sorted(triggers, key=lambda t: -t[0])[:2]:
        if not x.clicks_left() or not await x.reveal(control):
            continue
        started = time.monotonic()
        await actions.activate(x.page, control, x.settings)
        await x.record("open-search", control.label, started, click=True)
        await x.arrive()
        field = await actions.find_field(x.page, goal.words("dom"))
        if field:
            return field
    return None


async def site_search(x: Explorer) -> Outcome:
    snap = await open_start(x)
    if isinstance(snap, Outcome):
        return snap
    known = chrome_links(snap)
    query = x.settings.search_term or x.env.site_name or site_name_from(snap)
    if not query:
        return Outcome.said("error", say("search-no-term"))
    field = await _search_field(x)
    if field is None:
        return Outcome.said("failed", say("search-no-field",
                                          clicks=clicks(x.clicks, always_plural=True)),
                            evidence={"query": query, "present": False})
    queries = [query]
    longest = max(query.split(), key=len)
    if longest != query:
        queries.append(longest)  # a person shortens a query that finds nothing
    verdict: GoalCheck | None = None
    tried = query
    for attempt, text in enumerate(queries):
        if attempt and (not x.clicks_left() or not x.time_left()):
            break
        if attempt:
            field = await actions.find_field(x.page, x.lex.goal("search").words("dom"))
            if field is None:
                break
        started = time.monotonic()
        x.watcher.status = None
        tried = text
        result = await actions.fill_and_submit(x.page, field, text, x.settings)
        await x.record("search", f"search: {text}", started, click=True)
        if not result.ok:
            return Outcome.said("failed", say("search-rejected", error=result.error),
                                evidence={"query": text, "present": True})
        page = await x.arrive()
        verdict = recognise_results(page, text, known, x.lex,
                                    start_text=snap.main_text or snap.text)
        if verdict.met:
            return Outcome.said("passed", say("search-found", query=text, url=page.url,
                                              reason=reason(verdict.reason)),
                                page.url, {"present": True, **verdict.evidence})
    assert verdict is not None
    return Outcome.said("failed", say("search-failed", query=tried, reason=reason(verdict.reason)),
                        evidence={"present": True, **verdict.evidence})
