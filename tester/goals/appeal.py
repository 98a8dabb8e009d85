"""find-appeal-procedure: how to submit an appeal (өтініш / обращение) is explained, or linked.

Met by (a) a visible outbound link to an e-appeal service (eotinish.kz, dialog.egov.kz), which is
credited as the channel and never followed, or (b) a page whose heading is about appeals and
whose text explains the procedure, the reception schedule, the internet reception or the head's
blog. A news story about appeals is not the procedure: a page is news by its structure (a
date beside its headline, article metadata, a news URL or breadcrumb; tester/goals/news.py),
never because its text cites dated laws.
"""

from __future__ import annotations

from tester.goals.base import GoalCheck
from tester.goals.news import is_listed_title, listed_titles, news_signals
from tester.i18n import say
from tester.lexicon import Lexicon, find_terms, load_lexicon
from tester.snapshot import PageSnapshot

MIN_PROCEDURE_CHARS = 120


def eappeal_links(snap: PageSnapshot, lex: Lexicon) -> list[tuple[str, str]]:
    """(href, label) of visible links to e-appeal services."""
    goal = lex.goal("appeals")
    out = []
    for link in snap.links:
        if link.visible and link.href and goal.host_match(link.href):
            out.append((link.href, link.text or link.aria_label or link.title or link.img_alt))
    return out


def recognise_appeal(snap: PageSnapshot, lex: Lexicon | None = None) -> GoalCheck:
    lex = lex or load_lexicon()
    goal = lex.goal("appeals")
    links = eappeal_links(snap, lex)
    if links:
        href, label = links[0]
        return GoalCheck(
            True,
            say("goal.appeal.service-link"),
            {"channel": "e-appeal link", "link": href, "label": label[:200]},
            target_url=href,
        )
    # A dated teaser's title ("Өтініштерді қарау тәртібі өзгерді" in a home page's news block)
    # names a news item, not this page's subject.
    teasers = listed_titles(snap)
    titles = [h for h in snap.headings[:6] if h and not is_listed_title(h, teasers)] + [snap.title]
    heading = next((h for h in titles if goal.label_score(h) >= 0.55), None)
    if heading is None:
        return GoalCheck(False, say("goal.appeal.nothing"), {})
    body = snap.main_text or snap.text
    markers = find_terms(body, goal.words("content"))
    how = find_terms(body, goal.words("procedure"))
    evidence = {"channel": "procedure", "heading": heading[:200], "markers": markers[:8],
                "procedure_words": how[:8]}
    signals = news_signals(snap)  # structure, not dates in the text: procedures cite laws
    if signals:
        return GoalCheck(False, say("goal.appeal.news"), {**evidence, "news_signals": signals})
    if len(body.strip()) < MIN_PROCEDURE_CHARS or not how or len(set(markers) | set(how)) < 3:
        return GoalCheck(False, say("goal.appeal.no-procedure"), evidence)
    return GoalCheck(True, say("goal.appeal.procedure"), evidence)
