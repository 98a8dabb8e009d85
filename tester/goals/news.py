"""Is a page a news item, and when was it published? Read from the page's structure, never its text.

A page is a news item because of how it is built: a publication date beside its headline,
article metadata (article:published_time, JSON-LD NewsArticle datePublished), a news section in
its URL or breadcrumb, or a place in a dated news listing. A date somewhere in the text does not
make it one: a procedure page cites laws, deadlines and the dates of legal acts.

Publication dates come from where sites publish them (tester/snapshot.py DateMark): metadata,
JSON-LD, time[datetime], the date beside a listing item's title, the date line under the
headline. Both the goals (find-appeal-procedure rejects news) and the news-freshness check use
this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from tester.lexicon.matching import match_term
from tester.snapshot import DateMark, PageSnapshot
from tester.textdates import find_dates

# Path segments of news sections (split on / - _ .): /news/, /novosti-..., /zhanalyqtar/.
NEWS_URL_TOKENS = frozenset({
    "news", "novosti", "novost", "zhanalyqtar", "janalyqtar", "zhanalyktar", "janalyktar",
    "press", "article", "articles", "events", "media", "smi", "habarlandyru", "press-releases",
})
# Names of news sections in titles, headings and breadcrumbs.
NEWS_TERMS = [
    "жаңалықтар", "жаңалық", "баспасөз орталығы", "пресс-орталығы", "баспасөз релиздері",
    "новости", "новость", "пресс-центр", "пресс-релизы",
    "news", "press centre", "press center", "press releases", "newsroom",
]
MACHINE_SOURCES = ("meta", "jsonld", "itemprop", "time")
ARTICLE_TYPES = re.compile(r"article|posting|report|pressrelease|liveblog", re.IGNORECASE)
# A CMS's date class: Bitrix news-date-time, WordPress entry-date/posted-on, Drupal
# field--name-created / views-field-created, and custom *date* classes.
DATE_CLASS = re.compile(r"date|posted|created|publi|time", re.IGNORECASE)
UPDATE_CLASS = re.compile(r"updat|modif|changed|edited", re.IGNORECASE)
# A date introduced by these words is when the page was updated, not published.
UPDATE_WORDS = ("обновл", "изменен", "изменён", "актуализ", "актуальн", "по состоянию", "данные на",
                "жаңарт", "өзгерт", "жағдай бойынша", "updated", "modified", "as of", "changed")
# Words a date line may hold besides the date: labels, "year" words, weekdays.
_LABELS = """
опубликовано опубликован дата публикации размещено создано г гг года год в
жарияланды жарияланған жарияланым күні уақыты ж жылы жылғы жыл
posted on published date at by
понедельник вторник среда четверг пятница суббота воскресенье пн вт ср чт пт сб вс
дүйсенбі сейсенбі сәрсенбі бейсенбі жұма сенбі жексенбі
monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
"""
LABEL_WORDS = frozenset(_LABELS.split())
TIME_RE = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\b")
SEGMENT_SPLIT = re.compile(r"[|•·\n]|\s[-–—/]\s")
CRUMB_SPLIT = re.compile(r"\s*(?:›|»|>|/|\||→|\n)\s*")
MAX_LEFTOVER_LETTERS = 3


@dataclass(frozen=True)
class PubDate:
    """A publication date and where it was published on the page."""

    value: date
    source: str  # meta | jsonld | itemprop | time | headline | listing | class | line
    text: str  # as written
    title: str = ""  # the listing item's title or the headline
    href: str = ""  # the listing item's link
    group: int = 0  # dated cards in the listing (2+: a news listing)
    hint: str = ""  # JSON-LD @type, meta property, or the element's classes


def date_line(text: str) -> date | None:
    """The date of a short date line ("18 ноября 2026 г., 15:40 | Просмотров: 212",
    "Жұма, 20.11.2026 - 10:15", "Опубликовано 20.11.2026"); None for a sentence that holds a
    date ("вступает в силу 1 января 2027 года") or an update line ("Обновлено 01.02.2025")."""
    low = (text or "").lower()
    if len(low) > 120 or any(word in low for word in UPDATE_WORDS):
        return None
    for segment in SEGMENT_SPLIT.split(text):
        found = find_dates(segment)
        if len(found) != 1:
            continue
        rest = TIME_RE.sub(" ", segment[: found[0].start] + " " + segment[found[0].end :])
        words = [w for w in re.findall(r"[^\W\d_]+", rest.lower()) if w not in LABEL_WORDS]
        if sum(len(w) for w in words) <= MAX_LEFTOVER_LETTERS:
            return found[0].value
    return None


def machine_date(text: str) -> date | None:
    """An attribute's date: ISO 8601 (2026-11-20T10:15:00+05:00) or any written date."""
    found = find_dates((text or "")[:60])
    return found[0].value if found else None


