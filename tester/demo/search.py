"""Site search for the demo server: a full-text search over a folder of HTML pages.

Pure functions, usable without a server: `search_site` finds pages, `render_search_page` renders
the results page in kk/ru/en (the query is always escaped).
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

SEARCH_TEXTS: dict[str, dict[str, str]] = {
    "kk": {
        "title": "Іздеу нәтижелері",
        "label": "Сайт бойынша іздеу",
        "button": "Іздеу",
        "home": "Басты бет",
        "skip": "Мазмұнға өту",
        "found": "«{q}» сұрауы бойынша табылды: {n}",
        "nothing": "«{q}» сұрауы бойынша ештеңе табылмады.",
        "empty": "Іздеу сұрауын енгізіңіз.",
    },
    "ru": {
        "title": "Результаты поиска",
        "label": "Поиск по сайту",
        "button": "Найти",
        "home": "Главная",
        "skip": "К содержанию",
        "found": "По запросу «{q}» найдено: {n}",
        "nothing": "По запросу «{q}» ничего не найдено.",
        "empty": "Введите поисковый запрос.",
    },
    "en": {
        "title": "Search results",
        "label": "Search the site",
        "button": "Search",
        "home": "Home",
        "skip": "Skip to content",
        "found": "Results for “{q}”: {n}",
        "nothing": "Nothing found for “{q}”.",
        "empty": "Please enter a search query.",
    },
}
DEFAULT_SEARCH_LANG = "ru"
MAX_SEARCH_RESULTS = 50
_LANG_ALIASES = {"kz": "kk", "kaz": "kk", "rus": "ru", "eng": "en"}


@dataclass(frozen=True)
class SearchHit:
    url: str
    title: str
    snippet: str
    score: int


class _TextExtractor(HTMLParser):
    """Collects <title>, the text inside <main> and the whole text, without scripts/styles."""

    _SKIP = frozenset({"script", "style", "template", "noscript", "svg"})
    _INLINE = frozenset(
        {
            "a",
            "abbr",
            "b",
            "bdi",
            "bdo",
            "cite",
            "code",
            "data",
            "em",
            "i",
            "kbd",
            "mark",
            "q",
            "s",
            "samp",
            "small",
            "span",
            "strong",
            "sub",
            "sup",
            "time",
            "u",
            "var",
            "wbr",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.has_main = False
        self._title: list[str] = []
        self._main: list[str] = []
        self._all: list[str] = []
        self._skip = 0
        self._in_title = False
        self._main_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "main":
            self._main_depth += 1
            self.has_main = True
        elif tag == "html":
            self.lang = (dict(attrs).get("lang") or "").strip().lower()
        if tag not in self._INLINE:
            self._gap()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag == "main":
            self._main_depth = max(0, self._main_depth - 1)
        if tag not in self._INLINE:
            self._gap()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self._title.append(data)
            return
        self._all.append(data)
        if self._main_depth:
            self._main.append(data)

    def _gap(self) -> None:
        self._all.append(" ")
        if self._main_depth:
            self._main.append(" ")

    @property
    def title(self) -> str:
        return _squash("".join(self._title))

    @property
    def text(self) -> str:
        return _squash("".join(self._main if self.has_main else self._all))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


def _page_lang(lang: str) -> str:
    base = lang.split("-")[0]
    return _LANG_ALIASES.get(base, base)


def _snippet(text: str, folded: str, term: str, width: int = 180) -> str:
    pos = folded.find(term) if len(folded) == len(text) else -1
    if pos < 0:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, pos - width // 3)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _candidate_pages(root: Path, lang: str) -> list[Path]:
    root = root.resolve()
    pages: list[Path] = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root)
        if path.name == "404.html" or any(part.startswith((".", "_")) for part in rel.parts):
            continue
        if not path.resolve().is_relative_to(root):
            continue
        pages.append(path)
    lang_dir = root / lang
    if lang_dir.is_dir():
        return [p for p in pages if p.is_relative_to(lang_dir)]
    return pages


def search_site(root: Path, query: str, lang: str = DEFAULT_SEARCH_LANG) -> list[SearchHit]:
    """Full-text search of the site's pages: every word of ``query`` must occur (case-insensitive).

    Pages under ``root/<lang>/`` are searched when that folder exists; otherwise pages whose
    ``<html lang>`` matches ``lang`` (or every page, when none matches).
    """
    root = Path(root).resolve()
    terms = _fold(query).split()
    if not terms:
        return []
    parsed: list[tuple[Path, _TextExtractor]] = []
    for path in _candidate_pages(root, lang):
        extractor = _TextExtractor()
        try:
            extractor.feed(path.read_text(encoding="utf-8", errors="replace"))
            extractor.close()
        except Exception:  # a broken page must not break the search
            continue
        parsed.append((path, extractor))
    if not (root / lang).is_dir():
        same_lang = [(p, e) for p, e in parsed if _page_lang(e.lang) == lang]
        parsed = same_lang or parsed
    hits: list[SearchHit] = []
    for path, extractor in parsed:
        title, text = extractor.title, extractor.text
        folded_title, folded_text = _fold(title), _fold(text)
        haystack = folded_title + " " + folded_text
        if not all(term in haystack for term in terms):
            continue
        score = sum(folded_text.count(t) for t in terms) + 5 * sum(t in folded_title for t in terms)
        url = "/" + quote(path.relative_to(root).as_posix())
        hits.append(
            SearchHit(
                url=url,
                title=title or url,
                snippet=_snippet(text, folded_text, terms[0]),
                score=score,
            )
        )
    hits.sort(key=lambda h: (-h.score, h.url))
    return hits[:MAX_SEARCH_RESULTS]


def render_search_page(root: Path, query: str, lang: str, hits: list[SearchHit]) -> str:
    """The HTML results page; every piece of the query and of page text is escaped."""
    root = Path(root)
    texts = SEARCH_TEXTS.get(lang, SEARCH_TEXTS[DEFAULT_SEARCH_LANG])
    esc = html.escape
    q = esc(query)
    head_extra = ""
    if (root / "assets" / "site.css").is_file():
        head_extra += '<link rel="stylesheet" href="/assets/site.css">\n'
    if (root / "assets" / "site.js").is_file():
        head_extra += '<script src="/assets/site.js"></script>\n'
    home = f"/{lang}/index.html" if (root / lang / "index.html").is_file() else "/"
    if not query.strip():
        summary = texts["empty"]
    elif hits:
        summary = texts["found"].format(q=q, n=len(hits))
    else:
        summary = texts["nothing"].format(q=q)
    items = "".join(
        f'<li><a href="{esc(hit.url)}">{esc(hit.title)}</a>'
        f'<p class="search-snippet">{esc(hit.snippet)}</p></li>\n'
        for hit in hits
    )
    results = f'<ol class="search-results">\n{items}</ol>\n' if hits else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{texts['title']}</title>\n{head_extra}</head>\n<body>\n"
        f'<a class="skip-link" href="#content">{texts["skip"]}</a>\n'
        f'<header class="search-header"><a href="{home}">{texts["home"]}</a></header>\n'
        f'<main id="content" class="search-page">\n<h1>{texts["title"]}</h1>\n'
        '<form role="search" action="/search" method="get" class="search-form">\n'
        f'<label for="search-q">{texts["label"]}</label>\n'
        f'<input type="search" id="search-q" name="q" value="{q}">\n'
        f'<input type="hidden" name="lang" value="{esc(lang)}">\n'
        f'<button type="submit">{texts["button"]}</button>\n</form>\n'
        f'<p class="search-summary" role="status">{summary}</p>\n{results}'
        "</main>\n</body>\n</html>\n"
    )
