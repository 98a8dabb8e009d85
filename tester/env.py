"""What the runner hands to tasks and page checks: the page plus everything around it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from playwright.async_api import BrowserContext, Page

from tester.artifacts import RunDir
from tester.browser import ContextLog, Scope
from tester.config import Settings


@dataclass
class TaskEnv:
    """A citizen task runs in its own fresh context; `page` is open but not yet navigated."""

    page: Page
    context: BrowserContext
    start_url: str
    scope: Scope
    settings: Settings
    run_dir: RunDir
    log: ContextLog
    site_name: str = ""
    # Called by find-low-vision-version while the site's low-vision mode is on and verified,
    # so the runner can audit the page in that state (the mode itself must pass the checks).
    on_low_vision_mode: Callable[[Page], Awaitable[None]] | None = None
    # Seconds the runner spent on its own work inside the task (auditing the low-vision mode):
    # added to the task's wall budget, so a busy machine cannot turn that audit into a failure.
    untimed_s: float = 0.0


@dataclass
class PageEnv:
    """A page check runs on an already loaded page and must leave it usable for the next check."""

    page: Page
    context: BrowserContext
    url: str
    scope: Scope
    settings: Settings
    run_dir: RunDir
    screenshot: str | None = None  # viewport screenshot of the page as loaded (relative path)
