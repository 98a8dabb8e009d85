"""Concurrency limits (tester.politeness) and the crawl whose choices do not depend on timing."""

from __future__ import annotations

import asyncio
import random
import time

import pytest

from tester.politeness import HostLimiter, Politeness, browser_work, default_jobs, politeness
from tester.runner.crawl import CrawlQueue, crawl
from tester.scope import Scope


@pytest.mark.parametrize(("cores", "jobs"), [(1, 2), (2, 4), (3, 6), (4, 8), (64, 8)])
def test_default_jobs_follow_the_cores_within_bounds(cores: int, jobs: int) -> None:
    assert default_jobs(cores) == jobs


async def _peak(limits: Politeness, urls: list[str], hold_s: float = 0.03) -> dict[str, int]:
    """The most holders seen at once per host, and over all ('*')."""
    now: dict[str, int] = {}
    peak: dict[str, int] = {}

    async def one(url: str) -> None:
        async with limits.browser_work(url):
            host = Scope.key(url)
            for key in (host, "*"):
                now[key] = now.get(key, 0) + 1
                peak[key] = max(peak.get(key, 0), now[key])
            await asyncio.sleep(hold_s)
            for key in (host, "*"):
                now[key] -= 1

    await asyncio.gather(*(one(u) for u in urls))
    return peak


def test_per_host_and_jobs_bound_what_runs_at_once() -> None:
    urls = [f"http://{host}.example/p{i}" for host in ("a", "b", "c") for i in range(6)]
    peak = asyncio.run(_peak(Politeness(jobs=4, per_host=2), urls))
    assert peak["a.example"] == peak["b.example"] == peak["c.example"] == 2
    assert peak["*"] == 4  # three hosts could run six at once; jobs caps them at four


def test_one_host_never_gets_more_than_per_host_even_with_many_jobs() -> None:
    urls = [f"http://one.example/p{i}" for i in range(10)]
    peak = asyncio.run(_peak(Politeness(jobs=8, per_host=3), urls))
    assert peak == {"one.example": 3, "*": 3}


def test_delay_spaces_starts_on_one_host_but_not_across_hosts() -> None:
    starts: dict[str, list[float]] = {}

    async def main() -> None:
        limiter = HostLimiter(per_host=4, delay_s=0.15)

        async def one(url: str) -> None:
            async with limiter.slot(url):
                starts.setdefault(Scope.key(url), []).append(time.monotonic())

        await asyncio.gather(*(one(f"http://{h}.example/{i}") for h in "xy" for i in range(3)))

    asyncio.run(main())
    for times in starts.values():
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        assert all(gap >= 0.14 for gap in gaps), gaps
    # The two hosts started together: spacing is per host.
    assert abs(starts["x.example"][0] - starts["y.example"][0]) < 0.1


async def _peak_of_module_slots(limits: Politeness | None) -> int:
    """The most `browser_work` holders at once, five asking, inside `limits` (or none)."""
    running = peak = 0

    async def one() -> None:
        nonlocal running, peak
        async with browser_work("http://a.example/"):
            running += 1
            peak = max(peak, running)
            await asyncio.sleep(0.01)
            running -= 1

    if limits is None:
        await asyncio.gather(*(one() for _ in range(5)))
    else:
        with politeness(limits):  # tasks started inside inherit the run's limits
            await asyncio.gather(*(asyncio.ensure_future(one()) for _ in range(5)))
    return peak


def test_outside_a_run_nothing_is_limited() -> None:
    assert asyncio.run(_peak_of_module_slots(None)) == 5


def test_a_run_s_limits_reach_the_tasks_it_starts() -> None:
    assert asyncio.run(_peak_of_module_slots(Politeness(jobs=4, per_host=1))) == 1


# A site whose pages link onward: page n links to n*3+1 .. n*3+3 (a tree), plus the home page.
def _links(n: int) -> list[str]:
    return [f"http://site.example/p{k}" for k in range(3 * n + 1, 3 * n + 4)] + [
        "http://site.example/"]


def _crawl_order(seed: int, budget: int, window: int = 4, fail: frozenset[int] = frozenset()
                 ) -> list[str]:
    """The pages a crawl picks, in pick order, when pages finish in a random order."""
    rng = random.Random(seed)
    picked: list[str] = []

    async def audit(url: str, pick: int) -> tuple[str, int | None]:
        picked.append(url)
        await asyncio.sleep(rng.random() / 200)
        n = int(url.rsplit("p", 1)[1])
        return url, None if n in fail else n

    async def main() -> None:
        queue = CrawlQueue(Scope.for_url("http://site.example/"))
        queue.mark_seen("http://site.example/")
        for link in _links(0):
            queue.push(link)
        await crawl(queue, budget, audit, _links, window=window)

    asyncio.run(main())
    return picked


def test_the_crawl_picks_the_same_pages_whatever_finishes_first() -> None:
    orders = {tuple(_crawl_order(seed, budget=15)) for seed in range(12)}
    assert len(orders) == 1
    (order,) = orders
    assert len(order) == 15 and len(set(order)) == 15


def test_pages_without_a_snapshot_add_no_links_and_the_crawl_ends_when_nothing_is_left() -> None:
    # p1..p3 fail: only they can be reached from home, so the crawl stops at three pages.
    orders = {tuple(_crawl_order(seed, budget=15, fail=frozenset({1, 2, 3}))) for seed in
              range(6)}
    assert orders == {("http://site.example/p1", "http://site.example/p2",
                       "http://site.example/p3")}


def test_a_cancelled_crawl_leaves_no_audit_running() -> None:
    running: set[str] = set()

    async def audit(url: str, pick: int) -> tuple[str, int]:
        running.add(url)
        try:
            await asyncio.sleep(30)
        finally:
            running.discard(url)
        return url, 0

    async def main() -> None:
        queue = CrawlQueue(Scope.for_url("http://site.example/"))
        for link in _links(0):
            queue.push(link)
        job = asyncio.ensure_future(crawl(queue, 10, audit, _links, window=3))
        await asyncio.sleep(0.05)
        assert len(running) == 3  # the window's worth in flight
        job.cancel()
        with pytest.raises(asyncio.CancelledError):
            await job

    asyncio.run(main())
    assert running == set()
