"""Focus walk details in real Chromium: menus that open on :focus-within keep their tab order,
and the walk finds its way back when blurring hid the element it was on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tester.artifacts import RunDir
from tester.browser import Scope, load
from tester.checks.lowvision import focus_visible
from tester.checks.lowvision.common import probe
from tester.env import PageEnv

pytestmark = pytest.mark.e2e

MENU_ORDER = [
    "Акимат",
    "Руководство",
    "Структура",
    "Услуги",
    "Справки",
    "Субсидии",
    "Документы",
    "Приказы",
    "Отчёты",
]


async def _open(session: Any, url: str, settings: Any, root: Path, body: Any) -> Any:
    scope = Scope.for_url(url)
    async with session.context(scope) as (context, _log):
        page = await context.new_page()
        assert (await load(page, url, settings)).ok
        env = PageEnv(
            page=page,
            context=context,
            url=url,
            scope=scope,
            settings=settings,
            run_dir=RunDir(root),
        )
        return await body(env)


def test_focus_within_menus_are_walked_in_full(
    browser_thread: Any, serve_fixture: Any, test_settings: Any, tmp_path: Path
) -> None:
    url = serve_fixture("lowvision").url_for("focus-dropdown-menu.html")

    async def body(env: PageEnv) -> Any:
        return focus_visible.audit(await focus_visible.gather(env))

    result = browser_thread.run(lambda s: _open(s, url, test_settings, tmp_path, body), 60)
    assert result.status == "passed" and not result.findings
    assert result.data["reached"] == len(MENU_ORDER) and result.data["completed"]
    assert result.data["measured_with_pixels"] >= 2  # background change, no outline


def test_walk_returns_to_a_menu_item_that_blurring_hid(
    browser_thread: Any, serve_fixture: Any, test_settings: Any, tmp_path: Path
) -> None:
    url = serve_fixture("lowvision").url_for("focus-dropdown-menu.html")

    async def body(env: PageEnv) -> Any:
        walk = focus_visible.FocusWalk(env.page, 9)
        await probe(env.page, focus_visible.START_JS, focus_visible.QUIET_CSS)
        for _ in range(2):
            await env.page.keyboard.press("Tab")
            info = await probe(env.page, "LV.focusInfo()")
            walk.steps.append(info["index"])
        await env.page.evaluate(focus_visible.BLUR_JS)  # the submenu closes
        lost = not await env.page.evaluate(focus_visible.REFOCUS_JS, info["index"])
        await walk._return_to(info["index"])
        name = await env.page.evaluate("() => document.activeElement.textContent")
        await env.page.keyboard.press("Tab")
        following = await env.page.evaluate("() => document.activeElement.textContent")
        await env.page.evaluate(focus_visible.END_JS)
        return lost, name, following

    lost, name, following = browser_thread.run(
        lambda s: _open(s, url, test_settings, tmp_path, body), 60
    )
    assert lost, "blurring a :focus-within item should have hidden it"
    assert (name, following) == ("Руководство", "Структура")
