"""The goal-seeking explorer: best-first search over the controls a visitor can see.

On every page it reads the links, buttons and selects (also those hidden in menus), lets the
task score them, and keeps one frontier for the whole site. It always takes the most promising
control next; when that control lives on another page it goes back there first (not a click),
opens the menu holding it (hover is free, a click-only menu costs a click), activates it,
and asks the task's recogniser whether the landing page meets the goal.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError

from tester.browser import LoadResult, load
from tester.env import TaskEnv
from tester.gather.snapshot import PageSnapshot, take_snapshot
from tester.goals.base import GoalCheck
from tester.i18n import Message, say
from tester.lexicon import Lexicon, load_lexicon, normalise
from tester.model import Step
from tester.navigator import actions
from tester.navigator.actions import Control
from tester.navigator.sections import in_section, is_language_host, section_of
from tester.navigator.settle import POLL_S, page_state, watch_network
from tester.textsafe import clean_text
from tester.urlnorm import page_identity

DEPTH_PENALTY = 0.12
MIN_SCORE = 0.3
MAX_OVERLAY_CLICKS = 2
BUDGET_MARGIN_S = 4.0
LOOP_QUIET_MS = 300  # no navigation for this long after a click's own one: it is not a loop
LOOP_WATCH_CAP_MS = 4_000
MAX_NAVIGATIONS_PER_CLICK = 4
# A start page deep in a unified platform (gov.kz/memleket/entities/<body>/…) belongs to one body:
# the portal's own header links (its contacts, its appeals) and the neighbouring bodies are not it.
SECTION_TASKS = frozenset({"find-contacts", "find-appeal-procedure"})
OUTSIDE_SECTION_PENALTY = 0.5
SECOND_LOOK_S = 3.0  # how long a start page without any way to the goal is watched for a menu
DOWNLOAD_EXTS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar",
                 ".7z", ".odt", ".ods", ".rtf", ".tif", ".tiff", ".djvu", ".mp4", ".mp3", ".exe")

# scorer(control, page_url) -> [(score, option_value)]; several options for a <select>.
Scorer = Callable[[Control, str], list[tuple[float, str]]]
Checker = Callable[[PageSnapshot, str], GoalCheck]


def is_download(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(DOWNLOAD_EXTS)


@dataclass
class Candidate:
    page_url: str
    key: str
    control: Control
    score: float
    depth: int
    option_value: str = ""
    outbound: bool = False


@dataclass
class Found:
    check: GoalCheck
    url: str
    snapshot: PageSnapshot | None = None


@dataclass
class Explorer:
    env: TaskEnv
    task_id: str
    lex: Lexicon = field(default_factory=load_lexicon)
    steps: list[Step] = field(default_factory=list)
    clicks: int = 0
    near_miss: GoalCheck | None = None
    near_miss_url: str = ""
    tried_labels: list[str] = field(default_factory=list)
    budget_hit: bool = False
    timed_out: bool = False
    counting: bool = True  # False while probing extras that are not part of the citizen's path

    def __post_init__(self) -> None:
        self.page = self.env.page
        self.settings = self.env.settings
        if self.settings.lexicon:  # user lexicon files on top of the built-in terms
            self.lex = load_lexicon(list(self.settings.lexicon))
        self.started = time.monotonic()
        self.deadline = self.started + max(10.0, self.settings.task_budget_s - BUDGET_MARGIN_S)
        self.watcher = actions.StatusWatcher(self.page)
        watch_network(self.page)  # "settled" includes the page's own requests having answered
        self.visited: set[str] = set()
        self.activated: set[str] = set()
        self.failed_controls: set[tuple[str, str]] = set()
        self._dismissed_on: set[str] = set()
        self.section: str | None = None  # set from the start page (see SECTION_TASKS)
        self._start_seen = False

    # ----- bookkeeping -------------------------------------------------------------------
    @property
    def seconds(self) -> float:
        return round(time.monotonic() - self.started, 2)

    def time_left(self) -> bool:
        if time.monotonic() >= self.deadline:
            self.timed_out = True
            return False
        return True

    def clicks_left(self) -> bool:
        if self.counting and self.clicks >= self.settings.click_budget:
            self.budget_hit = True
            return False
        return True

    async def record(self, action: str, label: str | Message, started: float, *,
                     click: bool = False) -> None:
        """A step; `label` is the page's text (a link's label) or the tool's words (a Message)."""
        click = click and self.counting
        if click:
            self.clicks += 1
        shot = None
        if not self.page.is_closed():
            shot = await self.env.run_dir.shoot(self.page, f"{self.task_id}-{action}")
        keyed: dict[str, object] = {}
        if isinstance(label, Message):
            values = {name: clean_text(value, 160, one_line=True) if isinstance(value, str)
                      else value for name, value in label.values.items()}
            label = Message(label.key, values)
            keyed = {"label_key": label.key, "label_values": label.data()}
        self.steps.append(Step(
            action=action, label=clean_text(str(label), 160, one_line=True), url=self.page.url,
            counts_as_click=click,
            ms=int((time.monotonic() - started) * 1000), screenshot=shot, **keyed,
        ))

    # ----- page level --------------------------------------------------------------------
    async def goto(self, url: str, action: str = "goto", label: str | Message = ""
                   ) -> LoadResult:
        started = time.monotonic()
        self.watcher.status = None
        result = await load(self.page, url, self.settings)
        await self.record(action, label or url, started)
        return result

    async def arrive(self) -> PageSnapshot:
        """After a load or click: let scripts render, dismiss consent overlays, snapshot."""
        await actions.wait_for_controls(self.page, self.settings)
        await self.dismiss_overlays()
        snap = await take_snapshot(self.page, http_status=self.watcher.status)
        if not snap.headings:  # table layouts mark headings with <font size=4><b>, not h1-h3
            snap.headings = await actions.visual_headings(self.page)
        self.visited.add(page_identity(self.page.url))
        if not self._start_seen:  # the first arrival is the start page, after its redirects
            self._start_seen = True
            # The section the operator asked for (a deep start URL), never one a redirect of the
            # home page made up (/ -> /ru/main/index is a whole site, not a body of a platform).
            section = section_of(self.env.start_url) if self.task_id in SECTION_TASKS else None
            if section and in_section(self.page.url, section):
                self.section = section
        return snap

    def outside_section(self, url: str) -> bool:
        return bool(self.section) and url.startswith(("http:", "https:")) and \
            self.env.scope.contains(url) and not in_section(url, self.section or "")

    async def dismiss_overlays(self) -> None:
        key = page_identity(self.page.url)
        if key in self._dismissed_on:
            return
        self._dismissed_on.add(key)
        consent = self.lex.goal("consent")
        for _ in range(MAX_OVERLAY_CLICKS):
            buttons = [b for b in await actions.overlay_buttons(self.page)
                       if consent.label_score(*b.labels) >= 0.9]
            if not buttons:
                return
            started = time.monotonic()
            if not await actions.click_mark(self.page, buttons[0].id, self.settings):
                return
            await self.record("dismiss-overlay", buttons[0].label, started)

    async def reveal(self, control: Control) -> bool:
        """Make a control visible the way a person would: hover its menu, else click the toggle."""
        if control.visible and await actions.is_visible(self.page, control):
            return True
        path = await actions.menu_path(self.page, control)
        if path and path.get("hover"):
            started = time.monotonic()
            hovered = await actions.hover(self.page, path["hover"], self.settings)
            if hovered and await actions.is_visible(self.page, control):
                await self.record("open-menu", say("step.hover", label=control.label), started)
                return True
        if path and path.get("toggle") and self.clicks_left():
            started = time.monotonic()
            if await actions.click_mark(self.page, path["toggle"], self.settings):
                label = path.get("toggleLabel") or "menu"
                await self.record("open-menu", label, started, click=True)
                if await actions.is_visible(self.page, control):
                    return True
        for burger in await actions.burger_buttons(self.page):
            if not self.clicks_left():
                return False
            started = time.monotonic()
            if not await actions.click_mark(self.page, burger.id, self.settings):
                continue
            await self.record("open-menu", burger.label, started, click=True)
            if await actions.is_visible(self.page, control):
                return True
            path = await actions.menu_path(self.page, control)
            if path and path.get("hover") and \
                    await actions.hover(self.page, path["hover"], self.settings) and \
                    await actions.is_visible(self.page, control):
                return True
        return False

    # ----- candidates --------------------------------------------------------------------
    def key_of(self, control: Control, page_url: str, option: str = "") -> str:
        if control.kind == "select":
            return f"opt:{page_identity(page_url)}|{option}"
        if control.abs.startswith(("http:", "https:")) and not control.href.startswith("#"):
            return "url:" + page_identity(control.abs)
        return f"btn:{page_identity(page_url)}|{normalise(control.label)}"

    def followable(self, control: Control) -> bool:
        """Links a person may follow here: in scope, not mail/phone, not a file download."""
        if control.kind != "link":
            return True
        if control.opens:  # its submenu's links are candidates themselves (reveal opens it)
            return False
        href = control.href.strip().lower()
        if href.startswith(("mailto:", "tel:", "sms:", "callto:", "skype:", "viber:", "whatsapp:")):
            return False
        if control.download or is_download(control.abs):
            return False
        if control.abs.startswith(("http:", "https:")):
            return self.env.scope.contains(control.abs) or \
                is_language_host(control.abs, self.env.start_url)
        return href.startswith(("javascript:", "#")) or not control.abs

    async def controls_here(self) -> list[Control]:
        return await actions.collect_controls(self.page)

    def push_all(self, heap: list, counter: itertools.count, controls: list[Control],
                 scorer: Scorer, depth: int, outbound: Callable[[Control], bool] | None) -> None:
        page_url = self.page.url
        for control in controls:
            is_out = bool(outbound and outbound(control))
            if not is_out and not self.followable(control):
                continue
            for score, option in scorer(control, page_url):
                if score < MIN_SCORE:
                    continue
                key = self.key_of(control, page_url, option)
                if key in self.activated:
                    continue
                if key.startswith("url:") and key[4:] in self.visited and not is_out:
                    continue
                priority = score - DEPTH_PENALTY * depth + (0.02 if control.visible else 0.0)
                if not is_out and control.kind == "link" and self.outside_section(control.abs):
                    priority -= OUTSIDE_SECTION_PENALTY
                cand = Candidate(page_url, key, control, score, depth, option, is_out)
                heapq.heappush(heap, (-priority, next(counter), cand))

    async def back_to(self, cand: Candidate) -> Control | None:
        """Return to the page a candidate was seen on and find the same control again."""
        if page_identity(self.page.url) != page_identity(cand.page_url):
            result = await self.goto(cand.page_url, action="back", label=cand.page_url)
            if not result.ok:
                return None
            await self.arrive()
        page_url = self.page.url
        same_key = [c for c in await self.controls_here()
                    if self.key_of(c, page_url, cand.option_value) == cand.key]
        label = normalise(cand.control.label)
        return next((c for c in same_key if normalise(c.label) == label),
                    same_key[0] if same_key else None)

    async def _looping(self, navigations_before: int) -> bool:
        """A meta-refresh / script redirect loop keeps navigating: leave it for a blank page.

        Watched until the navigations stop (none for LOOP_QUIET_MS) or pass the limit, not for
        a fixed time: on a busy machine a loop navigates more slowly but no less endlessly."""
        deadline = time.monotonic() + LOOP_WATCH_CAP_MS / 1000
        seen, quiet_since = self.watcher.navigations, time.monotonic()
        while self.watcher.navigations - navigations_before <= MAX_NAVIGATIONS_PER_CLICK:
            now = time.monotonic()
            if self.watcher.navigations != seen:
                seen, quiet_since = self.watcher.navigations, now
            elif now >= deadline or self.page.is_closed():
                return False
            elif now - quiet_since >= LOOP_QUIET_MS / 1000:
                state = await page_state(self.page)  # None or busy: the next load is under way
                if state is not None and not state["busy"]:
                    return False
            await asyncio.sleep(POLL_S)
        with suppress(PlaywrightError):
            await self.page.goto("about:blank", timeout=self.settings.action_timeout_ms)
        return True

    # ----- the search --------------------------------------------------------------------
    async def seek(self, scorer: Scorer, check: Checker, *,
                   outbound: Callable[[Control], bool] | None = None) -> Found | None:
        """Best-first search from the current page; None when the goal was not reached."""
        heap: list = []
        counter = itertools.count()
        self.push_all(heap, counter, await self.controls_here(), scorer, 0, outbound)
        if not heap and await self._second_look():  # nothing to try yet: a menu still coming
            self.push_all(heap, counter, await self.controls_here(), scorer, 0, outbound)
        while heap and self.time_left() and self.clicks_left():
            _, _, cand = heapq.heappop(heap)
            if cand.key in self.activated or \
                    (cand.page_url, cand.control.id) in self.failed_controls:
                continue
            if cand.key.startswith("url:") and cand.key[4:] in self.visited and not cand.outbound:
                continue
            control = await self.back_to(cand)
            if control is None or not await self.reveal(control):
                self.failed_controls.add((cand.page_url, cand.control.id))
                continue
            if cand.outbound:
                started = time.monotonic()
                await self.record("credit-link", f"{control.label} → {control.abs}", started)
                return Found(GoalCheck(True, say("goal.appeal.link"),
                                       {"link": control.abs, "label": control.label},
                                       target_url=control.abs), control.abs)
            found = await self._activate_and_check(cand, control, check)
            if found:
                return found
            if self.time_left():
                self.push_all(heap, counter, await self.controls_here(), scorer, cand.depth + 1,
                              outbound)
        return None

    async def _second_look(self) -> bool:
        """A start page offering no way at all may still be building its menu (a script that
        fetches it a second after load): wait, bounded, for its links to change, as a person
        waits for a page to finish. True when new links came."""
        state = await page_state(self.page)
        if state is None:
            return False
        before = state["links"]
        deadline = min(time.monotonic() + SECOND_LOOK_S, self.deadline)
        while time.monotonic() < deadline and not self.page.is_closed():
            await asyncio.sleep(POLL_S * 2)
            state = await page_state(self.page)
            if state is not None and state["links"] != before:
                await actions.wait_for_controls(self.page, self.settings)
                return True
        return False

    async def _activate_and_check(self, cand: Candidate, control: Control,
                                  check: Checker) -> Found | None:
        from_url = self.page.url
        self.activated.add(cand.key)
        self.tried_labels.append(control.label)
        self.watcher.status = None
        if control.kind == "link" and not self.env.scope.contains(control.abs) and \
                is_language_host(control.abs, self.env.start_url):
            self.env.scope.add(control.abs)  # kk.site.kz: the same site (run_task restores it)
        started = time.monotonic()
        navigations = self.watcher.navigations
        result = await actions.activate(self.page, control, self.settings, cand.option_value)
        action = "select" if control.kind == "select" else "click"
        label = control.label if not cand.option_value else f"{control.label} → {cand.option_value}"
        if await self._looping(navigations):
            await self.record(action, say("step.redirect-loop", label=label), started,
                              click=True)
            return None
        await self.record(action, label, started, click=True)
        if not result.ok or self.page.url.startswith("chrome-error:"):
            return None
        try:
            snap = await self.arrive()
        except PlaywrightError:
            return None
        verdict = check(snap, from_url)
        if self.outside_section(snap.url):
            return None  # the portal's or another body's page, however well it matches
        if verdict.met:
            return Found(verdict, snap.url, snap)
        if self.near_miss is None or cand.score >= 0.9:
            self.near_miss, self.near_miss_url = verdict, snap.url
        return None
