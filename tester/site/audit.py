"""`audit_site`: every registered site check, each a pure function of one SiteContext."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tester.config import Settings
from tester.i18n import message_fields, say
from tester.model import CheckResult
from tester.site.base import SiteCheck, SiteContext
from tester.site.data import SiteArtifacts
from tester.snapshot import PageSnapshot


def audit_site(
    artifacts: SiteArtifacts,
    snapshots: list[PageSnapshot],
    today: date,
    settings: Settings | None = None,
    checks: Sequence[SiteCheck] | None = None,
) -> list[CheckResult]:
    """One CheckResult per site check (default: the registry's, in order); a check that
    crashes becomes an `error` result and the others still run."""
    if checks is None:
        from tester.registry import site_check_specs

        checks = site_check_specs()
    context = SiteContext(artifacts, snapshots, today, settings or Settings())
    results: list[CheckResult] = []
    for check in checks:
        try:
            results.append(check.audit(context))
        except Exception as exc:  # noqa: BLE001 - one broken check must not sink the others
            results.append(CheckResult(id=check.id, status="error", **message_fields(
                say("site.check-error", error=f"{type(exc).__name__}: {str(exc)[:300]}"))))
    return results

