"""The Tab-by-Tab walk of focus-visible (tester.checks.lowvision.focus_visible) and its record.

Each element focus reaches is judged once per style (tag, classes, parent tag; the first
SAMPLES_PER_STYLE measured decide for the rest): the focused element's own ring (the browser's,
or a solid outline of 2 px at 3:1) settles it; an element entirely covered by something fixed
or sticky is obscured; otherwise the region around it is captured focused and compared with
the same region unfocused (focus_contrast): no change, a change under 3:1, or a clear change.
When the Tab cap stops the walk first, controls of styles not yet judged are focused by script
(up to MAX_UNREACHED), so a page whose first 60 links are fine still has its content judged.
The walk is time-boxed (WALK_BUDGET_S).
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.async_api import Page

from tester.checks.lowvision.common import Capturer, probe
from tester.checks.lowvision.focus_contrast import (
    NONE,
    OK,
    indicator_stats,
    indicator_verdict,
    ring_verdict,
)
from tester.gather import isolated

SAMPLES_PER_STYLE = 2
TRAP_VISITS = 3  # an element reached this often without focus leaving the page = a trap
MAX_UNREACHED = 40  # controls beyond the Tab cap focused by script, one per unjudged style
WALK_BUDGET_S = 25.0  # the whole walk, Tabs and captures; results so far are kept

FOCUS_JS = (Path(__file__).with_name("focus.js")).read_text(encoding="utf-8").strip()
# LV.focusInfo() plus the focused element's own ring and what covers it (focus.js).
INFO_JS = (
    "(() => { const FX = " + FOCUS_JS + """;
  const info = LV.focusInfo();
  if (info.kind === 'element' && info.shown) {
    const el = LV.deepActive();
    info.ring = FX.ring(el);
    info.obscured = FX.obscurer(el);
    if (info.region) info.wide_region = FX.wideRegion(el, info.region);
  }
  return info;
})()"""
)
UNREACHED_JS = "(() => { const FX = " + FOCUS_JS + "; return FX.unreached(arg[0], arg[1]); })()"
FOCUS_EXTRA_JS = "(() => { const FX = " + FOCUS_JS + "; return FX.focusExtra(arg); })()"
# Focuses a walked element again for the evidence shot, at the scroll position Tab left it in
# (so a covered element is shown covered); scrolled into view only when it is off-screen.
SHOW_JS = """(() => {
  const reg = window.__ashyqFocus;
  const el = reg && reg.list[arg[0]];
  if (!el || !el.isConnected) return null;
  window.scrollTo(arg[1][0], arg[1][1]);
  el.focus({ preventScroll: true });
  let r = el.getBoundingClientRect();
  if (r.top >= innerHeight - 1 || r.bottom <= 1) {
    el.scrollIntoView({ block: 'center' });
    r = el.getBoundingClientRect();
  }
  if (LV.deepActive() !== el || r.width < 1 || r.height < 1) return null;
  return [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)];
})()"""

# Smooth scrolling (Bootstrap's reboot, many resets) is turned off too: a capture taken while
# the page still glides to the focused element differs everywhere and looked like a focus ring.
QUIET_CSS = (
    "*, *::before, *::after { transition: none !important; animation-play-state: paused !important;"
    " caret-color: transparent !important; scroll-behavior: auto !important; }"
)

# Focuses a temporary unfocusable marker at the top of the page: the next Tab starts there.
MARK_JS = """  const marker = document.createElement('span');
  marker.tabIndex = -1;
  marker.style.cssText =
    'position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;pointer-events:none';
  document.body.prepend(marker);
  marker.focus({ preventScroll: true });
  reg.marker = marker;
