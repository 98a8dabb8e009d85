"""Route handlers for behaviours a static fixture cannot express (hanging, redirects, fixed
answers), and `_routes.json` files that declare them per fixture site.

`SiteServer(root, routes=...)` takes them (tester.demo.server.Route); only tests and the
benchmarks build them, so they live here and not in the `tester` package.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tester.demo.server import Route

_HTML_TYPE = "text/html; charset=utf-8"


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
