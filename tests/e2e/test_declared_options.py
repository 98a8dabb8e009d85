"""A check's declared option, set in the settings, reaches the check in a real browser: the same
page set in 10 px fails small-text at the default minimum (12 px) and passes at min_font_px 9."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tester.artifacts import RunDir
from tester.browser import Scope, load
from tester.env import PageEnv
from tester.registry import page_check_specs

pytestmark = pytest.mark.e2e


async def small_text(session: Any, url: str, settings: Any, run_root: Path) -> Any:
    check = next(c for c in page_check_specs() if c.id == "small-text")
    scope = Scope.for_url(url)
    async with session.context(scope) as (context, _log):
        page = await context.new_page()
        assert (await load(page, url, settings)).ok
        env = PageEnv(page=page, context=context, url=url, scope=scope, settings=settings,
                      run_dir=RunDir(run_root))
        return check.audit(await check.gather(env))


def test_min_font_px_from_settings_decides_small_text(
    browser_thread: Any, serve_fixture: Any, test_settings: Any, tmp_path: Path
) -> None:
    url = serve_fixture("lowvision").url_for("small-text-10px.html")
    default = browser_thread.run(lambda s: small_text(s, url, test_settings, tmp_path / "a"))
    assert default.status == "failed" and default.data["min_font_px"] == 12.0
    lenient = test_settings.with_overrides(min_font_px=9)
    relaxed = browser_thread.run(lambda s: small_text(s, url, lenient, tmp_path / "b"))
    assert relaxed.status == "passed" and relaxed.data["min_font_px"] == 9.0
