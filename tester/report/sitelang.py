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
from tester.model import PageResult, SiteResult
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
