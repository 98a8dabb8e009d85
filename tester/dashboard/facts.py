"""What a site's latest result document says about the comparison-table columns (pure).

The document is the SiteResult as recorded (plain JSON data, read defensively: it may come
from an older or newer ashyq). Each fact is None when the run did not measure it, so the
dashboard says "not checked" instead of inventing a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tester.gate import HTTP_ERROR_FROM

LOW_VISION_TASK = "find-low-vision-version"
LOW_VISION_VARIANT = "low-vision-mode"  # tester.model.PageResult.variant of the mode's audit
BLOCKING = ("critical", "serious")


@dataclass(frozen=True)
class LowVision:
    """find-low-vision-version's evidence, and the audit of the mode's page (if it ran)."""

    status: str  # the task's verdict
    found: bool | None
    works: bool | None
    persists: bool | None  # None: not checked (no inner link, or no time left)
    mode_blocking: int | None  # critical+serious findings on the mode's page; None: not audited

    @property
    def rank(self) -> int:
        """0 (nothing) to 4 (found, works, persists, its page clean): for sorting."""
        return (bool(self.found) + bool(self.works) + bool(self.persists)
                + (self.mode_blocking == 0))


@dataclass(frozen=True)
class Parity:
    status: str
    gap: float | None  # 0..1: how far the language versions' page counts are apart
    pages: dict[str, int]  # pages found per language (kk, ru, en)


@dataclass(frozen=True)
class Freshness:
    status: str
    newest: str | None  # ISO date of the newest news item found
    age_working_days: int | None
    limit_working_days: int | None


@dataclass(frozen=True)
class Links:
    status: str
    broken: int | None
    checked: int | None


@dataclass(frozen=True)
class SiteFacts:
    low_vision: LowVision | None
    parity: Parity | None
    freshness: Freshness | None
    links: Links | None
    task_titles: dict[str, str]  # a task's own title (scenarios have no catalog title)
    languages: dict[str, str | None]
    error: str | None  # the recorded error text, for a site that could not be audited
    http_status: int | None = None  # the error status its pages answered, if any


NO_FACTS = SiteFacts(None, None, None, None, {}, {}, None)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _status(item: dict[str, Any]) -> str:
    status = item.get("status")
    return status if status in ("passed", "failed", "error", "skipped") else "error"


def _check(document: dict[str, Any], check_id: str) -> dict[str, Any] | None:
    return next((c for c in map(_dict, _list(document.get("checks"))) if c.get("id") == check_id),
                None)


def _blocking(page: dict[str, Any]) -> int:
    findings = _list(page.get("findings")) + [
        f for c in map(_dict, _list(page.get("checks"))) for f in _list(c.get("findings"))]
    return sum(1 for f in map(_dict, findings)
               if f.get("impact") in BLOCKING and not f.get("needs_review")
               and not f.get("advisory"))


def low_vision(document: dict[str, Any]) -> LowVision | None:
    task = next((t for t in map(_dict, _list(document.get("tasks")))
                 if t.get("id") == LOW_VISION_TASK), None)
    if task is None:
        return None
    evidence = _dict(task.get("evidence"))
    mode_pages = [p for p in map(_dict, _list(document.get("pages")))
                  if p.get("variant") == LOW_VISION_VARIANT]
    return LowVision(
        status=_status(task), found=_flag(evidence.get("present")),
        works=_flag(evidence.get("works")), persists=_flag(evidence.get("persists")),
        mode_blocking=sum(map(_blocking, mode_pages)) if mode_pages else None)


def parity(document: dict[str, Any]) -> Parity | None:
    check = _check(document, "language-parity")
    if check is None:
        return None
    data = _dict(check.get("data"))
    gap = data.get("parity_gap")
    pages = {str(k): v for k, v in _dict(data.get("pages_by_language")).items()
             if isinstance(v, int) and k != "unknown"}
    return Parity(_status(check), float(gap) if isinstance(gap, int | float) else None, pages)


def freshness(document: dict[str, Any]) -> Freshness | None:
    check = _check(document, "news-freshness")
    if check is None:
        return None
    data = _dict(check.get("data"))
    newest = data.get("newest_date")
    return Freshness(_status(check), newest if isinstance(newest, str) else None,
                     _int(data.get("age_working_days")), _int(data.get("limit_working_days")))


def links(document: dict[str, Any]) -> Links | None:
    check = _check(document, "broken-links")
    if check is None:
        return None
    data = _dict(check.get("data"))
    return Links(_status(check), _int(data.get("broken")), _int(data.get("checked")))


def site_facts(document: dict[str, Any] | None) -> SiteFacts:
    """The facts of one recorded SiteResult document (NO_FACTS for a missing one)."""
    if not document:
        return NO_FACTS
    titles = {str(t.get("id")): str(t.get("title") or "") for t in
              map(_dict, _list(document.get("tasks"))) if t.get("id")}
    languages = {str(k): v if isinstance(v, str) else None
                 for k, v in _dict(document.get("languages")).items()}
    error = document.get("error")
    status = next((code for code in (_int(p.get("http_status")) for p in
                                     map(_dict, _list(document.get("pages"))))
                   if code is not None and code >= HTTP_ERROR_FROM), None)
    return SiteFacts(low_vision(document), parity(document), freshness(document),
                     links(document), titles, languages, error if isinstance(error, str) else None,
                     status)
