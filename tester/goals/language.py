"""switch-to-kazakh: the page is in Kazakh (lang attribute and Kazakh-specific letters)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from tester.gather.snapshot import PageSnapshot
from tester.goals.base import GoalCheck
from tester.lexicon.letters import (
    MIN_LETTERS,
    count_letters,
    detect_language,
    kazakh_share_of_letters,
)

# Kazakh prose has ~4–6 % Kazakh-specific letters among all letters; Russian ~0 %.
KAZAKH_SHARE_MIN = 0.02
LANG_SEGMENTS = {"kk", "kz", "kaz", "qaz", "ru", "rus", "en", "eng", "kk-kz", "ru-ru", "en-us"}
LANG_PARAMS = {"lang", "language", "lng", "locale", "hl"}
HOME_SEGMENTS = {"", "index", "index.html", "index.php", "index.htm", "home", "main",
                 "default.aspx"}


def lang_attribute_problem(lang: str) -> str | None:
    """None when the html lang attribute correctly says Kazakh."""
    value = (lang or "").strip().lower()
    if not value:
        return "the html element has no lang attribute"
    if value == "kz" or value.startswith("kz-"):
        return f'lang="{lang}" is not a valid code; Kazakh is "kk"'
    if not (value == "kk" or value.startswith("kk-")):
        return f'lang="{lang}" on a Kazakh page'
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
        evidence["lang_problem"] = problem
    if snap.http_status and snap.http_status >= 400:
        return GoalCheck(False, f"the Kazakh link answered HTTP {snap.http_status}", evidence)
    if count_letters(text) < MIN_LETTERS:
        return GoalCheck(False, "the page has too little text to tell its language", evidence)
    if share < KAZAKH_SHARE_MIN:
        marked = (snap.lang or "").lower().startswith(("kk", "kz"))
        why = "marked Kazakh but its text is still Russian" if marked else "not in Kazakh"
        return GoalCheck(False, f"the page is {why} ({share:.1%} Kazakh letters)", evidence)
    if detect_language(text) == "ru":  # a Kazakh headline over Russian text is still Russian
        return GoalCheck(False, f"most of the page's lines are Russian ({share:.1%} Kazakh "
                         "letters, from a few Kazakh lines)", evidence)
    return GoalCheck(True, f"the page is in Kazakh ({share:.1%} Kazakh-specific letters)", evidence)
