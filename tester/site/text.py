"""Small pure text helpers for the site checks: normalisation, Kazakh-letter share, language
guess, dates in kk/ru/en, working days and lexicon matching.

Kept deliberately minimal and free of other ashyq modules (tester/lexicon/ is written in
parallel; the two can be merged later).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

KAZAKH_LETTERS = frozenset("әғқңөұүһі")
_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")
_PUNCT = re.compile(r"[«»\"'’‘“”„()\[\]{}|:;!?,.·•…/\\–—_*#>+<=-]+")


def normalize(text: str) -> str:
    """NFKC, case-fold, ё→е, punctuation to spaces, collapsed whitespace."""
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("ё", "е")
    return " ".join(_PUNCT.sub(" ", text).split())


def fold_kazakh(text: str) -> str:
    """Kazakh-specific letters to their Russian look-alikes, for a loose match."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class LetterStats:
    letters: int
    cyrillic: int
    latin: int
    kazakh: int

    @property
    def kazakh_share(self) -> float:
        """Share of Kazakh-specific letters among Cyrillic letters (0 when there are none)."""
        return self.kazakh / self.cyrillic if self.cyrillic else 0.0

    @property
    def cyrillic_ratio(self) -> float:
        return self.cyrillic / self.letters if self.letters else 0.0

    @property
    def latin_ratio(self) -> float:
        return self.latin / self.letters if self.letters else 0.0


_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")  # no × ÷
_KAZAKH = re.compile("[" + "".join(sorted(KAZAKH_LETTERS)) + "]")


def letter_stats(text: str) -> LetterStats:
    # Regex counting runs in C: pages can hold 200 000 characters.
    low = (text or "").lower()
    return LetterStats(
        letters=len(_LETTER.findall(low)),
        cyrillic=len(_CYRILLIC.findall(low)),
        latin=len(_LATIN.findall(low)),
        kazakh=len(_KAZAKH.findall(low)),
    )


KAZAKH_MIN_SHARE = 0.02  # real Kazakh prose is ~8-14 %; Russian text is ~0 %
RUSSIAN_MAX_SHARE = 0.005  # a Russian page naming a Kazakh person or place stays Russian
MIN_LETTERS = 40


def classify_letters(stats: LetterStats, min_letters: int = MIN_LETTERS) -> str | None:
    """'kk', 'ru', 'en' (any Latin), 'mixed' (Cyrillic, between thresholds) or None (too little)."""
    if stats.letters < min_letters:
        return None
    if stats.cyrillic_ratio >= 0.5:
        if stats.kazakh_share >= KAZAKH_MIN_SHARE:
            return "kk"
        return "ru" if stats.kazakh_share < RUSSIAN_MAX_SHARE else "mixed"
    return "en" if stats.latin_ratio >= 0.5 else None


def guess_language(text: str, min_letters: int = MIN_LETTERS) -> str | None:
    return classify_letters(letter_stats(text), min_letters)


LINE_MIN_LETTERS = 15  # shorter lines (menu items, a translated heading) do not vote


def line_languages(text: str) -> dict[str, int]:
    """Letters of the text by the language of the line they stand on."""
    shares: dict[str, int] = {}
    for line in (text or "").splitlines():
        stats = letter_stats(line)
        if stats.letters >= LINE_MIN_LETTERS:
            lang = classify_letters(stats, LINE_MIN_LETTERS) or "other"
            shares[lang] = shares.get(lang, 0) + stats.letters
    return shares


def detect_language(text: str, min_letters: int = MIN_LETTERS) -> str | None:
    """The language most of the text is written in, line by line.

    A Kazakh heading over a Russian article is Russian; a Russian quotation inside Kazakh
    paragraphs stays Kazakh. Falls back to the whole-text letter share.
    """
    shares = line_languages(text)
    total = sum(shares.values())
    if total >= min_letters:
        lang, letters = max(shares.items(), key=lambda item: item[1])
        if lang in ("kk", "ru", "en") and letters * 2 >= total:
            return lang
    return guess_language(text, min_letters)


# ------------------------------------------------------------------------------------------
# Dates

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


# ------------------------------------------------------------------------------------------
# Lexicon matching


def term_pattern(term: str) -> re.Pattern[str]:
    """A term matches at a word start; inflected endings are allowed (обращени → обращения)."""
    words = normalize(term).split()
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}")


@lru_cache(maxsize=1024)
def _compiled_terms(terms: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """All terms as one alternation on the folded form (folding only merges letters, so an
    exact match is always also a folded match); the matching group names the term."""
    kept = tuple(term for term in terms if normalize(term))
    if not kept:
        return kept, None
    parts = [
        f"(?P<t{i}>{term_pattern(fold_kazakh(normalize(term))).pattern})"
        for i, term in enumerate(kept)
    ]
    return kept, re.compile("|".join(parts))


@lru_cache(maxsize=8192)
def fold_for_match(text: str) -> str:
    """The form `match_folded` searches: normalised, Kazakh letters folded, first 2000 chars."""
    return fold_kazakh(normalize(text[:2000]))


def match_folded(folded: str, terms: Iterable[str]) -> str | None:
    """Like `match_term` on text already passed through `fold_for_match`."""
    kept, pattern = _compiled_terms(tuple(terms))
    if pattern is None or not folded:
        return None
    found = pattern.search(folded)
    return kept[int(found.lastgroup[1:])] if found and found.lastgroup else None


def match_term(text: str, terms: Iterable[str]) -> str | None:
    """A term found in `text` at a word start (Kazakh letters folded on both sides), or None."""
    return match_folded(fold_for_match(text), terms) if text else None


@lru_cache(maxsize=1024)
def _compiled_tokens(tokens: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (token, re.compile(rf"(?<![a-z]){re.escape(token.lower().strip())}"))
        for token in tokens
        if token.strip()
    )


def match_url_token(url_part: str, tokens: Iterable[str]) -> str | None:
    """A token found in a URL path/query, starting after a non-letter (sitemap ≠ roadmap)."""
    low = (url_part or "").lower()
    for token, pattern in _compiled_tokens(tuple(tokens)):
        if pattern.search(low):
            return token
    return None
