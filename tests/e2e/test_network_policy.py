"""No traffic the user did not ask for: the tool's own client against real local servers, and
WebRTC/STUN UDP from a page under ashyq's browser flags (with a control without them)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.async_api import async_playwright

from tester.browser import BrowserSession, Scope, find_chromium, load
from tester.checks.lowvision.images_of_text import fetch as fetch_image
from tester.config import Settings
from tester.env import PageEnv
from tester.fetch import BLOCKED_ADDRESS, REDIRECT_OUTSIDE_SCOPE, Fetcher
from tester.gather.snapshot import take_snapshot
from tester.netpolicy import NetworkPolicy
from tester.site import audit_site, gather_site

pytestmark = pytest.mark.e2e
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
Answer = tuple[int, dict[str, str], bytes]


class Recorder:
    """A server on 127.0.0.1 that answers from a table and records every connection and request.

    `connections` counts accepted TCP connections: a refused hop must not even connect.
    """

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[], Answer]] = {}
        self.hits: list[tuple[str, str]] = []  # (method, path)
        self.connections = 0
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                recorder.hits.append((self.command, self.path))
                route = recorder.routes.get(self.path)
                status, headers, body = route() if route else (404, {}, b"not found")
                self.send_response(status)
                for name, value in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_HEAD = do_GET

        class Server(ThreadingHTTPServer):
            def verify_request(self, request: Any, client_address: Any) -> bool:
                recorder.connections += 1
                return True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.origin = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path: str, html: str) -> None:
        self.routes[path] = lambda: (200, {"Content-Type": "text/html; charset=utf-8"},
                                     html.encode())

    def redirect(self, path: str, location: str) -> None:
        self.routes[path] = lambda: (302, {"Location": location}, b"")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def servers() -> Iterator[tuple[Recorder, Recorder]]:
    site, other = Recorder(), Recorder()
    yield site, other
    site.close()
    other.close()


def with_fetcher(browser_thread, scope: Scope, work: Callable[[Fetcher], Any],
                 policy: NetworkPolicy | None = None, resolve: dict[str, str] | None = None) -> Any:
    async def run(session: BrowserSession) -> Any:
        async with Fetcher(scope, policy=policy, resolve=resolve, timeout_ms=5_000) as fetcher:
            return await work(fetcher)

    return browser_thread.run(run, timeout=60)


def test_redirect_chain_within_scope_is_followed(browser_thread, servers) -> None:
    site, _ = servers
    site.redirect("/a", "/b")
    site.redirect("/b", f"{site.origin}/c")
    site.page("/c", "<title>C</title>")
    answer = with_fetcher(browser_thread, Scope.for_url(site.origin),
                          lambda f: f.fetch(f"{site.origin}/a", keep_body=True))
    assert answer.status == 200 and answer.refused is None and answer.hops == 2
    assert answer.final_url == f"{site.origin}/c" and b"<title>C</title>" in answer.body
    assert site.hits == [("GET", "/a"), ("GET", "/b"), ("GET", "/c")]


def test_redirect_to_another_site_gets_its_first_answer_only(browser_thread, servers) -> None:
    site, other = servers
    site.redirect("/go", f"{other.origin}/target")
    other.page("/target", "<title>elsewhere</title>")
    answer = with_fetcher(browser_thread, Scope.for_url(site.origin),
                          lambda f: f.fetch(f"{site.origin}/go"))
    assert answer.status == 302 and answer.refused == REDIRECT_OUTSIDE_SCOPE
    assert answer.refused_target == f"{other.origin}/target"
    assert site.hits == [("GET", "/go")] and other.hits == [] and other.connections == 0


def test_outbound_url_is_asked_once_and_not_followed(browser_thread, servers) -> None:
    """A URL outside the scope (an image on a CDN) gets one request; its redirect, even back to
    the audited site, is not followed."""
    site, other = servers
    other.redirect("/cdn.png", f"{other.origin}/moved.png")
    answer = with_fetcher(browser_thread, Scope.for_url(site.origin),
                          lambda f: f.fetch(f"{other.origin}/cdn.png"))
    assert answer.status == 302 and answer.refused == REDIRECT_OUTSIDE_SCOPE
    assert other.hits == [("GET", "/cdn.png")]


def test_forbidden_address_is_refused_before_connecting(browser_thread, servers) -> None:
    """A hop to 0.0.0.0 would reach this machine's listener (Linux treats it as local): the
    policy refuses it, and the listener counts no connection. The control request shows the
    listener does count a connection that is made."""
    site, listener = servers
    zero = f"http://0.0.0.0:{listener.port}/secret"
    site.redirect("/zero", zero)
    site.redirect("/metadata", "http://169.254.169.254/latest/meta-data/")
    site.redirect("/named", "http://metadata.test/latest/meta-data/")
    scope = Scope.for_url(site.origin)
    for url in (zero, "http://169.254.169.254/", "http://metadata.test/"):
        scope.add(url)  # in scope, so only the network policy stands in the way

    async def work(fetcher: Fetcher) -> list[Any]:
        return [await fetcher.fetch(f"{site.origin}{path}")
                for path in ("/zero", "/metadata", "/named")]

    started = time.monotonic()
    zero_hop, metadata_hop, named_hop = with_fetcher(
        browser_thread, scope, work, resolve={"metadata.test": "169.254.169.254"})
    assert time.monotonic() - started < 10  # refused at once, not after a connect timeout
    assert zero_hop.refused == BLOCKED_ADDRESS and "unspecified" in zero_hop.refused_reason
    assert zero_hop.refused_target == zero and zero_hop.status is None
    assert metadata_hop.refused == BLOCKED_ADDRESS
    assert metadata_hop.refused_reason == "cloud-metadata address 169.254.169.254"
    assert named_hop.refused == BLOCKED_ADDRESS and "cloud-metadata" in named_hop.refused_reason
    assert listener.hits == [] and listener.connections == 0

    control = with_fetcher(browser_thread, Scope.for_url(listener.origin),
                           lambda f: f.fetch(f"{listener.origin}/secret"))
    assert control.status == 404 and listener.connections == 1


def test_link_check_records_refused_redirect_not_broken(browser_thread, servers,
                                                        test_settings: Settings) -> None:
    site, other = servers
    site.page("/", '<!doctype html><html lang="ru"><title>Главная</title><main>'
                   '<a href="/leaves">Портал услуг</a> <a href="/stays">Новости</a> '
                   '<a href="/gone">Архив</a></main></html>')
    site.redirect("/leaves", f"{other.origin}/portal")
    site.redirect("/stays", "/news")
    site.page("/news", "<title>Новости</title>")
    other.page("/portal", "<title>Портал</title>")

    async def audit(session: BrowserSession) -> Any:
        scope = Scope.for_url(site.origin)
        async with session.context(scope) as (context, _log):
            page = await context.new_page()
            loaded = await load(page, f"{site.origin}/", test_settings)
            assert loaded.ok, loaded.error
            snaps = [await take_snapshot(page, loaded.http_status)]
            return await gather_site(f"{site.origin}/", snaps, scope, test_settings), snaps

    artifacts, snaps = browser_thread.run(audit, timeout=90)
    leaves = artifacts.links[f"{site.origin}/leaves"]
    assert leaves.status == 302 and leaves.refused == REDIRECT_OUTSIDE_SCOPE
    assert leaves.redirected_out_of_scope == f"{other.origin}/portal"
    assert artifacts.links[f"{site.origin}/stays"].status == 200
    assert artifacts.links[f"{site.origin}/gone"].status == 404
    assert ("GET", "/portal") not in other.hits and ("HEAD", "/portal") not in other.hits
    assert other.connections == 0

    check = next(c for c in audit_site(artifacts, snaps, date.today()) if c.id == "broken-links")
    broken = [f.data["target"] for f in check.findings if f.rule == "broken-link"]
    assert broken == [f"{site.origin}/gone"]  # the refused redirect is not called broken
    assert check.data["redirects_not_followed"] == [{
        "url": f"{site.origin}/leaves", "status": 302, "refused": REDIRECT_OUTSIDE_SCOPE,
        "target": f"{other.origin}/portal", "reason": ""}]


def test_ocr_image_fetch_does_not_follow_a_redirect_off_site(browser_thread, servers,
                                                             test_settings: Settings) -> None:
    """images-of-text fetches images itself; one redirecting to another site is not followed,
    one redirecting within the site is."""
    site, other = servers
    site.redirect("/scan.png", f"{other.origin}/scan.png")
    site.redirect("/moved.png", "/real.png")
    site.routes["/real.png"] = lambda: (200, {"Content-Type": "image/png"}, PNG)
    other.routes["/scan.png"] = lambda: (200, {"Content-Type": "image/png"}, PNG)

    async def fetch_both(session: BrowserSession) -> tuple[bytes | None, bytes | None]:
        scope = Scope.for_url(site.origin)
        async with session.context(scope) as (context, _log):
            env = PageEnv(await context.new_page(), context, f"{site.origin}/", scope,
                          test_settings, None)  # type: ignore[arg-type]
            return (await fetch_image(env, f"{site.origin}/scan.png"),
                    await fetch_image(env, f"{site.origin}/moved.png"))

    off_site, in_site = browser_thread.run(fetch_both, timeout=60)
    assert off_site is None and in_site == PNG
    assert ("HEAD", "/scan.png") in site.hits  # the first answer was asked for and recorded
    assert other.hits == [] and other.connections == 0


STUN_PAGE = """<!doctype html><title>rtc</title><script>
window.sent = (async () => {{
  const pc = new RTCPeerConnection({{iceServers: [{{urls: 'stun:127.0.0.1:{port}'}}]}});
  pc.createDataChannel('x');
  await pc.setLocalDescription(await pc.createOffer());
  return true;
}})();
</script>"""


def stun_packets(udp: socket.socket) -> int:
    """Datagrams waiting on the test's STUN port (read until 0.3 s of silence)."""
    udp.settimeout(0.3)
    count = 0
    while True:
        try:
            udp.recvfrom(2048)
        except TimeoutError:
            return count
        count += 1


