"""Site-level checks from Kazakhstan's rules for state bodies' websites.

Two layers, as everywhere in ashyq:

* ``await gather_site(home_url, snapshots, scope, settings) -> SiteArtifacts``: the HTTP
  side, through tester.fetch (statuses of in-scope link targets, /sitemap.xml, /robots.txt,
  and the other-language versions of audited pages), bounded in count and time, never out of
  scope;
* ``audit_site(artifacts, snapshots, today, settings) -> list[CheckResult]``: pure; every
  registered site check (tester/registry.py: broken-links, news-freshness, stale-sections,
  language-parity, documents-as-images, sitemap, required-sections, then plugins'), each a
  `SiteCheck` (tester/site/base.py) declared in its own module;
* ``discover_languages(snapshots) -> {"kk": url | None, "ru": ..., "en": ...}``: pure.
"""

from tester.site.audit import audit_site
from tester.site.base import SiteCheck, SiteContext
from tester.site.data import FetchResult, SiteArtifacts, VersionInfo
from tester.site.gather import GatherLimits, gather_site
from tester.site.language import discover_languages

__all__ = [
    "FetchResult",
    "GatherLimits",
    "SiteArtifacts",
    "SiteCheck",
    "SiteContext",
    "VersionInfo",
    "audit_site",
    "discover_languages",
    "gather_site",
]
