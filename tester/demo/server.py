"""A tiny threaded static-file server bound to 127.0.0.1, with a generic site search.

It serves the bundled demo site (``tester.demo.DEMO_ROOT``) or any other folder, e.g. the test
fixtures. Behaviour:

* static files with explicit content types; a folder serves its ``index.html`` (``/dir`` answers a
  301 to ``/dir/``); no folder listings;
* a missing file answers 404 with the root's ``404.html`` when there is one;
* nothing outside the root is reachable (``..`` segments, encoded or not, and symlinks leading
  out are refused with a 404);
* ``routes`` maps exact paths (``"/slow"``, or a full ``"/path?query"``) to handler callables that
  take precedence over files, for hostile behaviours in tests (tests/support/routes.py builds
  them: hanging, redirects, fixed answers, a fixture's ``_routes.json``). A route is called for
  every method and answers it itself; its connection is closed afterwards;
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
import socketserver
import sys
import threading
from collections.abc import Callable, Mapping
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

from . import DEMO_PORT, DEMO_ROOT
from .search import (  # SearchHit, search_site, render_search_page are re-exported
    DEFAULT_SEARCH_LANG,
    SEARCH_TEXTS,
    SearchHit,
    _page_lang,
    render_search_page,
    search_site,
)

__all__ = [
    "DEMO_ROOT",
    "ORIGIN_PLACEHOLDER",
    "Route",
    "SearchHit",
    "SiteServer",
    "main",
    "render_search_page",
    "search_site",
    "serve_demo",
    "serve_site",
]

HOST = "127.0.0.1"
# A handler for one path that answers the request itself (tests use them for hostile servers).
Route = Callable[[BaseHTTPRequestHandler], None]
ORIGIN_PLACEHOLDER = "{{ORIGIN}}"


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
        target = self._resolve(path)  # None when missing or refused
        if target is not None and target.is_dir():
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
        if target is None or not target.is_file():
            self.not_found(head)
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
            self.not_found(head)
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

    def not_found(self, head: bool) -> None:
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
    ``handler.server.stop_event`` (set by :meth:`stop`), as the test-suite's ``hang`` does.
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


def serve_demo() -> SiteServer:
    """The bundled demo site on DEMO_PORT, or on a free port when that one is taken.

    A fixed port keeps the demo one site to the history (its URL is its identity), so that
    repeated `make demo` runs form a trend; a busy port must not stop the audit.
    """
    try:
        return serve_site(port=DEMO_PORT)
    except OSError:
        return serve_site()


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
    try:  # entered before the URL is printed: a Ctrl-C right after it is still a clean stop
        print(server.url, flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
