"""Letter counts and the language they point to (Kazakh, Russian, English).

Two measures of "how Kazakh is this text", both kept because they answer different questions:

* `kazakh_share_of_letters(text)`: Kazakh-specific letters (әғқңөұүһі) among ALL letters, with
  a Latin `i` inside a Cyrillic word counted as the `і` it stands in for. Used by the navigator
  (goals/language.py: "did the switch to Kazakh give a Kazakh page?"), where a Latin-heavy page
  must not pass and home-made homoglyph typing must not fail.
* `LetterStats.kazakh_share_of_cyrillic` (from `letter_stats`): Kazakh-specific letters among
  CYRILLIC letters only, so Latin words (eOtinish, e-mail) do not dilute it. Used by the
  site-health checks (site/language.py, site/gather.py) through `classify_letters` /
  `detect_language`, which also need the Cyrillic and Latin ratios to tell ru/kk/en/mixed.

Both sit at ~0 for Russian and above `KAZAKH_MIN_SHARE` for Kazakh prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KAZAKH_LETTERS = frozenset("әғқңөұүһі")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")

KAZAKH_MIN_SHARE = 0.02  # real Kazakh prose is ~8-14 % of Cyrillic letters; Russian is ~0 %
RUSSIAN_MAX_SHARE = 0.005  # a Russian page naming a Kazakh person or place stays Russian
MIN_LETTERS = 40  # fewer letters than this do not tell a language
LINE_MIN_LETTERS = 15  # shorter lines (menu items, a translated heading) do not vote

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")  # no × ÷
_KAZAKH = re.compile("[" + "".join(sorted(KAZAKH_LETTERS)) + "]")


def count_letters(text: str) -> int:
    # Regex counting runs in C: pages can hold 200 000 characters.
    return len(_LETTER.findall(text or ""))


def kazakh_share_of_letters(text: str) -> float:
    """Share of Kazakh-specific letters among all letters (≈0 for Russian, >2% for Kazakh).

    A Latin `i` inside a Cyrillic word is counted as the Kazakh `і` it stands in for.
    """
    letters = kazakh = 0
    for word in _WORD.findall((text or "").casefold()):
        mixed = bool(CYRILLIC.search(word))
        letters += len(word)
        kazakh += sum(1 for ch in word if ch in KAZAKH_LETTERS or (mixed and ch == "i"))
    return kazakh / letters if letters else 0.0


@dataclass(frozen=True)
class LetterStats:
    letters: int
    cyrillic: int
    latin: int
    kazakh: int

    @property
    def kazakh_share_of_cyrillic(self) -> float:
        """Share of Kazakh-specific letters among Cyrillic letters (0 when there are none)."""
        return self.kazakh / self.cyrillic if self.cyrillic else 0.0

    @property
    def cyrillic_ratio(self) -> float:
        return self.cyrillic / self.letters if self.letters else 0.0

    @property
    def latin_ratio(self) -> float:
        return self.latin / self.letters if self.letters else 0.0


def letter_stats(text: str) -> LetterStats:
    low = (text or "").lower()
    return LetterStats(
        letters=count_letters(low),
        cyrillic=len(CYRILLIC.findall(low)),
        latin=len(_LATIN.findall(low)),
        kazakh=len(_KAZAKH.findall(low)),
    )


def classify_letters(stats: LetterStats, min_letters: int = MIN_LETTERS) -> str | None:
    """'kk', 'ru', 'en' (any Latin), 'mixed' (Cyrillic, between thresholds) or None (too little)."""
    if stats.letters < min_letters:
        return None
    if stats.cyrillic_ratio >= 0.5:
        share = stats.kazakh_share_of_cyrillic
        if share >= KAZAKH_MIN_SHARE:
            return "kk"
        return "ru" if share < RUSSIAN_MAX_SHARE else "mixed"
    return "en" if stats.latin_ratio >= 0.5 else None


def guess_language(text: str, min_letters: int = MIN_LETTERS) -> str | None:
    """The language of the whole text by its letters (see `classify_letters`)."""
    return classify_letters(letter_stats(text), min_letters)


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
