"""Progress: the status a long run shows (sites and pages done, rate, time left), on a
terminal redrawn in place, in a log as a plain line at a steady interval."""

from __future__ import annotations

import io
import time

from tester.progress import LiveProgress, RunProgress, counts


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_status_counts_pages_and_says_the_rate_and_time_left_for_pages_known_up_front() -> None:
    clock = Clock()
    progress = RunProgress(clock=clock)
    progress.plan(0, 10)  # `ashyq check` of 10 pages
    assert progress.status() == "ashyq: pages 0 · 0.0 pages/min · 0 s so far"  # no basis yet
    for _ in range(4):
        progress.page_done()
    clock.now += 60
    assert progress.status() == ("ashyq: pages 4 · 4.0 pages/min · 1 min 00 s so far · "
                                 "about 1 min 30 s left")


def test_time_left_goes_by_whole_sites_once_one_is_done() -> None:
    clock = Clock()
    progress = RunProgress(clock=clock)
    progress.plan(3, 60)
    for _ in range(5):
        progress.page_done()
    clock.now += 100
    assert "sites 0/3" in progress.status() and "about 18 min 20 s left" in progress.status()
    progress.site_done()  # the first site took 100 s: two more to go
    assert "sites 1/3" in progress.status() and "about 3 min 20 s left" in progress.status()
    progress.site_done()
    progress.site_done()
    assert "left" not in progress.status()  # done: nothing is left to estimate


def test_a_plain_progress_function_counts_nothing_and_is_not_broken() -> None:
    lines: list[str] = []
    counts(lines.append).page_done()  # a throwaway counter: no error, nothing written
    assert lines == []
    progress = RunProgress(lines.append)
    assert counts(progress) is progress
    progress("  task find-contacts …")
    assert lines == ["  task find-contacts …"]


def test_on_a_terminal_the_status_stays_under_the_log_and_goes_at_the_end() -> None:
    stream = io.StringIO()
    with LiveProgress(stream, tty=True, interval=3600) as live:
        live.plan(0, 2)
        live("[1/2] http://127.0.0.1/\x1b]0;pwned\x07")
        live.page_done()
        live("[2/2] http://127.0.0.1/b")
    text = stream.getvalue()
    assert "\x1b]0;" not in text and "\\x1b]0;pwned" in text  # page text escaped
    assert text.count("ashyq: pages") == 2  # drawn after each line
    assert text.count("\r\x1b[2K") == 2  # cleared before the next line, and at the end
    assert text.endswith("\r\x1b[2K")


def test_in_a_log_the_status_is_a_plain_line_at_a_steady_interval() -> None:
    stream = io.StringIO()
    with LiveProgress(stream, tty=False, interval=0.05) as live:
        live.plan(0, 3)
        live.page_done()
        time.sleep(0.3)
    lines = stream.getvalue().splitlines()
    assert 2 <= len(lines) <= 8 and all(line.startswith("ashyq: pages 1 ·") for line in lines)
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue()
    after = len(stream.getvalue())
    time.sleep(0.15)
    assert len(stream.getvalue()) == after  # the ticker stopped with the run
