"""The tool's own requests under a run's limits, against a real server on 127.0.0.1: one host
never gets more than `per_host` requests at once, and a request already on the wire is shared,
not asked again, by work running side by side."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest
from support.http_recorder import Answer, Recorder

from tester.config import Settings
from tester.fetch import Fetcher
from tester.fetchcache import RunCache
from tester.politeness import Politeness, politeness
from tester.scope import Scope


@pytest.fixture
def slow_site() -> Iterator[tuple[Recorder, dict[str, int]]]:
    """Every /slow/N answers after 0.2 s; `seen` keeps the most requests served at once."""
    server = Recorder()
    seen = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def slow() -> Answer:
        with lock:
            seen["now"] += 1
            seen["peak"] = max(seen["peak"], seen["now"])
        time.sleep(0.2)
        with lock:
            seen["now"] -= 1
        return 200, {"Content-Type": "text/html"}, b"<p>ok</p>"

    for n in range(8):
        server.routes[f"/slow/{n}"] = slow
    yield server, seen
    server.close()


def _fetcher(server: Recorder) -> Fetcher:
    settings = Settings().with_overrides(navigation_timeout_ms=5_000)
    return Fetcher(Scope.for_url(server.origin), resolve=settings.resolve_map(),
                   timeout_ms=5_000, cache=RunCache())


def test_requests_to_one_host_stay_within_per_host(slow_site: tuple[Recorder, dict[str, int]]
                                                   ) -> None:
    server, seen = slow_site

    async def main() -> list[int | None]:
        with politeness(Politeness(jobs=8, per_host=2)):
            async with _fetcher(server) as fetcher:
                answers = await asyncio.gather(
                    *(fetcher.fetch(f"{server.origin}/slow/{n}") for n in range(8)))
        return [a.status for a in answers]

    assert asyncio.run(main()) == [200] * 8
    assert seen["peak"] == 2


def test_without_a_run_the_requests_go_side_by_side(slow_site: tuple[Recorder, dict[str, int]]
                                                    ) -> None:
    server, seen = slow_site

    async def main() -> None:
        async with _fetcher(server) as fetcher:
            await asyncio.gather(*(fetcher.fetch(f"{server.origin}/slow/{n}") for n in range(4)))

    asyncio.run(main())
    assert seen["peak"] > 2  # the limit above is the run's, not the client's


def test_the_same_request_on_the_wire_is_asked_once(slow_site: tuple[Recorder, dict[str, int]]
                                                    ) -> None:
    server, _seen = slow_site

    async def main() -> list[int | None]:
        async with _fetcher(server) as fetcher:
            answers = await asyncio.gather(
                *(fetcher.fetch(f"{server.origin}/slow/1") for _ in range(5)),
                fetcher.fetch(f"{server.origin}/slow/2", method="HEAD"))
        return [a.status for a in answers]

    assert asyncio.run(main()) == [200] * 6
    assert server.count("/slow/1") == 1
    assert server.count("/slow/2", "HEAD") == 1
