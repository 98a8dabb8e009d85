"""switch-to-kazakh: the page is in Kazakh (lang attribute and Kazakh-specific letters)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from tester.goals.base import GoalCheck
from tester.i18n import Message, say
from tester.lexicon.letters import (
    MIN_LETTERS,
    count_letters,
    detect_language,
    kazakh_share_of_letters,
)
from tester.snapshot import PageSnapshot

# Kazakh prose has ~4–6 % Kazakh-specific letters among all letters; Russian ~0 %.
KAZAKH_SHARE_MIN = 0.02
LANG_SEGMENTS = {"kk", "kz", "kaz", "qaz", "ru", "rus", "en", "eng", "kk-kz", "ru-ru", "en-us"}
LANG_PARAMS = {"lang", "language", "lng", "locale", "hl"}
HOME_SEGMENTS = {"", "index", "index.html", "index.php", "index.htm", "home", "main",
                 "default.aspx"}


def lang_attribute_problem(lang: str) -> Message | None:
    """None when the html lang attribute correctly says Kazakh."""
    value = (lang or "").strip().lower()
    if not value:
        return say("goal.kazakh.lang-missing")
    if value == "kz" or value.startswith("kz-"):
        return say("goal.kazakh.lang-kz", value=lang)
    if not (value == "kk" or value.startswith("kk-")):
        return say("goal.kazakh.lang-not-kazakh", value=lang)
    return None


def text_for_language(snap: PageSnapshot) -> str:
    main = snap.main_text or ""
    return main if count_letters(main) >= 200 else (snap.text or main)


def strip_language(url: str) -> str:
    """Path and query with language markers removed (/ru/about?lang=ru → /about)."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s and s.lower() not in LANG_SEGMENTS]
    if segments and segments[-1].lower() in HOME_SEGMENTS:
        segments = segments[:-1]
    query = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() not in LANG_PARAMS]
    # Sites that mark the language in the file name: about-kk.html, about_ru.html
    segments = [re.sub(r"[-_.](?:kk|kz|ru|en)(?=\.\w+$|$)", "", s, flags=re.I) for s in segments]
    return "/" + "/".join(segments) + (("?" + urlencode(query)) if query else "")


def is_home_like(url: str) -> bool:
    return strip_language(url) == "/"


def keeps_page(from_url: str, to_url: str) -> bool:
    """Did a language switch keep the visitor on the same page (not dropped on the home page)?"""
    before, after = strip_language(from_url), strip_language(to_url)
    if before == after:
        return True
    # Translated slugs (/ru/kontakty → /kk/baylanys) still keep the page; home does not.
    return not is_home_like(to_url) and not is_home_like(from_url)


KAZAKH_HREFLANG = ("kk", "kz", "kaz", "qaz")
# Two pages share a template when the main part's heading levels read alike and its counts of
# paragraphs, list items, tables, images, forms and links are close: text is never compared
# (the Kazakh page says it in other words).
HEADINGS_ALIKE = 0.8
COUNTS_ALIKE = 0.75  # share of the counted features that must be close
COUNT_FEATURES = ("paragraphs", "items", "lists", "tables", "images", "forms", "links")


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(2.0, 0.25 * max(a, b))


def same_structure(before: dict[str, Any] | None, after: dict[str, Any] | None) -> bool | None:
    """Do two pages share their main part's structure? None when either was not measured."""
    if not before or not after:
        return None
    levels_a, levels_b = list(before.get("headings") or []), list(after.get("headings") or [])
    if (levels_a or levels_b) and \
            SequenceMatcher(None, levels_a, levels_b).ratio() < HEADINGS_ALIKE:
        return False
    if list(before.get("landmarks") or []) != list(after.get("landmarks") or []):
        return False
    counted = [k for k in COUNT_FEATURES if k in before and k in after]
    if not counted:
        return None
    close = sum(1 for k in counted if _close(float(before[k] or 0), float(after[k] or 0)))
    return close / len(counted) >= COUNTS_ALIKE


def _same_url(a: str, b: str) -> bool:
    def key(url: str) -> str:
        parts = urlsplit(url)
        path = re.sub(r"/(?:index|default)\.(?:html?|php|aspx?)$", "/", parts.path).rstrip("/")
        return f"{(parts.hostname or '').lower()}{path}?{parts.query}"

    return key(a) == key(b)


def kazakh_alternate(hreflang: dict[str, str]) -> str | None:
    """The URL the page's hreflang alternates name as its Kazakh version (kk, kk-KZ, kz)."""
    for lang, url in hreflang.items():
        if lang.lower().replace("_", "-").split("-")[0] in KAZAKH_HREFLANG and url:
            return url
    return None


def lands_on(from_url: str, to_url: str, hreflang: dict[str, str] | None = None,
             before: dict[str, Any] | None = None,
             after: dict[str, Any] | None = None) -> tuple[str, str]:
    """Where a language switch landed: ("same-page" | "home" | "elsewhere", what decided it).

    A deep page dropped on a home page is "home". Otherwise the alternates decide first: the
    source page's hreflang naming the landing URL ("hreflang"), the same URL with its language
    marker swapped, /ru/x ↔ /kk/x, ?lang=, ru./kk. hosts ("url"); then the page structure, the
    same template or not ("structure"). With neither, a deep landing page is taken as the page
    itself ("assumed"), as a translated slug would be.
    """
    if is_home_like(to_url):
        return ("same-page", "home") if is_home_like(from_url) else ("home", "home")
    alternate = kazakh_alternate(hreflang or {})
    if alternate and _same_url(alternate, to_url):
        return "same-page", "hreflang"
    if strip_language(from_url) == strip_language(to_url):
        return "same-page", "url"
    alike = same_structure(before, after)
    if alike is not None:
        return ("same-page" if alike else "elsewhere"), "structure"
    if alternate:  # the site names another page as this one's Kazakh version
        return "elsewhere", "hreflang"
    return ("elsewhere", "url") if is_home_like(from_url) else ("same-page", "assumed")


def recognise_kazakh(snap: PageSnapshot, from_url: str | None = None) -> GoalCheck:
    text = text_for_language(snap)
    share = kazakh_share_of_letters(text)
    problem = lang_attribute_problem(snap.lang)
    evidence = {
        "lang_attribute": snap.lang,
        "lang_attribute_ok": problem is None,
        "kazakh_letter_share": round(share, 4),
        "from_url": from_url,
        "keeps_page": keeps_page(from_url, snap.url) if from_url else None,
    }
    if problem:
        evidence["lang_problem"] = str(problem)  # English, as the evidence always said it
    if snap.http_status and snap.http_status >= 400:
        return GoalCheck(False, say("goal.kazakh.http", status=snap.http_status), evidence)
    if count_letters(text) < MIN_LETTERS:
        return GoalCheck(False, say("goal.kazakh.little-text"), evidence)
    if share < KAZAKH_SHARE_MIN:
        marked = (snap.lang or "").lower().startswith(("kk", "kz"))
        why = say("goal.kazakh.marked-but-russian" if marked else "goal.kazakh.not-in-kazakh")
        return GoalCheck(False, say("goal.kazakh.not-kazakh", why=why, share=f"{share:.1%}"),
                         evidence)
    if detect_language(text) == "ru":  # a Kazakh headline over Russian text is still Russian
        return GoalCheck(False, say("goal.kazakh.mostly-russian", share=f"{share:.1%}"), evidence)
    return GoalCheck(True, say("goal.kazakh.found", share=f"{share:.1%}"), evidence)
