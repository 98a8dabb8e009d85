"""Finding lexicon terms inside text: at a word start, on the folded form (`normalise.fold`).

Terms are stems: "обращени" finds "Обращения граждан"; "қабылдау" finds "Кабылдау" (Kazakh
letters and Latin/Cyrillic homoglyphs are folded on both sides). Two policies for short terms:

* `find_terms` (navigator goals): a term shorter than `STEM_MIN` folded characters must be a
  whole word ("сми" does not find "смирнов"); it lists every term found.
* `match_term` / `match_folded` (site checks, checklist.yaml): every term is a stem, whatever
  its length; the first term found is returned, from one compiled alternation per term list,
  because the site checks run ~25 checklist items over thousands of labels and lines.

`Goal.label_score` (tester/lexicon/__init__.py) is a different question, "how well does a
control's label name this goal", and scores whole labels rather than finding terms in text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from tester.lexicon.normalise import fold

STEM_MIN = 5  # find_terms: shorter terms must be whole words
MATCH_PREFIX = 2000  # match_term reads labels, headings and lines; longer texts are cut


def term_regex(term: str, whole_short_words: bool) -> str:
    """Regex source finding `term` at a word start in folded text ('' for an empty term)."""
    needle = fold(term)
    if not needle:
        return ""
    tail = r"(?!\w)" if whole_short_words and len(needle) < STEM_MIN else ""
    return rf"(?<!\w){re.escape(needle)}{tail}"


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str] | None:
    source = term_regex(term, whole_short_words=True)
    return re.compile(source) if source else None


def find_terms(text: str, terms: Iterable[str]) -> list[str]:
    """Which terms occur in a text (folded, word-start match; stems like 'обращени' allowed)."""
    haystack = fold(text)
    found = []
    for term in terms:
        pattern = _term_pattern(term)
        if pattern is not None and pattern.search(haystack):
            found.append(term)
    return found


@lru_cache(maxsize=1024)
def _compiled_terms(terms: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """All terms as one alternation; the matching group names the term."""
    sources = [(term, term_regex(term, whole_short_words=False)) for term in terms]
    kept = tuple(term for term, source in sources if source)
    if not kept:
        return kept, None
    parts = [f"(?P<t{i}>{source})" for i, (_, source) in enumerate(s for s in sources if s[1])]
    return kept, re.compile("|".join(parts))


@lru_cache(maxsize=8192)
def fold_for_match(text: str) -> str:
    """The form `match_folded` searches: `fold` of the first MATCH_PREFIX characters."""
    return fold(text[:MATCH_PREFIX])


def match_folded(folded: str, terms: Iterable[str]) -> str | None:
    """Like `match_term` on text already passed through `fold_for_match`."""
    kept, pattern = _compiled_terms(tuple(terms))
    if pattern is None or not folded:
        return None
    found = pattern.search(folded)
    return kept[int(found.lastgroup[1:])] if found and found.lastgroup else None


def match_term(text: str, terms: Iterable[str]) -> str | None:
    """The first term found in `text` at a word start (folded on both sides), or None."""
    return match_folded(fold_for_match(text), terms) if text else None
