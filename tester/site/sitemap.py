"""`sitemap`: a machine /sitemap.xml that parses and lists this site's URLs, and a human
site-map page linked from the site (Карта сайта / Сайт картасы / Site map)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from tester.gather.snapshot import PageSnapshot
from tester.lexicon.matching import match_term
from tester.model import CheckResult, Finding
from tester.site.common import clip, result, skipped
from tester.site.data import SiteArtifacts
from tester.site.links import link_label
from tester.site.messages import say
from tester.site.urls import in_scope, match_url_token, normalize_url, path_and_query
from tester.texts import fields, join

CHECK_ID = "sitemap"
SITEMAP_TERMS = ["карта сайта", "сайт картасы", "site map", "sitemap"]
SITEMAP_URL_TOKENS = ["sitemap", "site-map", "karta-sayta", "karta_sayta", "sayt-kartasy",
                      "sait-kartasy", "karta-saita"]
MAX_XML = 5_000_000


@dataclass
class ParsedSitemap:
    kind: str = ""  # urlset | sitemapindex
    locs: list[str] = field(default_factory=list)
    error: str | None = None


def parse_sitemap(body: str) -> ParsedSitemap:
    """Parse a sitemap or sitemap index; DTDs are refused (no entity expansion, ever)."""
    text = (body or "").lstrip("\ufeff \t\r\n")
    if not text:
        return ParsedSitemap(error="empty")
    if len(text) > MAX_XML:
        return ParsedSitemap(error="too large")
    head = text[:512].lower()
    if head.startswith("<!doctype html") or head.startswith("<html"):
        return ParsedSitemap(error="an HTML page, not XML")
    if "<!doctype" in text[:4096].lower() or "<!entity" in text.lower():
        return ParsedSitemap(error="a DTD is not allowed in a sitemap")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return ParsedSitemap(error=f"not well-formed XML ({exc})")
    kind = root.tag.rsplit("}", 1)[-1]
    if kind not in ("urlset", "sitemapindex"):
        return ParsedSitemap(kind=kind, error=f"root element <{kind}> is not urlset/sitemapindex")
    locs = [
        (el.text or "").strip()
        for el in root.iter()
        if el.tag.rsplit("}", 1)[-1] == "loc" and (el.text or "").strip()
    ]
    return ParsedSitemap(kind=kind, locs=locs)


def robots_sitemaps(body: str) -> list[str]:
    return [
        line.split(":", 1)[1].strip()
        for line in (body or "").splitlines()
        if line.lower().startswith("sitemap:") and line.split(":", 1)[1].strip()
    ]


def robots_disallows_all(body: str) -> bool:
    """`User-agent: *` followed by `Disallow: /`."""
    agent_all = False
    for raw in (body or "").splitlines():
        line = raw.split("#", 1)[0].strip().lower()
        if line.startswith("user-agent:"):
            agent_all = line.split(":", 1)[1].strip() == "*"
        elif agent_all and line.startswith("disallow:") and line.split(":", 1)[1].strip() == "/":
            return True
    return False


def human_sitemap_links(snapshots: list[PageSnapshot]) -> list[dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for snap in snapshots:
        for link in snap.links:
            href = normalize_url(link.href)
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
        return skipped(CHECK_ID, say("sitemap-nothing"))
    findings: list[Finding] = []
    data: dict[str, object] = {}
    human = human_sitemap_links(snapshots)
    data["human_sitemap_links"] = human[:10]
    if not human:
        findings.append(Finding(rule="sitemap-page-missing", impact="moderate",
                                **fields(say("sitemap-page-missing"))))

    answer = artifacts.sitemap
    if answer is not None:
        data["sitemap_url"] = answer.url
        data["sitemap_status"] = answer.status
        parsed = parse_sitemap(answer.body) if answer.ok else None
        if parsed is None or parsed.error == "an HTML page, not XML":
            why = (f"HTTP {answer.status}" if answer.status else str(answer.error)) \
                if parsed is None else say("soft-404")
            findings.append(Finding(rule="sitemap-xml-missing", impact="minor",
                                    **fields(say("sitemap-xml-missing", url=answer.url, why=why)),
                                    data={"url": answer.url, "status": answer.status}))
        elif parsed.error:
            findings.append(Finding(rule="sitemap-xml-invalid", impact="moderate",
                                    **fields(say("sitemap-xml-invalid", url=answer.url,
                                                 error=parsed.error)),
                                    data={"url": answer.url}))
        else:
            locs = list(parsed.locs)
            if parsed.kind == "sitemapindex":
                data["child_sitemaps"] = len(parsed.locs)
                locs = [loc for child in artifacts.child_sitemaps if child.ok
                        for loc in parse_sitemap(child.body).locs]
            inside = [loc for loc in locs if in_scope(loc, artifacts.scope_hosts)]
            listed = {normalize_url(loc) for loc in inside}
            audited = {normalize_url(s.url) for s in snapshots if s.http_status in (None, 200)}
            data.update({"kind": parsed.kind, "urls": len(locs), "urls_in_scope": len(inside),
                         "audited_pages_listed": len(audited & listed),
                         "audited_pages": len(audited)})
            if locs and not inside:
                findings.append(Finding(
                    rule="sitemap-xml-out-of-scope", impact="moderate",
                    **fields(say("sitemap-xml-out-of-scope", url=answer.url, count=len(locs))),
                    data={"examples": locs[:5]}))
            elif not locs and parsed.kind == "urlset":
                findings.append(Finding(rule="sitemap-xml-empty", impact="moderate",
                                        **fields(say("sitemap-xml-empty", url=answer.url))))

    robots = artifacts.robots
    if robots is not None:
        data["robots_status"] = robots.status
        if robots.ok and robots_disallows_all(robots.body):
            findings.append(Finding(rule="robots-disallow-all", impact="minor",
                                    **fields(say("robots-disallow-all"))))
    parts = [say("sitemap-linked" if human else "sitemap-not-linked")]
    if "urls" in data:
        parts.append(say("sitemap-xml-lists", count=data["urls_in_scope"]))
    elif answer is not None:
        parts.append(say("sitemap-xml-missing-short" if not answer.ok
                         else "sitemap-xml-invalid-short"))
    return result(CHECK_ID, findings, data, join([join(parts, "; "), "."]))
