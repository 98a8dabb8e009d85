"""Which language a text taken from a site is in, so a screen reader reads it with the right voice.

The page's language (the version it was audited as, else its `lang` attribute) wins, unless the
text's own script contradicts it: Kazakh-only letters mean Kazakh, other Cyrillic means Russian
(on a page that does not say Kazakh), and Latin letters on a Cyrillic page are read as English
(a brand, an address, a leftover English label: never Russian or Kazakh).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

KAZAKH_ONLY = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC_LANGUAGES = frozenset({"ru", "kk", "uk", "be", "ky", "tg", "mn", "bg", "sr", "mk"})
# Codes sites use that are not ISO 639-1 (kz is Kazakhstan's country code, not a language).
ALIASES = {"kz": "kk", "qaz": "kk", "kaz": "kk", "rus": "ru", "eng": "en"}
_CODE = re.compile(r"[a-z]{2,3}")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_URL = re.compile(r"https?://\S+")
_ADDRESS = re.compile(r"[^\s]*[/.@:0-9_][^\s]*")  # one token with a / . @ : digit or _
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# A run of Cyrillic words and the spaces/punctuation between them (never Latin letters or digits
# at its edges), so "Searching for «Акимат района» …" marks only the quoted words.
_CYRILLIC_RUN = re.compile(
    r"[\u0400-\u04ff](?:[\u0400-\u04ff\s\-–—.,:;!?«»\"'()/№0-9]*[\u0400-\u04ff0-9])?")


def normalise(code: str | None) -> str | None:
    """The primary language subtag of a lang attribute ("ru-RU" -> "ru", "kz" -> "kk"); None
    when it is empty or not a language code (a hostile page's lang is untrusted)."""
    if not code:
        return None
    primary = code.strip().lower().replace("_", "-").split("-")[0]
    primary = ALIASES.get(primary, primary)
    return primary if _CODE.fullmatch(primary) else None


def script_language(text: str) -> str | None:
    """The language the letters of `text` alone tell: kk, ru (other Cyrillic), "latin", or None
    (no letters: numbers, punctuation)."""
    if any(letter in KAZAKH_ONLY for letter in text):
        return "kk"
    if _CYRILLIC.search(text):
        return "ru"
    if _LATIN.search(text):
        return "latin"
    return None


def text_language(text: str, declared: str | None = None) -> str | None:
    """The language to mark `text` from a page declared as `declared`; None: leave it to the
    surrounding text (no letters: numbers, punctuation; a Latin address, path or file name)."""
    page = normalise(declared)
    script = script_language(text)
    if script is None:
        return None
    if script == "kk":
        return "kk"
    if script == "ru":
        return page if page in CYRILLIC_LANGUAGES else "ru"
    if _ADDRESS.fullmatch(text.strip()):
        return None  # an address, path, file, e-mail or id (S06) is no language's words
    return page if page and page not in CYRILLIC_LANGUAGES else "en"


def cyrillic_runs(text: str) -> Iterator[tuple[str, bool]]:
    """`text` cut into (part, is_cyrillic_run) pieces, in order; an address with Cyrillic in it
    is one run (not a word at a time)."""
    position = 0
    for match in _URL.finditer(text):
        yield from _runs(text[position:match.start()])
        yield match.group(), bool(_CYRILLIC.search(match.group()))
        position = match.end()
    yield from _runs(text[position:])


def _runs(text: str) -> Iterator[tuple[str, bool]]:
    position = 0
    for match in _CYRILLIC_RUN.finditer(text):
        if match.start() > position:
            yield text[position:match.start()], False
        yield match.group(), True
        position = match.end()
    if position < len(text):
        yield text[position:], False
