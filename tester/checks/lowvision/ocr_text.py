"""Is what OCR read real text, and in which language? Pure rules, no dictionary.

Photos, QR codes, charts and icons make tesseract emit short confident-looking tokens: digits,
one- or two-letter fragments, mixed-script or vowel-less letter runs. Text needs words: letters
of one script (Cyrillic or Latin), at least three of them, with a vowel of that script.
"""

from __future__ import annotations

import re

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC_VOWELS = set("аеёиоуыэюяәөұүіАЕЁИОУЫЭЮЯӘӨҰҮІ")
LATIN_VOWELS = set("aeiouyAEIOUY")
MIN_WORD_LETTERS = 3
_EDGE = ".,:;!?«»\"'()[]{}-–—/"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def script_of(word: str) -> str | None:
    """'cyrillic', 'latin', or None when the letters mix scripts or are neither."""
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return None
    cyrillic = sum(bool(_CYRILLIC.match(ch)) for ch in letters)
    latin = sum(bool(_LATIN.match(ch)) for ch in letters)
    if cyrillic == len(letters):
        return "cyrillic"
    if latin == len(letters):
        return "latin"
    return None


def is_real_word(word: str) -> bool:
    """Three letters or more, one script, a vowel of it, and (punctuation aside) only letters
    and an inner hyphen: 'Жаңалықтар', 'e-Gov'; not 'Ш7Ж', 'ЩЖК', 'Pa3'."""
    core = word.strip(_EDGE)
    letters = [ch for ch in core if ch.isalpha()]
    if len(letters) < MIN_WORD_LETTERS or len(letters) < 0.8 * len(core):
        return False
    script = script_of(core)
    if script is None:
        return False
    vowels = CYRILLIC_VOWELS if script == "cyrillic" else LATIN_VOWELS
    return any(ch in vowels for ch in letters)


def real_words(words: list[str]) -> list[str]:
    return [w for w in words if is_real_word(w)]


def language_of(words: list[str]) -> str:
    """'kk' when a Kazakh-only letter appears, else 'ru' for Cyrillic, 'en' for Latin."""
    text = "".join(words)
    if any(ch in KAZAKH_LETTERS for ch in text):
        return "kk"
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    return "ru" if cyrillic >= latin else "en"
