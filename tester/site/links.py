"""`broken-links`: in-scope link targets answering >= 400 or not at all, and inactive image links
(logos and banners with href="#" or "javascript:")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tester.i18n import Message, message_fields, say
from tester.model import CheckResult, Finding
from tester.site.base import SiteCheck, SiteContext
from tester.site.common import clip, result, short_url, skipped
from tester.site.data import FetchResult, SiteArtifacts
from tester.site.urls import in_scope
from tester.snapshot import Link, PageSnapshot
from tester.urlnorm import normalise_url

CHECK_ID = "broken-links"
NO_TEXT = "(no text)"  # the label of an image link with no text at all (data and snippet)
# Answers that may mean "not for robots" rather than "gone": a person should look.
DOUBTFUL_STATUSES = (401, 403, 429)


@dataclass
class Occurrence:
    pages: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def add(self, page: str, text: str) -> None:
        if page not in self.pages:
            self.pages.append(page)
        if text and text not in self.texts:
            self.texts.append(text)


def link_label(link: Link) -> str:
    return link.text or link.aria_label or link.title or link.img_alt


def link_targets(
    snapshots: Iterable[PageSnapshot], hosts: Iterable[str]
) -> tuple[dict[str, Occurrence], list[str]]:
    """In-scope targets (in order of first appearance) with where they appear; out-of-scope URLs."""
    hosts = list(hosts)
    targets: dict[str, Occurrence] = {}
    outside: dict[str, None] = {}
    for snap in snapshots:
        for link in snap.links:
            target = normalise_url(link.href)
            if not target:
                continue  # mailto:, tel:, javascript: ...
            if in_scope(target, hosts):
                targets.setdefault(target, Occurrence()).add(snap.url, clip(link_label(link), 80))
            else:
                outside[target] = None
    return targets, list(outside)


def is_inactive(link: Link, page_url: str) -> bool:
    href = link.href.strip()
    if href.lower().startswith("javascript:"):
        return True
    return href.endswith("#") and normalise_url(href) == normalise_url(page_url)


def is_image_link(link: Link) -> bool:
    """A logo or banner: an image inside, or nothing a person or screen reader could read.

    Text or aria-labelled "#" links are left alone: they are usually JS buttons (menus, tabs).
    """
    return bool(link.img_alt) or not (link.text or link.aria_label or link.title)


def _classify(answer: FetchResult) -> tuple[str, Message] | None:
    """(kind, description) of a failing answer, None when the link works.

    A redirect the tool refused to follow (out of scope, or to a forbidden address) is not a
    broken link: the first answer came, and where it pointed is recorded in the check's data.
    """
    if answer.refused:
        return None
    if answer.error:
        if "timed out" in answer.error or "timeout" in answer.error.lower():
            return "doubtful", say("check.broken-links.timeout")
        return "broken", say("check.broken-links.fails", error=answer.error)
    if answer.status is None:
        return None
    if answer.status in DOUBTFUL_STATUSES:
        return "doubtful", say("check.broken-links.doubtful", status=answer.status)
    if answer.status >= 400:
        return "broken", say("check.broken-links.http", status=answer.status)
    return None


def _told_label(label: str) -> Message | str:
    return say("check.broken-links.no-text") if label == NO_TEXT else label


def _more_pages(pages: list[str]) -> Message | None:
    return say("check.broken-links.more-pages", count=len(pages) - 1) if len(pages) > 1 else None


def audit_broken_links(artifacts: SiteArtifacts, snapshots: list[PageSnapshot]) -> CheckResult:
    targets, outside = link_targets(snapshots, artifacts.scope_hosts)
    findings: list[Finding] = []
    broken = doubtful = checked = redirected_out = 0
    not_followed: list[dict[str, object]] = []
    for target, seen in targets.items():
        answer = artifacts.links.get(target)
        if answer is None:
            continue
        checked += 1
        redirected_out += answer.redirected_out_of_scope is not None
        if answer.refused or answer.redirected_out_of_scope:
            not_followed.append({
                "url": target, "status": answer.status,
                "refused": answer.refused or "redirect-outside-scope",
                "target": answer.redirected_out_of_scope, "reason": answer.refused_reason})
        verdict = _classify(answer)
        if verdict is None:
            continue
        kind, description = verdict
        broken += kind == "broken"
        doubtful += kind == "doubtful"
        text = seen.texts[0] if seen.texts else ""
        findings.append(Finding(
            rule="broken-link", impact="serious" if kind == "broken" else "moderate",
            needs_review=kind == "doubtful",
            snippet=clip(f"{text} → {target}", 200),
            **message_fields(say("check.broken-links.broken",
                                 text=clip(text, 60) or say("check.broken-links.no-text"),
                                 target=short_url(target), description=description,
                                 page=short_url(seen.pages[0]), more=_more_pages(seen.pages))),
            data={"target": target, "status": answer.status, "error": answer.error,
                  "link_text": text, "found_on": seen.pages[:10], "pages": len(seen.pages),
                  "method": answer.method}))

    inactive: dict[str, Occurrence] = {}
    for snap in snapshots:
        for link in snap.links:
            if is_inactive(link, snap.url) and is_image_link(link):
                label = clip(link.img_alt or link.aria_label or link.text or NO_TEXT, 80)
                inactive.setdefault(label, Occurrence()).add(snap.url, link.href[:80])
    for label, seen in inactive.items():
        findings.append(Finding(
            rule="inactive-link", impact="minor", needs_review=True,
            snippet=clip(f'<a href="{seen.texts[0] if seen.texts else "#"}"> {label}', 200),
            **message_fields(say("check.broken-links.inactive", label=_told_label(label),
                                 page=short_url(seen.pages[0]), more=_more_pages(seen.pages))),
            data={"label": label, "href": seen.texts[0] if seen.texts else "#",
                  "found_on": seen.pages[:10], "pages": len(seen.pages)}))

    if not targets and not inactive:
        return skipped(CHECK_ID, say("check.broken-links.none"))
    data = {
        "links_in_scope": len(targets),
        "checked": checked,
        "broken": broken,
        "needs_review": doubtful,
        "unchecked": len(targets) - checked,
        # Why: "max-links" (over the count, --max-links), "time-budget" (site_links_budget_s).
        "unchecked_reasons": dict(artifacts.unchecked_reasons),
        "out_of_scope": len(outside),
        "redirected_out_of_scope": redirected_out,
        # Not followed by the tool's own client: first answers only (tester.fetch).
        "redirects_not_followed": not_followed[:50],
        "inactive_image_links": len(inactive),
        # The audit's scope, as compared: ASCII (IDNA) host names, `host:port` on loopback.
        "scope_hosts": list(artifacts.scope_hosts),
    }
    unchecked = data["unchecked"]
    reasons = artifacts.unchecked_reasons
    why = ("check.broken-links.unchecked-time" if reasons.get("time-budget")
           else "check.broken-links.unchecked-limit" if reasons.get("max-links")
           else "check.broken-links.unchecked-count")
    message = say(
        "check.broken-links.summary", broken=broken, checked=checked,
        review=say("site.to-review", count=doubtful) if doubtful else None,
        inactive=say("check.broken-links.inactive-count", count=len(inactive))
        if inactive else None,
        unchecked=say(why, count=unchecked) if unchecked else None)
    return result(CHECK_ID, findings, data, message)


def _audit(ctx: SiteContext) -> CheckResult:
    return audit_broken_links(ctx.artifacts, ctx.snapshots)


SITE_CHECK = SiteCheck(
    id=CHECK_ID,
    audit=_audit,
    title="Broken links",
    rules=("Q02",),  # no broken or inactive links and logos (finding of the 2019 audit)
)
