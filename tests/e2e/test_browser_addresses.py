"""The browser's requests pass the network policy: a hostile page cannot make the audited
browser load the cloud-metadata service, link-local neighbours or (when not allowed) private
networks, and a submitted URL pointing there is refused, quickly and with its own error code.

169.254.169.254 cannot be served in a test, so each refusal is proven by its error
(net::ERR_ACCESS_DENIED, which only the guard gives) and the guard's log; the page's own
loopback image is the control that still loads.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tester.browser import Scope, load
from tester.browser.addresses import AddressGuard
from tester.model import RunResult
from tester.netpolicy import NetworkPolicy

pytestmark = pytest.mark.e2e
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.mark.parametrize("allow_private", [False, True])
def test_a_page_cannot_make_the_browser_load_metadata_or_link_local(
    browser_thread, serve_fixture, allow_private: bool
) -> None:
    site = serve_fixture("addresses")
    site.routes["/local.png"] = lambda handler: (
        handler.send_response(200), handler.send_header("Content-Type", "image/png"),
        handler.send_header("Content-Length", str(len(PNG))), handler.end_headers(),
        handler.wfile.write(PNG))
    url = site.url_for("/index.html")

    async def visit(session):  # noqa: ANN001, ANN202
        own = session.addresses
        session.addresses = AddressGuard(
            NetworkPolicy(allow_private=allow_private),
            {"meta.test": "169.254.169.254", "intranet.test": "10.20.30.40"})
        failed: dict[str, str] = {}
        loaded: list[str] = []
        try:
            async with session.context(Scope.for_url(url)) as (ctx, log):
                page = await ctx.new_page()
                page.on("requestfailed", lambda r: failed.__setitem__(r.url, r.failure or ""))
                page.on("requestfinished", lambda r: loaded.append(r.url))
                started = time.monotonic()
                outcome = await load(page, url, browser_thread.settings)
                seconds = time.monotonic() - started
                await page.wait_for_timeout(200)
                return outcome.ok, seconds, failed, loaded, list(log.blocked_addresses)
        finally:
            session.addresses = own

    ok, seconds, failed, loaded, blocked = browser_thread.run(visit, timeout=60)
    assert ok and seconds < 10  # nothing waited on an address that never answers
    denied = {u for u, why in failed.items() if "ERR_ACCESS_DENIED" in why}
    assert "http://169.254.169.254/latest/meta-data/iam/security-credentials/" in denied
    assert any(u.startswith("http://[::ffff:a9fe:a9fe]/") for u in denied)  # mapped IPv6
    assert "http://meta.test/latest/user-data" in denied  # a name, by its mapped address
    assert ("http://intranet.test/logo.png" in denied) is not allow_private
    assert site.url_for("/local.png") in loaded  # the control: loopback still loads
    assert any("(cloud-metadata)" in entry for entry in blocked)
    sockets = [entry.split(" ")[0] for entry in blocked if entry.startswith("ws://")]
    assert "ws://169.254.169.254/socket" in sockets
    assert ("ws://intranet.test/live" in sockets) is not allow_private
    assert not [s for s in sockets if s.endswith("/local-socket")]  # loopback may connect


def test_a_submitted_url_to_the_metadata_service_is_refused_with_its_own_reason(
    tmp_path: Path,
) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "tester", "check", "http://169.254.169.254/latest/meta-data/",
         "--checks", "axe", "--no-db", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and time.monotonic() - started < 60
    result = RunResult.from_json((tmp_path / "result.json").read_text(encoding="utf-8"))
    site = result.sites[0]
    assert site.error_code == "blocked-address", site.error
    assert "network policy" in (site.pages[0].error or "")
