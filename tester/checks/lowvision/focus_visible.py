"""Focus visible (WCAG 2.4.7) and keyboard traps (2.1.2), by pressing Tab like a person.

For each element focus reaches, its computed style (and its parent's, and their ::before and
::after) is compared with a snapshot taken before the walk, when nothing was focused (never by
blurring: blurring an item of a :focus-within menu would hide it and change the tab order). A
clear outline appearing (the browser's ring, or a solid outline that stands out from the
background) settles it. Otherwise the region around the element (and its parent, when the
parent is small enough to carry the indicator, e.g. `li:focus-within`) is captured focused and
compared with the same region of an unfocused capture of the viewport at the same scroll
position (taken at the start, or by a brief blur when the page has scrolled); no changed
pixels means no visible focus. Focus on an element that cannot be seen at all (off-screen,
hidden) is reported too. During the walk a temporary style sheet turns transitions off, pauses
animations and hides the text caret, so an indicator that fades in is seen at once and a
blinking caret does not count.

Cost is bounded: at most `lowvision_max_tabs` Tabs (60), and elements that share a style
(tag, classes, parent tag) are judged from the first two measured, not photographed each.
The traversal starts at the top of the page (a temporary unfocusable marker is focused, and
removed once Tab leaves it) and ends with focus, scroll and viewport as they were.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import suppress
from typing import Any

from PIL import Image
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from tester.checks.base import PageCheck
from tester.checks.lowvision.common import (
    Capturer,
    PageState,
    error_text,
    errored,
    make_finding,
    note,
    probe,
    result_from,
    shoot_items,
    skipped,
)
from tester.checks.lowvision.pixels import focus_change, is_visible_change
from tester.env import PageEnv
from tester.gather import isolated
from tester.model import CheckResult, Finding
from tester.options import Option

CHECK_ID = "focus-visible"
WCAG = ["2.4.7"]
TRAP_WCAG = ["2.1.2"]
DEFAULT_MAX_TABS = 60
SAMPLES_PER_STYLE = 2
TRAP_VISITS = 3  # an element reached this often without focus leaving the page = a trap

OPTIONS: tuple[Option, ...] = (
    Option("lowvision_max_tabs", DEFAULT_MAX_TABS, int,
           "focus-visible: the most Tab presses spent walking one page", minimum=1),
)

QUIET_CSS = (
    "*, *::before, *::after { transition: none !important; animation-play-state: paused !important;"
    " caret-color: transparent !important; }"
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


async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    count = await probe(page, "LV.tabbableCount()")
    if not count:
        return {"applicable": False, "reason": "no-focusable-elements"}
    max_tabs = int(env.settings.option("lowvision_max_tabs"))
    state = await PageState(page).save()
    walk = FocusWalk(page, count)
    try:
        await walk.capturer.open()
        try:
            await walk.run(max_tabs)
        except LostPosition as exc:
            walk.error = str(exc)
        problems = [e for e in walk.elements.values() if e.get("measured") and not e.get("visible")]
        if walk.trap:
            problems.insert(0, walk.elements[walk.trap["index"]])
        if problems:
            # The shots show the page unfocused: the evidence is that nothing marks the element.
            await isolated.evaluate(page, END_JS)
            await shoot_items(env, problems, "focus")
            if walk.trap:
                trapped = walk.elements[walk.trap["index"]]
                walk.trap.update(
                    {k: trapped[k] for k in ("shot", "box", "page_box") if k in trapped}
                )
    except PlaywrightError as exc:
        walk.error = error_text(exc)
    finally:
        with suppress(PlaywrightError):
            await isolated.evaluate(page, END_JS)
        await walk.capturer.close()
        await state.restore()
    return walk.to_data()


class LostPosition(RuntimeError):
    """The page moved focus somewhere the walk cannot reproduce; results so far are kept."""


class FocusWalk:
    """The Tab-by-Tab traversal and its record (plain data for the audit)."""

    def __init__(self, page: Page, tabbable: int) -> None:
        self.page = page
        self.tabbable = tabbable
        self.steps: list[int | None] = []  # element index per Tab, None = focus left the page
        self.elements: dict[int, dict[str, Any]] = {}
        self.style_verdicts: dict[str, list[bool]] = defaultdict(list)
        self.trap: dict[str, Any] | None = None
        self.tabs_to_main: int | None = None
        self.skip_link_at: int | None = None
        self.error: str | None = None
        self.completed = False
        self.capturer = Capturer(page)
        self.viewport_region: list[float] = [0, 0, 1280, 800]
        self.baseline: tuple[tuple[float, ...], Image.Image] | None = None

    async def run(self, max_tabs: int) -> None:
        visits: dict[int, int] = defaultdict(int)
        scroll = await probe(self.page, START_JS, QUIET_CSS)
        viewport = self.page.viewport_size or {"width": 1280, "height": 800}
        self.viewport_region = [0, 0, viewport["width"], viewport["height"]]
        # Unfocused capture of the viewport at the top: nothing is focused yet. Other scroll
        # positions get theirs when first needed.
        self.baseline = (tuple(scroll), await self.capturer.capture(self.viewport_region, scroll))
        for tab in range(1, max_tabs + 1):
            await self.page.keyboard.press("Tab")
            info = await probe(self.page, "LV.focusInfo()")
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

    async def _judge(self, index: int, info: dict[str, Any]) -> None:
        record = self.elements[index]
        verdicts = self.style_verdicts[info["style_key"]]
        if len(verdicts) >= SAMPLES_PER_STYLE and len(set(verdicts)) == 1:
            record.update(measured=True, visible=verdicts[0], inferred=True)
            return
        style = info.get("style") or {}
        if style.get("outline"):
            # A clear outline appears: no need to compare pixels.
            record.update(measured=True, visible=True, hidden=False, method="style")
            verdicts.append(True)
            return
        region = info.get("region")
        if not region:
            record.update(measured=True, visible=False, hidden=True)
            verdicts.append(False)
            return
        focused = await self.capturer.capture(region, info["scroll"])
        unfocused = await self._unfocused(index, region, info["scroll"])
        stats = focus_change(focused, unfocused)
        visible = is_visible_change(stats)
        record.update(
            measured=True,
            visible=visible,
            hidden=not info.get("shown"),
            change=stats,
            method="pixels",
            style_changed=style.get("changed"),
        )
        verdicts.append(visible)

    async def _unfocused(self, index: int, region: list[float], scroll: list[float]) -> Image.Image:
        """The region from an unfocused capture of the viewport at this scroll position."""
        if self.baseline is None or self.baseline[0] != tuple(scroll):
            await isolated.evaluate(self.page, BLUR_JS)
            capture = await self.capturer.capture(self.viewport_region, scroll)
            # Focus goes back so the next Tab starts here, through the page's own key handlers.
            if not await isolated.evaluate(self.page, REFOCUS_JS, index):
                await self._return_to(index)
            self.baseline = (tuple(scroll), capture)
        image = self.baseline[1]
        scale = image.size[0] / max(1, self.viewport_region[2])
        x, y, w, h = region
        return image.crop(
            (round(x * scale), round(y * scale), round((x + w) * scale), round((y + h) * scale))
        )

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
    }


def audit(data: dict[str, Any]) -> CheckResult:
    if not data.get("applicable"):
        return skipped(CHECK_ID, WCAG, note(data.get("reason", "not-applicable")))
    if data.get("error") and not data.get("elements"):
        return errored(CHECK_ID, WCAG, data["error"])
    findings: list[Finding] = []
    groups: dict[tuple[str, bool], list[dict[str, Any]]] = defaultdict(list)
    for element in data.get("elements", []):
        if element.get("measured") and not element.get("visible"):
            groups[(str(element.get("style_key")), bool(element.get("hidden")))].append(element)
    for (_, hidden), members in groups.items():
        first = members[0]
        findings.append(
            make_finding(
                CHECK_ID,
                "focus-hidden" if hidden else "focus-invisible",
                first,
                impact="serious",
                wcag=WCAG,
                data={
                    "count": len(members),
                    "same_style": [m.get("selector") for m in members[1:11]],
                    "change": first.get("change"),
                },
            )
        )
    trap = data.get("trap")
    if trap:
        findings.insert(
            0,
            make_finding(
                CHECK_ID,
                "keyboard-trap",
                trap,
                impact="critical",
                wcag=TRAP_WCAG,
                count=trap.get("count"),
                data={"cycle": trap.get("cycle")},
            ),
        )
    elements = data.get("elements", [])
    summary = {
        "tabs": data.get("tabs"),
        "tabbable": data.get("tabbable"),
        "reached": len(elements),
        "completed": data.get("completed"),
        "measured_with_pixels": sum(1 for e in elements if "change" in e),
        "no_visible_focus": sum(len(m) for m in groups.values()),
        "keyboard_trap": bool(trap),
        "tabs_to_main": data.get("tabs_to_main"),
        "skip_link_at": data.get("skip_link_at"),
        # Enter on the skip link, then one Tab, lands in the main content.
        "keys_to_main_via_skip_link": (data["skip_link_at"] + 2)
        if data.get("skip_link_at")
        else None,
    }
    message = data.get("error") or ""
    return result_from(
        CHECK_ID, findings, sorted(set(WCAG + (TRAP_WCAG if trap else []))), summary, message
    )


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=WCAG + TRAP_WCAG,
    title="Keyboard focus is always visible and never trapped",
    options=OPTIONS,
)
