"""A Chromium session on a background event loop, for the synchronous test-suite.

tests/conftest.py opens one per test session (the ``browser_thread`` fixture); tests submit
coroutines to it from their own thread with a hard timeout. Only tests use it, so it lives here
and not in the ``tester`` package.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import AsyncExitStack, suppress
from typing import Any, TypeVar

from tester.browser import BrowserSession, open_browser
from tester.config import Settings

T = TypeVar("T")


class BrowserThread:
    def __init__(self, settings: Settings, *, loopback_only: bool = False) -> None:
        self.settings = settings
        self.loopback_only = loopback_only
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, daemon=True, name="ashyq-browser"
        )
        self._stack: AsyncExitStack | None = None
        self.session: BrowserSession | None = None

    def start(self) -> BrowserThread:
        self._thread.start()
        self.submit(self._open(), timeout=120)
        return self

    async def _open(self) -> None:
        self._stack = AsyncExitStack()
        self.session = await self._stack.enter_async_context(
            open_browser(self.settings, loopback_only=self.loopback_only)
        )

    def submit(self, coro: Awaitable[T], timeout: float = 300) -> T:
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)  # type: ignore[arg-type]
        try:
            return future.result(timeout)
        except FutureTimeout:
            future.cancel()
            raise

    def run(self, fn: Callable[[BrowserSession], Awaitable[T]], timeout: float = 300,
            settings: Settings | None = None) -> T:
        """Run `fn(session)` on the browser loop and return its result; with `settings`, the
        session's contexts take their default timeouts from them for the length of the call
        (the session's own are the suite's short ones)."""
        session = self.session
        assert session is not None, "BrowserThread.start() first"
        if settings is None:
            return self.submit(fn(session), timeout)

        async def with_settings() -> T:
            own, session.settings = session.settings, settings
            try:
                return await fn(session)
            finally:
                session.settings = own

        return self.submit(with_settings(), timeout)

    def stop(self) -> None:
        if self._stack is not None:
            with suppress(Exception):  # shutting down; nothing useful to report
                self.submit(self._stack.aclose(), timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)

    def __enter__(self) -> BrowserThread:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
