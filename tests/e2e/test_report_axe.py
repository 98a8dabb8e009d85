"""The report itself is accessible: axe-core on index.html opened from disk in real Chromium.

Also proves the strict CSP does not block the screenshots (file:// 'self'), hostile text runs
no script, the page reflows at 320 px and the skip link works. Set ASHYQ_REPORT_SHOTS=<dir> to
keep the 1280 px and 320 px screenshots for a human look.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.async_playwright import Axe

from tester.report import load_result, write_report

pytestmark = pytest.mark.e2e

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


# (golden folder, report language): the hand-made hostile golden and a real demo run.
REPORTS = {"en": (GOLDEN_DIR, "en"), "kk": (GOLDEN_DIR, "kk"),
           "demo-en": (GOLDEN_DIR / "demo", "en"), "demo-ru": (GOLDEN_DIR / "demo", "ru")}


@pytest.fixture(scope="module")
def report_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dirs = {}
    for name, (golden, language) in REPORTS.items():
        out = tmp_path_factory.mktemp(f"report-{name}")
        write_report(load_result(golden / "result.json"), out, language=language)
        shutil.copytree(golden / "screenshots", out / "screenshots")
        dirs[name] = out
    return dirs


async def _audit(session, index: Path, width: int, shot: Path | None) -> dict:
    context = await session.browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = await context.new_page()
        console: list[str] = []
        dialogs: list[str] = []
        page.on("console", lambda msg: console.append(msg.text))
        page.on("dialog", lambda dialog: dialogs.append(dialog.message))
        await page.goto(index.as_uri(), wait_until="load")
        images = await page.evaluate(
            "() => [...document.images].map(i => [i.getAttribute('src'), i.naturalWidth])"
        )
        facts = await page.evaluate("""() => ({
            lang: document.documentElement.lang,
            scrollWidth: document.documentElement.scrollWidth,
            title: document.title,
        })""")
        await page.keyboard.press("Tab")
        first_focus = await page.evaluate("() => document.activeElement.className")
        await page.keyboard.press("Enter")
        after_skip = await page.evaluate("() => document.activeElement.id")
        results = await Axe().run(page, options={
            "runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"],
        })
        if shot is not None:
            await page.screenshot(path=str(shot), full_page=True)
        violations = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
            for v in results.response["violations"]
        ]
        return {**facts, "images": images, "console": console, "dialogs": dialogs,
                "violations": violations, "first_focus": first_focus, "after_skip": after_skip}
    finally:
        await context.close()


@pytest.mark.parametrize("report,width", [("en", 1280), ("en", 320), ("kk", 1280),
                                          ("demo-en", 1280), ("demo-ru", 320)])
def test_report_passes_axe_and_works_from_disk(
    browser_thread, report_dirs: dict[str, Path], tmp_path: Path, report: str, width: int
) -> None:
    keep = os.environ.get("ASHYQ_REPORT_SHOTS")
    shot_dir = Path(keep) if keep else tmp_path
    shot_dir.mkdir(parents=True, exist_ok=True)
    shot = shot_dir / f"report-{report}-{width}.png"
    index = report_dirs[report] / "index.html"
    facts = browser_thread.run(lambda s: _audit(s, index, width, shot), timeout=120)

    assert facts["violations"] == []
    assert facts["lang"] == REPORTS[report][1]
    assert facts["images"] and all(w > 0 for _, w in facts["images"]), facts["images"]
    assert not [m for m in facts["console"] if "Content Security Policy" in m], facts["console"]
    assert facts["dialogs"] == []  # the hostile title and snippets ran nothing
    assert "</title><script>alert(1)</script>" not in facts["title"]
    assert facts["scrollWidth"] <= width  # reflows: no page-level sideways scrolling
    assert facts["first_focus"] == "skip-link" and facts["after_skip"] == "main"
    assert shot.stat().st_size > 10_000


async def _folded_pages(session, index: Path) -> dict:
    """Whether the body of each folded page card is rendered, on screen and then in print."""
    context = await session.browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        await page.goto(index.as_uri(), wait_until="load")
        measure = """() => [...document.querySelectorAll('details.page-details:not([open])')]
            .map(d => d.querySelector(':scope > .page-meta').checkVisibility())"""
        screen = await page.evaluate(measure)
        summary = page.locator("details.page-details:not([open]) > summary").first
        await summary.focus()
        await page.keyboard.press("Enter")  # a folded page opens from the keyboard
        opened = await page.evaluate("() => document.activeElement.parentElement.open")
        await page.keyboard.press("Enter")
        await page.emulate_media(media="print")
        printed = await page.evaluate(measure)
        return {"screen": screen, "print": printed, "opened": opened}
    finally:
        await context.close()


def test_folded_pages_open_from_the_keyboard_and_print_in_full(
    browser_thread, report_dirs: dict[str, Path]
) -> None:
    index = report_dirs["demo-en"] / "index.html"
    facts = browser_thread.run(lambda s: _folded_pages(s, index), timeout=60)
    assert facts["screen"] and not any(facts["screen"])  # folded on screen
    assert facts["opened"] is True
    assert len(facts["print"]) == len(facts["screen"]) and all(facts["print"])
