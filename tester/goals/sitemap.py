"""find-sitemap: a page titled as the site map that lists many of the site's pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from tester.goals.base import GoalCheck
from tester.i18n import say
from tester.lexicon import Lexicon, load_lexicon
from tester.snapshot import PageSnapshot

MIN_LINKS = 8


def sitemap_xml_ok(status: int | None, body: str) -> bool:
    """A /sitemap.xml answer that is really a sitemap (not an HTML 404 page served as 200)."""
    return status == 200 and ("<urlset" in body[:5000] or "<sitemapindex" in body[:5000])


def recognise_sitemap(snap: PageSnapshot, lex: Lexicon | None = None) -> GoalCheck:
    goal = (lex or load_lexicon()).goal("sitemap")
    titles = [h for h in snap.headings[:4] if h] + [snap.title]
    heading = next((h for h in titles if goal.label_score(h) >= 0.8), None)
    host = urlsplit(snap.url).hostname
    listed = {link.href.split("#")[0] for link in snap.links
              if link.region not in ("header", "nav", "footer") and link.href.startswith("http")
              and urlsplit(link.href).hostname == host}
    evidence = {"heading": heading, "links_listed": len(listed)}
    if heading is None:
        return GoalCheck(False, say("goal.sitemap.no-title"), evidence)
    if len(listed) < MIN_LINKS:
        return GoalCheck(False, say("goal.sitemap.few-links", count=len(listed)), evidence)
    return GoalCheck(True, say("goal.sitemap.found", count=len(listed)), evidence)
