"""`ashyq` subprocess runs for the hostile suite, and how its pages are batched into them."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from catalog import PAGES, HostilePage
from sites import HostileSite, OutsideListener

REPO = Path(__file__).resolve().parents[2]
# Short settings, as tests/conftest.py uses in-process; the liveness probe keeps its default
# (5 s), which is what the per-page bounds in catalog.py are built on. One page at a time in
# each run: the runs themselves go side by side (6 processes on CI's 2 cores), and pages that
# spin the CPU would otherwise push their neighbours past the suite's short timeouts.
# (tests/e2e/test_runner_hostile.py audits hostile pages side by side, in-process.)
SUITE_ENV = {
    "ASHYQ_JOBS": "1",
    "ASHYQ_NAVIGATION_TIMEOUT_MS": "8000",
    "ASHYQ_ACTION_TIMEOUT_MS": "3000",
    "ASHYQ_AXE_TIMEOUT_MS": "20000",
    "ASHYQ_PAGE_BUDGET_S": "60",
    "ASHYQ_TASK_BUDGET_S": "30",
}
RUN_TIMEOUT_S = 420
PAGE_SECONDS = re.compile(r"\((\d+(?:\.\d+)?) s\)$")


def load_slack() -> float:
    """Per-page bounds hold on a machine with free cores; on a loaded one (CI neighbours, other
    test sessions) they stretch with the load per core, up to 3x (still under the budget)."""
    try:
        per_core = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:
        return 1.0
    return round(min(3.0, max(1.0, per_core)), 2)


@dataclass
class AshyqRun:
    """One `ashyq` subprocess: its exit code, wall time, and the time each page line arrived."""

    name: str
    args: list[str]
    out: Path
    exit_code: int | None = None
    seconds: float = 0.0
    stderr: list[tuple[float, str]] = field(default_factory=list)
    _proc: subprocess.Popen[str] | None = None
    _reader: threading.Thread | None = None
    _started: float = 0.0

    def start(self) -> AshyqRun:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASHYQ_")}
        env.update(SUITE_ENV)
        self._started = time.monotonic()
        self._proc = subprocess.Popen(
            [str(REPO / ".venv/bin/python"), "-m", "tester", *self.args, "--out", str(self.out)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            encoding="utf-8", errors="replace",
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def _read(self) -> None:
        assert self._proc is not None and self._proc.stderr is not None
        for line in self._proc.stderr:
            self.stderr.append((time.monotonic() - self._started, line.rstrip("\n")))

    def wait(self) -> AshyqRun:
        assert self._proc is not None
        try:
            self.exit_code = self._proc.wait(timeout=max(1.0, RUN_TIMEOUT_S - self.elapsed()))
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
            self.exit_code = None  # the tests report it as "did not finish"
        self.seconds = round(self.elapsed(), 1)
        if self._reader is not None:
            self._reader.join(timeout=5)
        return self

    def elapsed(self) -> float:
        return time.monotonic() - self._started

    def page_seconds(self, urls: list[str]) -> dict[str, float]:
        """`check` prints `[i/n] URL: … (S s)` as each page ends, S being the page's own time
        (pages run side by side, so the gaps between lines say nothing)."""
        times: dict[str, float] = {}
        for index, url in enumerate(urls, 1):
            prefix = f"[{index}/{len(urls)}] {url}:"
            line = next((line for _t, line in self.stderr if line.startswith(prefix)), None)
            found = PAGE_SECONDS.search(line) if line is not None else None
            times[url] = float(found.group(1)) if found else float("inf")
        return times


@dataclass
class HostileRuns:
    site: HostileSite
    outside: OutsideListener
    runs: dict[str, AshyqRun]
    batches: dict[str, list[HostilePage]]
    slack: float = 1.0  # load_slack() when the runs started

    def url(self, page: HostilePage) -> str:
        return self.site.url(page.path)


# Pages that would disturb the others (a flood of windows, hung renderers) get their own batch;
# the rest share one `ashyq check`. Batches run side by side.
CHECK_BATCHES = {
    "check-timing": ["timing"],
    "check-content-scope": ["content", "scope"],
    "check-tricks": ["tricks"],
}
# With every check (low-vision battery too), so the probes between checks are exercised.
ALL_CHECKS = ["/index.html", "/dom-churn.html", "/raf-heavy.html"]


def batches_by_run() -> dict[str, list[HostilePage]]:
    batches = {name: [p for p in PAGES if p.group in groups] for name, groups in
               CHECK_BATCHES.items()}
    batches["check-all-checks"] = [p for p in PAGES if p.path in ALL_CHECKS] + [
        HostilePage("/index.html", "normal", "a normal page", "audited")
    ]
    return batches


