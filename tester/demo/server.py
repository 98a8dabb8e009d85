"""A tiny threaded static-file server bound to 127.0.0.1, with a generic site search.

It serves the bundled demo site (``tester.demo.DEMO_ROOT``) or any other folder, e.g. the test
fixtures. Behaviour:

* static files with explicit content types; a folder serves its ``index.html`` (``/dir`` answers a
  301 to ``/dir/``); no folder listings;
* a missing file answers 404 with the root's ``404.html`` when there is one;
* nothing outside the root is reachable (``..`` segments, encoded or not, and symlinks leading
  out are refused with a 404);
* ``routes`` maps exact paths (``"/slow"``, or a full ``"/path?query"``) to handler callables that
  take precedence over files, for hostile behaviours in tests; see :func:`hang`,
  :func:`redirect` and :func:`respond`. A route is called for every method and answers it
  itself; its connection is closed afterwards;
* ``GET /search?q=...&lang=kk|ru|en``: when the root has no file at ``/search``, a case-insensitive
  full-text search over the ``<main>`` text (else the body text) and ``<title>`` of the site's
  ``*.html`` pages, answered by a results page in the requested language;
* in ``*.xml`` and ``*.txt`` files (``sitemap.xml``, ``robots.txt``) the placeholder
  ``{{ORIGIN}}`` is replaced by the server's origin, e.g. ``http://127.0.0.1:41234``, so a
  sitemap can hold absolute URLs although the port is chosen at start;
* GET and HEAD for files; other methods answer 405 unless a route takes them.

Run ``python -m tester.demo.server [--port N] [root]`` to serve a folder until Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import socketserver
import sys
import threading
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import formatdate
from html.parser import HTMLParser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urljoin, urlsplit

from . import DEMO_ROOT

__all__ = [
    "DEMO_ROOT",
    "ORIGIN_PLACEHOLDER",
    "Route",
    "SearchHit",
    "SiteServer",
    "hang",
    "main",
    "redirect",
    "render_search_page",
    "respond",
    "search_site",
    "serve_site",
]

HOST = "127.0.0.1"
ORIGIN_PLACEHOLDER = "{{ORIGIN}}"

Route = Callable[[BaseHTTPRequestHandler], None]

CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".zip": "application/zip",
}
_ORIGIN_SUFFIXES = (".xml", ".txt")
_HTML_TYPE = CONTENT_TYPES[".html"]

_DEFAULT_404 = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    "<title>404 Not Found</title></head><body><main><h1>404 Not Found</h1>"
    "<p>The requested page does not exist.</p></main></body></html>\n"
)


def content_type_for(path: Path) -> str:
    """The Content-Type header value for a file, by its extension."""
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


# --------------------------------------------------------------------------------------------
# Site search (pure functions, usable without a server)

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


# --------------------------------------------------------------------------------------------
# Route helpers for hostile behaviours in tests


def respond(
    body: str | bytes,
    status: int = 200,
    content_type: str = _HTML_TYPE,
    headers: Mapping[str, str] | None = None,
) -> Route:
    """A route answering a fixed body."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(data)

    return handler


def redirect(location: str, status: int = 302) -> Route:
    """A route answering a redirect (``redirect("/loop")`` on ``/loop`` is a redirect loop)."""
    return respond(b"", status=status, headers={"Location": location})


def hang(seconds: float = 3600.0, send_headers: bool = False) -> Route:
    """A route that never answers (until ``seconds`` pass or the server stops).

    With ``send_headers`` it sends a 200 and headers first, then stalls the body.
    """

    def handler(request: BaseHTTPRequestHandler) -> None:
        if send_headers:
            request.send_response(200)
            request.send_header("Content-Type", _HTML_TYPE)
            request.send_header("Content-Length", "100000")
            request.end_headers()
            request.wfile.write(b"<!DOCTYPE html><html><head><title>slow</title>")
            request.wfile.flush()
        stop_event = getattr(request.server, "stop_event", None)
        if isinstance(stop_event, threading.Event):
            stop_event.wait(seconds)
        else:  # pragma: no cover - only when used with a foreign server
            threading.Event().wait(seconds)

    return handler


