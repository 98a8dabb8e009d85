"""`news-freshness` (R25: news daily) and `stale-sections` ("Данные на 01.01.2023").

News dates are publication dates read from where sites publish them (tester/goals/news.py), never
a date in the running text ("the rules take effect on 1 January 2027").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tester.goals.news import NEWS_TERMS, is_news_item, publication_dates
from tester.i18n import message_fields, say
from tester.lexicon.matching import match_term
from tester.model import CheckResult, Finding
from tester.options import Option
from tester.site.base import SiteCheck, SiteContext
from tester.site.common import clip, page_ok, result, short_url, skipped
from tester.site.dates import (
    FoundDate,
    find_dates,
    public_holidays,
    skipped_holidays,
    working_days_between,
)
from tester.site.urls import match_url_token, path_and_query
from tester.snapshot import PageSnapshot

NEWS_URL_TOKENS = ["news", "novost", "zhanalyq", "janalyq", "zhanalyk", "janalyk", "press"]
NEWS_SEGMENT_CHARS = 2_000  # text read after a "News" heading on a non-news page
WEAK_SOURCES = ("line", "link", "news-block")  # dates read from lines of text, not from markup

# A date right after these words is the date the page's data were last updated.
UPDATE_MARKERS_BEFORE_DATE = [
    "данные на", "по состоянию на", "обновлено", "дата обновления", "последнее обновление",
    "актуально на", "информация актуальна на", "дата актуализации", "информация на",
    "жаңартылған күні", "жаңартылған уақыты", "жаңартылды", "соңғы жаңарту",
    "updated", "last updated", "last update", "as of", "data as of", "last modified",
]
# ... and before these (Kazakh puts the date first: «01.01.2023 жылғы жағдай бойынша»).
UPDATE_MARKERS_AFTER_DATE = ["жағдай бойынша", "жағдайы бойынша", "мәліметтері бойынша"]
MARKER_GAP = 24  # max characters between a marker and its date

NEWS_FRESHNESS_OPTIONS: tuple[Option, ...] = (
    Option("news_max_working_days", 3, int, "news-freshness: the newest news item may be this "
           "many working days old", minimum=0),
    Option("holidays", (), tuple[date, ...], "news-freshness: non-working days besides Saturdays, "
           "Sundays and the holiday calendar's, YYYY-MM-DD (env: comma-separated)"),
    Option("holiday_calendar", "KZ", str, "news-freshness: whose public holidays are not working "
           "days: KZ (Kazakhstan's, with its transferred days off) or none",
           choices=("KZ", "none")),
)
STALE_SECTIONS_OPTIONS: tuple[Option, ...] = (
    Option("stale_after_days", 365, int, "stale-sections: a section whose data are older than "
           "this many days is stale", minimum=0),
)
OPTIONS = NEWS_FRESHNESS_OPTIONS + STALE_SECTIONS_OPTIONS


@dataclass(frozen=True)
class DatedText:
    page: str
    value: date
    text: str  # the date as written
    source: str  # meta | jsonld | itemprop | time | headline | listing | class | link | line
    title: str = ""  # the news item's title, when the listing or headline gives it


def is_news_page(snap: PageSnapshot) -> bool:
    """A news listing or news item: by its URL, title or first heading, or its structure
    (a dated headline, article metadata, a news breadcrumb; tester/goals/news.py)."""
    if match_url_token(path_and_query(snap.url), NEWS_URL_TOKENS):
        return True
    first_heading = snap.headings[0] if snap.headings else ""
    if match_term(snap.title, NEWS_TERMS) or match_term(first_heading, NEWS_TERMS):
        return True
    return is_news_item(snap)


def _is_news_url(url: str) -> bool:
    return bool(match_url_token(path_and_query(url), NEWS_URL_TOKENS))


def _line_dates(text: str, page: str, source: str) -> list[DatedText]:
    """Lines that begin with a date ("20.11.2026 Аким провёл приём"): a listing written as
    plain lines. Read only where the page has no structural dates; a date inside a sentence
    ("вступает в силу 1 января 2027 года") never counts."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        found = find_dates(line[:40])
        if found and found[0].start == 0:
            out.append(DatedText(page, found[0].value, found[0].text, source, clip(line, 120)))
    return out


def _under_news_heading(snap: PageSnapshot, title: str) -> bool:
    """The listing item sits in a block headed "News" (a home page's news block)."""
    text = snap.main_text or snap.text
    at = text.find(title) if title else -1
    if at < 0:
        return False
    for heading in snap.headings:
        start = text.find(heading) if heading and match_term(heading, NEWS_TERMS) else -1
        if 0 <= start < at <= start + NEWS_SEGMENT_CHARS:
            return True
    return False


