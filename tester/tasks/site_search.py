"""site-search: find the search box, search for the body's name, and recognise real results."""

from __future__ import annotations

import re
import time

from tester.goals.base import GoalCheck
from tester.goals.search import chrome_links, recognise_results
from tester.i18n import say
from tester.navigator import actions
from tester.navigator.explorer import Explorer
from tester.navigator.scoring import hint_needles
from tester.navigator.tasks import Outcome, TaskSpec, clicks, open_start
from tester.snapshot import PageSnapshot

GENERIC_TITLES = {"главная", "главная страница", "басты бет", "home", "home page", "main page"}
GENERIC_WORDS = re.compile(r"официальн|интернет-ресурс|сайт|ресми|official|website|portal|портал",
                           re.IGNORECASE)


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
        return Outcome.said("error", say("task.site-search.no-term"))
    field = await _search_field(x)
    if field is None:
        return Outcome.said("failed", say("task.site-search.no-field",
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
        await x.record("search", say("step.search", text=text), started, click=True)
        if not result.ok:
            return Outcome.said("failed", say("task.site-search.rejected", error=result.error),
                                evidence={"query": text, "present": True})
        page = await x.arrive()
        verdict = recognise_results(page, text, known, x.lex,
                                    start_text=snap.main_text or snap.text)
        if verdict.met:
            return Outcome.said("passed", say("task.site-search.found", query=text, url=page.url,
                                              reason=verdict.reason),
                                page.url, {"present": True, **verdict.evidence})
    assert verdict is not None
    return Outcome.said("failed",
                        say("task.site-search.failed", query=tried, reason=verdict.reason),
                        evidence={"present": True, **verdict.evidence})


SPEC = TaskSpec(
    id="site-search",
    title="Search the site",
    run=site_search,
    rules=("N04",),
)
