"""Text normalisation for matching labels in Kazakh, Russian, English and Latin Kazakh.

Rules follow shared/reference/kz-gov-sites.md section 3.1: NFKC, case-fold, ё→е, punctuation
out, whitespace collapsed; then a looser *folded* form (Kazakh letters to their Russian
look-alikes, Latin/Cyrillic homoglyphs in mixed words) and an ASCII form for Latin spellings.
All functions are pure and cheap; terms are normalised once when the lexicon loads.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from tester.lexicon.letters import CYRILLIC as _CYRILLIC

_PUNCT = re.compile(r"[^\w\s]+|_", re.UNICODE)
_SPACES = re.compile(r"\s+")

KAZAKH_FOLD = str.maketrans(
    {
        "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
        "і": "и", "ѳ": "о", "ӊ": "н", "ӷ": "г", "ё": "е", "й": "и",
    }
)
# Latin letters that look Cyrillic; only replaced inside words that already hold Cyrillic.
_LATIN_TO_CYRILLIC = str.maketrans(
    {"a": "а", "c": "с", "e": "е", "i": "и", "k": "к", "o": "о", "p": "р", "x": "х", "y": "у",
     "h": "н", "b": "в", "m": "м", "t": "т"}
)

# Latin Kazakh: 2018 acute alphabet, 2021 alphabet and ASCII. We only need their ASCII
# shadows, because labels are compared after `ascii_fold` as well.
_LATN_2018 = {
    "а": "a", "ә": "á", "б": "b", "в": "v", "г": "g", "ғ": "ǵ", "д": "d", "е": "e", "ё": "ıo",
    "ж": "j", "з": "z", "и": "ı", "й": "ı", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ń", "о": "o", "ө": "ó", "п": "p", "р": "r", "с": "s", "т": "t", "у": "ý", "ұ": "u",
    "ү": "ú", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "ıý", "я": "ıa",
}
_LATN_2021 = {**_LATN_2018, "ә": "ä", "ғ": "ğ", "и": "i", "й": "i", "ң": "ñ", "ө": "ö",
              "у": "u", "ұ": "ū", "ү": "ü", "ш": "ş", "ч": "ç", "і": "ı"}
_LATN_ASCII = {**_LATN_2018, "ә": "a", "ғ": "g", "и": "i", "й": "i", "ң": "n", "ө": "o",
               "у": "u", "ұ": "u", "ү": "u", "қ": "k", "і": "i", "ю": "iu", "я": "ia"}
_LATN_ASCII_ZH = {**_LATN_ASCII, "ж": "zh", "й": "y", "х": "kh", "я": "ya", "ю": "yu"}
_ASCII_SPECIAL = str.maketrans({"ı": "i", "ş": "sh", "ç": "ch", "ğ": "g", "ñ": "n", "ǵ": "g",
                                "ń": "n", "ý": "u", "ú": "u", "ū": "u", "á": "a", "ä": "a",
                                "ó": "o", "ö": "o", "ü": "u"})


def normalise(text: str) -> str:
    """NFKC, case-fold, ё→е, punctuation and hyphens to spaces, whitespace collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _fold_word(word: str) -> str:
    if _CYRILLIC.search(word):
        word = word.translate(_LATIN_TO_CYRILLIC)
    return word.translate(KAZAKH_FOLD)


def fold(text: str) -> str:
    """Loose form: Kazakh letters and homoglyphs folded (Қазақша, Kaзaкшa → казакша)."""
    return " ".join(_fold_word(w) for w in normalise(text).split())


def ascii_fold(text: str) -> str:
    """Latin text without diacritics (Qazaqşa → qazaqsha, Baılanys → bailanys)."""
    text = normalise(text).translate(_ASCII_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _transliterate(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(ch, ch) for ch in text)


def latin_variants(term: str) -> set[str]:
    """ASCII shadows of a Cyrillic Kazakh term in the 2018, 2021 and plain-ASCII spellings."""
    base = normalise(term)
    if not _CYRILLIC.search(base):
        return set()
    out = set()
    for table in (_LATN_2018, _LATN_2021, _LATN_ASCII, _LATN_ASCII_ZH):
        out.add(ascii_fold(_transliterate(base, table)))
    return {v for v in out if v and not _CYRILLIC.search(v)}


def url_tokens(url: str) -> list[str]:
    """Lower-case ASCII tokens of a URL's path and query (host excluded)."""
    parts = urlsplit(url)
    raw = unquote(f"{parts.path} {parts.query}")
    return [t for t in re.split(r"[/\-_.?=&+,;:\s%]+", ascii_fold(raw).replace(" ", "/")) if t]


def url_path_text(url: str) -> str:
    """Path + query of a URL, decoded and lower-cased, for multi-segment needles."""
    parts = urlsplit(url)
    return unquote(f"{parts.path}?{parts.query}").casefold()
