"""Dates written in kk/ru/en text: "20.11.2026", "20 ноября 2026 г.", "2026 жылғы 20 қарашада",
"November 20, 2026", ISO. Pure text logic shared by the goals (is this page a dated news item?)
and the site checks (news freshness, stale sections).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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
