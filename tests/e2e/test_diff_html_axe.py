"""The HTML diff is accessible and works from disk: `ashyq diff` of two real report folders (the
hostile hand-made golden run and a real demo run, each with its screenshots), diff.html opened in
real Chromium at 1280 and 390 px and checked with axe-core. Every screenshot loads under the
strict CSP, hostile text runs nothing, before and after sit side by side on a wide screen and
stack on a phone, with no sideways page scroll."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from axe_playwright_python.async_playwright import Axe

from tester.cli import main

pytestmark = pytest.mark.e2e

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def diff_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("diff-html")
    before, after = root / "before", root / "after"
    shutil.copytree(GOLDEN, before, ignore=shutil.ignore_patterns("demo", "*.py"))
    shutil.copytree(GOLDEN / "demo", after, ignore=shutil.ignore_patterns("*.py"))
    out = root / "diff"
    assert main(["diff", str(before), str(after), "--out", str(out), "--lang", "ru"]) == 0
    return out / "diff.html"


async def _audit(session, page_file: Path, width: int) -> dict:
    context = await session.browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = await context.new_page()
        console: list[str] = []
        dialogs: list[str] = []
        page.on("console", lambda msg: console.append(msg.text))
        page.on("dialog", lambda dialog: dialogs.append(dialog.message))
        await page.goto(page_file.as_uri(), wait_until="load")
        # The screenshots load lazily: make them load now, and wait for each.
        images = await page.evaluate("""async () => {
            const images = [...document.images];
            images.forEach(i => { i.loading = 'eager'; });
            await Promise.all(images.map(i => i.decode().catch(() => null)));
            return images.map(i => [i.getAttribute('src'), i.naturalWidth]);
        }""")
        facts = await page.evaluate("""() => {
            const pair = document.querySelector('.diff-pair');
            const [a, b] = pair.querySelectorAll('figure');
            return {lang: document.documentElement.lang,
                    scrollWidth: document.documentElement.scrollWidth,
                    sideBySide: a.getBoundingClientRect().top === b.getBoundingClientRect().top,
                    notes: document.querySelectorAll('.no-shot').length};
        }""")
        results = await Axe().run(page, options={
            "runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"],
        })
        violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
                      for v in results.response["violations"]]
        return {**facts, "images": images, "console": console, "dialogs": dialogs,
                "violations": violations}
    finally:
        await context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_diff_page_passes_axe_and_shows_screenshots(browser_thread, diff_page: Path,
                                                     width: int) -> None:
    facts = browser_thread.run(lambda s: _audit(s, diff_page, width), timeout=120)
    assert facts["violations"] == []  # none at all, let alone serious or critical
    assert facts["lang"] == "ru"
    assert len(facts["images"]) > 10 and all(w > 0 for _, w in facts["images"]), facts["images"]
    assert all(src.startswith(("screenshots/before/", "screenshots/after/"))
               for src, _ in facts["images"])
    assert facts["notes"] > 0  # steps and pages one run lacks say so, no broken image
    assert not [m for m in facts["console"] if "Content Security Policy" in m], facts["console"]
    assert facts["dialogs"] == []  # the hostile titles and snippets ran nothing
    assert facts["scrollWidth"] <= width
    assert facts["sideBySide"] is (width == 1280)  # stacked on a phone
