"""What a fleet run keeps in Redis, beside the broker's own queue.

Per run: its plan (URLs, settings, report folder), and per site: its state, how many times a
worker started it, and its result. A result is stored under its site's index with HSET, so a
task delivered twice (a worker lost after the audit, before the acknowledgement) overwrites
its own entry: a site is never counted twice.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

PREFIX = "ashyq:fleet"
KEEP_S = 7 * 24 * 3600  # a run's keys live a week after their last write
RECENT_RUNS = 50


def _key(run_id: str, part: str) -> str:
    return f"{PREFIX}:run:{run_id}:{part}"


@dataclass
class SiteState:
    index: int
    url: str
    state: str  # queued | running | done | failed
    attempts: int
    worker: str = ""


class FleetStore:
    """A thin, typed layer over a redis-py client (decode_responses=True)."""

    def __init__(self, client: Any) -> None:
        self.client = client

    @classmethod
    def connect(cls, broker: str) -> FleetStore:
        import redis

        return cls(redis.Redis.from_url(broker, decode_responses=True, socket_timeout=30,
                                        socket_connect_timeout=10))

    def create_run(self, run_id: str, plan: dict[str, Any]) -> None:
        urls = plan["urls"]
        pipe = self.client.pipeline()
        pipe.hset(_key(run_id, "plan"), mapping={"json": json.dumps(plan, ensure_ascii=False),
                                                  "created": f"{time.time():.0f}"})
        pipe.hset(_key(run_id, "state"), mapping={str(i): "queued" for i in range(len(urls))})
        pipe.zadd(f"{PREFIX}:runs", {run_id: time.time()})
        pipe.zremrangebyrank(f"{PREFIX}:runs", 0, -RECENT_RUNS - 1)
        for part in ("plan", "state"):
            pipe.expire(_key(run_id, part), KEEP_S)
        pipe.execute()

    def plan(self, run_id: str) -> dict[str, Any] | None:
        raw = self.client.hget(_key(run_id, "plan"), "json")
        return json.loads(raw) if raw else None

    def started(self, run_id: str, index: int, worker: str) -> int:
        """Mark a site running; the number of times a worker has started it."""
        pipe = self.client.pipeline()
        pipe.hincrby(_key(run_id, "attempts"), str(index), 1)
        pipe.hset(_key(run_id, "state"), str(index), "running")
        pipe.hset(_key(run_id, "worker"), str(index), worker)
        for part in ("attempts", "state", "worker"):
            pipe.expire(_key(run_id, part), KEEP_S)
        return int(pipe.execute()[0])

    def finished(self, run_id: str, index: int, site_json: str, *, failed: bool = False) -> None:
        pipe = self.client.pipeline()
        pipe.hset(_key(run_id, "sites"), str(index), site_json)
        pipe.hset(_key(run_id, "state"), str(index), "failed" if failed else "done")
        pipe.expire(_key(run_id, "sites"), KEEP_S)
        pipe.execute()

    def result(self, run_id: str, index: int) -> str | None:
        return self.client.hget(_key(run_id, "sites"), str(index))

    def results(self, run_id: str) -> dict[int, str]:
        return {int(k): v for k, v in self.client.hgetall(_key(run_id, "sites")).items()}

    def states(self, run_id: str) -> list[SiteState]:
        plan = self.plan(run_id) or {"urls": []}
        state = self.client.hgetall(_key(run_id, "state"))
        attempts = self.client.hgetall(_key(run_id, "attempts"))
        workers = self.client.hgetall(_key(run_id, "worker"))
        return [SiteState(i, url, state.get(str(i), "queued"), int(attempts.get(str(i), 0)),
                          workers.get(str(i), "")) for i, url in enumerate(plan["urls"])]

    def recent_runs(self, limit: int = 20) -> list[str]:
        return list(self.client.zrevrange(f"{PREFIX}:runs", 0, limit - 1))