@pytest.fixture
def stun_site() -> Iterator[tuple[Recorder, socket.socket]]:
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    site = Recorder()
    site.page("/", STUN_PAGE.format(port=udp.getsockname()[1]))
    yield site, udp
    site.close()
    udp.close()


def test_webrtc_sends_no_udp_under_ashyq_flags(browser_thread, stun_site,
                                               test_settings: Settings) -> None:
    site, udp = stun_site

    async def visit(session: BrowserSession) -> None:
        async with session.context(Scope.for_url(site.origin)) as (context, _log):
            page = await context.new_page()
            loaded = await load(page, f"{site.origin}/", test_settings)
            assert loaded.ok, loaded.error
            assert await page.evaluate("window.sent")  # the offer was made
            await asyncio.sleep(2)

    browser_thread.run(visit, timeout=60)
    assert stun_packets(udp) == 0


def test_webrtc_control_without_the_flag_does_send(stun_site, test_settings: Settings) -> None:
    """The control: the same page in Chromium launched without ashyq's flags sends STUN, so the
    test above would fail if the flag stopped working."""
    site, udp = stun_site

    async def visit() -> None:
        async with async_playwright() as pw:
            executable = find_chromium(test_settings, pw.chromium.executable_path)
            browser = await pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            try:
                page = await browser.new_page()
                await page.goto(f"{site.origin}/")
                assert await page.evaluate("window.sent")
                await asyncio.sleep(2)
            finally:
                await browser.close()

    asyncio.run(visit())
    assert stun_packets(udp) > 0
