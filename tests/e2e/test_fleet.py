"""The fleet with real parts: a real redis-server, real `ashyq worker` processes (Celery,
prefork), real Chromium, sites on 127.0.0.1.

- a fleet run gives the same sites, tasks and pages as the in-process run;
- a worker process SIGKILLed in the middle of a site: the site is audited again by another
  process and recorded exactly once, and the merged report says it was started again;
- a site that runs past its time limit is reported as timed out while the other site ends;
- a worker refuses this machine's addresses unless started with --allow-private.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from support.redis_server import RedisServer, unavailable_reason

from tester.demo.server import SiteServer
from tester.fleet.store import FleetStore
from tester.model import RunResult

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(unavailable_reason() is not None,
                                 reason=str(unavailable_reason()))]

REPO = Path(__file__).resolve().parents[2]
ENV = {"ASHYQ_NAVIGATION_TIMEOUT_MS": "8000", "ASHYQ_ACTION_TIMEOUT_MS": "3000",
       "ASHYQ_PAGE_BUDGET_S": "60", "ASHYQ_TASK_BUDGET_S": "30"}
HOME = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title></head>
<body><header><nav><a href="/about.html">О нас</a> <a href="/contacts.html">Контакты</a></nav>
</header><main><h1>{title}</h1><p>Официальный сайт.</p></main></body></html>"""
PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1><p>Адрес: г. Астана, ул. Бейбитшилик, 1. Телефон: +7 7172 00 00 00.
</p><a href="/">Главная</a></main></body></html>"""


def small_site(folder: Path, title: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(HOME.format(title=title), encoding="utf-8")
    (folder / "about.html").write_text(PAGE.format(title="О нас"), encoding="utf-8")
    (folder / "contacts.html").write_text(PAGE.format(title="Контакты"), encoding="utf-8")
    return folder


def env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("ASHYQ_")}
    return {**out, **ENV}


class Worker:
    """`ashyq worker` in its own process group; its log is kept for the failure message."""

    def __init__(self, broker: str, *extra: str) -> None:
        self.log: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tester", "worker", "--broker", broker, "--loglevel", "info",
             *extra], cwd=REPO, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True)
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self.ready.wait(60):
            self.stop()
            raise RuntimeError("worker not ready: " + "\n".join(self.log[-20:]))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.append(line.rstrip())
            if " ready." in line:
                self.ready.set()

    def pool_children(self) -> list[int]:
        """The prefork pool's processes: the worker's children running the same program."""
        mine = Path(f"/proc/{self.process.pid}/cmdline").read_bytes()
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if ppid == self.process.pid and (entry / "cmdline").read_bytes() == mine:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


@pytest.fixture(scope="module")
def worker(redis_server: RedisServer) -> Iterator[Worker]:
    started = Worker(redis_server.url(0), "--concurrency", "1", "--allow-private")
    yield started
    started.stop()


def ashyq_run(broker: str, urls: list[str], out: Path, *extra: str,
              extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tester", "run", *urls, "--broker", broker, "--out", str(out),
         "--no-db", "--formats", "json,html", *extra],
        cwd=REPO, env={**env(), **(extra_env or {})}, capture_output=True, text=True,
        timeout=400)


def result_of(out: Path) -> RunResult:
    return RunResult.from_json((out / "result.json").read_text(encoding="utf-8"))


ARGS = ("--tasks", "find-contacts", "--checks", "axe", "--max-pages", "3")


def test_a_fleet_run_audits_what_the_in_process_run_audits(
        redis_server: RedisServer, worker: Worker, tmp_path: Path) -> None:
    with SiteServer(small_site(tmp_path / "a", "Акимат А")) as a, \
            SiteServer(small_site(tmp_path / "b", "Акимат Б")) as b:
        urls = [a.url, b.url]
        fleet = ashyq_run(redis_server.url(0), urls, tmp_path / "fleet", *ARGS)
        assert fleet.returncode == 0, fleet.stderr[-2000:] + "\n".join(worker.log[-30:])
        local = subprocess.run(
            [sys.executable, "-m", "tester", "run", *urls, "--out", str(tmp_path / "local"),
             "--no-db", "--formats", "json", *ARGS],
            cwd=REPO, env=env(), capture_output=True, text=True, timeout=400)
        assert local.returncode == 0, local.stderr[-2000:]
    got, want = result_of(tmp_path / "fleet"), result_of(tmp_path / "local")
    assert [s.url for s in got.sites] == urls
    for mine, theirs in zip(got.sites, want.sites, strict=True):
        assert mine.error is None
        assert [(t.id, t.status, t.clicks) for t in mine.tasks] == [
            (t.id, t.status, t.clicks) for t in theirs.tasks]
        assert [p.url for p in mine.pages] == [p.url for p in theirs.pages]
        assert sorted(f.rule for p in mine.pages for f in p.findings) == sorted(
            f.rule for p in theirs.pages for f in p.findings)
        assert [p.screenshot for p in mine.pages] == [p.screenshot for p in theirs.pages]
        assert all((tmp_path / "fleet" / p.screenshot).is_file() for p in mine.pages
                   if p.screenshot)
    assert (tmp_path / "fleet" / "index.html").is_file()
    assert not [n for n in got.notices if n.id == "fleet-retried"]


def test_a_worker_killed_mid_site_leaves_the_site_recorded_once(
        redis_server: RedisServer, worker: Worker, tmp_path: Path) -> None:
    hits: list[float] = []
    first_hit = threading.Event()
    home = HOME.format(title="Акимат К").encode()

    def slow_home(request: BaseHTTPRequestHandler) -> None:
        hits.append(time.monotonic())
        if len(hits) == 1:
            first_hit.set()
            request.server.stop_event.wait(3)  # type: ignore[attr-defined]
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(home)))
        request.end_headers()
        request.wfile.write(home)

    with SiteServer(small_site(tmp_path / "k", "Акимат К"), routes={"/": slow_home}) as site, \
            SiteServer(small_site(tmp_path / "o", "Акимат О")) as other:
        out, urls = tmp_path / "run", [site.url, other.url]
        runner = threading.Thread(target=lambda: results.append(
            ashyq_run(redis_server.url(0), urls, out, *ARGS)))
        results: list[subprocess.CompletedProcess[str]] = []
        runner.start()
        assert first_hit.wait(120), "the site was never started"
        children = worker.pool_children()
        assert len(children) == 1, children
        os.kill(children[0], signal.SIGKILL)  # mid-site: its home page is being answered
        runner.join(400)
    done = results[0]
    assert done.returncode == 0, done.stderr[-2000:] + "\n".join(worker.log[-30:])
    result = result_of(out)
    assert [s.url for s in result.sites] == urls
    killed = result.sites[0]
    assert killed.error is None and [t.status for t in killed.tasks] == ["passed"]
    assert len(hits) >= 2  # audited again after the kill
    retried = [n for n in result.notices if n.id == "fleet-retried"]
    assert retried and retried[0].data["sites"] == urls[:1]
    store = FleetStore.connect(redis_server.url(0))
    (run_id,) = [r for r in store.recent_runs() if r.startswith(out.name + "-")]
    assert set(store.results(run_id)) == {0, 1}  # one entry per site, never two
    attempts = {s.index: s.attempts for s in store.states(run_id)}
    assert attempts[0] == 2 and attempts[1] == 1
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "fleet" in html.lower() or "started again" in html


def test_a_site_past_its_time_limit_is_timed_out_and_the_others_end(
        redis_server: RedisServer, worker: Worker, tmp_path: Path) -> None:
    def slow(request: BaseHTTPRequestHandler) -> None:
        request.server.stop_event.wait(30)  # type: ignore[attr-defined]
        body = PAGE.format(title="Медленно").encode()
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    with SiteServer(small_site(tmp_path / "s", "Акимат С"),
                    routes={"/about.html": slow, "/contacts.html": slow}) as stuck, \
            SiteServer(small_site(tmp_path / "f", "Акимат Ф")) as fine:
        out = tmp_path / "timeout-run"
        done = ashyq_run(redis_server.url(0), [stuck.url, fine.url], out,
                         "--tasks", "find-contacts", "--checks", "axe", "--max-pages", "3",
                         extra_env={"ASHYQ_SITE_TIME_LIMIT_S": "20"})
    assert done.returncode == 3, done.stderr[-2000:]  # a site not fully audited is never green
    result = result_of(out)
    assert result.sites[0].error_code == "site-timeout", result.sites[0].error
    assert result.sites[0].pages, "what was gathered before the limit is kept"
    assert result.sites[1].error is None and result.sites[1].tasks[0].status == "passed"


def test_a_worker_refuses_this_machine_unless_allowed(redis_server: RedisServer,
                                                      tmp_path: Path) -> None:
    strict = Worker(redis_server.url(1), "--concurrency", "1")
    try:
        with SiteServer(small_site(tmp_path / "l", "Локально")) as local:
            out = tmp_path / "run"
            done = ashyq_run(redis_server.url(1), [local.url], out, *ARGS)
    finally:
        strict.stop()
    assert done.returncode == 3, done.stderr[-2000:]
    site = result_of(out).sites[0]
    assert site.error_code == "blocked-address", site.error
    assert json.loads((out / "result.json").read_text())["sites"][0]["pages"][0][
        "error_code"] == "blocked-address"


def test_a_detached_run_is_shown_by_queue_status_and_collected_by_attach(
        redis_server: RedisServer, worker: Worker, tmp_path: Path) -> None:
    def ashyq(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tester", *args], cwd=REPO, env=env(),
                              capture_output=True, text=True, timeout=400)

    broker = redis_server.url(0)
    with SiteServer(small_site(tmp_path / "d", "Акимат Д")) as site:
        url = site.url
        queued = ashyq("run", url, "--broker", broker, "--detach", "--out",
                       str(tmp_path / "detached"), *ARGS)
        assert queued.returncode == 0, queued.stderr
        run_id = queued.stdout.strip()
        assert run_id.startswith("detached-") and "--attach" in queued.stderr
        collected = ashyq("run", "--broker", broker, "--attach", run_id, "--no-db")
        assert collected.returncode == 0, collected.stderr[-2000:]
    status = ashyq("queue", "status", "--broker", broker)
    assert status.returncode == 0 and run_id in status.stdout
    row = next(line for line in status.stdout.splitlines() if line.startswith(run_id))
    assert row.split()[1] == "1/1"
    sites = ashyq("queue", "status", run_id, "--broker", broker)
    assert "done" in sites.stdout and url in sites.stdout
    result = result_of(tmp_path / "detached")  # the report goes where the run was queued for
    assert result.sites[0].error is None and result.sites[0].tasks[0].status == "passed"
    unknown = ashyq("queue", "status", "no-such-run", "--broker", broker)
    assert unknown.returncode == 1 and "no run 'no-such-run'" in unknown.stderr
