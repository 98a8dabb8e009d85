"""One message catalog for en, ru and kk: every text ashyq shows or writes for people.

The catalog is one JSON file per language (tester/i18n/<lang>.json), keys sorted and namespaced
by domain:

    report labels      summary.*, site.heading, task.title.<id>, check.title.<id>, notice.<id> ...
    citizen tasks      task.<name> (shared) and task.<task id>.<name>; step labels step.<name>
    goal verdicts      goal.<recogniser>.<name>
    page checks        lowvision.<finding kind>, lowvision.state.*, .fragment.*, .note.*
    site checks        check.<check id>.<name>, site.<name> (shared by site checks)
    scenarios, runs    scenario.<name>, run.<name>
    errors             site_error.<error code> (PageResult/SiteResult.error_code is the key)

An entry is a `str.format` template, or, for a counted noun, its CLDR plural forms chosen by
the `count` value: en {"one", "other"}, ru {"one", "few", "many", "other"} (other: fractions),
kk {"one", "other"} (both alike: a Kazakh noun does not change after a number). A template
counts any other value with a noun entry as its format spec: "{images:noun.document}" is
`noun.document` told with count=images ("1 document", "5 документов", "5 құжат"). English is
the reference: a key missing from ru or kk falls back to it, a key missing from English is a
bug (KeyError).

Producers say *what* to tell with `say(key, **values)`, a `Message`; result.json stores its key
and values (`message_key`, `message_values`) beside the English text, so the report can tell it
again in any language (tester/report). Values are not escaped here: the report escapes.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

CATALOG_DIR = Path(__file__).parent
LANGUAGES = ("en", "ru", "kk")
REFERENCE = "en"
OTHER_LANGUAGES = ("ru", "kk")
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# The plural forms each language's entries carry, in the order the catalog lists them.
PLURAL_FORMS: dict[str, tuple[str, ...]] = {
    "en": ("one", "other"),
    "ru": ("one", "few", "many", "other"),
    "kk": ("one", "other"),
}
NOUN_SPEC = "noun."  # "{pages:noun.page}": the value counted with a plural noun entry

Entry = str | dict[str, str]  # a template, or plural forms -> template


class UnknownLanguage(ValueError):
    """A language the catalog does not have."""


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise UnknownLanguage(
            f"unsupported report language {language!r}; choose one of {', '.join(LANGUAGES)}"
        )
    return language


@cache
def _load(language: str) -> dict[str, Entry]:
    with (CATALOG_DIR / f"{language}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def catalog(language: str) -> dict[str, Entry]:
    """The catalog of `language` (a copy: callers cannot corrupt the cache)."""
    return dict(_load(check_language(language)))


def has(key: str) -> bool:
    return key in _load(REFERENCE)


def entry(key: str, language: str) -> tuple[Entry, str]:
    """The entry of `key` and the language it is in (English when `language` lacks it)."""
    found = _load(check_language(language)).get(key)
    if found is not None:
        return found, language
    return _load(REFERENCE)[key], REFERENCE  # KeyError: a key nobody wrote


def plural_form(language: str, count: float) -> str:
    """The CLDR plural category of `count` in `language` (1 клик, 2 клика, 5 кликов, 21 клик,
    11 кликов; 1,5 клика is ru "other"; en "1 click"; kk "one" for 1, written like "other")."""
    whole = isinstance(count, int) or float(count).is_integer()
    if language == "ru":
        if not whole:
            return "other"
        number = abs(int(count))
        tens, units = number % 100, number % 10
        if units == 1 and tens != 11:
            return "one"
        if 2 <= units <= 4 and not 12 <= tens <= 14:
            return "few"
        return "many"
    if language in ("en", "kk"):
        # en: one is the integer 1 only ("1.0 seconds"); kk: n = 1.
        exact_one = count == 1 and (language == "kk" or isinstance(count, int) or whole)
        return "one" if exact_one else "other"
    return "other"


def _count_of(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return None


def _template(found: Entry, language: str, count: Any) -> str:
    if isinstance(found, str):
        return found
    number = _count_of(count)
    form = "other" if number is None else plural_form(language, number)
    return found.get(form) or found.get("other") or next(iter(found.values()))


class _Formatter(string.Formatter):
    """str.format, and "{value:noun.<name>}": the value counted with a plural noun entry."""

    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith(NOUN_SPEC):
            return Message(format_spec, {"count": value}).render(self.language)
        return super().format_field(value, format_spec)


def placeholders(template: Entry) -> set[str]:
    """The placeholder names of an entry (every plural form's)."""
    texts = [template] if isinstance(template, str) else list(template.values())
    return {name.split(".")[0].split("[")[0] for text in texts
            for _, name, _, _ in string.Formatter().parse(text) if name}


def used_values(key: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values that `key` names in any language (so a message does not carry a whole probe
    record into result.json)."""
    names = set().union(*(placeholders(_load(lang).get(key, "")) for lang in LANGUAGES))
    return {name: value for name, value in values.items() if name in names}


class _Visible(dict[str, Any]):
    # A placeholder without a value stays visible ("{overflow_px}") instead of failing a check.
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


@dataclass(frozen=True)
class Message:
    """A catalog key and the values of its placeholders, to be told in any language.

    A value is text or a number, a Message, a list of them (told one after the other), a
    localised literal {"en": ..., "ru": ..., "kk": ...} (names the lexicon has in each
    language), or None (nothing). Stored forms of nested messages (`data()`) render too.
    """

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def render(self, language: str = REFERENCE) -> str:
        found, source = entry(self.key, language)
        template = _template(found, source, self.values.get("count"))
        local = _Visible({name: _told(value, language) for name, value in self.values.items()})
        try:
            return _Formatter(language).vformat(template, (), local)
        except (ValueError, IndexError, KeyError, AttributeError, TypeError):
            if language == REFERENCE:
                raise
            return self.render(REFERENCE)  # a catalog bug in a translation: say it in English

    def texts(self) -> dict[str, str]:
        """The message in every language."""
        return {language: self.render(language) for language in LANGUAGES}

    def data(self) -> dict[str, Any]:
        """The values as JSON data (nested messages as {"message_key", "message_values"})."""
        return {str(name): _data(value) for name, value in self.values.items()}

    def __str__(self) -> str:
        return self.render(REFERENCE)


def say(key: str, **values: Any) -> Message:
    """The message `key` with its placeholder values; an unknown key fails here, at once."""
    if not has(key):
        raise KeyError(f"no catalog entry {key!r} (tester/i18n/en.json)")
    return Message(key, values)


def text(key: str, language: str = REFERENCE, **values: Any) -> str:
    """`say(key, **values)` told in `language`."""
    return say(key, **values).render(language)


def counted(noun: str, count: float, language: str = REFERENCE) -> str:
    """`count` with the noun `noun.<noun>` in its plural form: counted("page", 1) == "1 page",
    counted("page", 5, "ru") == "5 страниц" (for lines printed outside the catalog's messages)."""
    return text(f"{NOUN_SPEC}{noun}", language, count=count)


def stored(key: str, values: Mapping[str, Any] | None) -> Message:
    """A message as result.json stores it (`message_key`, `message_values`)."""
    return Message(key, dict(values or {}))


def join(parts: Iterable[Message | str], separator: Message | str = "") -> list[Message | str]:
    """Parts told one after the other with `separator` between them (a list value)."""
    out: list[Message | str] = []
    for part in parts:
        if out and separator:
            out.append(separator)
        out.append(part)
    return out


def is_localised(value: Any) -> bool:
    """A literal given in every language ({"en": ..., "ru": ..., "kk": ...})."""
    return isinstance(value, dict) and all(lang in value for lang in LANGUAGES)


def _told(value: Any, language: str) -> Any:
    if isinstance(value, Message):
        return value.render(language)
    if isinstance(value, list | tuple):
        return "".join(str(_told(item, language)) for item in value)
    if isinstance(value, dict):
        if isinstance(value.get("message_key"), str):
            return stored(value["message_key"], value.get("message_values")).render(language)
        if is_localised(value):
            return value[language]
    if value is None:
        return ""
    return value  # numbers stay numbers, for format specs


def _data(value: Any) -> Any:
    if isinstance(value, Message):
        return {"message_key": value.key, "message_values": value.data()}
    if isinstance(value, list | tuple):
        return [_data(item) for item in value]
    if isinstance(value, dict):
        return {str(name): _data(item) for name, item in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def others(texts: Mapping[str, str]) -> dict[str, str]:
    """The non-English texts; empty ones and copies of English are left out (the report then
    shows `message`), so an untranslated note adds nothing to result.json."""
    english = texts.get(REFERENCE, "")
    return {lang: texts[lang] for lang in OTHER_LANGUAGES
            if texts.get(lang, "").strip() and texts[lang] != english}


def message_fields(message: Message | str) -> dict[str, Any]:
    """The model fields of a text (Finding, CheckResult, TaskResult, Notice): `message` in
    English, `messages` in ru/kk, and the key with its values. A plain string (an error text
    from a browser) is English only and has no key."""
    if not isinstance(message, Message):
        return {"message": str(message), "messages": {}}
    texts = message.texts()
    return {"message": texts[REFERENCE], "messages": others(texts),
            "message_key": message.key, "message_values": message.data()}


class Translator:
    """The report's `t("key", name=value)`: one language's catalog with English fallback."""

    def __init__(self, language: str) -> None:
        self.language = check_language(language)

    def has(self, key: str) -> bool:
        return has(key)

    def __call__(self, key: str, **values: Any) -> str:
        return Message(key, values).render(self.language)  # KeyError: a template's typo

    def message(self, key: str, values: Mapping[str, Any] | None = None) -> str:
        """A message stored in result.json, told in this language."""
        return stored(key, values).render(self.language)

    def number(self, value: float, digits: int = 2) -> str:
        return f"{value:.{digits}f}".replace(".", self("format.decimal"))

    def milliseconds(self, value: float | None) -> str:
        return self("value.none") if value is None else self("unit.ms", value=f"{round(value):d}")

    def seconds(self, value: float | None) -> str:
        return self("value.none") if value is None else self("unit.s", value=self.number(value, 1))

    def duration(self, value: float | None) -> str:
        """Seconds under a minute, else minutes and seconds."""
        if value is None or value < 60:
            return self.seconds(value)
        minutes, rest = divmod(round(value), 60)
        return self("unit.min_s", minutes=minutes, seconds=rest)

    def optional(self, key: str, default: str) -> str:
        """A message for data-driven keys (task and check ids) that may have no entry."""
        return self(key) if self.has(key) else default
