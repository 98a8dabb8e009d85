"""switch-to-kazakh: reach the Kazakh version; check the switch keeps the page one is on.

`lands_on` says where a switch landed: "same-page" (the Kazakh equivalent of the page it was
used on), "home" (the Kazakh home page instead) or "elsewhere"; `lands_on_by` what decided it
(tester.goals.language.lands_on: hreflang, the URL's language marker, or the page structure).
The evidence has it for the main switch and for the switch used on an inner page
(`keeps_page_probe`, its verdict also as `probe_lands_on`); `keeps_page` stays, true when the
inner page's switch lands on the same page (the main switch's verdict without an inner page).
"""

from __future__ import annotations

import time
from typing import Any

from playwright.async_api import Error as PlaywrightError

from tester.gather import isolated
from tester.goals.base import GoalCheck
from tester.goals.language import (
    is_home_like,
    lands_on,
    lang_attribute_problem,
    recognise_kazakh,
    strip_language,
)
from tester.i18n import Message, say
from tester.navigator import actions
from tester.navigator.explorer import Explorer
from tester.navigator.scoring import language_scorer
from tester.navigator.tasks import (
    Outcome,
    TaskSpec,
    not_found,
    open_start,
    tried_evidence,
    where_found,
)
from tester.snapshot import PageSnapshot

# The structure of a page's main part, never its text: heading levels in order, the landmarks of
# the page, and counts of paragraphs, list items, lists, tables, images, forms and links.
STRUCTURE_JS = """() => {
  const body = document.body;
  if (!body) return null;
  const main = document.querySelector('main,[role=main]') || document.querySelector('article') ||
    body;
  const inMain = sel => Array.from(main.querySelectorAll(sel)).filter(e =>
    main !== body || !e.closest('header,nav,footer,[role=banner],[role=navigation],' +
    '[role=contentinfo]'));
  const marks = [];
  for (const e of body.querySelectorAll('header,nav,main,aside,footer,[role=banner],' +
      '[role=navigation],[role=main],[role=complementary],[role=contentinfo]')) {
    const name = e.getAttribute('role') || e.tagName.toLowerCase();
    if (marks[marks.length - 1] !== name) marks.push(name);
    if (marks.length >= 12) break;
  }
  return {headings: inMain('h1,h2,h3,h4,h5,h6').slice(0, 40).map(h => h.tagName.toLowerCase()),
          landmarks: marks, paragraphs: inMain('p').length, items: inMain('li').length,
          lists: inMain('ul,ol,dl').length, tables: inMain('table').length,
          images: inMain('img').length, forms: inMain('form').length,
          links: inMain('a[href]').length};
}"""


async def page_structure(x: Explorer) -> dict[str, Any] | None:
    try:
        found = await isolated.evaluate(x.page, STRUCTURE_JS, plain_json=True)
    except PlaywrightError:
        return None
    return found if isinstance(found, dict) else None


LANDS_ON_KEYS = {"same-page": "task.switch-to-kazakh.lands-same-page",
                 "home": "task.switch-to-kazakh.lands-home",
                 "elsewhere": "task.switch-to-kazakh.lands-elsewhere"}
PROBE_LANDS_ON_KEYS = {"same-page": "task.switch-to-kazakh.probe-lands-same-page",
                       "home": "task.switch-to-kazakh.probe-lands-home",
                       "elsewhere": "task.switch-to-kazakh.probe-lands-elsewhere"}
# A verdict earlier versions wrote: a saved result.json names it, and still renders.
FORMER_MESSAGES = ("task.switch-to-kazakh.drops-page",)


