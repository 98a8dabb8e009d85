"""Every hostile page in the suite, what it does, and what the tool must make of it.

`outcome` is what result.json must say about the page:
- "audited": the page is audited (axe ran); `codes` lists error codes also allowed (a page
  that never settled is audited as it was, with error_code "never-settled");
- "stopped": the page is not audited; its error_code must be one of `codes`;
- "either": one of the two (which one depends on timing);
- "bounded": only bounded time and an honest record (axe ran, or an error says why), for pages
  whose outcome depends on how fast the machine is (axe's own timeout may end them).
`bound_s` is the documented wall-time bound for the page under the suite's settings
(SUITE_ENV): the 5 s liveness probe plus slack, far below the 120 s page budget.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HostilePage:
    path: str
    group: str  # timing | content | scope | tricks
    what: str
    outcome: str  # audited | stopped | either
    codes: tuple[str, ...] = ()
    bound_s: float = 30.0


UNSETTLED = ("never-settled",)

PAGES: tuple[HostilePage, ...] = (
    # timing
    HostilePage("/busy-after-load.html", "timing", "busy loop after load", "stopped",
                ("unresponsive",)),
    # The loop may start while axe runs; then axe's own timeout (20 s in the suite) ends it.
    HostilePage("/busy-later.html", "timing", "busy loop in a timer 2 s after load", "bounded",
                bound_s=45.0),
    HostilePage("/slow-drip", "timing", "body that drips forever", "either",
                ("never-settled", "timeout")),
    HostilePage("/hanging-subresource.html", "timing", "image and script that never arrive",
                "audited"),
    HostilePage("/endless-reload.html", "timing", "location.reload() after every load",
                "either", ("navigation-loop", "never-settled")),
    HostilePage("/history-spam.html", "timing", "history.pushState every 20 ms", "audited",
                UNSETTLED),
    HostilePage("/history-flood.html", "timing", "10,000 history.pushState a second", "either",
                ("never-settled", "unresponsive")),
    HostilePage("/dom-churn.html", "timing", "DOM rebuilt every 4 ms", "audited", UNSETTLED),
    HostilePage("/raf-heavy.html", "timing", "80 ms of script in every animation frame",
                "audited", UNSETTLED),
    HostilePage("/svg-use-bomb.html", "timing", "SVG <use> bomb (4^40 copies)", "stopped",
                ("unresponsive",)),
    HostilePage("/huge-dom.html", "timing", "6,000 elements, 2,000 links", "bounded",
                bound_s=45.0),
    # content
    HostilePage("/script-in-text.html", "content", "script in title, alt and link text",
                "audited"),
    HostilePage("/injection-headings.html", "content",
                "HTML/JS/template injection strings in headings", "audited"),
    HostilePage("/formula-title.html", "content", "CSV/markdown formula injection in title",
                "audited"),
    HostilePage("/bidi-zero-width.html", "content", "bidi overrides and zero-width characters",
                "audited"),
    HostilePage("/mega-title", "content", "1 MB title", "audited"),
    # scope
    HostilePage("/meta-refresh-out.html", "scope", "meta refresh to another host", "either",
                ("navigation-blocked",)),
    HostilePage("/js-location-out.html", "scope", "script sets location to another host",
                "either", ("navigation-blocked",)),
    HostilePage("/form-autosubmit-out.html", "scope", "form submits itself to another host",
                "either", ("navigation-blocked",)),
    # Stopped at the 21st window; on a very slow machine the audit may end before that.
    # A flood of windows may starve axe on a loaded machine: then it is reported as partial.
    HostilePage("/window-open-flood.html", "scope", "window.open without end", "either",
                ("popup-flood", "axe-partial")),
    HostilePage("/iframe-out.html", "scope", "iframe from another host", "audited"),
    HostilePage("/redirect-link.html", "scope", "links that 302/301 to another host", "audited"),
    HostilePage("/download-link.html", "scope", "<a download> clicked on load", "audited"),
    # browser tricks
    # Each dialog waits for the tool to dismiss it: on a slow machine the probe (5 s) or the
    # navigation timeout may come before the 21st dialog does.
    HostilePage("/dialog-loop.html", "tricks", "alert/confirm/prompt loop after load",
                "stopped", ("dialog-flood", "unresponsive")),
    HostilePage("/dialog-loop-inline.html", "tricks", "alert loop while parsing", "stopped",
                ("dialog-flood", "timeout")),
    HostilePage("/beforeunload.html", "tricks", "beforeunload prompt and a busy unload",
                "audited"),
    HostilePage("/beforeprint.html", "tricks", "print() and a busy onbeforeprint", "either",
                ("unresponsive",)),
    HostilePage("/fullscreen.html", "tricks", "fullscreen requested without end", "audited"),
    HostilePage("/document-write-loop.html", "tricks", "document.write every 2 ms after load",
                "either", ("never-settled", "unresponsive", "navigation-loop")),
    HostilePage("/service-worker.html", "tricks", "service worker that proxies to another host",
                "audited"),
    HostilePage("/beacon.html", "tricks", "sendBeacon and location change on unload",
                "audited"),
)

BY_PATH = {p.path: p for p in PAGES}
