"""A Kazakh version on its own subdomain: akimat.test links ҚАЗ to kk.akimat.test.

The answer-key harness serves one folder on 127.0.0.1, where every port is its own site and a
host cannot be told from another, so this site is served by Host header and reached through
`resolve` (Chromium's host-resolver rules, as tests/e2e/test_idna_hosts.py does) in a browser of
its own. The switch must be followed (the subdomain is the same site), the Kazakh page
recognised, and the run's scope given back as it was; a kk. host of another site is never
followed (tests/unit/test_navigator_shapes.py).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tester.artifacts import RunDir
from tester.browser import Scope, open_browser
from tester.config import Settings
from tester.env import TaskEnv
from tester.model import TaskResult
from tester.navigator import run_task

pytestmark = pytest.mark.e2e
RU, KK, OTHER = "akimat.test", "kk.akimat.test", "kk.oblys.test"


def pages(port: int) -> dict[tuple[str, str], str]:
    def page(lang: str, title: str, nav: str, main: str) -> str:
        return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}'
                f'</title></head><body><header><div class="langs">{nav}</div><nav>'
                f'<a href="/about.html">{"Аудан туралы" if lang == "kk" else "О районе"}</a>'
                f"</nav></header><main>{main}</main></body></html>")

    ru_nav = (f'<a href="http://{OTHER}:{port}/">Облыс</a> '
              f'<a class="lang-link" href="http://{KK}:{port}/">ҚАЗ</a> <span>РУС</span>')
    kk_nav = f'<span>ҚАЗ</span> <a href="http://{RU}:{port}/">РУС</a>'
    return {
        (RU, "/"): page("ru", "Акимат района", ru_nav, "<h1>Акимат района Бейнеу</h1><p>Новости "
                        "района, государственные услуги и обращения граждан.</p>"),
        (RU, "/about.html"): page("ru", "О районе", ru_nav, "<h1>О районе</h1><p>Район "
                                  "образован в 1928 году.</p>"),
        (KK, "/"): page("kk", "Аудан әкімдігі", kk_nav, "<h1>Бейнеу ауданының әкімдігі</h1><p>"
                        "Аудан жаңалықтары, мемлекеттік қызметтер және азаматтардың "
                        "өтініштері туралы ақпарат.</p>"),
        (KK, "/about.html"): page("kk", "Аудан туралы", kk_nav, "<h1>Аудан туралы</h1><p>Аудан "
                                  "1928 жылы құрылған. Өңірдің тарихы мен шежіресі.</p>"),
    }


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[ThreadingHTTPServer, list[str]]]:
    seen: list[str] = []  # Host headers, in order

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            seen.append(host)
            body = pages(self.server.server_port).get((host, self.path.split("?")[0]))
            data = (body or "<!doctype html><title>404</title><h1>404</h1>").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd, seen
    httpd.shutdown()
    httpd.server_close()


def test_kazakh_version_on_a_subdomain(server, test_settings: Settings, tmp_path: Path) -> None:
    httpd, seen = server
    port = httpd.server_port
    settings = test_settings.with_overrides(
        resolve=(f"{RU}=127.0.0.1", f"{KK}=127.0.0.1", f"{OTHER}=127.0.0.1"))
    start = f"http://{RU}:{port}/"
    scope = Scope.for_url(start)
    hosts = set(scope.hosts)

    async def run() -> TaskResult:
        async with open_browser(settings, loopback_only=True) as session, \
                session.context(scope) as (context, log):
            page = await context.new_page()
            env = TaskEnv(page, context, start, scope, settings, RunDir(tmp_path), log)
            return await run_task("switch-to-kazakh", env)

    result = asyncio.run(asyncio.wait_for(run(), 90))
    assert result.status == "passed", result.message
    assert result.target_url == f"http://{KK}:{port}/"
    assert result.clicks == 1 and result.optimal_clicks == 1
    assert scope.hosts == hosts  # the subdomain was admitted for the task only
    assert OTHER not in seen  # another site's kk. host is not the audited site's
