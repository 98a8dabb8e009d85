"""The browser layer: find and launch Chromium, make guarded contexts, load pages safely.

Only this package, the navigator, scripted steps, tester.watch and the `gather` functions of
checks touch Playwright. Guards follow what mature scanners do (see
shared/reference/browser-at-scale.md): one browser per run, one context per site or page,
downloads refused, dialogs dismissed, popups closed, out-of-scope navigations aborted, every
wait bounded.

- launch: find Chromium (configured path, Playwright's build, the system's) and open_browser;
- contexts: BrowserSession hands out guarded contexts (scope guard, dialog and popup guards);
- navigation: load() with bounded waits, the liveness probe after load, page timings;
- errors: Playwright errors as a stable key and a one-line reason.
The audit's Scope itself is a pure rule on URLs in tester.scope (re-exported here).
"""

from tester.browser.contexts import (
    MAX_DIALOGS_PER_CONTEXT,
    MAX_POPUPS_PER_CONTEXT,
    RECYCLE_AFTER,
    BrowserSession,
    ContextLog,
)
from tester.browser.errors import (
    BROWSER_ERRORS,
    OTHER_ERROR,
    OWN_ERRORS,
    describe_error,
    error_code,
)
from tester.browser.launch import (
    INSTALL_HINT,
    LAUNCH_ARGS,
    LOOPBACK_ONLY_RULES,
    SYSTEM_CHROMIUMS,
    BrowserNotFound,
    find_chromium,
    host_resolver_rules,
    open_browser,
    reaches_only_loopback,
)
from tester.browser.navigation import (
    MAX_NAVIGATIONS_PER_LOAD,
    LoadResult,
    is_main_document_request,
    load,
    page_timings,
)
from tester.scope import Scope, is_loopback_host

__all__ = [
    "BROWSER_ERRORS",
    "INSTALL_HINT",
    "LAUNCH_ARGS",
    "LOOPBACK_ONLY_RULES",
    "MAX_DIALOGS_PER_CONTEXT",
    "MAX_NAVIGATIONS_PER_LOAD",
    "MAX_POPUPS_PER_CONTEXT",
    "OTHER_ERROR",
    "OWN_ERRORS",
    "RECYCLE_AFTER",
    "SYSTEM_CHROMIUMS",
    "BrowserNotFound",
    "BrowserSession",
    "ContextLog",
    "LoadResult",
    "Scope",
    "describe_error",
    "error_code",
    "find_chromium",
    "host_resolver_rules",
    "is_loopback_host",
    "is_main_document_request",
    "load",
    "open_browser",
    "page_timings",
    "reaches_only_loopback",
]
