"""`audit_site`: every site check as a pure function of SiteArtifacts + PageSnapshots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tester.gather.snapshot import PageSnapshot
from tester.model import CheckResult
from tester.site.common import localised
from tester.site.data import SiteArtifacts
from tester.site.documents import audit_documents_as_images
from tester.site.freshness import audit_news_freshness, audit_stale_sections
from tester.site.language import audit_language_parity
from tester.site.links import audit_broken_links
from tester.site.messages import say
from tester.site.sections import DEFAULT_CHECKLIST, audit_required_sections, load_checklist
from tester.site.sitemap import audit_sitemap

SITE_CHECK_IDS = (
    "broken-links",
    "news-freshness",
    "stale-sections",
    "language-parity",
    "documents-as-images",
    "sitemap",
    "required-sections",
)


@dataclass(frozen=True)
class SiteAuditOptions:
    news_max_working_days: int = 3
    stale_after_days: int = 365
    holidays: tuple[date, ...] = ()  # non-working days besides Saturdays and Sundays
    checklist: Path = DEFAULT_CHECKLIST



def audit_site(
    artifacts: SiteArtifacts,
    snapshots: list[PageSnapshot],
    today: date,
    options: SiteAuditOptions | None = None,
) -> list[CheckResult]:
    """One CheckResult per site check; a check that crashes becomes an `error` result."""
    opts = options or SiteAuditOptions()
    runs: list[tuple[str, Callable[[], CheckResult]]] = [
        ("broken-links", lambda: audit_broken_links(artifacts, snapshots)),
        ("news-freshness", lambda: audit_news_freshness(
            snapshots, today, opts.news_max_working_days, opts.holidays)),
        ("stale-sections", lambda: audit_stale_sections(snapshots, today, opts.stale_after_days)),
        ("language-parity", lambda: audit_language_parity(artifacts, snapshots)),
        ("documents-as-images", lambda: audit_documents_as_images(snapshots)),
        ("sitemap", lambda: audit_sitemap(artifacts, snapshots)),
        ("required-sections", lambda: audit_required_sections(
            snapshots, load_checklist(opts.checklist))),
    ]
    results: list[CheckResult] = []
    for check_id, run in runs:
        try:
            results.append(run())
        except Exception as exc:  # noqa: BLE001 - one broken check must not sink the others
            results.append(CheckResult(id=check_id, status="error", **localised(
                say("check-error", error=f"{type(exc).__name__}: {str(exc)[:300]}"))))
    return results
