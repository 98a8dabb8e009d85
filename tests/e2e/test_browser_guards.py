"""Browser-level guards: nothing leaves 127.0.0.1, outbound navigations are aborted."""

from __future__ import annotations

import socket

import pytest

from tester.browser import Scope, load

pytestmark = pytest.mark.e2e


def test_loopback_only_browser_resolves_no_other_host(browser_thread, serve_fixture) -> None:
    # The machine's own name maps to 127.0.0.1 in /etc/hosts: a browser that resolved names
    # would load the page; the loopback-only browser must refuse to resolve it.
    name = socket.gethostname()
    try:
        if not socket.gethostbyname(name).startswith("127."):
            pytest.skip("host name does not resolve to loopback here")
    except OSError:
        pytest.skip("host name does not resolve here")
    site = serve_fixture("hostile")
    url = f"http://{name}:{site.port}/clean.html"

    async def visit(session):
        async with session.context(Scope.for_url(url)) as (ctx, _log):
            return await load(await ctx.new_page(), url, browser_thread.settings)

    loaded = browser_thread.run(visit, timeout=60)
    assert not loaded.ok and loaded.error == "host name not resolved"


def test_outbound_navigation_is_aborted_and_logged(browser_thread, serve_fixture) -> None:
    site = serve_fixture("hostile")

    async def click_out(session):
        async with session.context(Scope.for_url(site.url)) as (ctx, log):
            page = await ctx.new_page()
            await load(page, site.url_for("/clean.html"), browser_thread.settings)
            await page.evaluate("location.href = 'http://127.0.0.2:1/elsewhere'")
            await page.wait_for_timeout(300)
            return page.url, list(log.blocked_navigations)

    url, blocked = browser_thread.run(click_out, timeout=60)
    assert "127.0.0.2" not in url  # Chromium shows its error page for the aborted load
    assert blocked == ["http://127.0.0.2:1/elsewhere"]


def test_a_crashed_browser_is_relaunched_for_the_next_page(test_settings, serve_fixture) -> None:
    """Its own browser: killing the shared one would break the other tests."""
    import asyncio

    from tester.browser import open_browser

    site = serve_fixture("hostile")
    url = site.url_for("/clean.html")

    async def scenario() -> tuple[bool, bool, int]:
        async with open_browser(test_settings, loopback_only=True) as session:
            async with session.context(Scope.for_url(url)) as (ctx, _log):
                first = await load(await ctx.new_page(), url, test_settings)
            await session.browser.close()  # as if Chromium crashed
            async with session.context(Scope.for_url(url)) as (ctx, _log):
                second = await load(await ctx.new_page(), url, test_settings)
            return first.ok, second.ok, session.relaunches

    assert asyncio.run(scenario()) == (True, True, 1)
