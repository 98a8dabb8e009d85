"""What travels to a fleet worker, what the worker decides itself, and how a lost site reads."""

from __future__ import annotations

import argparse
import json
from types import SimpleNamespace

import pytest

from tester.cli.exits import UsageError
from tester.cli.fleet_command import FleetRun
from tester.config import Settings
from tester.fleet import app as app_module
from tester.fleet.app import hard_limit_s, lost_site, run_task
from tester.fleet.submit import broker_label
from tester.fleet.work import plan_settings, worker_settings
from tester.model import SiteResult


def test_the_submitters_audit_settings_travel_and_the_workers_own_stay() -> None:
    submitted = Settings().with_overrides(
        checks="axe", max_pages=7, report_language="kk", jobs=3, site_time_limit_s=600,
        executable_path="/submitter/chrome", allow_private=True, db="postgresql://u:pw@h/db")
    plan = plan_settings(submitted)
    assert "db" not in plan and "executable_path" not in plan  # no secrets, no local paths
    local = Settings().with_overrides(executable_path="/usr/bin/chromium")
    mine = worker_settings(plan, allow_private=False, local=local)
    assert (mine.checks, mine.max_pages, mine.report_language, mine.jobs,
            mine.site_time_limit_s) == ("axe", 7, "kk", 3, 600)
    assert mine.today == submitted.today
    assert mine.executable_path == "/usr/bin/chromium"
    # A submitted URL never opens the worker's own network unless its operator allows it.
    assert mine.allow_private is False and mine.allow_loopback is False
    allowed = worker_settings(plan, allow_private=True, local=local)
    assert allowed.allow_private is True and allowed.allow_loopback is True


def test_a_site_killed_past_its_hard_limit_reads_as_timed_out() -> None:
    timed_out = lost_site("http://a.example/", "TimeLimitExceeded: TimeLimitExceeded(12,)")
    assert timed_out.error_code == "site-timeout" and "hard time limit" in timed_out.error
    lost = lost_site("http://a.example/", "WorkerLostError: Worker exited prematurely")
    assert lost.error_code == "worker-lost" and "WorkerLostError" in lost.error
    assert hard_limit_s(1800) == 1920


def test_the_broker_is_shown_without_its_password() -> None:
    assert broker_label("redis://:s3cret@queue.internal:6380/2") == "redis://queue.internal:6380"


@pytest.mark.parametrize(("values", "message"), [
    ({"detach": True, "attach": "run-1"}, "do not go together"),
    ({"scenarios": ["s.yaml"]}, "--scenarios"),
])
def test_fleet_options_that_cannot_work_are_refused_in_one_line(values: dict, message: str
                                                                ) -> None:
    args = argparse.Namespace(urls=[], urls_file=None, detach=False, attach=None,
                              scenarios=None, **{k: v for k, v in values.items()
                                                 if k not in ("detach", "attach", "scenarios")})
    for key, value in values.items():
        setattr(args, key, value)
    with pytest.raises(UsageError, match=message):
        FleetRun(args, "redis://127.0.0.1:1/0")


class FakeStore:
    """FleetStore's surface that run_task uses, in memory."""

    def __init__(self, recorded: bool = False, attempts: int = 0) -> None:
        self.sites: dict[int, str] = {0: "{}"} if recorded else {}
        self.attempts = attempts
        self.failed: list[int] = []

    def plan(self, run_id: str) -> dict:
        return {"urls": ["http://a.example/"], "settings": plan_settings(Settings()),
                "out_dir": "/tmp/ashyq-fleet-unit"}

    def result(self, run_id: str, index: int) -> str | None:
        return self.sites.get(index)

    def started(self, run_id: str, index: int, worker: str) -> int:
        self.attempts += 1
        return self.attempts

    def finished(self, run_id: str, index: int, site_json: str, *, failed: bool = False) -> None:
        self.sites[index] = site_json
        if failed:
            self.failed.append(index)


class FakeRetry(Exception):
    pass


def fake_task(retries: int = 0) -> SimpleNamespace:
    def retry(countdown: float) -> FakeRetry:
        return FakeRetry(countdown)

    return SimpleNamespace(request=SimpleNamespace(retries=retries, hostname="w1"),
                           app=SimpleNamespace(conf=SimpleNamespace(ashyq_allow_private=False)),
                           retry=retry)


def test_a_task_delivered_again_after_its_site_was_recorded_does_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    audited: list[str] = []
    monkeypatch.setattr(app_module, "run_site", lambda url, *a: audited.append(url))
    store = FakeStore(recorded=True)
    assert run_task(fake_task(), "r", 0, store) == "already recorded"
    assert audited == [] and store.attempts == 0


def test_network_retries_are_not_counted_as_lost_workers(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    monkeypatch.setattr(app_module, "run_site",
                        lambda url, *a: SiteResult(url=url, error_code="timeout", error="x"))
    store = FakeStore(attempts=3)  # three earlier network failures, each retried
    assert run_task(fake_task(retries=3), "r", 0, store) == "timeout"  # retries used up
    assert json.loads(store.sites[0])["error_code"] == "timeout" and store.failed == []
    with pytest.raises(FakeRetry):  # a fresh network failure is retried with backoff
        run_task(fake_task(retries=0), "r", 0, FakeStore())


def test_a_site_that_loses_its_worker_three_times_is_given_up(monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.setattr(app_module, "run_site", lambda *a: pytest.fail("audited again"))
    store = FakeStore(attempts=3)  # three processes died on it, no retry asked
    assert run_task(fake_task(retries=0), "r", 0, store) == "worker-lost"
    assert json.loads(store.sites[0])["error_code"] == "worker-lost" and store.failed == [0]
