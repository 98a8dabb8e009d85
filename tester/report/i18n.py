"""The report's message catalog: every human-readable string lives in i18n/<lang>.json.

English is the reference catalog; ru and kk carry the same keys (a unit test enforces it).
A key missing from a translation falls back to English; a key missing from English is a bug
and raises, so tests catch templates that use undefined keys.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from tester.report.errors import ReportError

CATALOG_DIR = Path(__file__).parent / "i18n"
LANGUAGES = ("en", "ru", "kk")
REFERENCE_LANGUAGE = "en"


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ReportError(
            f"unsupported report language {language!r}; choose one of {', '.join(LANGUAGES)}"
        )
    return language


@cache
def _load(language: str) -> dict[str, str]:
    with (CATALOG_DIR / f"{language}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def messages(language: str) -> dict[str, str]:
    """The catalog for `language` (a copy, so callers cannot corrupt the cache)."""
    return dict(_load(_check_language(language)))


class Translator:
    """`t("key", name=value)` looks a message up and fills its `{name}` placeholders."""

    def __init__(self, language: str) -> None:
        self.language = _check_language(language)
        self._catalog = _load(language)
        self._fallback = _load(REFERENCE_LANGUAGE)

    def has(self, key: str) -> bool:
        return key in self._fallback

    def __call__(self, key: str, **values: Any) -> str:
        text = self._catalog.get(key)
        if text is None:
            text = self._fallback[key]  # KeyError here means a template uses an unknown key
        return text.format(**values) if values else text

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
