"""The hostile suite's two servers, both on 127.0.0.1: the hostile site and an outside listener.

The outside listener stands for "another host": hostile pages aim their out-of-scope navigations
at `/nav/...` and the redirects the tool's own HTTP client must not follow at `/follow/...`;
subresources a page itself loads from another host (frames, beacons) go to `/sub/...`. The
listener records every request, so the suite can assert that no `/nav/` or `/follow/` request
ever arrived.

Pages in `pages/` may contain `{{OUTSIDE}}` (the listener's origin), replaced when served.
Run `python tests/hostile/sites.py` to serve both until Ctrl-C (for poking at pages by hand).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

PAGES = Path(__file__).parent / "pages"
HOST = "127.0.0.1"
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # hanging handlers must not hold up stop()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # browsers drop connections all the time; that is not a test failure


class _BaseHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def answer(
        self, body: bytes, status: int = 200, content_type: str = _TYPES[".html"], **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_HEAD = do_POST = do_PUT = do_OPTIONS = lambda self: self.do_GET()  # noqa: E731

    def do_GET(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class _Running:
    """Start/stop a _Server on a free port in a daemon thread."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.stop_event = threading.Event()
        self.server = _Server((HOST, 0), handler)
        self.server.owner = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.origin + path

    def start(self) -> _Running:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> _Running:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


class _OutsideHandler(_BaseHandler):
    def do_GET(self) -> None:
        owner: OutsideListener = self.server.owner  # type: ignore[attr-defined]
        with owner.lock:
            owner.requests.append((self.command, self.path))
        self.answer(b"<!doctype html><title>outside</title><h1>You left the audited site</h1>")


class OutsideListener(_Running):
    """Another 'host' (another port): records every request it receives."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str]] = []
        super().__init__(_OutsideHandler)

    def forbidden_hits(self) -> list[str]:
        """Requests that mean the tool left its scope: navigations and followed redirects."""
        with self.lock:
            return [f"{m} {p}" for m, p in self.requests if p.startswith(("/nav/", "/follow/"))]


def _drip(handler: _BaseHandler) -> None:
    """A 200 whose body never ends: a byte of HTML every 200 ms until the server stops."""
    owner: HostileSite = handler.server.owner  # type: ignore[attr-defined]
    handler.send_response(200)
    handler.send_header("Content-Type", _TYPES[".html"])
    handler.end_headers()  # no length, no close: the document is never complete
    handler.wfile.write(b'<!doctype html><html lang="en"><head><title>Slow drip</title></head>'
                        b"<body><main><h1>Slow drip</h1>")
    n = 0
    while not owner.stop_event.wait(0.2):
        n += 1
        handler.wfile.write(f"<p>drop {n}</p>\n".encode())
        handler.wfile.flush()


def _hang(handler: _BaseHandler) -> None:
    owner: HostileSite = handler.server.owner  # type: ignore[attr-defined]
    owner.stop_event.wait(3600)


def _mega_title(handler: _BaseHandler) -> None:
    title = ("Акимат " + "\u202e" + "A" * 1000 + " ") * 1000  # about 1 MB of title
    body = (f'<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title>'
            f"</head><body><main><h1>{title[:5000]}</h1></main></body></html>")
    handler.answer(body.encode("utf-8"))


class _SiteHandler(_BaseHandler):
    def do_GET(self) -> None:
        owner: HostileSite = self.server.owner  # type: ignore[attr-defined]
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        outside = owner.outside.origin
        routes: dict[str, Callable[[_BaseHandler], None]] = {
            "/slow-drip": _drip,
            "/mega-title": _mega_title,
            "/go-out": lambda h: h.answer(b"", 302, Location=f"{outside}/follow/go-out"),
            "/go-out-301": lambda h: h.answer(b"", 301, Location=f"{outside}/follow/go-out-301"),
            "/img-redirect.png": lambda h: h.answer(b"", 302, Location=f"{outside}/sub/img"),
            "/file.bin": lambda h: h.answer(
                b"MZ" + b"\0" * 2048,
                content_type="application/octet-stream",
                Content_Disposition='attachment; filename="report.exe"',
            ),
        }
        if path in routes:
            routes[path](self)
            return
        if path.startswith("/hang/"):
            _hang(self)
            return
        name = "index.html" if path == "/" else path.lstrip("/")
        file = (PAGES / name).resolve()
        if PAGES.resolve() not in file.parents or not file.is_file():
            self.answer(b"<!doctype html><title>404</title><h1>Not found</h1>", 404)
            return
        text = file.read_text(encoding="utf-8").replace("{{OUTSIDE}}", outside)
        self.answer(text.encode("utf-8"), content_type=_TYPES.get(file.suffix, "text/plain"))


class HostileSite(_Running):
    """Serves tests/hostile/pages plus the behaviours a file cannot express."""

    def __init__(self, outside: OutsideListener) -> None:
        self.outside = outside
        super().__init__(_SiteHandler)


if __name__ == "__main__":
    with OutsideListener() as listener, HostileSite(listener) as site:
        print(f"hostile site {site.origin}  outside listener {listener.origin}  (Ctrl-C stops)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("\n".join(f"{m} {p}" for m, p in listener.requests))
