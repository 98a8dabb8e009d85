"""`sitemap`: a machine /sitemap.xml that parses and lists this site's URLs, and a human
site-map page linked from the site (Карта сайта / Сайт картасы / Site map)."""

from __future__ import annotations

from tester.i18n import join, message_fields, say
from tester.lexicon.matching import match_term
from tester.model import CheckResult, Finding
from tester.site.base import SiteCheck, SiteContext
from tester.site.common import clip, result, skipped
from tester.site.crawler_files import parse_sitemap, robots_disallows_all
from tester.site.data import SiteArtifacts
from tester.site.links import link_label
from tester.site.urls import in_scope, match_url_token, path_and_query
from tester.snapshot import PageSnapshot
from tester.urlnorm import normalise_url

CHECK_ID = "sitemap"
SITEMAP_TERMS = ["карта сайта", "сайт картасы", "site map", "sitemap"]
SITEMAP_URL_TOKENS = ["sitemap", "site-map", "karta-sayta", "karta_sayta", "sayt-kartasy",
                      "sait-kartasy", "karta-saita"]


def human_sitemap_links(snapshots: list[PageSnapshot]) -> list[dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for snap in snapshots:
        for link in snap.links:
            href = normalise_url(link.href)
            if not href or href.lower().endswith(".xml"):
                continue
            label = link_label(link)
            if match_term(label, SITEMAP_TERMS) or match_url_token(
                path_and_query(href), SITEMAP_URL_TOKENS
            ):
                found.setdefault(href, {"href": href, "text": clip(label, 80), "page": snap.url})
    return list(found.values())


def audit_sitemap(artifacts: SiteArtifacts, snapshots: list[PageSnapshot]) -> CheckResult:
    if not snapshots and artifacts.sitemap is None:
        return skipped(CHECK_ID, say("check.sitemap.nothing"))
    findings: list[Finding] = []
    data: dict[str, object] = {}
    human = human_sitemap_links(snapshots)
    data["human_sitemap_links"] = human[:10]
    if not human:
        findings.append(Finding(rule="sitemap-page-missing", impact="moderate",
                                **message_fields(say("check.sitemap.page-missing"))))

    answer = artifacts.sitemap
    if answer is not None:
        data["sitemap_url"] = answer.url
        data["sitemap_status"] = answer.status
        parsed = parse_sitemap(answer.body, too_large=answer.truncated) \
            if answer.ok else None
        if parsed is None or parsed.error == "an HTML page, not XML":
            why = (f"HTTP {answer.status}" if answer.status else str(answer.error)) \
                if parsed is None else say("check.sitemap.soft-404")
            findings.append(Finding(rule="sitemap-xml-missing", impact="minor",
                                    **message_fields(say("check.sitemap.xml-missing",
                                                         url=answer.url, why=why)),
                                    data={"url": answer.url, "status": answer.status}))
        elif parsed.error:
            findings.append(Finding(rule="sitemap-xml-invalid", impact="moderate",
                                    **message_fields(say("check.sitemap.xml-invalid",
                                                         url=answer.url, error=parsed.error)),
                                    data={"url": answer.url}))
        else:
            locs = list(parsed.locs)
            if parsed.kind == "sitemapindex":
                data["child_sitemaps"] = len(parsed.locs)
                locs = [loc for child in artifacts.child_sitemaps if child.ok
                        for loc in parse_sitemap(child.body, too_large=child.truncated).locs]
            inside = [loc for loc in locs if in_scope(loc, artifacts.scope_hosts)]
            listed = {normalise_url(loc) for loc in inside}
            audited = {normalise_url(s.url) for s in snapshots if s.http_status in (None, 200)}
            data.update({"kind": parsed.kind, "urls": len(locs), "urls_in_scope": len(inside),
                         "audited_pages_listed": len(audited & listed),
                         "audited_pages": len(audited)})
            if locs and not inside:
                findings.append(Finding(
                    rule="sitemap-xml-out-of-scope", impact="moderate",
                    **message_fields(say("check.sitemap.xml-out-of-scope", url=answer.url,
                                         count=len(locs))),
                    data={"examples": locs[:5]}))
            elif not locs and parsed.kind == "urlset":
                findings.append(Finding(rule="sitemap-xml-empty", impact="moderate",
                                        **message_fields(say("check.sitemap.xml-empty",
                                                             url=answer.url))))

    robots = artifacts.robots
    if robots is not None:
        data["robots_status"] = robots.status
        if robots.ok and robots_disallows_all(robots.body):
            findings.append(Finding(rule="robots-disallow-all", impact="minor",
                                    **message_fields(say("check.sitemap.robots-disallow-all"))))
    parts = [say("check.sitemap.linked" if human else "check.sitemap.not-linked")]
    if "urls" in data:
        parts.append(say("check.sitemap.xml-lists", count=data["urls_in_scope"]))
    elif answer is not None:
        parts.append(say("check.sitemap.xml-missing-short" if not answer.ok
                         else "check.sitemap.xml-invalid-short"))
    return result(CHECK_ID, findings, data, say("check.sitemap.summary", parts=join(parts, "; ")))


def _audit(ctx: SiteContext) -> CheckResult:
    return audit_sitemap(ctx.artifacts, ctx.snapshots)


SITE_CHECK = SiteCheck(
    id=CHECK_ID,
    audit=_audit,
    title="Site map",
    rules=("N03",),  # a site map, linked and as /sitemap.xml
)