async def switch_to_kazakh(x: Explorer) -> Outcome:
    snap = await open_start(x)
    if isinstance(snap, Outcome):
        return snap
    first = recognise_kazakh(snap, None)
    if first.met:
        return Outcome.said("passed", say("task.switch-to-kazakh.already"), snap.url,
                            {**first.evidence, "already_kazakh": True})
    scorer = language_scorer(x.lex)
    offered = await _other_languages(x)
    start_structure = await page_structure(x)

    def check(page: PageSnapshot, from_url: str) -> GoalCheck:
        return recognise_kazakh(page, from_url)

    found = await x.seek(scorer, check)
    if found is None:
        seen = x.near_miss.evidence if x.near_miss else {}
        offers = say("task.switch-to-kazakh.offers-only", languages=", ".join(offered))
        message = say("task.switch-to-kazakh.not-found",
                      not_found=not_found(x, "task.switch-to-kazakh.what"),
                      offers=offers if offered else None)
        return Outcome.said("failed", message,
                            evidence={**tried_evidence(x), "reached_url": x.near_miss_url or None,
                                      "lang_attribute": seen.get("lang_attribute"),
                                      "kazakh_letter_share": seen.get("kazakh_letter_share"),
                                      "other_languages": offered})
    evidence = dict(found.check.evidence)
    from_url = str(evidence.get("from_url") or snap.url)
    # The main switch: from the page it was used on (the start page when it is one click).
    landing = await page_structure(x) if canonical(x.page.url) == canonical(found.url) else None
    source = (snap.hreflang, start_structure) if canonical(from_url) == canonical(snap.url) \
        else ({}, None)
    where, basis = lands_on(from_url, found.url, source[0], source[1], landing)
    evidence.update(lands_on=where, lands_on_by=basis, keeps_page=where == "same-page")
    probe = await _probe_keeps_page(x, scorer)
    if probe is not None:
        evidence.update(keeps_page=probe["keeps_page"], keeps_page_probe=probe,
                        probe_lands_on=probe["lands_on"], probe_lands_on_by=probe["lands_on_by"])
    notes: list[Message] = []
    if probe is not None:  # the inner page tells most: there a home page is a lost place
        notes.append(say(PROBE_LANDS_ON_KEYS[probe["lands_on"]]))
    else:
        notes.append(say(LANDS_ON_KEYS[where]))
    problem = lang_attribute_problem(str(evidence.get("lang_attribute") or ""))
    if problem is not None:
        notes.append(say("task.switch-to-kazakh.lang-problem", problem=problem))
    return Outcome.said("passed", say("task.switch-to-kazakh.reached", where=where_found(x),
                                      url=found.url, note=notes), found.url, evidence)


async def _other_languages(x: Explorer) -> list[str]:
    """Labels of the start page's switches to Russian or English ("RU", "EN"), for the verdict."""
    ru, en = language_scorer(x.lex, "lang_ru"), language_scorer(x.lex, "lang_en")
    labels: list[str] = []
    for control in await x.controls_here():
        if control.kind == "select":
            continue
        if max(ru(control, x.page.url)[0][0], en(control, x.page.url)[0][0]) >= 0.8 and \
                control.label not in labels:
            labels.append(control.label)
    return labels[:6]


async def _probe_keeps_page(x: Explorer, scorer: Any) -> dict[str, Any] | None:
    """From an inner page of the original language, does the switch keep that page?"""
    if not x.time_left():
        return None
    x.counting = False
    try:
        result = await x.goto(x.env.start_url, action="probe", label=say("step.start-again"))
        if not result.ok:
            return None
        await x.arrive()
        here = strip_language(x.page.url)  # a logo link to this very page is no inner page
        links = [c for c in await x.controls_here()
                 if c.kind == "link" and c.visible and c.region != "footer"
                 and x.followable(c) and c.abs.startswith("http") and not is_home_like(c.abs)
                 and strip_language(c.abs) != here and scorer(c, x.page.url)[0][0] < 0.5]
        # A menu link first; a page without landmarks (table layouts, hand-made sites) offers
        # its links in no region at all.
        inner = next((c for c in links if c.region in ("nav", "header", "main")),
                     links[0] if links else None)
        if inner is None:
            return None
        result = await x.goto(inner.abs, action="probe",
                              label=say("step.inner-page", label=inner.label))
        if not result.ok:
            return None
        inner_snap = await x.arrive()
        from_url = x.page.url
        before = await page_structure(x)
        ranked = sorted(((s, opt, c) for c in await x.controls_here() if x.followable(c)
                         for s, opt in scorer(c, from_url)), key=lambda t: -t[0])
        if not ranked or ranked[0][0] < 0.6:
            return None
        _, option, control = ranked[0]
        if not await x.reveal(control):
            return None
        started = time.monotonic()
        await actions.activate(x.page, control, x.settings, option)
        await x.record("probe", say("step.switch-inner", label=control.label), started)
        to_url = x.page.url
        where, basis = lands_on(from_url, to_url, inner_snap.hreflang, before,
                                await page_structure(x))
        return {"from_url": from_url, "to_url": to_url, "lands_on": where, "lands_on_by": basis,
                "keeps_page": where == "same-page"}
    finally:
        x.counting = True


def canonical(url: str) -> str:
    return url.split("#")[0].rstrip("/")


SPEC = TaskSpec(
    id="switch-to-kazakh",
    title="Switch the site to Kazakh",
    run=switch_to_kazakh,
    measures_path=True,
    wcag=("3.1.1",),
    rules=("N01",),
)
