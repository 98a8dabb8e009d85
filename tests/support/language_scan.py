"""Finds English sentences in text that should be Kazakh or Russian (tests of tester/i18n).

A heuristic that can fail: after dropping what may rightly stay in Latin letters (URLs, quoted
text from audited pages, code and CSS such as `overflow-x: auto`, file names, `kk/ru/en`), a run
of three or more Latin words with at least one common English word is an English sentence.
Terms the kk/ru texts keep in Latin (WCAG, e-mail, HTTP, OCR, Tab, Escape) never make three
words in a row with an English function word.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from tester.model import RunResult

ENGLISH_WORDS = frozenset(re.findall(r"[a-z]+", """
a an the and or but not no nor of to in on at by for from with without into onto over under
is are was were be been being am has have had do does did can cannot could would should will
shall may might must this that these those it its there their they them he she we you your our
as than then when which who whom whose what where why how if so too very only also just all any
each every some none after before again here page pages link links text found site sites
"""))
_URL = re.compile(r"(?:https?|file)://\S+|www\.\S+")
# Quoted text is the page's own («Отчёт», “Байланыс”, "lang" values, repr() of a phrase).
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"\n]*\"|'[^'\n]*'")
# Code, CSS, paths, file names and key=value pairs: max-width: 100 %, user-scalable=no, /ru/.
_CODE = re.compile(r"\S*[=/\\_<>{}\[\]]\S*|\S+\.\S+")
_WORD = r"[A-Za-z]+(?:['’\-][A-Za-z]+)*"
_RUN = re.compile(rf"{_WORD}(?:[ \t]*[,;:]?[ \t]+{_WORD}){{2,}}")


def english_sentences(text: str) -> list[str]:
    """The English sentences (runs of Latin words) left in `text` once exempt parts are gone."""
    text = _CODE.sub(" ", _QUOTED.sub(" ", _URL.sub(" ", text)))
    return [match.group(0) for match in _RUN.finditer(text)
            if any(word.lower() in ENGLISH_WORDS for word in re.findall(_WORD, match.group(0)))]


class _TextOf(HTMLParser):
    """The text a reader sees (and hears: alt, aria-label, title), without style or script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        self.parts += [value for name, value in attrs
                       if name in ("alt", "aria-label", "title") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    return "\n".join(parser.parts)


def quoted_in(result: RunResult) -> list[str]:
    """What a report quotes rather than says: the audited pages' own text (titles, labels,
    snippets, link texts in message values), URLs, evidence and data, settings, technical
    error details, and axe-core's English help texts. Longest first."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(result.settings)
    walk(result.tool.model_dump())
    for site in result.sites:
        walk([site.url, site.name, site.error or "", site.languages])
        for task in site.tasks:
            walk([task.title, task.target_url or "", task.evidence, task.message_values])
            for step in task.steps:
                walk([step.url, step.label_values] + ([] if step.label_key else [step.label]))
        for page in site.pages:
            walk([page.url, page.final_url or "", page.title, page.lang, page.error or "",
                  page.csp or ""])
        checks = [*site.checks, *(check for page in site.pages for check in page.checks)]
        findings = [*(f for page in site.pages for f in page.findings),
                    *(f for check in checks for f in check.findings)]
        for check in checks:
            walk([check.data, check.message_values])
        for finding in findings:
            walk([finding.selector, finding.snippet, finding.data, finding.help_url,
                  finding.message_values])
            if finding.source == "axe":
                walk(finding.message)
    return sorted((text for text in found if text.strip()), key=len, reverse=True)


def english_in_report(text: str, result: RunResult) -> list[str]:
    """English sentences in a rendered report's text, once what it quotes is taken out."""
    for quoted in quoted_in(result):
        # Whole words only: a quoted "en" or "text" must not cut words of the report apart.
        text = re.sub(rf"(?<!\w){re.escape(quoted)}(?!\w)", " ", text)
    return english_sentences(text)