def news_dates(snapshots: Iterable[PageSnapshot]) -> tuple[list[DatedText], list[str]]:
    """Publication dates of news: from news pages' structure (metadata, time[datetime], listing
    items, the date line under the headline), from news teasers elsewhere (a dated card or
    link to a news item, a listing under a "News" heading). Never from running text."""
    ok = [snap for snap in snapshots if page_ok(snap)]
    pubs = {id(snap): publication_dates(snap) for snap in ok}
    news = {id(snap): is_news_page(snap) for snap in ok}
    # Membership of a news listing: pages a news page lists as dated items are news items.
    listed = {d.href.split("#")[0] for snap in ok if news[id(snap)]
              for d in pubs[id(snap)] if d.source == "listing" and d.href}
    dated: list[DatedText] = []
    news_pages: list[str] = []
    for snap in ok:
        found = pubs[id(snap)]
        text = snap.main_text or snap.text
        if news[id(snap)] or snap.url.split("#")[0] in listed:
            news_pages.append(snap.url)
            dated += [DatedText(snap.url, d.value, d.text, d.source, d.title) for d in found]
            if not found:
                dated += _line_dates(text, snap.url, "line")
            continue
        dated += [DatedText(snap.url, d.value, d.text, d.source, d.title) for d in found
                  if d.source == "listing"
                  and ((d.href and _is_news_url(d.href)) or _under_news_heading(snap, d.title))]
        for link in snap.links:  # "20.11.2026 Аким провёл приём" as one link to a news item
            if _is_news_url(link.href):
                dated += _line_dates(link.text, snap.url, "link")
        for heading in snap.headings:
            if match_term(heading, NEWS_TERMS) and heading and heading in text:
                start = text.index(heading)
                segment = text[start : start + NEWS_SEGMENT_CHARS]
                dated += _line_dates(segment, snap.url, "news-block")
    return dated, news_pages


def _suspicious(dated: list[DatedText]) -> list[dict[str, str]]:
    seen: dict[tuple[str, date], dict[str, str]] = {}
    for d in dated:
        seen.setdefault((d.page, d.value), {"date": d.value.isoformat(), "page": d.page,
                                            "via": d.source, "text": clip(d.text, 60),
                                            "title": clip(d.title, 120)})
    return sorted(seen.values(), key=lambda x: (x["date"], x["page"]))


def audit_news_freshness(
    snapshots: list[PageSnapshot], today: date, max_working_days: int = 3,
    holidays: Iterable[date] = (), calendar: str = "KZ",
) -> CheckResult:
    check_id = "news-freshness"
    found, news_pages = news_dates(snapshots)
    # A publication date after the audit date is a wrong clock or a post scheduled ahead: never
    # the newest, reported for review. Plain-line dates are weak: a future one is just dropped.
    future = [d for d in found if d.value > today]
    suspicious = _suspicious([d for d in future if d.source not in WEAK_SOURCES])
    dated = [d for d in found if d.value <= today]
    findings: list[Finding] = [
        Finding(rule="news-date-future", impact="minor", needs_review=True,
                **message_fields(say("check.news-freshness.future", page=short_url(s["page"]),
                                     date=f"{date.fromisoformat(s['date']):%d.%m.%Y}")),
                data=s)
        for s in suspicious[:20]
    ]
    if not dated:
        if not news_pages:
            return skipped(check_id, say("check.news-freshness.none"))
        findings.append(Finding(rule="news-undated", impact="moderate", needs_review=True,
                                **message_fields(say("check.news-freshness.undated")),
                                data={"pages": news_pages[:20]}))
        return result(check_id, findings, {"news_pages": news_pages[:50],
                                           "suspicious": suspicious[:20]},
                      say("check.news-freshness.undated-summary"), status="skipped")
    newest = max(dated, key=lambda d: (d.value, d.source not in WEAK_SOURCES))
    days_off = {day: "set in the holidays option" for day in holidays}
    days_off.update(public_holidays(calendar, newest.value, today))
    age = working_days_between(newest.value, today, days_off)
    data = {
        "newest_date": newest.value.isoformat(),
        "newest_date_text": newest.text,
        "newest_source": newest.page,
        "newest_via": newest.source,
        "newest_title": clip(newest.title, 120),
        "age_working_days": age,
        "age_days": max(0, (today - newest.value).days),
        "limit_working_days": max_working_days,
        "holiday_calendar": calendar,
        "holidays_skipped": skipped_holidays(newest.value, today, days_off)[:40],
        "today": today.isoformat(),
        "dates_found": len(dated),
        "news_pages": news_pages[:50],
        "suspicious": suspicious[:20],
    }
    stale = age > max_working_days
    if stale:
        findings.insert(0, Finding(
            rule="news-stale", impact="serious",
            **message_fields(say("check.news-freshness.stale", page=short_url(newest.page),
                                 date=f"{newest.value:%d.%m.%Y}",
                                 age=say("site.n-working-days", count=age),
                                 limit=max_working_days)),
            data={"page": newest.page, "date": newest.value.isoformat(), "age": age}))
    verdict = say("check.news-freshness.stale-word" if stale
                  else "check.news-freshness.fresh-word")
    message = say("check.news-freshness.summary", verdict=verdict,
                  date=f"{newest.value:%d.%m.%Y}", age=say("site.n-working-days", count=age),
                  limit=max_working_days)
    return result(check_id, findings, data, message, status="failed" if stale else "passed")


