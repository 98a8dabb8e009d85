"""Shared helpers of the low-vision checks: the in-page probe, page-state restore, evidence
screenshots and finding construction. Browser helpers are async; the rest is pure."""

from __future__ import annotations

import base64
import json
import weakref
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.async_api import CDPSession, Page
from playwright.async_api import Error as PlaywrightError

from tester.artifacts import SCREENSHOT_QUALITY
from tester.checks.lowvision.pixels import load
from tester.env import PageEnv
from tester.gather import isolated
from tester.i18n import Message, has, message_fields, say, used_values
from tester.model import CheckResult, Finding, Impact
from tester.textsafe import clean_data

PROBE_JS = (Path(__file__).with_name("probe.js")).read_text(encoding="utf-8").strip()
MAX_SHOTS = 3  # viewport screenshots per check; further findings reuse them when in view
MAX_FINDINGS = 25  # per check and page: more of the same only adds noise


async def probe(page: Page, expression: str, arg: Any = None) -> Any:
    """Evaluate `expression` with the probe library bound to `LV` and the argument to `arg`.

    Every probe runs in the tool's isolated world (tester.gather.isolated): the page shares its
    DOM but cannot replace getComputedStyle, getBoundingClientRect or the array methods it uses.
    """
    script = f"(arg) => {{ const LV = {PROBE_JS}; return ({expression}); }}"
    # Probes quote the page (snippets, labels, selectors): cleaned where they enter Python.
    return clean_data(await isolated.evaluate(page, script, arg))


FRAME_JS = """(scrollTop) => new Promise(done => {
    if (scrollTop) window.scrollTo(0, 0);
    const timer = setTimeout(done, 200);
    requestAnimationFrame(() => { clearTimeout(timer); done(); });
})"""


async def settle(page: Page, *, scroll_top: bool = False) -> None:
    """Let resize handlers and layout run (one animation frame, bounded by a timer)."""
    await isolated.evaluate(page, FRAME_JS, scroll_top)


_baselines: weakref.WeakKeyDictionary[Page, tuple[str, dict[str, Any]]] = (
    weakref.WeakKeyDictionary()
)