def mark_date(mark: DateMark) -> PubDate | None:
    """The publication date a mark gives, if it is one."""
    hint = mark.hint or ""
    if UPDATE_CLASS.search(hint) and not re.search(r"publi", hint, re.IGNORECASE):
        return None  # WordPress time.updated, article:modified_time
    if mark.source in ("meta", "jsonld", "itemprop"):
        value, source = machine_date(mark.text), mark.source
    else:
        if mark.where in ("headline", "listing"):
            source = mark.where
        elif DATE_CLASS.search(hint):
            source = "class"
        else:
            return None  # a date elsewhere on the page is not a publication date
        value = machine_date(mark.text) if mark.source == "time" else date_line(mark.text)
    if value is None:
        return None
    return PubDate(value, source, mark.text, mark.title, mark.href, mark.group, hint)


def _headline_line(snap: PageSnapshot) -> list[PubDate]:
    """For snapshots taken without date marks: a date line right under (or above) the first
    heading in the main text."""
    lines = [x.strip() for x in (snap.main_text or snap.text or "").splitlines() if x.strip()]
    heading = snap.headings[0] if snap.headings else ""
    if not heading or heading not in lines:
        return []
    at = lines.index(heading)
    for line in lines[max(0, at - 1) : at] + lines[at + 1 : at + 3]:
        value = date_line(line)
        if value is not None:
            return [PubDate(value, "headline", line, heading)]
    return []


def publication_dates(snap: PageSnapshot) -> list[PubDate]:
    """Every publication date the page shows where sites publish them, in page order."""
    if not snap.dates:
        return _headline_line(snap)
    return [d for d in (mark_date(m) for m in snap.dates) if d is not None]


def breadcrumb_news(snap: PageSnapshot) -> str | None:
    """The news section named in the page's breadcrumb trail, if any."""
    for crumb in CRUMB_SPLIT.split(snap.breadcrumb or ""):
        if crumb and match_term(crumb, NEWS_TERMS):
            return crumb
    return None


def url_news_token(url: str) -> str | None:
    tokens = set(re.split(r"[/\-_.]+", urlsplit(url).path.lower()))
    return next(iter(sorted(tokens & NEWS_URL_TOKENS)), None)


def news_signals(snap: PageSnapshot, dates: list[PubDate] | None = None) -> list[str]:
    """Why the page is a news item: url, breadcrumb, dated-headline, article-metadata."""
    dates = publication_dates(snap) if dates is None else dates
    signals = []
    if url_news_token(snap.url):
        signals.append("url")
    if breadcrumb_news(snap):
        signals.append("breadcrumb")
    if any(d.source == "headline" for d in dates):
        signals.append("dated-headline")
    # JSON-LD WebPage/WebSite dates sit on every page of some CMSs: only article types count.
    if any(d.source in ("meta", "itemprop")
           or (d.source == "jsonld" and ARTICLE_TYPES.search(d.hint)) for d in dates):
        signals.append("article-metadata")
    return signals


def is_news_item(snap: PageSnapshot) -> bool:
    return bool(news_signals(snap))


def listed_titles(snap: PageSnapshot, dates: list[PubDate] | None = None) -> set[str]:
    """Titles of the page's dated listing items (news teasers), case-folded."""
    dates = publication_dates(snap) if dates is None else dates
    return {d.title.casefold().strip() for d in dates if d.source == "listing" and d.title}


def is_listed_title(heading: str, titles: set[str]) -> bool:
    """The heading is a dated teaser's title: a news item listed on the page, not its subject."""
    key = heading.casefold().strip()
    return bool(key) and any(key == t or (len(key) >= 12 and (key in t or t in key))
                             for t in titles)
