"""Browser actions of the navigator: read controls, open menus, dismiss overlays, click, settle.

Every wait is bounded by the settings' timeouts; every Playwright error is caught and turned
into a result the explorer can reason about (the page is hostile and may do anything).
"""

from __future__ import annotations

import asyncio
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from tester.config import Settings
from tester.navigator.settle import (
    DOM_QUIET_MS,
    POLL_S,
    NavigationWatch,
    page_state,
    settle_after,
    wait_until_settled,
)
from tester.textsafe import clean_data

DOM_JS = Path(__file__).with_name("dom.js").read_text(encoding="utf-8")
MAX_CONTROLS = 1500
# A link whose script cancels the navigation must not cost a whole navigation timeout: this is
# the window for its navigation to *start*; once started it has the whole navigation timeout.
NAVIGATION_START_MS = 1_500
MENU_SETTLE_CAP_MS = 1_500  # a menu still animating after this is not one a person waits for
CONTROLS_CAP_S = 3.0  # single-page shells that never stop rendering links
SHELL_QUIET_MS = 1_000  # how long a page with fewer than 3 links must stay unchanged


@dataclass
class Control:
    """A clickable thing on the page as the visitor sees it."""

    id: str
    kind: str  # link | button | select
    tag: str = ""
    href: str = ""  # attribute as written
    abs: str = ""  # resolved URL ('' for buttons)
    text: str = ""
    aria: str = ""
    title: str = ""
    alt: str = ""
    hints: str = ""
    visible: bool = True
    region: str = ""
    target: str = ""
    download: bool = False
    hreflang: str = ""
    expanded: str = ""
    opens: bool = False  # a '#' link heading a submenu: hovered or clicked open, not followed
    options: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, data: dict[str, Any]) -> Control:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(x for x in (self.text, self.aria, self.title, self.alt) if x)

    @property
    def label(self) -> str:
        return (self.text or self.aria or self.title or self.alt or self.href or self.kind)[:120]

    def selector(self) -> str:
        return mark_selector(self.id)


def mark_selector(mark_id: str) -> str:
    return f'[data-ashyq-id="{mark_id}"]'


async def _call(page: Page, call: str, arg: Any = None) -> Any:
    """Inject the helpers (once per document; dom.js guards itself) and call one: one round-trip.

    Raises PlaywrightError like page.evaluate. Every string in the answer is page text: it is
    cleaned here (tester/textsafe.py), where it enters Python."""
    script = f"(arg) => {{\n{DOM_JS}\nreturn window.__ashyq.{call};\n}}"
    return clean_data(await page.evaluate(script, arg), one_line=True)


async def collect_controls(page: Page) -> list[Control]:
    """All links, buttons and selects, visible or hidden in menus; [] if the page is unreadable."""
    try:
        data = await _call(page, "collect(arg)", MAX_CONTROLS)
    except PlaywrightError:
        return []
    return [Control.of(d) for d in data]


async def is_visible(page: Page, control: Control) -> bool:
    try:
        return bool(await _call(page, "isVisible(arg)", control.id))
    except PlaywrightError:
        return False


async def overlay_buttons(page: Page) -> list[Control]:
    try:
        return [Control.of(d) for d in await _call(page, "overlayButtons()")]
    except PlaywrightError:
        return []


async def burger_buttons(page: Page) -> list[Control]:
    try:
        return [Control.of(d) for d in await _call(page, "burgers()")]
    except PlaywrightError:
        return []


async def menu_path(page: Page, control: Control) -> dict[str, Any] | None:
    try:
        return await _call(page, "menuPath(arg)", control.id)
    except PlaywrightError:
        return None


async def _settle_after(page: Page, mark_id: str, settings: Settings, click: bool) -> bool:
    """Hover (or click) a marked element, then let CSS transitions on menus finish."""
    try:
        locator = page.locator(mark_selector(mark_id)).first
        gesture = locator.click if click else locator.hover
        await gesture(timeout=settings.action_timeout_ms)
    except PlaywrightError:
        return False
    # Until the menu's transition has finished and its script has stopped changing the DOM:
    # a fixed pause would see a half-open menu on a busy machine.
    await wait_until_settled(page, cap_ms=MENU_SETTLE_CAP_MS)
    return True


async def hover(page: Page, mark_id: str, settings: Settings) -> bool:
    return await _settle_after(page, mark_id, settings, click=False)


async def click_mark(page: Page, mark_id: str, settings: Settings) -> bool:
    """Click an element that does not navigate (a menu toggle, an overlay button)."""
    return await _settle_after(page, mark_id, settings, click=True)