"""

START_JS = (
    """(() => {
  const css = arg;
  const prev = document.activeElement;
  const reg = { seen: new Map(), list: [], prev: prev && prev !== document.body ? prev : null };
  window.__ashyqFocus = reg;
  if (reg.prev && reg.prev.blur) reg.prev.blur();
  LV.recordUnfocused(reg);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  reg.sheet = sheet;
  window.scrollTo(0, 0);
  if (!document.body) return [scrollX, scrollY];
"""
    + MARK_JS
    + """  return [scrollX, scrollY];
})()"""
)

BLUR_JS = """() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  if (a && a !== document.body && a.blur) a.blur();
}"""

REFOCUS_JS = """(index) => {
  const reg = window.__ashyqFocus;
  const el = reg && reg.list[index];
  if (el && el.isConnected) el.focus({ preventScroll: true });
  return !!el && document.activeElement === el;
}"""

REMARK_JS = (
    """() => {
  const reg = window.__ashyqFocus;
  if (!reg || !document.body) return;
"""
    + MARK_JS
    + """  window.scrollTo(0, 0);
}"""
)

IS_ACTIVE_JS = """(index) => {
  const reg = window.__ashyqFocus;
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  if (reg && reg.marker && a !== reg.marker) { reg.marker.remove(); reg.marker = null; }
  return !!reg && a === reg.list[index];
}"""

END_JS = """() => {
  const reg = window.__ashyqFocus;
  delete window.__ashyqFocus;
  if (!reg) return;
  if (reg.marker) reg.marker.remove();
  if (reg.sheet) {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter(s => s !== reg.sheet);
  }
  const a = document.activeElement;
  if (a && a !== document.body && a.blur) a.blur();
  if (reg.prev && reg.prev.isConnected) reg.prev.focus({ preventScroll: true });
}"""



class LostPosition(RuntimeError):
    """The page moved focus somewhere the walk cannot reproduce; results so far are kept."""


class FocusWalk:
    """The Tab-by-Tab traversal and its record (plain data for the audit)."""

    def __init__(self, page: Page, tabbable: int) -> None:
        self.page = page
        self.tabbable = tabbable
        self.steps: list[int | None] = []  # element index per Tab, None = focus left the page
        self.elements: dict[int, dict[str, Any]] = {}
        self.style_verdicts: dict[str, list[str]] = defaultdict(list)
        self.trap: dict[str, Any] | None = None
        self.tabs_to_main: int | None = None
        self.skip_link_at: int | None = None
        self.error: str | None = None
        self.completed = False
        self.unreached_judged = 0
        self.timed_out = False
        self.capturer = Capturer(page)
        self.viewport_region: list[float] = [0, 0, 1280, 800]
        self.baseline: tuple[tuple[float, ...], Image.Image] | None = None
        self.deadline = time.monotonic() + WALK_BUDGET_S

    async def run(self, max_tabs: int) -> None:
        visits: dict[int, int] = defaultdict(int)
        scroll = await probe(self.page, START_JS, QUIET_CSS)
        viewport = self.page.viewport_size or {"width": 1280, "height": 800}
        self.viewport_region = [0, 0, viewport["width"], viewport["height"]]
        # Unfocused capture of the viewport at the top: nothing is focused yet. Other scroll
        # positions get theirs when first needed.
        self.baseline = (tuple(scroll), await self.capturer.capture(self.viewport_region, scroll))
        for tab in range(1, max_tabs + 1):
            if time.monotonic() > self.deadline:
                self.timed_out = True
                return
            await self.page.keyboard.press("Tab")
            info = await probe(self.page, INFO_JS)
            if info["kind"] == "none":
                self.steps.append(None)
                if self.elements:
                    self.completed = True  # focus left the page after the last element
                    return
                continue
            index = int(info["index"])
            self.steps.append(index)
            if info.get("in_main") and self.tabs_to_main is None:
                self.tabs_to_main = tab
            if info.get("skip_link") and self.skip_link_at is None:
                self.skip_link_at = tab
            if index not in self.elements:
                self.elements[index] = _describe(info, tab)
                if info["kind"] == "element":
                    await self._judge(index, info)
            if info["kind"] == "frame":
                continue  # Tab moves inside the frame while the iframe stays active
            visits[index] += 1
            if visits[index] >= TRAP_VISITS and not info.get("in_modal"):
                self.trap = self._trap_record(index)
                return

    async def judge_unreached(self) -> None:
        """The Tab cap came first: focus by script one control of each style not yet judged."""
        if self.completed or self.trap or self.timed_out:
            return
        known = list(self.style_verdicts)
        extra = await probe(self.page, UNREACHED_JS, [known, MAX_UNREACHED])
        for position in extra:
            if time.monotonic() > self.deadline:
                self.timed_out = True
                return
            if not await probe(self.page, FOCUS_EXTRA_JS, position):
                continue
            info = await probe(self.page, INFO_JS)
            if info.get("kind") != "element":
                continue
            index = int(info["index"])
            if index in self.elements:
                continue
            self.elements[index] = _describe(info, 0)
            self.elements[index]["by_script"] = True
            await self._judge(index, info, refocus=False)
            self.unreached_judged += 1

    async def _judge(self, index: int, info: dict[str, Any], refocus: bool = True) -> None:
        record = self.elements[index]
        # Where the element is (covered, off-screen) is its own; how it looks is its style's.
        if info.get("obscured"):
            record.update(measured=True, verdict="obscured", obscured_by=info["obscured"])
            return
        region = info.get("region")
        if not region:
            record.update(measured=True, verdict="hidden")
            return
        verdicts = self.style_verdicts[info["style_key"]]
        if len(verdicts) >= SAMPLES_PER_STYLE and len(set(verdicts)) == 1:
            record.update(measured=True, verdict=verdicts[0], inferred=True)
            return
        style = info.get("style") or {}
        if style.get("outline") and ring_verdict(info.get("ring")) == OK:
            # The browser's ring, or a clear outline, appears: no need to compare pixels.
            record.update(measured=True, verdict=OK, method="style")
            verdicts.append(OK)
            return
        focused = await self.capturer.capture(region, info["scroll"])
        unfocused = await self._unfocused(index, region, info["scroll"], refocus)
        _, _, width, height = info.get("page_box") or [0, 0, 0, 0]
        stats = indicator_stats(focused, unfocused, width * height)
        verdict = indicator_verdict(stats)
        wide = info.get("wide_region")
        if verdict != OK and wide:
            # Nothing clear on the element itself: the indicator may be an ancestor's.
            focused = await self.capturer.capture(wide, info["scroll"])
            unfocused = await self._unfocused(index, wide, info["scroll"], refocus)
            wide_stats = indicator_stats(focused, unfocused, width * height)
            if indicator_verdict(wide_stats) == OK:
                stats, verdict = {**wide_stats, "region": "ancestor"}, OK
        if verdict == NONE and not info.get("shown"):
            record.update(measured=True, verdict="hidden", change=stats, method="pixels")
            return
        record.update(
            measured=True,
            verdict=verdict,
            change=stats,
            method="pixels",
            style_changed=style.get("changed"),
        )
        verdicts.append(verdict)

    async def _unfocused(
        self, index: int, region: list[float], scroll: list[float], refocus: bool = True
    ) -> Image.Image:
        """The region from an unfocused capture of the viewport at this scroll position."""
        if self.baseline is None or self.baseline[0] != tuple(scroll):
            await isolated.evaluate(self.page, BLUR_JS)
            capture = await self.capturer.capture(self.viewport_region, scroll)
            # Focus goes back so the next Tab starts here, through the page's own key handlers.
            if refocus and not await isolated.evaluate(self.page, REFOCUS_JS, index):
                await self._return_to(index)
            self.baseline = (tuple(scroll), capture)
        image = self.baseline[1]
        scale = image.size[0] / max(1, self.viewport_region[2])
        x, y, w, h = region
        return image.crop(
            (round(x * scale), round(y * scale), round((x + w) * scale), round((y + h) * scale))
        )

    async def show_focused(self, index: int) -> list[int] | None:
        """Focus a walked element again (for its evidence shot); its box in the viewport."""
        scroll = self.elements[index].get("scroll") or [0, 0]
        box = await probe(self.page, SHOW_JS, [index, scroll])
        return list(box) if box else None

    async def _return_to(self, index: int) -> None:
        """Blurring hid the element (an item of a :focus-within menu, say) so it cannot take
        focus back; walk to it again with the same Tabs from the top of the page."""
        await isolated.evaluate(self.page, REMARK_JS)
        for _ in range(len(self.steps)):
            await self.page.keyboard.press("Tab")
        if not await isolated.evaluate(self.page, IS_ACTIVE_JS, index):
            raise LostPosition("focus could not be brought back to where the walk was")

    def _trap_record(self, index: int) -> dict[str, Any]:
        # The cycle: elements visited since this element's first visit in the current run.
        last_leave = max((i for i, s in enumerate(self.steps) if s is None), default=-1)
        window = self.steps[last_leave + 1 :]
        start = window.index(index)
        cycle = sorted({s for s in window[start:] if s is not None})
        first = self.elements[index]
        return {
            "index": index,
            "selector": first.get("selector"),
            "snippet": first.get("snippet"),
            "cycle": [self.elements[i].get("selector") for i in cycle][:10],
            "count": len(cycle),
            "tab": len(self.steps),
        }

    def to_data(self) -> dict[str, Any]:
        return {
            "applicable": True,
            "tabbable": self.tabbable,
            "tabs": len(self.steps),
            "completed": self.completed,
            "elements": [self.elements[i] for i in sorted(self.elements)],
            "trap": self.trap,
            "tabs_to_main": self.tabs_to_main,
            "skip_link_at": self.skip_link_at,
            "error": self.error,
            "unreached_judged": self.unreached_judged,
            "timed_out": self.timed_out,
        }


def _describe(info: dict[str, Any], tab: int) -> dict[str, Any]:
    x, y, w, h = info.get("page_box") or [0, 0, 0, 0]
    return {
        "tab": tab,
        "selector": info.get("selector"),
        "snippet": info.get("snippet"),
        "text": info.get("text"),
        "style_key": info.get("style_key"),
        "kind": info.get("kind"),
        "in_modal": info.get("in_modal"),
        "page_box": [round(x), round(y), round(w), round(h)],
        "scroll": info.get("scroll"),
    }


