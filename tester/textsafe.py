"""Make text taken from a page safe to keep, serialise and show.

Pages are hostile: a script can put lone UTF-16 surrogates (`"a\\uD800b"`), NUL, terminal
escape sequences or megabytes of text into a title, a link or an error message. Python receives
such strings intact, and they break later: UTF-8 encoding (result.json, the HTML report) raises
on surrogates, and control characters corrupt terminals and XML. `clean_text` is applied once,
where page-derived strings enter Python (the gather boundary). As a last line of defence, the
result model makes every string it holds encodable (`encodable`), so a report is always written.

Clean text passes through unchanged (Kazakh, emoji, CJK, right-to-left scripts): only lone
surrogates and control characters are replaced, and only over-long text is shortened.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

REPLACEMENT = "\ufffd"
ELLIPSIS = "…"
# Control characters (C0 but tab and newline, DEL, C1), line separators and surrogates: text
# without any of them (nearly all text) is returned as it is, after one regex search.
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# The same plus tab and newline, for one-line fields.
_SUSPECT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Whitespace controls a one-line field folds to a space (line and paragraph separators too).
# In multi-line text they become a newline (tab and newline themselves never match there).
_FOLDED = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
_ZWJ = "\u200d"
# A cut is never made closer than this to the limit by walking back over one grapheme: a
# hostile "letter plus 10,000 combining marks" must still be cut near the limit.
_MAX_WALK_BACK = 32


def clean_text(text: Any, limit: int | None = None, *, one_line: bool = False) -> str:
    """`text` with lone surrogates and control characters replaced, at most `limit` characters.

    Multi-line text keeps tab and newline (CR LF and lone CR become newline); a one-line field
    (titles, labels, messages) folds all line breaks and tabs to spaces. Other control
    characters (NUL, ESC, BEL, C1 controls) become U+FFFD, so an escape sequence is shown as
    text and never acted on. Over-long text is cut on a grapheme boundary (never inside a
    surrogate pair, a combining sequence, an emoji ZWJ sequence or a flag) and ends with "…".
    `None` becomes "".
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if (_SUSPECT_ONE_LINE if one_line else _SUSPECT).search(text):
        text = _replace_suspects(text, one_line)
    if limit is not None and len(text) > limit:
        text = truncate(text, limit)
    return text


def _replace_suspects(text: str, one_line: bool) -> str:
    # Pairs of surrogates that arrived as two code points become the one character they encode;
    # lone ones become U+FFFD (the UTF-16 codec does both in C).
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = text.replace("\r\n", "\n")

    def swap(match: re.Match[str]) -> str:
        char = match.group()
        if char in _FOLDED:
            return " " if one_line else "\n"
        return REPLACEMENT

    return (_SUSPECT_ONE_LINE if one_line else _SUSPECT).sub(swap, text)


def truncate(text: str, limit: int, ellipsis: str = ELLIPSIS) -> str:
    """At most `limit` characters, ending with `ellipsis` when cut, cut between graphemes."""
    if len(text) <= limit:
        return text
    if limit <= len(ellipsis):
        return ellipsis[:max(0, limit)]
    cut = limit - len(ellipsis)
    floor = max(1, cut - _MAX_WALK_BACK)
    while cut > floor and _inside_grapheme(text, cut):
        cut -= 1
    return text[:cut] + ellipsis


def _inside_grapheme(text: str, i: int) -> bool:
    """Would cutting between text[i-1] and text[i] split one user-perceived character?"""
    after, before = text[i], text[i - 1]
    if after == _ZWJ or before == _ZWJ:
        return True
    if _extends(after):
        return True
    if 0xD800 <= ord(before) <= 0xDBFF:  # a high surrogate that is still paired
        return True
    if _regional(after) and _regional(before):
        run = 0
        while i - 1 - run >= 0 and _regional(text[i - 1 - run]):
            run += 1
        return run % 2 == 1  # flags are pairs of regional indicators
    return False


def _extends(char: str) -> bool:
    """Combining marks, variation selectors, emoji skin-tone modifiers and emoji tag characters."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    )


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


_SURROGATE = re.compile("[\ud800-\udfff]")
# Built once: `json.dumps` makes an encoder per call, which costs more than the encoding here.
_AS_JSON = json.JSONEncoder(ensure_ascii=False).encode


def encodable(text: str) -> str:
    """`text` with lone surrogates replaced and nothing else changed: the one repair UTF-8
    output needs. The result model applies this to every string; control characters are left
    to the renderers, which escape them for their own format."""
    if _SURROGATE.search(text):
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def holds_lone_surrogate(value: Any) -> bool:
    """Would `encodable_data` change `value`? JSON-shaped data (nearly all) is written out in C
    and searched in one regex pass, without a copy; any other value is walked."""
    try:  # ensure_ascii=False keeps every code point as it is, a lone surrogate too
        return _SURROGATE.search(_AS_JSON(value)) is not None
    except (TypeError, ValueError):  # not JSON-shaped (or circular): walk it
        return _walk_for_lone_surrogate(value)


def _walk_for_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_walk_for_lone_surrogate(k) or _walk_for_lone_surrogate(v)
                   for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_walk_for_lone_surrogate(v) for v in value)
    return False


def encodable_data(value: Any) -> Any:
    """`value` with `encodable` applied to every string in it (dict keys too)."""
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, dict):
        return {encodable_data(k): encodable_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [encodable_data(v) for v in value]
    if isinstance(value, tuple):
        return tuple(encodable_data(v) for v in value)
    return value


def clean_data(value: Any, *, one_line: bool = False) -> Any:
    """`value` with every string in it (dict keys too, in lists, tuples and dicts) cleaned.

    No length limit: callers cap the fields they know. Other values pass through as they are.
    """
    if isinstance(value, str):
        return clean_text(value, one_line=one_line)
    if isinstance(value, dict):
        return {
            clean_data(k, one_line=one_line): clean_data(v, one_line=one_line)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [clean_data(v, one_line=one_line) for v in value]
    if isinstance(value, tuple):
        return tuple(clean_data(v, one_line=one_line) for v in value)
    return value
