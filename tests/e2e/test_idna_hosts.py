"""Kazakh (Cyrillic, `.қаз`) hosts end to end: two fixture sites on 127.0.0.1 reached as
`http://акимат.қаз:PORT/` and `http://министрлік.қаз:PORT/` through `--resolve`.

Chromium reports these hosts in punycode; the run must still see its own home page as in
scope, crawl it, treat the other Cyrillic host as outbound, key scope by the ASCII host, and
show the host readably in the report.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tester.browser import BrowserSession, Scope, load
from tester.config import Settings
from tester.urlnorm import ascii_host

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
AKIMAT, MINISTRY = "акимат.қаз", "министрлік.қаз"
AKIMAT_ASCII, MINISTRY_ASCII = ascii_host(AKIMAT), ascii_host(MINISTRY)


class HostSite:
    """A tiny site on 127.0.0.1 that records the Host header of every request."""

    def __init__(self, pages: dict[str, str]) -> None:
        self.pages = pages
        self.requests: list[tuple[str, str, str]] = []  # (method, path, Host)
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.requests.append((self.command, self.path, self.headers.get("Host", "")))
                body = site.pages.get(self.path.split("?")[0])
                data = (body or "<!doctype html><title>404</title><h1>Табылмады</h1>").encode()
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_HEAD = do_GET

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def akimat_pages(ministry_url: str) -> dict[str, str]:
    nav = ('<nav><a href="/">Басты бет</a> <a href="/about.html">Әкімдік туралы</a> '
           '<a href="/news.html">Жаңалықтар</a> <a href="/contacts.html">Байланыс</a> '
           f'<a href="{ministry_url}">Министрлік</a></nav>')

    def page(title: str, main: str) -> str:
        return (f'<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>{title} — '
                f'Ауданның әкімдігі</title></head><body><header>{nav}</header><main>{main}</main>'
                '</body></html>')

    return {
        "/": page("Басты бет", "<h1>Ауданның әкімдігі</h1><p>Аудан тұрғындарына арналған "
                               "жаңалықтар мен мемлекеттік қызметтер туралы ақпарат.</p>"),
        "/about.html": page("Әкімдік туралы", "<h1>Әкімдік туралы</h1><p>Әкімдік ауданның "
                                              "атқарушы органы болып табылады.</p>"),
        "/news.html": page("Жаңалықтар", "<h1>Жаңалықтар</h1><p>Жаңа саябақ ашылды.</p>"),
        "/contacts.html": page("Байланыс", "<h1>Байланыс</h1><p>Мекенжайы: 040400, Абай көшесі, "
                                           "15</p><p>Қабылдау бөлмесі: +7 (72770) 2-11-45</p>"
                                           '<p>E-mail: <a href="mailto:info@akimat.example">'
                                           "info@akimat.example</a></p>"),
    }


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[HostSite, HostSite]]:
    ministry = HostSite({"/": "<!doctype html><title>Министрлік</title><h1>Министрлік</h1>"})
    akimat = HostSite({})
    akimat.pages.update(akimat_pages(f"http://{MINISTRY}:{ministry.port}/"))
    yield akimat, ministry
    akimat.close()
    ministry.close()


def resolve_args() -> list[str]:
    return ["--resolve", f"{AKIMAT}=127.0.0.1", "--resolve", f"{MINISTRY}=127.0.0.1"]


def test_full_run_on_a_cyrillic_host(sites: tuple[HostSite, HostSite], tmp_path: Path) -> None:
    akimat, ministry = sites
    home = f"http://{AKIMAT}:{akimat.port}/"
    done = subprocess.run(
        [sys.executable, "-m", "tester", "run", home, *resolve_args(), "--tasks", "find-contacts",
         "--max-pages", "3", "--out", str(tmp_path), "--formats", "json,html", "--timeout",
         "8000"],
        capture_output=True, text=True, timeout=240, cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    site = result["sites"][0]
    assert site.get("error") is None

    # The home page is audited (not "outside the audited site"), then the crawl stays in scope.
    pages = site["pages"]
    assert len(pages) == 3
    assert pages[0]["error"] is None and pages[0]["http_status"] == 200
    for page in pages:
        assert page["error"] is None, page
        assert ascii_host(page["final_url"].split("/")[2].rsplit(":", 1)[0]) == AKIMAT_ASCII

    task = site["tasks"][0]
    assert task["id"] == "find-contacts" and task["status"] == "passed", task["message"]
    assert task["target_url"].endswith("/contacts.html")

    # Scope is keyed by the ASCII host; the other Cyrillic host is outbound and never requested.
    links = next(c for c in site["checks"] if c["id"] == "broken-links")
    assert set(links["data"]["scope_hosts"]) == {AKIMAT_ASCII, "www." + AKIMAT_ASCII}
    assert links["data"]["out_of_scope"] >= 1
    assert ministry.requests == []

    # The browser and the tool's own client (robots.txt, sitemap.xml) both reached the mapped
    # IP with the original host name.
    hosts_seen = {host for _method, _path, host in akimat.requests}
    assert hosts_seen == {f"{AKIMAT_ASCII}:{akimat.port}"}
    tool_paths = {path for _method, path, _host in akimat.requests}
    assert {"/robots.txt", "/sitemap.xml"} <= tool_paths

    # The report shows the host as people write it.
    report = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert AKIMAT in report


def test_without_a_mapping_the_host_is_not_reached(browser_thread, sites: tuple[HostSite, HostSite],
                                                    test_settings: Settings) -> None:
    """The control: the shared test browser has no mapping (and resolves nothing but loopback),
    so the same URL fails; the mapping is what makes the run above work."""
    akimat, _ = sites
    before = len(akimat.requests)

    async def visit(session: BrowserSession) -> str | None:
        home = f"http://{AKIMAT}:{akimat.port}/"
        async with session.context(Scope.for_url(home)) as (context, _log):
            loaded = await load(await context.new_page(), home, test_settings)
            return loaded.error

    assert browser_thread.run(visit, timeout=60) == "host name not resolved"
    assert len(akimat.requests) == before


HOSTS = ["акимат.қаз", "ӘКІМДІК.ҚАЗ.", "министрлік.қаз", "ұлттық-ғылым.қаз", "өңір.қаз",
         "һ.қаз", "WWW.Example.KZ", "straße.de", "xn--80ao21a", "mixed-Қаз.kz"]


def test_normaliser_agrees_with_chromium(browser_thread) -> None:
    """tester.urlnorm.ascii_host gives the host Chromium itself reports for the same URL."""

    async def chromium_hosts(session: BrowserSession) -> list[str]:
        async with session.context(Scope(set())) as (context, _log):
            page = await context.new_page()
            return await page.evaluate(
                "hosts => hosts.map(h => new URL('http://' + h + '/').hostname)", HOSTS)

    reported = browser_thread.run(chromium_hosts, timeout=60)
    ours = [ascii_host(h) for h in HOSTS]
    assert ours == [h.rstrip(".") for h in reported]
