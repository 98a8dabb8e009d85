"""Targets to Playwright locators, and the checks behind `expect:` (browser side)."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import unquote

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from tester.scenarios.model import Expectation, Target

POLL_S = 0.2


def locate(page: Page, target: Target, *, include_hidden: bool = False) -> Locator:
    """Elements matching the target (role targets skip hidden ones unless include_hidden)."""
    match = target.match
    exact = target.exact if match is not None and match.regex is None else None
    if target.by == "role":
        name = match.pattern if match is not None else None
        return page.get_by_role(
            target.value, name=name, exact=exact, include_hidden=include_hidden or None  # type: ignore[arg-type]
        )
    if target.by == "css":
        return page.locator(target.value)
    assert match is not None  # the loader guarantees text for text/label/placeholder
    if target.by == "label":
        return page.get_by_label(match.pattern, exact=exact)
    if target.by == "placeholder":
        return page.get_by_placeholder(match.pattern, exact=exact)
    return page.get_by_text(match.pattern, exact=exact)


def locate_visible(page: Page, target: Target) -> Locator:
    """The first visible match: what a person would see and act on."""
    return locate(page, target).filter(visible=True).first


async def explain_missing(page: Page, target: Target, error: BaseException, verb: str) -> str:
    """Why an action on a target timed out, in words a scenario author can act on."""
    url = page.url
    try:
        total = await locate(page, target, include_hidden=True).count()
        visible = await locate_visible(page, target).count()
    except PlaywrightError:
        return f"{target.describe()} not found on {url}"
    if total == 0:
        return f"{target.describe()} not found on {url}"
    if visible == 0:
        return (f"{target.describe()} is on {url} but not visible (in a closed menu? "
                "hover or click to open it first)")
    text = str(error)
    reason = "timed out"
    if "intercepts pointer events" in text:
        reason = "another element covers it"
    elif "not enabled" in text or "disabled" in text:
        reason = "it is disabled"
    elif "not editable" in text:
        reason = "it is not editable"
    return f"could not {verb} {target.describe()} on {url}: {reason}"


def lang_matches(expected: str, actual: str) -> bool:
    """'kk' accepts 'kk' and 'kk-KZ'; 'kk-KZ' needs exactly that (case-insensitive)."""
    expected, actual = expected.strip().lower(), actual.strip().lower().replace("_", "-")
    if "-" in expected:
        return actual == expected
    return actual.split("-")[0] == expected


# title, lang and body text in one round trip; only the parts an expectation asks for.
_PAGE_FACTS = """(want) => ({
  title: want.title ? document.title : '',
  lang: want.lang ? (document.documentElement.getAttribute('lang') || '') : '',
  text: want.text && document.body ? document.body.innerText : '',
})"""


async def _check_once(page: Page, exp: Expectation) -> tuple[str, str] | None:
    """(failing part, reason) for the first unmet condition, None when all hold."""
    url = page.url
    if exp.url is not None and not (exp.url.matches(url) or exp.url.matches(unquote(url))):
        return f"url '{exp.url}'", f"the page is {url}"
    want = {"title": exp.title is not None, "lang": exp.lang is not None,
            "text": exp.text is not None}
    facts = await page.evaluate(_PAGE_FACTS, want) if any(want.values()) else {}
    if exp.title is not None:
        title = facts["title"]
        if not exp.title.matches(title):
            return f"title '{exp.title}'", f"the title on {url} is '{title[:120]}'"
    if exp.lang is not None:
        actual = facts["lang"]
        if not lang_matches(exp.lang, actual):
            shown = f"lang is '{actual}'" if actual else "there is no lang attribute"
            return f"lang '{exp.lang}'", f"{shown} on {url}"
    if exp.text is not None and not exp.text.matches(facts["text"] or ""):
        return f"text '{exp.text}'", f"not found on {url}"
    if exp.visible is not None and not await locate_visible(page, exp.visible).count():
        return f"visible {exp.visible.describe()}", f"not visible on {url}"
    return None


async def check_expectation(
    page: Page, exp: Expectation, timeout_ms: int
) -> tuple[str, str] | None:
    """Poll until every condition holds or the timeout passes (pages may still be rendering)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        try:
            failure = await _check_once(page, exp)
        except PlaywrightError:
            if page.is_closed():
                raise
            failure = ("page", f"{page.url} was still loading")  # context destroyed mid-check
        if failure is None or time.monotonic() >= deadline:
            return failure
        await asyncio.sleep(POLL_S)


async def select_options(locator: Locator) -> list[tuple[str, str]]:
    """(value, label) of each option of a <select>; empty when it is not a select."""
    return await locator.evaluate(
        "el => Array.from(el.options || []).map(o => [o.value, (o.label || o.text).trim()])"
    )