# --------------------------------------------------------------------------------------------
# HTTP machinery


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # stop() must not wait for hanging handlers

    def __init__(
        self,
        address: tuple[str, int],
        root: Path,
        routes: dict[str, Route],
        quiet: bool,
        stop_event: threading.Event,
    ) -> None:
        self.root = root
        self.routes = routes
        self.quiet = quiet
        self.stop_event = stop_event
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind would call socket.getfqdn() (a reverse DNS lookup); skip it.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self.server_port}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return  # clients going away is normal (browsers cancel requests)
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "ashyq-demo/1.0"
    sys_version = ""
    timeout = 60  # idle keep-alive connections are dropped after this many seconds

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        if not self.server.quiet:
            super().log_message(format, *args)

    # -- methods

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def do_POST(self) -> None:
        self._other_method()

    def do_PUT(self) -> None:
        self._other_method()

    def do_DELETE(self) -> None:
        self._other_method()

    def do_PATCH(self) -> None:
        self._other_method()

    def do_OPTIONS(self) -> None:
        self._other_method()

    # -- dispatch

    def _route(self) -> Route | None:
        routes = self.server.routes
        return routes.get(self.path) or routes.get(urlsplit(self.path).path)

    def _run_route(self, route: Route) -> None:
        self.close_connection = True
        route(self)
        with contextlib.suppress(ConnectionError, ValueError):
            self.wfile.flush()

    def _other_method(self) -> None:
        route = self._route()
        if route is not None:
            self._run_route(route)
            return
        self._send(
            HTTPStatus.METHOD_NOT_ALLOWED,
            b"",
            "text/plain",
            head=True,
            headers={"Allow": "GET, HEAD"},
        )

    def _dispatch(self, head: bool) -> None:
        route = self._route()
        if route is not None:
            self._run_route(route)
            return
        split = urlsplit(self.path)
        path = split.path or "/"
        if path == "/search" and self._resolve("/search") is None:
            self._search(split.query, head)
            return
        target = self._resolve(path)
        if target is None or not target.exists():
            self._not_found(head)
            return
        if target.is_dir():
            if not path.endswith("/"):
                location = path + "/" + (f"?{split.query}" if split.query else "")
                self._send(
                    HTTPStatus.MOVED_PERMANENTLY,
                    b"",
                    "text/plain",
                    head,
                    headers={"Location": location},
                )
                return
            target = target / "index.html"
            if not target.is_file():
                self._not_found(head)
                return
        if not target.is_file():
            self._not_found(head)
            return
        self._send_file(target, head)

    def _resolve(self, url_path: str) -> Path | None:
        """The file or folder under the root for a URL path, or None (missing or refused)."""
        try:
            raw = unquote(url_path, errors="strict")
        except UnicodeDecodeError:
            return None
        if "\x00" in raw or "\\" in raw:
            return None
        parts = [part for part in raw.split("/") if part not in ("", ".")]
        if any(part == ".." for part in parts):
            return None
        root = self.server.root
        candidate = root.joinpath(*parts)
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):
            return None
        if not resolved.is_relative_to(root) or not resolved.exists():
            return None
        return resolved

    # -- responses

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        head: bool,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.send_header("X-Content-Type-Options", "nosniff")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if not head and body:
                self.wfile.write(body)
        except ConnectionError:
            self.close_connection = True

    def _send_file(self, path: Path, head: bool) -> None:
        try:
            body = path.read_bytes()
            mtime = path.stat().st_mtime
        except OSError:
            self._not_found(head)
            return
        if path.suffix.lower() in _ORIGIN_SUFFIXES and ORIGIN_PLACEHOLDER.encode() in body:
            body = body.replace(ORIGIN_PLACEHOLDER.encode(), self.server.origin.encode())
        self._send(
            HTTPStatus.OK,
            body,
            content_type_for(path),
            head,
            headers={"Last-Modified": formatdate(mtime, usegmt=True)},
        )

    def _not_found(self, head: bool) -> None:
        page = self.server.root / "404.html"
        try:
            body = page.read_bytes() if page.is_file() else _DEFAULT_404.encode()
        except OSError:
            body = _DEFAULT_404.encode()
        self._send(HTTPStatus.NOT_FOUND, body, _HTML_TYPE, head)

    def _search(self, query_string: str, head: bool) -> None:
        params = parse_qs(query_string, keep_blank_values=True)
        query = (params.get("q") or [""])[0].strip()
        lang = _page_lang((params.get("lang") or [DEFAULT_SEARCH_LANG])[0].strip().lower())
        if lang not in SEARCH_TEXTS:
            lang = DEFAULT_SEARCH_LANG
        hits = search_site(self.server.root, query, lang) if query else []
        body = render_search_page(self.server.root, query, lang, hits).encode("utf-8")
        self._send(HTTPStatus.OK, body, _HTML_TYPE, head)


