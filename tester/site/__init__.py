"""Site-level checks from Kazakhstan's rules for state bodies' websites.

Two layers, as everywhere in ashyq:

* ``await gather_site(context, home_url, snapshots, scope, settings) -> SiteArtifacts``: the
  browser/HTTP side (statuses of in-scope link targets, /sitemap.xml, /robots.txt, and the
  other-language versions of audited pages), bounded in count and time, never out of scope;
* ``audit_site(artifacts, snapshots, today) -> list[CheckResult]``: pure; the checks
  broken-links, news-freshness, stale-sections, language-parity, documents-as-images, sitemap
  and required-sections (its list is data: tester/site/checklist.yaml);
* ``discover_languages(snapshots) -> {"kk": url | None, "ru": ..., "en": ...}``: pure.
"""

from tester.site.audit import SITE_CHECK_IDS, SiteAuditOptions, audit_site
from tester.site.data import FetchResult, SiteArtifacts, VersionInfo
from tester.site.gather import GatherLimits, gather_site
from tester.site.language import discover_languages

__all__ = [
    "SITE_CHECK_IDS",
    "FetchResult",
    "GatherLimits",
    "SiteArtifacts",
    "SiteAuditOptions",
    "VersionInfo",
    "audit_site",
    "discover_languages",
    "gather_site",
]
