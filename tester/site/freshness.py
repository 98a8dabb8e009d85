"""`news-freshness` (R25: news daily) and `stale-sections` ("Данные на 01.01.2023")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tester.i18n import message_fields, say
from tester.lexicon.matching import match_term
from tester.model import CheckResult, Finding
from tester.options import Option
from tester.site.base import SiteCheck, SiteContext
from tester.site.common import clip, page_ok, result, short_url, skipped
from tester.site.dates import FoundDate, find_dates, working_days_between
from tester.site.urls import match_url_token, path_and_query
from tester.snapshot import PageSnapshot

NEWS_TERMS = [
    "жаңалықтар", "жаңалық", "баспасөз орталығы", "пресс-орталығы", "баспасөз релиздері",
    "новости", "новость", "пресс-центр", "пресс-релизы",
    "news", "press centre", "press center", "press releases", "newsroom",
]
NEWS_URL_TOKENS = ["news", "novost", "zhanalyq", "janalyq", "zhanalyk", "janalyk", "press"]
NEWS_SEGMENT_CHARS = 2_000  # text read after a "News" heading on a non-news page

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
    Option("holidays", (), tuple[date, ...], "news-freshness: non-working days besides Saturdays "
           "and Sundays, YYYY-MM-DD (env: comma-separated)"),
)
STALE_SECTIONS_OPTIONS: tuple[Option, ...] = (
    Option("stale_after_days", 365, int, "stale-sections: a section whose data are older than "
           "this many days is stale", minimum=0),
)
OPTIONS = NEWS_FRESHNESS_OPTIONS + STALE_SECTIONS_OPTIONS


@dataclass(frozen=True)
class DatedText:
    page: str
    found: FoundDate
    source: str  # page | link | news-block


def is_news_page(snap: PageSnapshot) -> bool:
    if match_url_token(path_and_query(snap.url), NEWS_URL_TOKENS):
        return True
    first_heading = snap.headings[0] if snap.headings else ""
    return bool(match_term(snap.title, NEWS_TERMS) or match_term(first_heading, NEWS_TERMS))


def news_dates(snapshots: Iterable[PageSnapshot]) -> tuple[list[DatedText], list[str]]:
    """Dates shown in news listings and items, in news teasers, and after "News" headings."""
    dated: list[DatedText] = []
    news_pages: list[str] = []
    for snap in snapshots:
        if not page_ok(snap):
            continue
        text = snap.main_text or snap.text
        if is_news_page(snap):
            news_pages.append(snap.url)
            dated += [DatedText(snap.url, d, "page") for d in find_dates(text)]
            continue
        for link in snap.links:
            if match_url_token(path_and_query(link.href), NEWS_URL_TOKENS):
                dated += [DatedText(snap.url, d, "link") for d in find_dates(link.text)]
        for heading in snap.headings:
            if match_term(heading, NEWS_TERMS) and heading and heading in text:
                start = text.index(heading)
                segment = text[start : start + NEWS_SEGMENT_CHARS]
                dated += [DatedText(snap.url, d, "news-block") for d in find_dates(segment)]
    return dated, news_pages


def audit_news_freshness(
    snapshots: list[PageSnapshot], today: date, max_working_days: int = 3,
    holidays: Iterable[date] = (),
) -> CheckResult:
    check_id = "news-freshness"
    dated, news_pages = news_dates(snapshots)
    # Future dates (announced events, deadlines) say nothing about when news was published.
    dated = [d for d in dated if d.found.value <= today + timedelta(days=1)]
    if not dated:
        if not news_pages:
            return skipped(check_id, say("check.news-freshness.none"))
        finding = Finding(rule="news-undated", impact="moderate", needs_review=True,
                          **message_fields(say("check.news-freshness.undated")),
                          data={"pages": news_pages[:20]})
        return result(check_id, [finding], {"news_pages": news_pages[:50]},
                      say("check.news-freshness.undated-summary"), status="skipped")
    newest = max(dated, key=lambda d: d.found.value)
    age = working_days_between(newest.found.value, today, holidays)
    data = {
        "newest_date": newest.found.value.isoformat(),
        "newest_date_text": newest.found.text,
        "newest_source": newest.page,
        "newest_via": newest.source,
        "age_working_days": age,
        "age_days": max(0, (today - newest.found.value).days),
        "limit_working_days": max_working_days,
        "today": today.isoformat(),
        "dates_found": len(dated),
        "news_pages": news_pages[:50],
    }
    findings: list[Finding] = []
    if age > max_working_days:
        findings.append(Finding(
            rule="news-stale", impact="serious",
            **message_fields(say("check.news-freshness.stale", page=short_url(newest.page),
                                 date=f"{newest.found.value:%d.%m.%Y}",
                                 age=say("site.n-working-days", count=age),
                                 limit=max_working_days)),
            data={"page": newest.page, "date": newest.found.value.isoformat(), "age": age}))
    verdict = say("check.news-freshness.stale-word" if findings
                  else "check.news-freshness.fresh-word")
    message = say("check.news-freshness.summary", verdict=verdict,
                  date=f"{newest.found.value:%d.%m.%Y}", age=say("site.n-working-days", count=age),
                  limit=max_working_days)
    return result(check_id, findings, data, message)


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
                                ctx.option("holidays"))


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