class PageState:
    """Viewport and scroll of a page, captured before a check changes them and put back after."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.viewport: dict[str, int] | None = None
        self.scroll: tuple[float, float] = (0.0, 0.0)
        self.signature = ""

    async def save(self) -> PageState:
        self.viewport = dict(self.page.viewport_size) if self.page.viewport_size else None
        saved = await probe(self.page, "[scrollX, scrollY, LV.signature()]")
        self.scroll = (float(saved[0]), float(saved[1]))
        self.signature = str(saved[2])
        return self

    async def baseline(self) -> dict[str, Any]:
        """LV.layout() of the page as found, shared by the checks that run on the same page
        state (reflow, resize-text, text-spacing) so it is measured once, not three times."""
        cached = _baselines.get(self.page)
        if cached and cached[0] == self.signature and self.scroll == (0.0, 0.0):
            return cached[1]
        layout = await probe(self.page, "LV.layout(false)")
        if self.scroll == (0.0, 0.0):
            _baselines[self.page] = (self.signature, layout)
        return layout

    async def resize(self, width: int, height: int) -> None:
        await self.page.set_viewport_size({"width": width, "height": height})
        await settle(self.page, scroll_top=True)

    async def restore(self) -> None:
        """Best effort: a closed page has nothing left to restore."""
        try:
            if self.viewport and self.page.viewport_size != self.viewport:
                await self.page.set_viewport_size(self.viewport)
            await isolated.evaluate(
                self.page, "([x, y]) => window.scrollTo(x, y)", list(self.scroll)
            )
        except PlaywrightError:
            pass


class Capturer:
    """Screenshots through Chromium's DevTools protocol when available, else Playwright.

    CDP captures cost about half of page.screenshot and, unlike it, touch nothing in the page
    (Playwright's caret hiding leaves `style=""` on every input it visited).
    Regions are in viewport coordinates.
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.cdp: CDPSession | None = None

    async def open(self) -> Capturer:
        try:
            self.cdp = await self.page.context.new_cdp_session(self.page)
        except PlaywrightError:
            self.cdp = None
        return self

    async def close(self) -> None:
        if self.cdp is not None:
            with suppress(PlaywrightError):
                await self.cdp.detach()
            self.cdp = None

    async def capture(self, region: list[float], scroll: list[float]) -> Image.Image:
        """A PNG of a viewport region (scroll: the page's scroll offset at this moment)."""
        x, y, w, h = region
        if self.cdp is not None:
            clip = {"x": x + scroll[0], "y": y + scroll[1], "width": w, "height": h, "scale": 1}
            shot = await self.cdp.send("Page.captureScreenshot", {"format": "png", "clip": clip})
            return load(base64.b64decode(shot["data"]))
        data = await self.page.screenshot(
            clip={"x": x, "y": y, "width": w, "height": h}, animations="disabled", timeout=5_000
        )
        return load(data)

    async def evidence(self, env: PageEnv, stem: str) -> str | None:
        """A viewport JPEG in the run folder (relative path), like RunDir.shoot."""
        if self.cdp is None:
            return await env.run_dir.shoot(self.page, stem)
        try:
            shot = await self.cdp.send(
                "Page.captureScreenshot", {"format": "jpeg", "quality": SCREENSHOT_QUALITY}
            )
        except PlaywrightError:
            return None
        path, rel = env.run_dir.new_name(stem)
        path.write_bytes(base64.b64decode(shot["data"]))
        return rel


async def shoot_items(env: PageEnv, items: list[dict[str, Any]], stem: str) -> None:
    """Give each item `shot` and `box` (viewport coordinates in that shot), in the current state.

    The first items each get a screenshot with the element scrolled into view; later ones
    reuse a shot when they were fully visible in it. The window scroll is put back after.
    """
    if not items:
        return
    shots: list[tuple[str, float, float]] = []  # (path, scrollX, scrollY)
    page = env.page
    found_at: list[float] | None = None  # window scroll before the first reveal
    capturer = await Capturer(page).open()
    try:
        for item in items[:MAX_FINDINGS]:
            selector = item.get("selector") or ""
            if not selector or selector == "html":
                continue
            if len(shots) < MAX_SHOTS and not await _reuse_shot(page, item, shots):
                before, box, scroll = await probe(
                    page, "[[scrollX, scrollY], LV.reveal(arg), [scrollX, scrollY]]", selector
                )
                found_at = found_at or before
                if not box:
                    continue
                rel = await capturer.evidence(env, f"{stem}-{len(shots) + 1}")
                if rel:
                    shots.append((rel, scroll[0], scroll[1]))
                    item["shot"], item["box"] = rel, box
            elif shots:
                await _reuse_shot(page, item, shots)
    except PlaywrightError:
        return
    finally:
        await capturer.close()
        if found_at is not None:
            with suppress(PlaywrightError):
                await isolated.evaluate(page, "([x, y]) => window.scrollTo(x, y)", found_at)


async def _reuse_shot(
    page: Page, item: dict[str, Any], shots: list[tuple[str, float, float]]
) -> bool:
    page_box = item.get("page_box")
    viewport = page.viewport_size or {"width": 0, "height": 0}
    if not page_box:
        return False
    for rel, sx, sy in shots:
        x, y = page_box[0] - sx, page_box[1] - sy
        if (
            x >= 0
            and y >= 0
            and x + page_box[2] <= viewport["width"] + 4
            and y + page_box[3] <= viewport["height"]
        ):
            item["shot"], item["box"] = rel, [round(x), round(y), page_box[2], page_box[3]]
            return True
    return False


def rebox(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Probe results carry `box` in page coordinates; keep it as `page_box` before shooting."""
    out = []
    for item in items:
        item = dict(item)
        if "box" in item and "page_box" not in item:
            item["page_box"] = item.pop("box")
        out.append(item)
    return out


def new_items(
    before: Iterable[dict[str, Any]], after: Iterable[dict[str, Any]], *keys: str
) -> list[dict[str, Any]]:
    """Items of `after` whose key (joined `keys`) was not already in `before`."""
    seen = {_key(item, keys) for item in before}
    return [item for item in after if _key(item, keys) not in seen]


def _key(item: dict[str, Any], keys: tuple[str, ...]) -> str:
    return json.dumps([item.get(k) for k in keys])


def make_finding(
    check_id: str,
    message_key: str,
    item: dict[str, Any],
    *,
    impact: Impact,
    wcag: list[str],
    needs_review: bool = False,
    data: dict[str, Any] | None = None,
    **values: Any,
) -> Finding:
    """A Finding told by the catalog entry lowvision.<message_key> (its kind), filled from the
    probe's `item` and `values`; `state` names a lowvision.state.* entry."""
    message = finding_message(message_key, {**item, **values})
    payload: dict[str, Any] = {"kind": message_key}
    for key in ("shot", "box", "page_box"):
        if item.get(key) is not None:
            payload[key] = item[key]
    payload.update(data or {})
    return Finding(
        rule=check_id,
        source="ashyq",
        impact=impact,
        needs_review=needs_review,
        wcag=list(wcag),
        selector=str(item.get("selector") or "")[:500],
        snippet=str(item.get("snippet") or "")[:300],
        **message_fields(message),
        data=payload,
    )


def finding_message(kind: str, values: dict[str, Any]) -> Message:
    """lowvision.<kind> with the values its templates name (not the whole probe item)."""
    key = f"lowvision.{kind}"
    kept = used_values(key, values)
    state = kept.get("state")
    if isinstance(state, str) and has(f"lowvision.state.{state}"):
        kept["state"] = say(f"lowvision.state.{state}")
    return say(key, **kept)


def note(name: str) -> Message | str:
    """Why a check did not apply: lowvision.note.<name> (a gather step's `reason`); any other
    text (a plug-in's own) as it is."""
    key = f"lowvision.note.{name}"
    return say(key) if has(key) else name


def result_from(
    check_id: str,
    findings: list[Finding],
    wcag: list[str],
    data: dict[str, Any],
    message: Message | str = "",
) -> CheckResult:
    """`failed` when a finding is certain; findings that need review alone leave it `passed`."""
    findings = findings[:MAX_FINDINGS]
    failed = any(not f.needs_review for f in findings)
    return CheckResult(
        id=check_id,
        status="failed" if failed else "passed",
        findings=findings,
        data=data,
        wcag=list(wcag),
        **message_fields(message),
    )


def error_text(exc: Exception) -> str:
    """The first line of a browser error, short enough for a check's message."""
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def errored(
    check_id: str, wcag: list[str], message: str, findings: list[Finding] | None = None
) -> CheckResult:
    return CheckResult(
        id=check_id, status="error", message=message, wcag=list(wcag), findings=findings or []
    )


def skipped(
    check_id: str, wcag: list[str], reason: Message | str, data: dict[str, Any] | None = None
) -> CheckResult:
    """Not applicable on this page; `reason` is a note (lowvision.note.*)."""
    return CheckResult(
        id=check_id, status="skipped", wcag=list(wcag), data=data or {},
        **message_fields(reason),
    )
