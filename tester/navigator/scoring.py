"""How much a control looks like the way to a goal: lexicon on its labels, its URL, its hints."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tester.lexicon import Goal, Lexicon
from tester.navigator.actions import Control
from tester.navigator.explorer import Scorer

LONG_LABEL = 60  # characters; longer labels are sentences (news titles), not navigation
VIA_WEIGHT = 0.45


def goal_scorer(goal: Goal, *, via_weight: float = VIA_WEIGHT) -> Scorer:
    """Score = best of label match, URL match (×0.8) and hub-section match (×via_weight)."""

    def score(control: Control, page_url: str) -> list[tuple[float, str]]:
        if control.kind == "select":
            return []
        labels = control.labels
        by_label = goal.label_score(*labels)
        if len(control.text) > LONG_LABEL:
            by_label *= 0.75
        by_url = goal.url_score(control.abs) if control.abs.startswith("http") and \
            not same_path(control.abs, page_url) else 0.0  # ?special=1 on /priemnaya is no way
        by_via = goal.via_score(*labels) * via_weight
        total = max(by_label, 0.8 * by_url, by_via)
        if by_label >= 0.5 and by_url > 0:
            total += 0.1
        return [(min(total, 1.1), "")]

    return score


def hint_needles(selectors: list[str]) -> list[str]:
    """'.fa-eye' / '[class*=bvi]' -> 'fa-eye' / 'bvi': lexicon selectors as words to find in a
    control's hints (its class names and ids)."""
    out = []
    for selector in selectors:
        match = re.search(r"[.#]([\w-]+)|\*=['\"]?([\w-]+)", selector)
        if match:
            out.append((match.group(1) or match.group(2)).lower())
    return out


def same_path(url: str, page_url: str) -> bool:
    """A link to the page itself with another query (?special=1, ?print=1) or fragment."""
    return urlsplit(url).path == urlsplit(page_url).path


_LANG_HINT = re.compile(r"(?:^|[\W_])(kk|kz|kaz|qaz)(?:$|[\W_])", re.I)


def language_scorer(lex: Lexicon, goal_name: str = "lang_kk") -> Scorer:
    """Links, buttons and <select> options that switch to a language (Kazakh by default)."""
    goal = lex.goal(goal_name)
    codes = {"lang_kk": ("kk", "kz", "kk-kz", "kaz"), "lang_ru": ("ru", "ru-ru"),
             "lang_en": ("en", "en-us", "en-gb")}.get(goal_name, ())

    def score(control: Control, page_url: str) -> list[tuple[float, str]]:
        if control.kind == "select":
            out = []
            for option in control.options:
                value, text = option.get("value", ""), option.get("text", "")
                s = max(goal.label_score(text), goal.label_score(value),
                        0.9 * goal.url_score(value) if ("/" in value or "=" in value) else 0.0)
                if s >= 0.6 and value:
                    out.append((s, value))
            return out
        s = goal.label_score(*control.labels)
        if control.hreflang in codes:
            s = max(s, 0.95)
        by_url = goal.url_score(control.abs) if control.abs.startswith("http") else 0.0
        if by_url and s >= 0.5:
            s += 0.05
        elif by_url and not control.labels:
            s = max(s, 0.5)  # a flag icon without words
        if s < 0.6 and goal_name == "lang_kk" and _LANG_HINT.search(control.hints) \
                and len(control.text) <= 4:
            s = max(s, 0.6)
        return [(s, "")]

    return score
