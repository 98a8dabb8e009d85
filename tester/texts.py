"""Localised result texts: one message in en, ru and kk, filled from a catalog.

A catalog maps a key to {"en": template, "ru": template, "kk": template}; templates use
`str.format` placeholders. Results keep English in `message` and the other languages in
`messages` (tester/model.py), so `fields(texts)` gives both for a model constructor.
Values are not escaped here: the report escapes everything it shows.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from typing import Any

LANGUAGES = ("en", "ru", "kk")
OTHER_LANGUAGES = ("ru", "kk")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

Texts = dict[str, str]  # language code -> text
Catalog = Mapping[str, Mapping[str, str]]


def is_texts(value: Any) -> bool:
    """A per-language value (a fragment already localised), filled language by language."""
    return isinstance(value, dict) and all(lang in value for lang in LANGUAGES)


def same(text: str) -> Texts:
    """A text that reads the same in every language (a URL, a number, a code)."""
    return dict.fromkeys(LANGUAGES, text)


def fill(catalog: Catalog, key: str, **values: Any) -> Texts:
    """The catalog entry `key` in every language with its placeholders filled.

    A value that is itself Texts is taken in the language being filled. A template that cannot
    be filled in ru/kk (a catalog bug) falls back to English rather than failing the check.
    """
    templates = catalog[key]
    out: Texts = {}
    for lang in LANGUAGES:
        local = {name: value[lang] if is_texts(value) else value for name, value in values.items()}
        try:
            out[lang] = templates[lang].format(**local)
        except (KeyError, IndexError, ValueError):
            if lang == "en":
                raise
            out[lang] = out["en"]
    return out


def join(parts: Iterable[Texts | str], separator: Texts | str = "") -> Texts:
    """Texts concatenated language by language (plain strings are the same in every language)."""
    items = [part if is_texts(part) else same(str(part)) for part in parts]
    sep = separator if is_texts(separator) else same(str(separator))
    return {lang: sep[lang].join(item[lang] for item in items) for lang in LANGUAGES}  # type: ignore[index]


def fields(texts: Texts) -> dict[str, Any]:
    """`message` (English) and `messages` (ru, kk) for a Finding, CheckResult or TaskResult."""
    return {"message": texts["en"], "messages": others(texts)}


def others(texts: Texts) -> dict[str, str]:
    """The non-English texts; empty ones and copies of English are left out (the report then
    shows `message`), so an untranslated note adds nothing to result.json."""
    english = texts.get("en", "")
    return {lang: texts[lang] for lang in OTHER_LANGUAGES
            if texts.get(lang, "").strip() and texts[lang] != english}


def placeholders(template: str) -> set[str]:
    """The placeholder names of a `str.format` template (for catalog consistency tests)."""
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name}


def counted(count: int, forms: Mapping[str, tuple[str, ...]]) -> Texts:
    """"5 clicks" / "5 кликов" / "5 басу": `forms` gives en (one[, many]), ru (one, few, many)
    and kk (one form: Kazakh nouns do not change after a number)."""
    english = forms["en"]
    return {"en": f"{count} {english[0] if count == 1 or len(english) == 1 else english[1]}",
            "ru": f"{count} {plural_ru(count, *forms['ru'])}",
            "kk": f"{count} {forms['kk'][0]}"}


def plural_ru(count: int, one: str, few: str, many: str) -> str:
    """The Russian noun form for `count` (1 клик, 2 клика, 5 кликов)."""
    tens, units = count % 100, count % 10
    if units == 1 and tens != 11:
        return one
    if 2 <= units <= 4 and not 12 <= tens <= 14:
        return few
    return many
