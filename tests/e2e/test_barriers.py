"""The barrier corpus in real Chromium: every page held to its expectation, both ways.

tests/fixtures/barriers/<kind>/expected.json names, per barrier kind, the checks to run and per
page whether it must fail (a finding of the rule, with the named review/advisory state) or pass
(no finding of the rule at all). Each page is loaded once at 1280x800 in a fresh context; only
the kind's checks run (axe-core too when the kind lists "axe"), findings are classified under
the default standard (WCAG 2.1 AA), and after each check the page must be as found.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from support.barriers import CORPUS, Expectation, Kind, all_pages, load_kinds
from support.page_state import STATE_JS

from tester.artifacts import RunDir
from tester.browser import Scope, load
from tester.checks.axe import axe_selection, run_axe
from tester.env import PageEnv
from tester.model import Finding
from tester.registry import page_check_specs
from tester.wcag import apply_standard

pytestmark = pytest.mark.e2e

PAGES = all_pages()
CHECKS = {c.id: c for c in page_check_specs()}


def classify(findings: list[Finding], settings: Any) -> list[Finding]:
    """Findings as the runner reports them under the settings' standard (advisory flags)."""
    return apply_standard(findings, settings.wcag, settings.wcag_level)


async def _audit(session: Any, url: str, kind: Kind, settings: Any, run_root: Path) -> dict:
    scope = Scope.for_url(url)
    out: dict[str, Any] = {"findings": [], "moved": [], "seconds": {}}
    async with session.context(scope) as (context, _log):
        page = await context.new_page()
        loaded = await load(page, url, settings)
        assert loaded.ok, loaded.error
        env = PageEnv(page=page, context=context, url=url, scope=scope, settings=settings,
                      run_dir=RunDir(run_root))
        before = await page.evaluate(STATE_JS)
        viewport = dict(page.viewport_size or {})
        for check_id in kind.checks:
            started = time.monotonic()
            if check_id == "axe":
                selection = axe_selection(settings.enhanced_contrast, settings.wcag_level)
                outcome = await run_axe(page, 30, selection=selection)
                assert outcome.status == "ok", outcome.message
                out["findings"] += outcome.findings
            else:
                check = CHECKS[check_id]
                out["findings"] += check.audit(await check.gather(env)).findings
            out["seconds"][check_id] = round(time.monotonic() - started, 2)
            after = await page.evaluate(STATE_JS)
            changed = [key for key in before if after[key] != before[key]]
            if dict(page.viewport_size or {}) != viewport:
                changed.append("viewport")
            if changed:
                out["moved"].append((check_id, changed))
    return out


def _label(page: Expectation, findings: list[Finding], seconds: dict) -> str:
    shown = "; ".join(
        f"{f.rule}/{f.data.get('kind')} {f.selector!r} review={f.needs_review} "
        f"advisory={getattr(f, 'advisory', False)}" for f in findings[:12]
    )
    return f"{page.path} must {page.expect} {page.rule}: got [{shown}] in {seconds} s"


@pytest.mark.parametrize(("kind", "page"), PAGES, ids=[p.path for _, p in PAGES])
def test_barrier_page(kind: Kind, page: Expectation, browser_thread: Any, serve_fixture: Any,
                      test_settings: Any, tmp_path: Path) -> None:
    settings = test_settings.with_overrides(**kind.settings) if kind.settings else test_settings
    url = serve_fixture("barriers").url_for(page.path)
    out = browser_thread.run(lambda s: _audit(s, url, kind, settings, tmp_path), timeout=150)
    assert not out["moved"], f"{page.path}: checks left the page changed: {out['moved']}"
    findings = classify(out["findings"], settings)
    assert page.met(findings), _label(page, findings, out["seconds"])
    if page.expect == "fail":
        proof = next(f for f in findings if page.matches(f))
        _assert_evidence(proof, tmp_path)


def _assert_evidence(finding: Finding, run_root: Path) -> None:
    """A finding of ashyq's speaks kk/ru/en; one with a box has a screenshot that holds it."""
    if finding.source != "ashyq":
        return
    assert finding.message and finding.messages.get("ru") and finding.messages.get("kk"), finding
    if "box" not in finding.data:
        return
    x, y, w, h = finding.data["box"]
    with Image.open(run_root / finding.data["shot"]) as image:
        assert 0 <= x < image.width and 0 <= y < image.height and w > 0 and h > 0, finding.data


def test_corpus_is_proven_both_ways() -> None:
    """Every kind has at least three pages that must fail and three that must pass, every page
    in a kind's folder is in its expectations, and every check it names exists."""
    for kind in load_kinds():
        fails = [p for p in kind.pages if p.expect == "fail"]
        passes = [p for p in kind.pages if p.expect == "pass"]
        assert len(fails) >= 3 and len(passes) >= 3, kind.id
        assert all(p.expect in ("fail", "pass") for p in kind.pages), kind.id
        pages = {p.name for p in (CORPUS / kind.id).glob("*.html")}
        assert pages == {p.page for p in kind.pages}, kind.id
        assert set(kind.checks) <= set(CHECKS) | {"axe"}, kind.id
        assert kind.wcag is not None and kind.title, kind.id