def update_dates(text: str) -> list[tuple[FoundDate, str]]:
    """Dates the text presents as "data as of / updated on", with the marker that says so."""
    low = text.lower()
    out: list[tuple[FoundDate, str]] = []
    for found in find_dates(text):
        before = low[max(0, found.start - 60) : found.start]
        after = low[found.end : found.end + 40]
        marker = next(
            (m for m in UPDATE_MARKERS_BEFORE_DATE
             if m in before and len(before) - before.rindex(m) - len(m) <= MARKER_GAP
             and "\n" not in before[before.rindex(m):]),
            None,
        ) or next((m for m in UPDATE_MARKERS_AFTER_DATE if m in after[:MARKER_GAP + len(m)]), None)
        if marker:
            out.append((found, marker))
    return out


def audit_stale_sections(
    snapshots: list[PageSnapshot], today: date, max_age_days: int = 365
) -> CheckResult:
    check_id = "stale-sections"
    sections: list[dict[str, object]] = []
    findings: list[Finding] = []
    for snap in snapshots:
        # News items carry their own old dates legitimately; freshness of news is checked apart.
        if not page_ok(snap) or is_news_page(snap):
            continue
        text = snap.main_text or snap.text
        marked = [(d, m) for d, m in update_dates(text) if d.value <= today + timedelta(days=1)]
        if not marked:
            continue
        found, marker = max(marked, key=lambda item: item[0].value)
        age = (today - found.value).days
        sections.append({"page": snap.url, "title": clip(snap.title), "age_days": age,
                         "date": found.value.isoformat(), "marker": marker,
                         "text": clip(found.text, 60)})
        if age > max_age_days:
            findings.append(Finding(
                rule="stale-section", impact="moderate",
                **message_fields(say("check.stale-sections.stale", page=short_url(snap.url),
                                     title=clip(snap.title, 60), date=f"{found.value:%d.%m.%Y}",
                                     age=say("site.n-days", count=age), limit=max_age_days)),
                snippet=clip(text[max(0, found.start - 40) : found.end + 10], 120),
                data={"page": snap.url, "date": found.value.isoformat(), "age_days": age}))
    if not sections:
        return skipped(check_id, say("check.stale-sections.none"))
    data = {"sections": sections[:100], "stale": len(findings), "limit_days": max_age_days,
            "today": today.isoformat()}
    message = say("check.stale-sections.summary", stale=len(findings), total=len(sections),
                  limit=max_age_days)
    return result(check_id, findings, data, message)


def _audit_news(ctx: SiteContext) -> CheckResult:
    return audit_news_freshness(ctx.snapshots, ctx.today, ctx.option("news_max_working_days"),
                                ctx.option("holidays"), ctx.option("holiday_calendar"))


def _audit_stale(ctx: SiteContext) -> CheckResult:
    return audit_stale_sections(ctx.snapshots, ctx.today, ctx.option("stale_after_days"))


NEWS_FRESHNESS = SiteCheck(
    id="news-freshness",
    audit=_audit_news,
    title="News freshness",
    options=NEWS_FRESHNESS_OPTIONS,
    rules=("S08",),  # news published daily (order 124-НҚ)
)
STALE_SECTIONS = SiteCheck(
    id="stale-sections",
    audit=_audit_stale,
    title="Outdated sections",
    options=STALE_SECTIONS_OPTIONS,
    rules=("L16",),  # posted information states its update date (Law on access to information)
)
