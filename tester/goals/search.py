"""site-search: the results page lists at least one result on the same site."""

from __future__ import annotations

from urllib.parse import urlsplit

from tester.goals.base import GoalCheck
from tester.i18n import say
from tester.lexicon import Lexicon, find_terms, load_lexicon
from tester.snapshot import PageSnapshot


def chrome_links(snap: PageSnapshot) -> set[tuple[str, str]]:
    """(href, text) of a page's links outside <main>: on pages without landmarks, the menus."""
    return {(link.href.split("#")[0], link.text) for link in snap.links if link.region != "main"}


def same_content(a: str, b: str) -> bool:
    """Two pages' main text is the same (whitespace aside): the search did not show results."""
    squash = " ".join(a.split())
    return bool(squash) and squash == " ".join(b.split())


def recognise_results(snap: PageSnapshot, query: str, known_links: set[tuple[str, str]],
                      lex: Lexicon | None = None, *, start_text: str = "") -> GoalCheck:
    """`known_links`: `chrome_links` of the page the search started from; they are not results.
    `start_text`: that page's main text; a "results page" showing it unchanged is no results
    page (a search whose template is missing answers the home page again)."""
    goal = (lex or load_lexicon()).goal("search")
    host = urlsplit(snap.url).hostname
    results = []
    for link in snap.links:
        href = link.href.split("#")[0]
        if not href.startswith("http") or urlsplit(href).hostname != host:
            continue
        if link.region in ("header", "nav", "footer", "aside") or not link.visible:
            continue
        if link.region != "main" and (href, link.text) in known_links:
            continue
        if href.rstrip("/") == snap.url.split("#")[0].rstrip("/"):
            continue
        results.append((href, link.text))
    empty = find_terms(snap.main_text or snap.text, goal.words("no_results"))
    evidence = {"query": query, "results_url": snap.url, "results": len(results),
                "first_results": [h for h, _ in results[:3]]}
    if snap.http_status and snap.http_status >= 400:
        return GoalCheck(False, say("goal.search.http", status=snap.http_status), evidence)
    if start_text and same_content(snap.main_text or snap.text, start_text):
        return GoalCheck(False, say("goal.search.start-page-again"), evidence)
    if empty and len(results) == 0:
        return GoalCheck(False, say("goal.search.nothing-found", text=repr(empty[0])), evidence)
    if not results:
        return GoalCheck(False, say("goal.search.no-result"), evidence)
    return GoalCheck(True, say("goal.search.results", count=len(results)), evidence)
