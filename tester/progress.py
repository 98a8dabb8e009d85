"""Progress of a run: sites and pages done, the rate and an estimate of the time left.

The runner reports lines (what happened) and counts (a site started or finished, a page done)
to one `RunProgress`. On a terminal, `LiveProgress` keeps a status line under the log and
redraws it in place; without one (CI logs), it writes the status as a plain line at a steady
interval, so a long run is never silent and a log is never flooded. The counting and the
status text are pure (a clock is passed in); only LiveProgress writes and keeps a thread.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from tester.terminal import terminal_safe

Clock = Callable[[], float]
PLAIN_INTERVAL_S = 30.0  # without a terminal: one status line this often, at most
LIVE_INTERVAL_S = 0.5  # on a terminal: the status line's redraw


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class RunProgress:
    """Counts a run's progress; calling it with a line passes the line on (the log)."""

    def __init__(self, write: Callable[[str], None] | None = None, *,
                 clock: Clock = time.monotonic) -> None:
        self._write = write or (lambda _line: None)
        self._clock = clock
        self.started = clock()
        self.sites_total = 0
        self.sites_done = 0
        self.pages_done = 0
        self.pages_expected = 0  # an upper bound: the pages the whole run may audit

    def __call__(self, line: str) -> None:
        self._write(line)

    def __enter__(self) -> RunProgress:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def plan(self, sites: int, pages: int) -> None:
        """The run's size: `sites` to audit, at most `pages` pages in all."""
        self.sites_total, self.pages_expected = sites, pages

    def page_done(self) -> None:
        self.pages_done += 1

    def site_done(self) -> None:
        self.sites_done += 1

    def seconds_left(self) -> float | None:
        """From whole sites once one is done (a site's tasks and checks cost as much as its
        pages); before that, from pages against the most the run may audit. None: no basis."""
        elapsed = self._clock() - self.started
        if self.sites_done and self.sites_total > 1:
            return elapsed / self.sites_done * (self.sites_total - self.sites_done)
        if self.pages_done and self.pages_expected:
            return elapsed / self.pages_done * max(0, self.pages_expected - self.pages_done)
        return None

    def status(self) -> str:
        elapsed = max(self._clock() - self.started, 1e-9)
        parts = []
        if self.sites_total > 1:
            parts.append(f"sites {self.sites_done}/{self.sites_total}")
        parts.append(f"pages {self.pages_done}")
        parts.append(f"{self.pages_done / elapsed * 60:.1f} pages/min")
        parts.append(f"{_duration(elapsed)} so far")
        left = self.seconds_left()
        if left is not None and self.sites_done < max(self.sites_total, 1):
            parts.append(f"about {_duration(left)} left")
        return "ashyq: " + " · ".join(parts)


def counts(progress: Callable[[str], None]) -> RunProgress:
    """The RunProgress behind a progress callback (a plain function counts nothing)."""
    return progress if isinstance(progress, RunProgress) else RunProgress()


class LiveProgress(RunProgress):
    """RunProgress on stderr: a status line redrawn in place on a terminal, or a plain status
    line every `interval` seconds in a log. A context manager: the status ends with the run."""

    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None,
                 interval: float | None = None, clock: Clock = time.monotonic) -> None:
        super().__init__(self._line, clock=clock)
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = interval or (LIVE_INTERVAL_S if self.tty else PLAIN_INTERVAL_S)
        self._lock = threading.Lock()
        self._shown = False  # a status line is on screen (terminal only)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _line(self, line: str) -> None:
        with self._lock:
            self._clear()
            print(terminal_safe(line), file=self.stream, flush=True)
            self._draw()

    def _clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[2K")
            self._shown = False

    def _draw(self) -> None:
        if self.tty and not self._stop.is_set():
            self.stream.write(self.status()[:200])
            self.stream.flush()
            self._shown = True

    def _tick(self) -> None:
        while not self._stop.wait(self.interval):
            with self._lock:
                if self.tty:
                    self._clear()
                    self._draw()
                else:
                    print(self.status(), file=self.stream, flush=True)

    def __enter__(self) -> LiveProgress:
        self._thread = threading.Thread(target=self._tick, daemon=True, name="ashyq-progress")
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._lock:
            self._clear()
            self.stream.flush()
