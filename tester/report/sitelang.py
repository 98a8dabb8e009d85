"""Text from an audited site, marked with its language for screen readers.

A report in English that quotes a Russian page title must say `lang="ru"` around it, or a
screen reader reads Cyrillic with an English voice. Everything here returns escaped Markup:
the text is the site's (untrusted), only our span is markup.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from tester.i18n import scripts
from tester.model import CheckResult, Finding, PageResult, SiteResult, Step, TaskResult
from tester.report import summary as s


def _span(text: str, language: str | None, report_language: str) -> Markup:
    clean = escape(s.strip_controls(text))
    if not language or language == report_language:
        return Markup(clean)
    return Markup('<span lang="{}" dir="auto">{}</span>').format(language, clean)


def site_text(value: Any, declared: str | None, report_language: str) -> Markup:
    """`value` as a page wrote it (a title, a link's text, a snippet) in its own language."""
    text = "" if value is None else str(value)
    return _span(text, scripts.text_language(text, declared), report_language)


def mixed_text(value: Any, declared: str | None, report_language: str,
               text_language: str | None = None) -> Markup:
    """A text of ours (in `text_language`, by default the report's) that quotes a site: the
    quoted words whose script is not the text's own language get their language marked."""
    text = "" if value is None else str(value)
    own = text_language or report_language
    parts = []
    for part, cyrillic in scripts.cyrillic_runs(text):
        language = None
        if cyrillic and own not in scripts.CYRILLIC_LANGUAGES:
            language = scripts.text_language(part, declared)
        elif cyrillic and own == "ru" and scripts.script_language(part) == "kk":
            language = "kk"
        parts.append(_span(part, language, own))
    inner = Markup("").join(parts)
    if own == report_language:
        return inner
    return Markup('<span lang="{}">{}</span>').format(own, inner)


def page_language(page: PageResult) -> str | None:
    """The language a page was audited as, else its lang attribute."""
    return scripts.normalise(page.language) or scripts.normalise(page.lang)


def site_language(site: SiteResult) -> str | None:
    """The language of the site's first audited page (its home page)."""
    return next((lang for lang in map(page_language, site.pages) if lang), None)


def url_language(site: SiteResult, url: str | None) -> str | None:
    """The language of the page at `url`: an audited page's, else the language version whose
    folder holds it (/kk/...), else the site's."""
    if url:
        for page in site.pages:
            if url in (page.url, page.final_url):
                found = page_language(page)
                if found:
                    return found
        path = urlsplit(url).path
        best: tuple[int, str] | None = None
        for code, version in site.languages.items():
            if not version:
                continue
            folder = urlsplit(version).path.rsplit("/", 1)[0] + "/"
            if folder != "/" and path.startswith(folder) and (not best or len(folder) > best[0]):
                best = (len(folder), code)
        if best:
            return scripts.normalise(best[1])
    return site_language(site)


_TOKEN = "\ue000{}\ue001"  # private-use marks: in no catalog entry, dropped from the values


def marked_message(key: str | None, values: dict[str, Any], report_language: str,
                   declared: str | None, limit: int = 500) -> Markup | None:
    """A stored message told in the report language with each text value (the site's words it
    quotes: a title, a label, an address) marked with its own language; None when it has no key
    or the catalog cannot tell it."""
    quoted: dict[str, str] = {}

    def tokenise(value: Any) -> Any:
        if isinstance(value, str) and scripts.script_language(value) is not None:
            token = _TOKEN.format(len(quoted))
            clean = s.strip_controls(value).replace("\ue000", "").replace("\ue001", "")
            quoted[token] = s.truncate(s.readable_urls(clean), limit)
            return token
        if isinstance(value, list | tuple):
            return [tokenise(item) for item in value]
        if isinstance(value, dict) and isinstance(value.get("message_key"), str):
            nested = value.get("message_values") or {}  # a message of ours quoting the site
            return {**value, "message_values": {k: tokenise(v) for k, v in nested.items()}}
        return value  # numbers count nouns; {"en", "ru", "kk"} literals are ours

    text = s.told(key, {name: tokenise(value) for name, value in values.items()},
                  report_language)
    if text is None:
        return None
    html = str(escape(text))
    for token, value in quoted.items():
        html = html.replace(token, str(site_text(value, declared, report_language)))
    return Markup(html)


def item_message(item: Finding | CheckResult | TaskResult, declared: str | None,
                 report_language: str) -> Markup:
    """A finding's, check's or task's message in the report language, quoted words marked; an
    English fallback (axe-core's help) marked English as a whole."""
    marked = marked_message(item.message_key, item.message_values, report_language, declared,
                            limit=1500)
    if marked is not None:
        return marked
    text = s.readable_urls(s.localised(item, report_language))
    return mixed_text(text, declared, report_language,
                      s.message_language(item, report_language))


def step_caption(step: Step, declared: str | None, report_language: str,
                 limit: int = 120) -> Markup:
    """A step's label: the tool's words in the report language (quoting the site's, marked),
    else the site's own label in the site's language."""
    key, values = s.step_key(step)
    marked = marked_message(key, values, report_language, declared, limit)
    return marked if marked is not None else site_text(s.truncate(step.label, limit), declared,
                                                       report_language)
