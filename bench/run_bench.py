"""Speed and memory of ashyq's page audits against a bare Playwright + axe loop.

Both run in this process, on the same browser build, the same pages (the bundled demo site served
on 127.0.0.1), one after another, repeated; results are reported as ratios to the bare loop:

    .venv/bin/python bench/run_bench.py [--pages 20] [--repeats 3] [--json bench/out/bench.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from axe_playwright_python.async_playwright import Axe

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tester.artifacts import RunDir  # noqa: E402
from tester.browser import BrowserSession, open_browser  # noqa: E402
from tester.checks.axe import AXE_OPTIONS  # noqa: E402
from tester.config import load_settings  # noqa: E402
from tester.demo import DEMO_ROOT, SiteServer  # noqa: E402
from tester.runner import check_pages, new_result  # noqa: E402


def demo_pages(base: str, limit: int) -> list[str]:
    files = sorted(p.relative_to(DEMO_ROOT).as_posix() for p in DEMO_ROOT.rglob("*.html"))
    files = [f for f in files if f != "404.html"]
    # Interleave languages so any page count samples kk, ru and en alike.
    by_lang: dict[str, list[str]] = {}
    for f in files:
        by_lang.setdefault(f.split("/")[0], []).append(f)
    mixed: list[str] = []
    while any(by_lang.values()) and len(mixed) < limit:
        for group in by_lang.values():
            if group and len(mixed) < limit:
                mixed.append(group.pop(0))
    return [base + f for f in mixed]


def tree_rss_mb(root_pid: int) -> float:
    """Resident memory of a process and all its descendants (MB), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / 2**20


async def sampled(fn: Callable[[], Awaitable[None]]) -> tuple[float, float]:
    """Seconds taken and peak memory (MB) of this process tree while `fn` runs."""
    peak = 0.0
    done = asyncio.Event()

    async def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(os.getpid()))
            await asyncio.sleep(0.2)

    sampler = asyncio.ensure_future(sample())
    started = time.perf_counter()
    await fn()
    seconds = time.perf_counter() - started
    done.set()
    await sampler
    return seconds, peak


async def bare_loop(session: BrowserSession, urls: list[str]) -> None:
    """What a person would write by hand: context per page, goto, axe, close."""
    axe = Axe()
    for url in urls:
        ctx = await session.browser.new_context()
        page = await ctx.new_page()
        await page.goto(url, wait_until="load")
        await axe.run(page, options=AXE_OPTIONS)
        await ctx.close()


async def main_async(pages: int, repeats: int) -> dict:
    settings = load_settings()
    with SiteServer(DEMO_ROOT) as server, tempfile.TemporaryDirectory() as tmp:
        urls = demo_pages(server.url, pages)
        async with open_browser(settings) as session:
            browser_version = session.version
            variants: dict[str, Callable[[], Awaitable[None]]] = {
                "bare playwright+axe": lambda: bare_loop(session, urls),
            }
            for depth in ("axe", "all"):
                s = settings.with_overrides(checks=depth, jobs=1)  # the bare loop is sequential

                async def run(s=s, depth=depth) -> None:
                    out = RunDir(Path(tmp) / f"{depth}-{time.monotonic_ns()}")
                    await check_pages(
                        session, urls, s, out, lambda _l: None, new_result(s, "check")
                    )

                variants[f"ashyq check --checks {depth}"] = run
            await bare_loop(session, urls[:2])  # warm-up: caches, JIT, renderer spawn
            runs: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
            for _ in range(repeats):
                for name, fn in variants.items():
                    runs[name].append(await sampled(fn))
    base = statistics.median(s for s, _ in runs["bare playwright+axe"])
    report = {
        "pages": len(urls),
        "repeats": repeats,
        "browser": browser_version,
        "results": {
            name: {
                "median_s": round(statistics.median(s for s, _ in values), 2),
                "s_per_page": round(statistics.median(s for s, _ in values) / len(urls), 3),
                "ratio_to_bare": round(statistics.median(s for s, _ in values) / base, 2),
                "peak_rss_mb": round(max(m for _, m in values)),
            }
            for name, values in runs.items()
        },
    }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path("bench/out/bench.json"))
    args = parser.parse_args()
    report = asyncio.run(main_async(args.pages, args.repeats))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"{report['pages']} demo pages, median of {report['repeats']} runs ({report['browser']})")
    print(f"{'variant':32} {'s/page':>8} {'ratio':>7} {'peak MB':>8}")
    for name, row in report["results"].items():
        print(
            f"{name:32} {row['s_per_page']:8.3f} {row['ratio_to_bare']:7.2f}"
            f" {row['peak_rss_mb']:8d}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
