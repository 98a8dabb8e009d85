"""The findability lexicon: terms as data (terms.yaml, user-extendable) and how labels match.

    lex = load_lexicon()
    lex.goal("contacts").label_score("Байланыс")   # 1.0
    lex.goal("lang_kk").label_score("Qazaqşa")      # Latin spelling of Қазақша

Scores are in [0, 1]: 1.0 when the label *is* a phrase, less when the phrase is only part of
a longer label, slightly less again for a folded or Latin-transliterated match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tester.lexicon.letters import CYRILLIC, kazakh_share_of_letters
from tester.lexicon.matching import find_terms, match_term
from tester.lexicon.normalise import (
    ascii_fold,
    fold,
    latin_variants,
    normalise,
    url_path_text,
    url_tokens,
)
from tester.urlnorm import ascii_host, host_of

TERMS_FILE = Path(__file__).with_name("terms.yaml")
PHRASE_KEYS = ("kk", "ru", "en", "kk_latn")
SHORT = 3  # phrases this short must be a whole label or a whole word of a short label

__all__ = [
    "Goal", "Lexicon", "Phrase", "load_lexicon", "normalise", "fold", "ascii_fold",
    "kazakh_share_of_letters", "find_terms", "match_term",
]


@dataclass(frozen=True)
class Phrase:
    text: str  # as written in the data file
    exact: str
    folded: str
    latin: frozenset[str]

    @classmethod
    def of(cls, term: str) -> Phrase:
        exact = normalise(term)
        latin = latin_variants(term)
        if not CYRILLIC.search(exact):
            latin = latin | {ascii_fold(term)}
        return cls(term, exact, fold(term), frozenset(v for v in latin if v))


def _phrase_in(phrase: str, label: str, inflect: bool = True) -> float:
    """Score of one normalised phrase inside one normalised label (0 when absent)."""
    if not phrase or not label:
        return 0.0
    if phrase == label:
        return 1.0
    if len(phrase) <= SHORT:
        words = label.split()
        return 0.8 if len(words) <= 3 and phrase in words else 0.0
    tail = r"\w*" if inflect and len(phrase) >= 5 else ""
    match = re.search(r"(?:^|\s)" + re.escape(phrase) + tail + r"(?=\s|$)", label)
    if not match:
        return 0.0
    covered = len(match.group(0).strip())
    if covered == len(label):
        return 0.97  # the label is the phrase plus an inflection ("Контактов")
    return 0.55 + 0.35 * covered / len(label)


@dataclass
class Goal:
    name: str
    phrases: list[Phrase] = field(default_factory=list)
    via: list[Phrase] = field(default_factory=list)
    url: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    raw: dict[str, list[str]] = field(default_factory=dict)
    inflect: bool = True  # False: "kazakh" must not match "Kazakhstan"

    def words(self, key: str) -> list[str]:
        return list(self.raw.get(key, []))

    def _score(self, phrases: Sequence[Phrase], labels: Iterable[str]) -> float:
        best = 0.0
        inflect = self.inflect
        for label in labels:
            exact, folded, latin = normalise(label), fold(label), ascii_fold(label)
            if not exact:
                continue
            for p in phrases:
                score = _phrase_in(p.exact, exact, inflect)
                if score < 1.0:
                    score = max(score, 0.95 * _phrase_in(p.folded, folded, inflect))
                if score < 0.9 and p.latin:
                    score = max(score, *(0.9 * _phrase_in(v, latin, inflect) for v in p.latin))
                best = max(best, score)
                if best >= 1.0:
                    return best
        return best

    def label_score(self, *labels: str) -> float:
        return self._score(self.phrases, labels)

    def via_score(self, *labels: str) -> float:
        return self._score(self.via, labels)

    def url_score(self, url: str) -> float:
        """0.7 for a whole URL token match, 0.5 for a prefix or path-piece match."""
        if not url or not self.url:
            return 0.0
        tokens = url_tokens(url)
        path = url_path_text(url)
        best = 0.0
        for needle in self.url:
            if "/" in needle or "=" in needle:
                if needle.casefold() in path:
                    best = max(best, 0.7)
            elif needle in tokens:
                best = max(best, 0.7)
            elif len(needle) >= 5 and any(t.startswith(needle) for t in tokens):
                best = max(best, 0.5)
        return best

    def host_match(self, url: str) -> bool:
        host = host_of(url)  # ASCII (punycode) form, as the hosts below
        return bool(host) and any(host == h or host.endswith("." + h) for h in self.hosts)


class Lexicon:
    def __init__(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.goals: dict[str, Goal] = {}
        for name, entry in data.items():
            entry = entry if isinstance(entry, dict) else {"ru": list(entry or [])}
            raw = {k: [str(x) for x in (v or [])] for k, v in entry.items() if isinstance(v, list)}
            phrases = [Phrase.of(t) for key in PHRASE_KEYS for t in raw.get(key, [])]
            self.goals[name] = Goal(
                name=name,
                phrases=phrases,
                via=[Phrase.of(t) for t in raw.get("via", [])],
                url=[ascii_fold(u).replace(" ", "-") if "/" not in u else u.casefold()
                     for u in raw.get("url", [])],
                hosts=[a for a in (ascii_host(h) for h in raw.get("hosts", [])) if a],
                raw=raw,
                inflect=bool(entry.get("inflect", True)),
            )

    def goal(self, name: str) -> Goal:
        return self.goals.get(name) or Goal(name)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = {k: dict(v) if isinstance(v, dict) else v for k, v in base.items()}
    for goal, entry in (extra or {}).items():
        if not isinstance(entry, dict):
            continue
        target = out.setdefault(goal, {})
        for key, values in entry.items():
            if isinstance(values, list):
                known = list(target.get(key, []))
                target[key] = known + [v for v in values if v not in known]
    return out


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> Lexicon:
    data = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8")) or {}
    for path in paths:
        data = _merge(data, yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})
    return Lexicon(data)


def load_lexicon(extra_paths: Sequence[str | Path] | None = None) -> Lexicon:
    """Built-in terms plus user files (the `lexicon` setting: config, ASHYQ_LEXICON, --lexicon)."""
    return _load(tuple(str(p) for p in extra_paths or ()))
