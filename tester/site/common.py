"""Shared bits of the site checks: status rule, snapshot lookup, short evidence strings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tester.i18n import Message, message_fields
from tester.model import CheckResult, Finding, Status
from tester.snapshot import PageSnapshot
from tester.urlnorm import normalise_url

FAILING_IMPACTS = ("critical", "serious", "moderate")
MAX_FINDINGS = 200  # per check; the rest are counted in data["findings_left_off"]


def status_for(findings: Iterable[Finding]) -> Status:
    """Failed when any confirmed finding is at least moderate; minor or needs-review ones inform."""
    confirmed = [f for f in findings if not f.needs_review and f.impact in FAILING_IMPACTS]
    return "failed" if confirmed else "passed"


def result(
    check_id: str,
    findings: list[Finding],
    data: dict[str, Any],
    message: Message | str,
    status: Status | None = None,
    wcag: list[str] | None = None,
) -> CheckResult:
    data = dict(data)
    if len(findings) > MAX_FINDINGS:
        data["findings_left_off"] = len(findings) - MAX_FINDINGS
        findings = findings[:MAX_FINDINGS]
    return CheckResult(
        id=check_id,
        status=status or status_for(findings),
        findings=findings,
        data=data,
        wcag=wcag or [],
        **message_fields(message),
    )


def skipped(check_id: str, message: Message | str, data: dict[str, Any] | None = None
            ) -> CheckResult:
    return CheckResult(id=check_id, status="skipped", data=data or {}, **message_fields(message))


def by_url(snapshots: Iterable[PageSnapshot]) -> dict[str, PageSnapshot]:
    """Snapshots keyed by normalised URL (the first one wins)."""
    out: dict[str, PageSnapshot] = {}
    for snap in snapshots:
        key = normalise_url(snap.url)
        if key and key not in out:
            out[key] = snap
    return out


def clip(text: str, limit: int = 120) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_url(url: str) -> str:
    """Path and query of a URL, for messages (the full URL stays in the finding's data)."""
    rest = url.split("://", 1)[-1]
    path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
    return clip(path, 100)


def page_ok(snap: PageSnapshot) -> bool:
    return snap.http_status is None or snap.http_status < 400
