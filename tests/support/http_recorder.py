"""A 127.0.0.1 HTTP(S) server for tests of the tool's own requests (tester.fetch).

It answers from a table of routes and records every request (method, path, headers), every
accepted TCP connection and, over TLS, the server name (SNI) each client named: a refused hop
must not even connect, and a counted request proves what the tool asked and how often.
"""

from __future__ import annotations

import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# (status, headers, body); a body may be an iterator of chunks, sent as they come.
Answer = tuple[int, dict[str, str], bytes | Iterator[bytes]]


@dataclass(frozen=True)
class Hit:
    method: str
    path: str
    headers: dict[str, str]


class Recorder:
    """Serve `routes` (path -> callable returning an Answer); 404 for anything else."""

    def __init__(self, tls: tuple[Path, Path] | None = None) -> None:
        self.routes: dict[str, Callable[[], Answer]] = {}
        self.hits: list[Hit] = []
        self.connections = 0
        self.server_names: list[str | None] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                recorder.hits.append(Hit(self.command, self.path,
                                        {k.lower(): v for k, v in self.headers.items()}))
                route = recorder.routes.get(self.path)
                status, headers, body = route() if route else (404, {}, b"not found")
                self.send_response(status)
                chunked = not isinstance(body, bytes)
                framing = {"Transfer-Encoding": "chunked"} if chunked else {
                    "Content-Length": str(len(body))}  # type: ignore[arg-type]
                for name, value in {**framing, **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                if self.command == "HEAD":
                    return
                try:
                    if not chunked:
                        self.wfile.write(body)  # type: ignore[arg-type]
                        return
                    for chunk in body:  # type: ignore[union-attr]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.write(b"0\r\n\r\n")
                except (ConnectionError, ssl.SSLError):
                    self.close_connection = True  # the client stopped reading: expected

            do_HEAD = do_GET

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def verify_request(self, request: Any, client_address: Any) -> bool:
                recorder.connections += 1
                return True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # clients cutting a stream short is what some tests are about

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            context.sni_callback = lambda _sock, name, _ctx: self.server_names.append(name)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.origin = f"{scheme}://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
             **headers: str) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = lambda: (200, {"Content-Type": content_type, **headers}, data)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.routes[path] = lambda: (status, {"Location": location}, b"")

    def count(self, path: str, method: str | None = None) -> int:
        return sum(1 for h in self.hits if h.path == path and method in (None, h.method))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def endless(chunk: bytes, pause_s: float = 0.0) -> Iterator[bytes]:
    """A body that never ends (a hostile server): the same chunk forever."""
    while True:
        yield chunk
        if pause_s:
            time.sleep(pause_s)


def self_signed_cert(folder: Path, host: str) -> tuple[Path, Path] | None:
    """(certificate, key) for `host` made by the openssl command; None without it."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={host}"],
            check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return cert, key
