"""Read an HTML document without a browser: <html lang>, <title>, and the main text."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

MAX_HTML = 2_000_000


@dataclass
class HtmlText:
    lang: str
    title: str
    main_text: str


class _Extractor(HTMLParser):
    _SKIP = frozenset({"script", "style", "template", "noscript", "svg"})
    # Block elements end a line, as innerText would, so text can be judged line by line.
    _BLOCK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                        "article", "section", "header", "footer", "nav", "main", "table",
                        "ul", "ol", "blockquote", "dt", "dd", "form", "aside"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.has_main = False
        self.title: list[str] = []
        self.main: list[str] = []
        self.body: list[str] = []
        self._skip = 0
        self._in_title = False
        self._main_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html" and not self.lang:
            self.lang = (dict(attrs).get("lang") or "").strip()
        elif tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip += 1
        elif tag == "main":
            # Only <main> is tracked: end tags of other elements are too often omitted.
            self._main_depth += 1
            self.has_main = True
        self._gap(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "main":
            self._main_depth = max(0, self._main_depth - 1)
        self._gap(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.body.append(data)
            if self._main_depth:
                self.main.append(data)

    def _gap(self, tag: str) -> None:
        gap = "\n" if tag in self._BLOCK else " "
        self.body.append(gap)
        if self._main_depth:
            self.main.append(gap)


def _squash_lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def html_text(document: str) -> HtmlText:
    """Best effort on any input: broken markup gives whatever text could be read."""
    parser = _Extractor()
    try:
        parser.feed((document or "")[:MAX_HTML])
        parser.close()
    except Exception:  # noqa: BLE001 - hostile markup must not break an audit
        pass
    main = parser.main if parser.has_main else parser.body
    return HtmlText(
        lang=parser.lang,
        title=" ".join("".join(parser.title).split())[:500],
        main_text=_squash_lines("".join(main)),
    )
