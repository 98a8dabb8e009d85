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
    """What a person would write by hand: context per page, goto, axe, one screenshot, close."""
    axe = Axe()
    for url in urls:
        ctx = await session.browser.new_context()
        page = await ctx.new_page()
        await page.goto(url, wait_until="load")
        await axe.run(page, options=AXE_OPTIONS)
        await page.screenshot(type="jpeg", quality=72, full_page=True)
        await ctx.close()


def synthetic_site(folder: Path, pages: int) -> Path:
    """`pages` pages of about 40 KB: a 60-link navigation, long text, a table, a form and a
    few barriers (images without alt, low-contrast notes, an unlabelled field), like a
    state body's news pages."""
    nav = "".join(f'<li><a href="/p{i}.html">Раздел {i}</a></li>' for i in range(60))
    for n in range(pages):
        text = "".join(
            f"<h2>Новость {n}.{k}</h2><p>{'Акимат района сообщает о ходе работ. ' * 24}</p>"
            f'<p style="color:#999;background:#fff">Примечание {k}</p>'
            f'<img src="/img{k}.png" width="120" height="80">'
            for k in range(12))
        table = "".join(f"<tr><td>{r}</td><td>Услуга {r}</td><td>10 дней</td></tr>"
                        for r in range(20))
        (folder / f"p{n}.html").write_text(
            f'<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Страница {n}'
            f"</title></head><body><header><nav><ul>{nav}</ul></nav></header><main>"
            f"<h1>Страница {n}</h1>{text}<table>{table}</table>"
            f'<form><input type="text" name="q"><button>Найти</button></form></main>'
            f"<footer><p>Контакты: +7 7172 00 00 00</p></footer></body></html>",
            encoding="utf-8")
    return folder


async def main_async(pages: int, repeats: int, site: str = "demo") -> dict:
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp, SiteServer(
            synthetic_site(Path(tmp), pages) if site == "synthetic" else DEMO_ROOT) as server:
        urls = (demo_pages(server.url, pages) if site == "demo"
                else [f"{server.url}p{n}.html" for n in range(pages)])
        async with open_browser(settings) as session:
            browser_version = session.version
            variants: dict[str, Callable[[], Awaitable[None]]] = {
                "bare playwright+axe": lambda: bare_loop(session, urls),
            }
            disk: dict[str, float] = {}
            for depth in ("axe", "all"):
                s = settings.with_overrides(checks=depth, jobs=1)  # the bare loop is sequential

                async def run(s=s, depth=depth) -> None:
                    out = RunDir(Path(tmp) / f"{depth}-{time.monotonic_ns()}")
                    await check_pages(
                        session, urls, s, out, lambda _l: None, new_result(s, "check")
                    )
                    written = sum(f.stat().st_size for f in out.root.rglob("*") if f.is_file())
                    disk[f"ashyq check --checks {depth}"] = written / len(urls) / 2**20

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
                "screenshot_mb_per_page": round(disk.get(name, 0.0), 2),
            }
            for name, values in runs.items()
        },
    }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--site", choices=("demo", "synthetic"), default="demo",
                        help="the bundled demo pages, or generated 40 KB pages with a 60-link "
                        "navigation")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path("bench/out/bench.json"))
    args = parser.parse_args()
    report = asyncio.run(main_async(args.pages, args.repeats, args.site))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"{report['pages']} {args.site} pages, median of {report['repeats']} runs "
          f"({report['browser']})")
    print(f"{'variant':32} {'s/page':>8} {'ratio':>7} {'peak MB':>8} {'MB/page':>8}")
    for name, row in report["results"].items():
        print(
            f"{name:32} {row['s_per_page']:8.3f} {row['ratio_to_bare']:7.2f}"
            f" {row['peak_rss_mb']:8d} {row['screenshot_mb_per_page']:8.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
