"""The low-vision battery on its fixture pages, in real Chromium, each check proven both ways.

Each page is loaded once and every check runs on it in turn, as the runner does; after each
check the page must be exactly as found (DOM, inline styles, adopted style sheets, viewport,
scroll, focus). The verdict table is the one in tests/fixtures/lowvision/EXPECTED.md.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from support.page_state import STATE_JS

from tester.artifacts import RunDir
from tester.browser import Scope, load
from tester.env import PageEnv
from tester.registry import page_check_specs

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lowvision"
# The seven checks this table was written for; later checks prove themselves on the barrier
# corpus (tests/e2e/test_barriers.py), which runs only the checks each barrier kind names.
CHECK_IDS = ["reflow", "resize-text", "text-spacing", "small-text", "contrast-review",
             "focus-visible", "images-of-text"]
LOWVISION_CHECKS = [c for c in page_check_specs("lowvision") if c.id in CHECK_IDS]

P, S = "pass", "skip"
# page -> verdict per check, in CHECK_IDS order; ("fail" | "review", selector substring).
EXPECTED: dict[str, dict[str, Any]] = {
    "reflow-fixed-width.html": {"reflow": ("fail", "div.page-wrap")},
    "reflow-responsive.html": {},
    "reflow-table-scroll.html": {},
    "reflow-table-bare.html": {"reflow": ("review", "#budget")},
    "resize-fixed-height.html": {"resize-text": ("fail", "#notice")},
    "resize-zoom-blocked.html": {"resize-text": ("fail", 'meta[name="viewport"]')},
    "spacing-clipped.html": {"text-spacing": ("fail", "#card-news")},
    "spacing-overlap.html": {"text-spacing": ("fail", "#teaser")},
    "overflow-harmless.html": {"images-of-text": P},
    "small-text-10px.html": {"small-text": ("fail", "main")},
    "small-text-fine-print.html": {},
    "focus-outline-none.html": {"focus-visible": ("fail", "#nav-home")},
    "focus-custom-styles.html": {},
    "focus-dropdown-menu.html": {},
    "focus-trap.html": {"focus-visible": ("fail", "#sub-name")},
    "images-banner-text.html": {"images-of-text": ("fail", "img.banner")},
    "images-scanned-pdf.html": {"images-of-text": ("fail", "#doc-scan")},
    "images-decorative.html": {"images-of-text": P},
    "images-logo-home.html": {"images-of-text": P},
    "contrast-over-image.html": {"contrast-review": ("fail", "#hero-title"), "images-of-text": P},
    "contrast-over-image-ok.html": {"contrast-review": P, "images-of-text": P},
    "folded-details.html": {},
}
# Checks that only apply to some pages are skipped elsewhere; the rest pass unless listed.
DEFAULT = {c: P for c in CHECK_IDS} | {"contrast-review": S, "images-of-text": S}

def expected_for(page: str) -> dict[str, Any]:
    return DEFAULT | EXPECTED[page]


def tools_present() -> bool:
    return all(shutil.which(tool) for tool in ("tesseract", "pdftotext"))


async def _run_battery(session: Any, url: str, settings: Any, run_root: Path) -> dict[str, Any]:
    scope = Scope.for_url(url)
    run_dir = RunDir(run_root)
    out: dict[str, Any] = {"results": {}, "states": [], "seconds": {}}
    async with session.context(scope) as (context, _log):
        page = await context.new_page()
        loaded = await load(page, url, settings)
        assert loaded.ok, loaded.error
        env = PageEnv(
            page=page, context=context, url=url, scope=scope, settings=settings, run_dir=run_dir
        )
        viewport = dict(page.viewport_size or {})
        out["states"].append(("load", await page.evaluate(STATE_JS), viewport))
        for check in LOWVISION_CHECKS:
            started = time.monotonic()
            out["results"][check.id] = check.audit(await check.gather(env))
            out["seconds"][check.id] = time.monotonic() - started
            out["states"].append(
                (check.id, await page.evaluate(STATE_JS), dict(page.viewport_size or {}))
            )
    return out


@pytest.mark.parametrize("page_name", list(EXPECTED))
def test_battery_verdicts(
    page_name: str, browser_thread: Any, serve_fixture: Any, test_settings: Any, tmp_path: Path
) -> None:
    if page_name.startswith("images-") and not tools_present():
        pytest.skip("tesseract-ocr / poppler-utils not installed")
    server = serve_fixture("lowvision")
    url = server.url_for(page_name)
    out = browser_thread.run(lambda s: _run_battery(s, url, test_settings, tmp_path), timeout=120)

    # The page is left as found after every check.
    _, first, viewport = out["states"][0]
    for check_id, state, after_viewport in out["states"][1:]:
        assert after_viewport == viewport, f"{check_id} left the viewport changed"
        for key in first:
            assert state[key] == first[key], f"{check_id} left {key} changed on {page_name}"

    for check_id, want in expected_for(page_name).items():
        result = out["results"][check_id]
        label = f"{check_id} on {page_name}: {result.status} {result.message} " + "; ".join(
            f"{f.selector} ({f.data.get('kind')}, review={f.needs_review})" for f in result.findings
        )
        if want == P:
            assert result.status == "passed" and not result.findings, label
        elif want == S:
            assert result.status == "skipped" and not result.findings, label
        else:
            verdict, selector = want
            assert result.status == ("failed" if verdict == "fail" else "passed"), label
            named = [f for f in result.findings if selector in f.selector]
            assert named, label
            assert all(f.needs_review == (verdict == "review") for f in named), label
            _assert_evidence(named[0], tmp_path, check_id)


def _assert_evidence(finding: Any, run_root: Path, check_id: str) -> None:
    """A finding carries its languages and, for elements on screen, an outlined-ready shot."""
    assert finding.rule == check_id and finding.source == "ashyq"
    assert finding.message and finding.messages["ru"] and finding.messages["kk"]
    assert re.search("[а-яё]", finding.messages["ru"], re.I)
    assert re.search("[әғқңөұүһі]", finding.messages["kk"], re.I)
    assert finding.snippet.startswith("<") and len(finding.snippet) <= 300
    if finding.selector.startswith("meta"):
        return  # nothing on screen to show
    shot = run_root / finding.data["shot"]
    x, y, w, h = finding.data["box"]
    with Image.open(shot) as image:
        assert 0 <= x < image.width and 0 <= y < image.height and w > 0 and h > 0


def test_expected_md_matches_the_table() -> None:
    text = (FIXTURES / "EXPECTED.md").read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith("| page |"))
    columns = [c.strip() for c in header.strip("|").split("|")][1:]
    assert columns == CHECK_IDS
    rows = {}
    for line in text.splitlines():
        if line.startswith("| ") and line.split("|")[1].strip().endswith(".html"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows[cells[0]] = dict(zip(columns, cells[1:], strict=True))
    assert set(rows) == set(EXPECTED)
    for page_name, row in rows.items():
        for check_id, cell in row.items():
            want = expected_for(page_name)[check_id]
            if isinstance(want, tuple):
                assert cell == f"{want[0]} `{want[1]}`", (page_name, check_id, cell)
            else:
                assert cell == want, (page_name, check_id, cell)


def test_every_check_is_proven_both_ways() -> None:
    for check_id in CHECK_IDS:
        verdicts = [expected_for(p)[check_id] for p in EXPECTED]
        assert any(isinstance(v, tuple) and v[0] == "fail" for v in verdicts), check_id
        assert P in verdicts, check_id
