"""Concurrency: ashyq `check --checks axe` at `--jobs 1` and `--jobs 4` against a bare
Playwright + axe-core + screenshot loop at concurrency 4, in this process, on the same pages.

    .venv/bin/python bench/concurrency_bench.py [--pages 20] [--latency 0.8] [--hosts 4]
                                                [--repeats 1] [--json bench/out/concurrency.json]

Two scenarios, each reported as ratios measured in the same run:
- latency-bound: the demo pages served by `--hosts` local servers (so `--per-host` 2 allows
  the concurrency a run of many state bodies has), every HTML answer held `--latency` seconds,
  like a slow state-body site. Targets: jobs 4 at least 3x the pages/s of jobs 1, and within
  1.3x of the bare loop at concurrency 4.
- CPU-bound: the same pages from one fast local server. Target: the default `--jobs` not more
  than 10 % slower than `--jobs 1`.
Figures depend on whatever else the machine is doing: compare figures from one run only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from axe_playwright_python.async_playwright import Axe

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_bench import demo_pages  # noqa: E402

from tester.artifacts import RunDir  # noqa: E402
from tester.browser import BrowserSession, open_browser  # noqa: E402
from tester.checks.axe import AXE_OPTIONS  # noqa: E402
from tester.config import Settings, load_settings  # noqa: E402
from tester.demo import DEMO_ROOT, SiteServer  # noqa: E402
from tester.politeness import default_jobs  # noqa: E402
from tester.runner import check_pages, new_result  # noqa: E402


def slow_html(path: str, latency_s: float) -> Callable[[BaseHTTPRequestHandler], None]:
    """A route that waits `latency_s` before it answers the demo file at `path`."""
    data = (DEMO_ROOT / path).read_bytes()

    def handler(request: BaseHTTPRequestHandler) -> None:
        time.sleep(latency_s)
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(data)

    return handler


def spread(servers: list[SiteServer], pages: int) -> list[str]:
    """`pages` demo pages, taken in turn from each server (one slow site after another)."""
    paths = [u.removeprefix("http://x/") for u in demo_pages("http://x/", pages)]
    return [servers[i % len(servers)].url + path for i, path in enumerate(paths)]


async def bare_loop(session: BrowserSession, urls: list[str], concurrency: int) -> None:
    """What a person would write by hand: a context per page, goto, axe, one screenshot."""
    axe = Axe()
    gate = asyncio.Semaphore(concurrency)

    async def one(url: str) -> None:
        async with gate:
            context = await session.browser.new_context()
            try:
                page = await context.new_page()
                await page.goto(url, wait_until="load")
                await axe.run(page, options=AXE_OPTIONS)
                await page.screenshot(type="jpeg", quality=72, full_page=True)
            finally:
                await context.close()

    await asyncio.gather(*(one(u) for u in urls))


async def ashyq_check(session: BrowserSession, urls: list[str], settings: Settings,
                      tmp: Path) -> None:
    out = RunDir(tmp / f"run-{time.monotonic_ns()}")
    result = await check_pages(session, urls, settings, out, lambda _l: None,
                               new_result(settings, "check"))
    broken = [p.url for s in result.sites for p in s.pages if p.axe_status != "ok"]
    if broken:
        raise SystemExit(f"pages not audited, the figures would mean nothing: {broken[:3]}")


async def timed(fn: Callable[[], Awaitable[None]]) -> float:
    started = time.perf_counter()
    await fn()
    return time.perf_counter() - started


async def scenario(session: BrowserSession, urls: list[str], settings: Settings, tmp: Path,
                   repeats: int, jobs: dict[str, int], bare: int) -> dict[str, float]:
    """Median seconds of each variant, the variants taking turns within each repeat."""
    variants: dict[str, Callable[[], Awaitable[None]]] = {
        f"bare loop, concurrency {bare}": lambda: bare_loop(session, urls, bare)}
    for name, n in jobs.items():
        variants[name] = lambda n=n: ashyq_check(
            session, urls, settings.with_overrides(jobs=n, checks="axe"), tmp)
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeats):
        for name, fn in variants.items():
            times[name].append(await timed(fn))
    return {name: statistics.median(values) for name, values in times.items()}


async def main_async(pages: int, latency: float, hosts: int, repeats: int) -> dict:
    settings = load_settings()
    auto = default_jobs()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        paths = [u.removeprefix("http://x/") for u in demo_pages("http://x/", pages)]
        slow = [stack.enter_context(SiteServer(DEMO_ROOT, routes={
            "/" + p: slow_html(p, latency) for p in paths})) for _ in range(hosts)]
        fast = stack.enter_context(SiteServer(DEMO_ROOT))
        slow_urls = spread(slow, pages)
        fast_urls = [fast.url + p for p in paths]
        async with open_browser(settings) as session:
            await bare_loop(session, fast_urls[:2], 1)  # warm-up: caches, renderer spawn
            latency_bound = await scenario(session, slow_urls, settings, tmp, repeats,
                                           {"ashyq --jobs 1": 1, "ashyq --jobs 4": 4}, bare=4)
            cpu_bound = await scenario(session, fast_urls, settings, tmp, repeats,
                                       {"ashyq --jobs 1": 1, f"ashyq --jobs {auto} (default)":
                                        auto}, bare=auto)
            browser = session.version
    lb, cb = latency_bound, cpu_bound
    return {
        "pages": pages, "latency_s": latency, "hosts": hosts, "repeats": repeats,
        "browser": browser, "default_jobs": auto,
        "latency_bound_s": {k: round(v, 2) for k, v in lb.items()},
        "cpu_bound_s": {k: round(v, 2) for k, v in cb.items()},
        "ratios": {
            "latency: jobs 4 pages/s over jobs 1 (target >= 3)":
                round(lb["ashyq --jobs 1"] / lb["ashyq --jobs 4"], 2),
            "latency: jobs 4 time over bare loop at 4 (target <= 1.3)":
                round(lb["ashyq --jobs 4"] / lb["bare loop, concurrency 4"], 2),
            "cpu: default jobs time over jobs 1 (target <= 1.1)":
                round(cb[f"ashyq --jobs {auto} (default)"] / cb["ashyq --jobs 1"], 2),
            f"cpu: default jobs time over bare loop at {auto}":
                round(cb[f"ashyq --jobs {auto} (default)"] / cb[f"bare loop, concurrency {auto}"],
                      2),
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.8, help="seconds before each HTML")
    parser.add_argument("--hosts", type=int, default=4, help="slow servers the pages spread on")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--json", type=Path, default=Path("bench/out/concurrency.json"))
    args = parser.parse_args()
    report = asyncio.run(main_async(args.pages, args.latency, args.hosts, args.repeats))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"{report['pages']} demo pages, {report['browser']}, median of {report['repeats']}")
    for title, key in (("latency-bound", "latency_bound_s"), ("CPU-bound", "cpu_bound_s")):
        print(f"{title}:")
        for name, seconds in report[key].items():
            print(f"  {name:34} {seconds:7.2f} s  {report['pages'] / seconds:6.2f} pages/s")
    for name, ratio in report["ratios"].items():
        print(f"{name:62} {ratio:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
