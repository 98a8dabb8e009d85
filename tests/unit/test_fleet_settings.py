"""What travels to a fleet worker, what the worker decides itself, and how a lost site reads."""

from __future__ import annotations

import argparse

import pytest

from tester.cli.exits import UsageError
from tester.cli.fleet_command import FleetRun
from tester.config import Settings
from tester.fleet.app import hard_limit_s, lost_site
from tester.fleet.submit import broker_label
from tester.fleet.work import plan_settings, worker_settings


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
