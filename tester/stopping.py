"""Stopping a run honestly: Ctrl-C (SIGINT) and SIGTERM (how CI cancels a job) end the run.

The run then unwinds (the browser is closed, the current page or task is cancelled and
collected), the report of what was gathered is written, and the command exits 130. A signal
never kills the process mid-report: before and after the event loop it is only recorded;
while the loop runs it cancels the run's task through `loop.add_signal_handler`, which wakes
the loop at once, however long the awaited browser call would have taken.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType
from typing import Any, TypeVar

T = TypeVar("T")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _signals_blocked() -> Iterator[None]:
    # Handlers are swapped with the signals held back, so none arrives between the two.
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class StopSignals:
    """Context manager (main thread only): SIGINT/SIGTERM are recorded in `received`, and
    `run(work)` cancels `work` when one arrives."""

    def __init__(self) -> None:
        self.received: int | None = None  # the first stop signal, if any
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> StopSignals:
        with _signals_blocked():
            for sig in STOP_SIGNALS:
                self._previous[sig] = signal.signal(sig, self._record)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        with _signals_blocked():
            for sig, handler in self._previous.items():
                signal.signal(sig, handler)

    def _record(self, signum: int, _frame: FrameType | None = None) -> None:
        if self.received is None:
            self.received = signum

    def _quiet_after_stop(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        # Ctrl-C in a terminal signals the whole process group, the Playwright driver too: its
        # pipe then closes under calls nobody awaits any more. After a stop that is expected,
        # not an error to print; anything else goes to asyncio's usual handler.
        unretrieved = str(context.get("message", "")).endswith("exception was never retrieved")
        if not (self.received is not None and unretrieved):
            loop.default_exception_handler(context)

    async def run(self, work: Coroutine[Any, Any, T]) -> T | None:
        """Await `work`; a stop signal cancels it and returns None (it has unwound by then).

        A second signal cancels again, cutting the unwinding short (the browser driver still
        kills Chromium when it exits).
        """
        loop = asyncio.get_running_loop()
        task = asyncio.ensure_future(work)

        def stop(signum: int) -> None:
            self._record(signum)
            task.cancel()

        with _signals_blocked():
            for sig in STOP_SIGNALS:
                loop.add_signal_handler(sig, stop, sig)
        loop.set_exception_handler(self._quiet_after_stop)
        if self.received is not None:  # a signal came before the loop started
            task.cancel()
        try:
            return await task
        except asyncio.CancelledError:
            if self.received is None:
                raise
            return None
        finally:
            # loop.remove_signal_handler resets to the default (fatal for SIGTERM): record again.
            with _signals_blocked():
                for sig in STOP_SIGNALS:
                    loop.remove_signal_handler(sig)
                    signal.signal(sig, self._record)
