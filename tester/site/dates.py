"""Dates in kk/ru/en page text and working-day arithmetic, for the freshness checks.

Only the site checks read dates (the navigator does not), so they live here; the rest of the
text logic (normalisation, folding, letter shares, term matching) is in tester/lexicon/.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS: list[tuple[int, str]] = [
    # Russian (genitive and nominative forms, common abbreviations)
    (1, r"январ[ья]|янв"), (2, r"феврал[ья]|фев"), (3, r"марта?|мар"), (4, r"апрел[ья]|апр"),
    (5, r"ма[йя]"), (6, r"июн[ья]|июн"), (7, r"июл[ья]|июл"), (8, r"августа?|авг"),
    (9, r"сентябр[ья]|сент?"), (10, r"октябр[ья]|окт"), (11, r"ноябр[ья]|нояб?"),
    (12, r"декабр[ья]|дек"),
    # Kazakh (stems take case endings: қарашада, қазандағы)
    (1, r"қаңтар\w*"), (2, r"ақпан\w*"), (3, r"наурыз\w*"), (4, r"сәуір\w*"), (5, r"мамыр\w*"),
    (6, r"маусым\w*"), (7, r"шілде\w*"), (8, r"тамыз\w*"), (9, r"қыркүйек\w*"),
    (10, r"қазан\w*"), (11, r"қараша\w*"), (12, r"желтоқсан\w*"),
    # English
    (1, r"jan(?:uary)?"), (2, r"feb(?:ruary)?"), (3, r"mar(?:ch)?"), (4, r"apr(?:il)?"),
    (5, r"may"), (6, r"june?"), (7, r"july?"), (8, r"aug(?:ust)?"),
    (9, r"sep(?:t(?:ember)?)?"), (10, r"oct(?:ober)?"), (11, r"nov(?:ember)?"),
    (12, r"dec(?:ember)?"),
]
_MONTH_RES = [(num, re.compile(rf"(?:{pattern})\.?", re.IGNORECASE)) for num, pattern in _MONTHS]


def month_number(word: str) -> int | None:
    word = word.lower()
    for number, pattern in _MONTH_RES:
        if pattern.fullmatch(word):
            return number
    return None


_WORD = r"([^\W\d_]+\.?)"
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(r"(?<![\d.])(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)")),
    ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")),
    ("kk", re.compile(rf"(?<!\d)(\d{{4}})\s*(?:жылғы|жылы|ж\.)\s*(\d{{1,2}})\s*-?\s*{_WORD}")),
    ("d_month_y", re.compile(rf"(?<!\d)(\d{{1,2}})\s+{_WORD},?\s+(\d{{4}})(?!\d)")),
    ("month_d_y", re.compile(rf"(?<!\w){_WORD}\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)")),
]


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int
    text: str


def _make_date(year: int, month: int | None, day: int) -> date | None:
    if month is None or not 1990 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every full date (day, month and year) in the text, in order of position."""
    found: dict[int, FoundDate] = {}
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text or ""):
            if match.start() in found:
                continue
            g = match.groups()
            if kind == "dmy":
                value = _make_date(int(g[2]), int(g[1]), int(g[0]))
            elif kind == "iso":
                value = _make_date(int(g[0]), int(g[1]), int(g[2]))
            elif kind == "kk":
                value = _make_date(int(g[0]), month_number(g[2]), int(g[1]))
            elif kind == "d_month_y":
                value = _make_date(int(g[2]), month_number(g[1]), int(g[0]))
            else:
                value = _make_date(int(g[2]), month_number(g[0]), int(g[1]))
            if value is not None:
                found[match.start()] = FoundDate(value, match.start(), match.end(), match.group(0))
    return [found[k] for k in sorted(found)]


def working_days_between(earlier: date, later: date, holidays: Iterable[date] = ()) -> int:
    """Working days after `earlier` up to and including `later` (Sat/Sun and holidays skipped).

    Friday → Monday is 1; the same day is 0; a later `earlier` gives 0.
    """
    if later <= earlier:
        return 0
    off = set(holidays)
    count = 0
    day = earlier + timedelta(days=1)
    while day <= later:
        if day.weekday() < 5 and day not in off:
            count += 1
        day += timedelta(days=1)
    return count
