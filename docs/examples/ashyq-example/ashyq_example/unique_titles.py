"""unique-titles: audited pages do not share one title (WCAG 2.4.2 Page Titled).

A site check is one pure function of a SiteContext: the page snapshots of the run, what
gather_site fetched (ctx.artifacts), the date (ctx.today) and the settings.
"""

from __future__ import annotations

from collections import defaultdict

from tester.model import CheckResult, Finding
from tester.site.base import SiteCheck, SiteContext


def audit(ctx: SiteContext) -> CheckResult:
    pages = [s for s in ctx.snapshots if s.http_status is None or s.http_status < 400]
    by_title: dict[str, list[str]] = defaultdict(list)
    for snap in pages:
        by_title[snap.title.strip()].append(snap.url)
    findings = [
        Finding(rule="title-shared", impact="moderate", wcag=["2.4.2"],
                message=f"{len(urls)} pages are all titled {title!r}: "
                        "a person with many tabs open cannot tell them apart.",
                data={"title": title, "pages": urls[:20]})
        for title, urls in by_title.items() if len(urls) > 1
    ]
    if not pages:
        return CheckResult(id="unique-titles", status="skipped", message="No page was audited.")
    return CheckResult(id="unique-titles", status="failed" if findings else "passed",
                       wcag=["2.4.2"], findings=findings, data={"pages": len(pages)},
                       message=f"{len(by_title)} different titles on {len(pages)} pages.")


SITE_CHECK = SiteCheck(
    id="unique-titles",
    audit=audit,
    title="Every page has its own title",
    wcag=("2.4.2",),
)