# --------------------------------------------------------------------------------------------
# Public API


class SiteServer:
    """Serves ``root`` on 127.0.0.1 from a daemon thread; a context manager.

    ``routes`` maps exact paths to handler callables (they win over files). The dict is kept by
    reference, so routes may be added after start. Route handlers that wait should wait on
    ``handler.server.stop_event`` (set by :meth:`stop`), as :func:`hang` does.
    """

    def __init__(
        self,
        root: Path,
        port: int = 0,
        routes: dict[str, Route] | None = None,
        quiet: bool = True,
    ) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise FileNotFoundError(f"site root is not a folder: {self.root}")
        self.port = port
        self.routes: dict[str, Route] = routes if routes is not None else {}
        self.quiet = quiet
        self.stop_event = threading.Event()
        self._requested_port = port
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>/``; only once started."""
        if self._httpd is None:
            raise RuntimeError("SiteServer is not started")
        return f"{self._httpd.origin}/"

    @property
    def origin(self) -> str:
        return self.url.rstrip("/")

    @property
    def running(self) -> bool:
        return self._httpd is not None

    def url_for(self, path: str) -> str:
        """Absolute URL of a site path: ``url_for("/ru/contacts.html")``."""
        return urljoin(self.url, path.lstrip("/"))

    def start(self) -> SiteServer:
        if self._httpd is not None:
            return self
        self.stop_event.clear()
        httpd = _HTTPServer(
            (HOST, self._requested_port), self.root, self.routes, self.quiet, self.stop_event
        )
        self.port = httpd.server_port
        thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"ashyq-site-{self.port}",
            daemon=True,
        )
        self._httpd, self._thread = httpd, thread
        thread.start()
        return self

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self.stop_event.set()
        httpd.shutdown()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=2)
        self._httpd = self._thread = None

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.url if self._httpd is not None else "stopped"
        return f"<SiteServer {self.root} {where}>"


def serve_site(root: Path | None = None, port: int = 0) -> SiteServer:
    """A started :class:`SiteServer` for ``root`` (default: the bundled demo site)."""
    return SiteServer(root if root is not None else DEMO_ROOT, port=port).start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tester.demo.server",
        description="Serve a folder (default: the ashyq demo site) on 127.0.0.1 until Ctrl-C.",
    )
    parser.add_argument("root", nargs="?", type=Path, default=None, help="folder to serve")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    try:
        server = SiteServer(args.root or DEMO_ROOT, port=args.port, quiet=not args.verbose)
        server.start()
    except (OSError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(server.url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def routes_from_file(root: Path) -> dict[str, Route]:
    """Server behaviours a static fixture cannot express, declared in its `_routes.json`:
    ``{"/loop": {"redirect": "/loop2"}, "/slow": {"hang": 30}, "/gone": {"status": 410}}``.
    """
    path = Path(root) / "_routes.json"
    if not path.is_file():
        return {}
    routes: dict[str, Route] = {}
    for url_path, spec in json.loads(path.read_text(encoding="utf-8")).items():
        if "redirect" in spec:
            routes[url_path] = redirect(spec["redirect"], int(spec.get("status", 302)))
        elif "hang" in spec:
            routes[url_path] = hang(float(spec["hang"]), bool(spec.get("send_headers", False)))
        else:
            routes[url_path] = respond(str(spec.get("body", "")), int(spec.get("status", 200)))
    return routes
