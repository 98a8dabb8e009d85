"""Browser errors in a stable vocabulary: the one-line reason and key of a Playwright failure."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from playwright.async_api import TimeoutError as PlaywrightTimeout

# Playwright/Chromium error text -> (stable key, English one-liner). The key is what reports
# translate (catalog `site_error.<key>`) and what result.json's `error_code` fields hold; the
# first needle found in the text wins, so more specific needles come first.
BROWSER_ERRORS: tuple[tuple[str, str, str], ...] = (
    ("ERR_TOO_MANY_REDIRECTS", "redirect-loop", "redirect loop (too many redirects)"),
    ("ERR_CONNECTION_REFUSED", "connection-refused", "connection refused"),
    ("ERR_NAME_NOT_RESOLVED", "dns", "host name not resolved"),
    ("ERR_NAME_RESOLUTION_FAILED", "dns", "host name not resolved"),
    ("ERR_UNSAFE_PORT", "blocked-port", "port blocked by the browser (unsafe port)"),
    ("ERR_CERT", "tls", "TLS certificate error"),
    ("ERR_SSL", "tls", "TLS connection failed"),
    ("ERR_BAD_SSL", "tls", "TLS connection failed"),
    ("ERR_CONNECTION_TIMED_OUT", "timeout", "connection timed out"),
    ("ERR_TIMED_OUT", "timeout", "timed out"),
    ("ERR_ADDRESS_UNREACHABLE", "unreachable", "address unreachable"),
    ("ERR_INTERNET_DISCONNECTED", "unreachable", "no network"),
    ("ERR_BLOCKED_BY_CLIENT", "out-of-scope", "outside the audited site (not followed)"),
    ("ERR_ACCESS_DENIED", "blocked-address", "address refused by the network policy (cloud "
     "metadata, link-local, or a private network the settings do not allow)"),
    ("ERR_ABORTED", "aborted", "navigation aborted (download or cancelled)"),
    ("Download is starting", "download", "link starts a download"),
    ("Target page, context or browser has been closed", "closed", "page closed (budget exceeded)"),
    ("ERR_EMPTY_RESPONSE", "empty-response", "server sent an empty response"),
    ("ERR_CONNECTION_RESET", "connection-reset", "connection reset"),
    ("ERR_CONNECTION_CLOSED", "connection-reset", "connection closed by the server"),
    ("ERR_INVALID_RESPONSE", "bad-response", "server sent an invalid response"),
    ("ERR_INVALID_HTTP_RESPONSE", "bad-response", "server sent an invalid response"),
    ("ERR_CONTENT_DECODING_FAILED", "bad-response", "server sent an invalid response"),
    ("ERR_HTTP2_PROTOCOL_ERROR", "bad-response", "server sent an invalid response"),
)
# Reasons the tool writes itself (load(), the page budget) and their keys, so error_code() also
# classifies an already-described error.
OWN_ERRORS: dict[str, str] = {
    "page load timed out": "timeout",
    "client-side redirect loop": "redirect-loop",
    "page budget exceeded": "budget",
}
OTHER_ERROR = "browser-error"


def describe_error(exc: BaseException) -> str:
    """A one-line, user-facing reason for a browser error."""
    text = str(exc)
    for needle, _key, reason in BROWSER_ERRORS:
        if needle in text:
            return reason
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return first[:200]


def error_code(error: BaseException | str | None) -> str | None:
    """The stable key of a browser error, from the exception or its (described) text.

    None for no error; OTHER_ERROR when the text matches nothing known.
    """
    if error is None:
        return None
    if isinstance(error, PlaywrightTimeout):
        return "timeout"
    text = str(error)
    if not text.strip():
        return OTHER_ERROR if isinstance(error, BaseException) else None
    for needle, key, reason in BROWSER_ERRORS:
        if needle in text or text.startswith(reason):
            return key
    lowered = text.lower()
    for reason, key in OWN_ERRORS.items():
        if lowered.startswith(reason):
            return key
    if text.startswith("Timeout ") and "exceeded" in text:  # Playwright's timeout wording
        return "timeout"
    return OTHER_ERROR


async def quietly(awaitable: Any) -> None:
    """Await, ignoring any error: for clean-ups on pages that may be gone."""
    with suppress(Exception):
        await awaitable