@dataclass
class Activation:
    ok: bool
    error: str = ""
    http_status: int | None = None
    navigated: bool = False


class StatusWatcher:
    """Remembers the HTTP status of the latest main-frame document response."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.status: int | None = None
        self.navigations = 0
        page.on("response", self._on_response)
        page.on("framenavigated", self._on_nav)

    def _on_response(self, response: Any) -> None:
        with suppress(Exception):
            req = response.request
            if req.is_navigation_request() and req.frame == self.page.main_frame:
                self.status = response.status

    def _on_nav(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self.navigations += 1


async def activate(
    page: Page, control: Control, settings: Settings, option_value: str = ""
) -> Activation:
    """Click a link/button (or choose a select option) and wait until what it started is over:
    the navigation committed and loaded, or the script's re-render settled (bounded)."""
    before = page.url
    locator = page.locator(control.selector()).first
    target = control.abs.split("#")[0]
    expect = control.kind == "link" and target.startswith("http") and \
        target != before.split("#")[0] and not control.href.startswith("#")
    with NavigationWatch(page) as watch:
        await watch.arm()
        try:
            if control.kind == "select":
                await locator.select_option(value=option_value, no_wait_after=True,
                                            timeout=settings.action_timeout_ms)
            else:
                if control.target and control.target != "_self":
                    # A visitor reads a target=_blank page in its new tab; we keep one tab.
                    await locator.evaluate("(el) => el.removeAttribute('target')")
                # The navigation a click starts is followed by settle_after, with the
                # navigation timeout, never inside the click's (shorter) action timeout.
                await locator.click(timeout=settings.action_timeout_ms, no_wait_after=True)
        except PlaywrightError as exc:
            return Activation(False, _short(exc))
        # A real link navigates; a button or a script link may (a form, `location = …`).
        window = {"start_window_ms": NAVIGATION_START_MS} if expect else {}
        await settle_after(page, watch, settings, **window)
    return Activation(True, navigated=page.url != before)


async def wait_for_controls(page: Page, settings: Settings) -> None:
    """Single-page shells render navigation after load: wait (bounded) until the links stop
    changing, the DOM is quiet and the page's own requests have answered."""
    deadline = time.monotonic() + min(CONTROLS_CAP_S, settings.navigation_timeout_ms / 1000)
    last = -1
    while time.monotonic() < deadline and not page.is_closed():
        state = await page_state(page)  # None: the document is being replaced, poll again
        if state is not None:
            # A near-empty page is most likely a shell still fetching its content (a request
            # started before our network watch was attached is not seen as pending): it must
            # stay unchanged for longer before it is taken as final.
            quiet_needed = DOM_QUIET_MS if state["links"] >= 3 else SHELL_QUIET_MS
            if state["links"] == last and not state["busy"] and state["quiet_ms"] >= quiet_needed:
                return
            last = state["links"]
        await asyncio.sleep(POLL_S * 2)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


async def measure(page: Page) -> dict[str, Any]:
    """Median main-text size and the text/background colours of the current page."""
    try:
        return await _call(page, "measure()")
    except PlaywrightError:
        return {}


async def visual_headings(page: Page, limit: int = 8) -> list[str]:
    """Bold or large standalone lines, for pages that mark no headings with h1-h3."""
    try:
        return list(await _call(page, "visualHeadings(arg)", limit))
    except PlaywrightError:
        return []


async def find_field(page: Page, selectors: list[str]) -> str | None:
    try:
        return await _call(page, "findField(arg)", selectors)
    except PlaywrightError:
        return None


async def fill_and_submit(page: Page, mark_id: str, text: str, settings: Settings) -> Activation:
    """Type a query into a field and press Enter, then wait (bounded) for the results."""
    before = page.url
    field = page.locator(mark_selector(mark_id)).first
    with NavigationWatch(page) as watch:
        await watch.arm()
        try:
            await field.fill(text, timeout=settings.action_timeout_ms)
            # Playwright would wait for the submitted form's navigation inside the action's
            # timeout, so a slow server (or a busy machine) turned into "field refused the
            # query"; the navigation is followed below with the navigation timeout instead.
            await field.press("Enter", timeout=settings.action_timeout_ms, no_wait_after=True)
        except PlaywrightError as exc:
            return Activation(False, _short(exc))
        # The results page arrives when the server answers, however long that takes under load.
        await settle_after(page, watch, settings)
    return Activation(True, navigated=page.url != before)
