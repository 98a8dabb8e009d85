"""The fleet on one machine: two `ashyq worker`s against one in-process `ashyq run`, on the same
small sites, and the memory of a worker over many sites with process recycling.

    .venv/bin/python bench/fleet_bench.py [--sites 20] [--memory-sites 100]
                                          [--json bench/out/fleet.json]

Starts its own redis-server on a free 127.0.0.1 port (Debian's package) and serves the sites
itself. Each site: a home page, two pages, the find-contacts task, axe only, up to 3 pages.
Reported: seconds and sites per minute of each mode, their ratio, and each worker's peak
resident memory (its process tree: Celery, pool process, Chromium) per block of sites, which
should stay flat with `--max-tasks-per-child` recycling.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_bench import tree_rss_mb  # noqa: E402
from support.redis_server import RedisServer  # noqa: E402

from tester.demo.server import SiteServer  # noqa: E402
from tester.fleet.store import FleetStore  # noqa: E402

PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title>
</head><body><header><nav><a href="/about.html">О нас</a> <a href="/contacts.html">Контакты</a>
</nav></header><main><h1>{title}</h1><p>Адрес: г. Астана, ул. Бейбитшилик, {n}. Телефон:
+7 7172 00 00 {n:02d}.</p><img src="/logo.png"></main></body></html>"""
ARGS = ["--tasks", "find-contacts", "--checks", "axe", "--max-pages", "3", "--no-db",
        "--formats", "json", "--quiet"]


def make_sites(folder: Path, count: int) -> list[Path]:
    roots = []
    for n in range(count):
        root = folder / f"site{n}"
        root.mkdir(parents=True)
        for name, title in (("index", f"Акимат {n}"), ("about", "О нас"),
                            ("contacts", "Контакты")):
            (root / f"{name}.html").write_text(PAGE.format(title=title, n=n % 100),
                                               encoding="utf-8")
        roots.append(root)
    return roots


def ashyq(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASHYQ_")}
    return subprocess.run([sys.executable, "-m", "tester", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=3600)


class Workers:
    """`ashyq worker`s, each in its own session; their trees' memory is sampled."""

    def __init__(self, broker: str, count: int, per_child: int) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASHYQ_")}
        self.processes = [subprocess.Popen(
            [sys.executable, "-m", "tester", "worker", "--broker", broker, "--concurrency", "1",
             "--allow-private", "--max-tasks-per-child", str(per_child), "--loglevel", "info"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True) for _ in range(count)]
        for process in self.processes:
            assert process.stdout is not None
            for line in process.stdout:
                if " ready." in line:
                    break
            threading.Thread(target=lambda p=process: [None for _ in p.stdout],  # type: ignore
                             daemon=True).start()
        self.samples: list[list[float]] = [[] for _ in self.processes]
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            for i, process in enumerate(self.processes):
                self.samples[i].append(tree_rss_mb(process.pid))

    def stop(self) -> None:
        self._stop.set()
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=60)


def fleet_run(broker: str, urls: list[str], out: Path) -> float:
    started = time.perf_counter()
    done = ashyq("run", *urls, "--broker", broker, "--out", str(out), *ARGS)
    if done.returncode != 0:
        raise SystemExit(f"fleet run failed ({done.returncode}): {done.stderr[-1500:]}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--memory-sites", type=int, default=100)
    parser.add_argument("--per-child", type=int, default=25)
    parser.add_argument("--json", type=Path, default=Path("bench/out/fleet.json"))
    args = parser.parse_args()
    report: dict = {"sites": args.sites, "memory_sites": args.memory_sites,
                    "max_tasks_per_child": args.per_child}
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        roots = make_sites(tmp / "sites", max(args.sites, args.memory_sites))
        servers = [stack.enter_context(SiteServer(root)) for root in roots]
        urls = [server.url for server in servers]
        redis = stack.enter_context(RedisServer())

        started = time.perf_counter()
        local = ashyq("run", *urls[: args.sites], "--out", str(tmp / "local"), *ARGS)
        if local.returncode != 0:
            raise SystemExit(f"in-process run failed: {local.stderr[-1500:]}")
        in_process = time.perf_counter() - started

        workers = Workers(redis.url(0), 2, args.per_child)
        try:
            fleet = fleet_run(redis.url(0), urls[: args.sites], tmp / "fleet")
            first = [len(s) for s in workers.samples]
            memory = fleet_run(redis.url(0), urls[: args.memory_sites], tmp / "memory")
        finally:
            workers.stop()
        store = FleetStore.connect(redis.url(0))
        attempts = [s.attempts for run in store.recent_runs() for s in store.states(run)]
    blocks = 4
    peaks = []
    for i, samples in enumerate(workers.samples):
        mine = samples[first[i]:]
        size = max(1, len(mine) // blocks)
        peaks.append([round(max(mine[b * size:(b + 1) * size] or [0])) for b in range(blocks)])
    report.update({
        "in_process_s": round(in_process, 1),
        "two_workers_s": round(fleet, 1),
        "speedup": round(in_process / fleet, 2),
        "sites_per_minute": {"in-process": round(args.sites / in_process * 60, 1),
                             "two workers": round(args.sites / fleet * 60, 1)},
        "memory_run_s": round(memory, 1),
        "worker_peak_rss_mb_by_quarter": peaks,
        "sites_started_more_than_once": sum(1 for a in attempts if a > 1),
    })
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
