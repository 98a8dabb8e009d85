"""Evaluate the tool's own scripts in an isolated JavaScript world the page cannot reach.

Page scripts run in the page's main world. Anything evaluated there (axe-core, the tool's
probes) sees the page's globals and prototypes, so a hostile page can replace `window.axe`,
`getComputedStyle`, `Element.prototype.getBoundingClientRect` or `Array.prototype.map` and
forge what the audit reads. A Chromium isolated world (the world extensions' content scripts
run in) shares the DOM with the page but has its own globals and prototypes: the page can
neither see nor replace what the tool defines or uses there.

One world per page document: `Page.createIsolatedWorld` returns an execution context that
dies with its document, so after a navigation the next call makes a new world (once), and
`ensure_injected` injects a library (axe-core) again when the world no longer has it.

Only plain JSON values cross the boundary; element handles stay in the main world, so calls
that pass or return elements keep using Playwright's own `evaluate`.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from typing import Any

from playwright.async_api import CDPSession, Page
from playwright.async_api import Error as PlaywrightError

WORLD_NAME = "ashyq"
_STALE_CONTEXT = ("Cannot find context with specified id", "Execution context was destroyed")


class IsolatedEvaluationError(PlaywrightError):
    """A script evaluated in the isolated world threw, or the world could not be made.

    A PlaywrightError, so every caller that already treats a failed `page.evaluate` as
    "the page could not be read" treats this the same way.
    """


@dataclass
class _World:
    cdp: CDPSession
    context_id: int | None = None
    generation: int = 0  # bumped by `renew`: a world of a new name, nothing of the old one


_worlds: weakref.WeakKeyDictionary[Page, _World] = weakref.WeakKeyDictionary()


async def _world(page: Page) -> _World:
    world = _worlds.get(page)
    if world is None:
        try:
            cdp = await page.context.new_cdp_session(page)
        except PlaywrightError as exc:
            raise IsolatedEvaluationError(f"no DevTools session for the page: {exc}") from exc
        world = _worlds.setdefault(page, _World(cdp))
    if world.context_id is None:
        tree = await world.cdp.send("Page.getFrameTree")
        made = await world.cdp.send(
            "Page.createIsolatedWorld",
            {
                "frameId": tree["frameTree"]["frame"]["id"],
                "worldName": f"{WORLD_NAME}-{world.generation}" if world.generation else WORLD_NAME,
                # Playwright's own utility world does the same; without it some DOM reads
                # (e.g. stylesheets' cssRules) of cross-origin resources are refused.
                "grantUniveralAccess": True,
            },
        )
        world.context_id = int(made["executionContextId"])
    return world


def _is_stale(exc: Exception) -> bool:
    return any(text in str(exc) for text in _STALE_CONTEXT)


def _value(reply: dict[str, Any]) -> Any:
    details = reply.get("exceptionDetails")
    if details:
        exception = details.get("exception") or {}
        text = exception.get("description") or exception.get("value") or details.get("text")
        text = text or "script failed"
        raise IsolatedEvaluationError(str(text).splitlines()[0][:300])
    result = reply.get("result") or {}
    if "deepSerializedValue" in result:
        return _deep(result["deepSerializedValue"])
    return result.get("value")


_NUMBERS = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf"), "-0": -0.0}


def _deep(node: dict[str, Any]) -> Any:
    """A CDP deep-serialised value as Playwright's `evaluate` returns it: NaN and Infinity as
    floats, undefined as None (kept as a key in objects), Map/Set as dict/list."""
    kind, value = node.get("type"), node.get("value")
    if kind == "number":
        return _NUMBERS.get(value, value) if isinstance(value, str) else value
    if kind in ("string", "boolean"):
        return value
    if kind == "bigint":
        return int(value)
    if kind in ("array", "set"):
        return [_deep(item) for item in value or []]
    if kind in ("object", "map"):
        return {
            (key if isinstance(key, str) else str(_deep(key))): _deep(item)
            for key, item in value or []
        }
    if kind == "date":
        return value
    return None  # undefined, null, functions, nodes and other handles: no plain value


async def _call(page: Page, method: str, params: dict[str, Any]) -> Any:
    """Send a Runtime call into the page's world, making a new world once if it went stale."""
    for attempt in (1, 2):
        world = await _world(page)
        try:
            key = "executionContextId" if method == "Runtime.callFunctionOn" else "contextId"
            reply = await world.cdp.send(method, {**params, key: world.context_id})
        except PlaywrightError as exc:
            if attempt == 1 and _is_stale(exc):
                world.context_id = None  # the document was replaced: a new world for it
                continue
            raise
        return _value(reply)
    raise IsolatedEvaluationError("the isolated world could not be made")  # pragma: no cover


async def evaluate(page: Page, script: str, arg: Any = None, *, plain_json: bool = False) -> Any:
    """Call the JavaScript function `script` with `arg` in the isolated world; its value back.

    Like `page.evaluate(script, arg)` for a function literal: a returned promise is awaited
    and the value comes back by value. Raises IsolatedEvaluationError when the script throws.
    `plain_json`: the value is plain JSON data (faster to copy for large results).
    """
    return await _call(
        page,
        "Runtime.callFunctionOn",
        {
            "functionDeclaration": script,
            # Plain JSON, as Playwright serialises arguments (None arrives as null, as there).
            "arguments": [{"value": json.loads(json.dumps(arg))}],
            "awaitPromise": True,
            # Deep serialisation keeps NaN, Infinity and keys holding undefined, as Playwright's
            # evaluate does (JSON would turn them into null or drop them).
            **(
                {"returnByValue": True}
                if plain_json
                else {"serializationOptions": {"serialization": "deep"}}
            ),
        },
    )


async def ensure_injected(page: Page, present: str, source: str) -> bool:
    """Run the script `source` in the world unless the expression `present` is already true
    there (a world is per document: after a navigation it is injected again). True when
    injected now."""
    if await _call(page, "Runtime.evaluate", {"expression": present, "returnByValue": True}):
        return False
    await _call(page, "Runtime.evaluate", {"expression": source, "returnByValue": True})
    return True


def renew(page: Page) -> None:
    """The next call runs in a new, empty world: after `interrupt`, whatever the stopped script
    left behind (half-built state, queued continuations) stays in the old one."""
    world = _worlds.get(page)
    if world is not None:
        world.generation += 1
        world.context_id = None


async def interrupt(page: Page) -> bool:
    """Stop the script running in the page now (ours or the page's); False if not possible.

    `Runtime.terminateExecution` is answered even while the renderer's main thread is busy,
    which `page.evaluate` is not: it is how a runaway evaluation is cut short without
    closing the page.
    """
    world = _worlds.get(page)
    if world is None:
        return False
    try:
        await world.cdp.send("Runtime.terminateExecution")
    except PlaywrightError:
        return False
    return True
