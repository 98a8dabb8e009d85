"""find-sitemap: reach the site-map page; /sitemap.xml is fetched as evidence."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from tester.fetch import MAX_BODY, Fetcher
from tester.goals.base import GoalCheck
from tester.goals.sitemap import recognise_sitemap, sitemap_xml_ok
from tester.i18n import say
from tester.navigator.explorer import Explorer
from tester.navigator.scoring import goal_scorer
from tester.navigator.tasks import (
    Outcome,
    TaskSpec,
    check_then_seek,
    not_found,
    open_start,
    tried_evidence,
    where_found,
)
from tester.snapshot import PageSnapshot


async def sitemap_xml(x: Explorer) -> dict[str, Any]:
    """/sitemap.xml over HTTP, redirects followed only within the site (tester.fetch)."""
    url = urljoin(x.env.start_url, "/sitemap.xml")
    # The cap the site checks use too: they then get this answer from the site's cache.
    async with Fetcher.for_scope(x.env.scope, x.settings) as fetcher:
        answer = await fetcher.fetch(url, keep_body=True, max_body=MAX_BODY)
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
        return Outcome.said("failed", not_found(x, "task.find-sitemap.what"),
                            evidence={**tried_evidence(x), **xml})
    return Outcome.said("passed", say("task.find-sitemap.found", where=where_found(x),
                                      url=found.url,
                                      reason=found.check.reason),
                        found.url, {**found.check.evidence, **xml})


SPEC = TaskSpec(
    id="find-sitemap",
    title="Find the site map",
    run=find_sitemap,
    measures_path=True,
    rules=("N03",),
)
