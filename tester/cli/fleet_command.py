"""The fleet on the command line: `ashyq worker`, `ashyq queue status`, and the `--broker`,
`--detach` and `--attach` options of `ashyq run` (tester.fleet does the work)."""

from __future__ import annotations

import argparse
import os
import socket
import uuid
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from tester.cli.exits import EXIT_TOOL, UsageError
from tester.config import Settings
from tester.model import RunResult
from tester.terminal import say

BROKER_HELP = "Redis URL of the fleet's queue, redis://HOST:PORT/DB (env ASHYQ_BROKER)"


def fleet_options(run: argparse.ArgumentParser) -> None:
    run.add_argument(
        "--broker", metavar="URL",
        help="audit on a fleet of `ashyq worker`s instead of in this process: queue one task per "
        f"site, wait, and write the merged report here; {BROKER_HELP}",
    )
    run.add_argument("--detach", action="store_true",
                     help="with --broker: queue the run and return at once (collect it later "
                     "with --attach RUN)")
    run.add_argument("--attach", metavar="RUN",
                     help="with --broker: wait for a queued run and write its report")


def broker_of(args: argparse.Namespace) -> str:
    return getattr(args, "broker", None) or os.environ.get("ASHYQ_BROKER", "")


class FleetRun:
    """What `ashyq run` does differently with a broker: where the URLs come from, queueing,
    and the gathering step (wait for the workers instead of running a browser)."""

    def __init__(self, args: argparse.Namespace, broker: str) -> None:
        self.args, self.broker = args, broker
        self.run_id: str = getattr(args, "attach", None) or ""
        if getattr(args, "detach", False) and self.run_id:
            raise UsageError("--detach and --attach do not go together")
        if getattr(args, "scenarios", None):
            raise UsageError("--scenarios cannot go to a fleet yet: run them without --broker")

    def planned(self) -> tuple[list[str], Path | None]:
        """An attached run's URLs and report folder (as queued); ([], None) for a new run."""
        if not self.run_id:
            return [], None
        from tester.fleet.submit import FleetError, planned

        if self.args.urls or getattr(self.args, "urls_file", None):
            raise UsageError("--attach takes the run's URLs from the queue: give no URLs")
        try:
            plan = planned(self.broker, self.run_id)
        except FleetError as exc:
            raise UsageError(str(exc)) from None
        return list(plan["urls"]), Path(plan["out_dir"])

    def queue(self, urls: list[str], settings: Settings, out_dir: Path) -> None:
        from tester.fleet.submit import FleetError, queue_run

        if self.run_id:
            return
        # Unique even when --out is reused: a run's results are kept under its id.
        self.run_id = f"{out_dir.name}-{uuid.uuid4().hex[:8]}"
        try:
            queue_run(self.broker, self.run_id, urls, settings, out_dir)
        except FleetError as exc:
            raise UsageError(str(exc)) from None

    def gather(self, result: RunResult, progress: Callable[[str], None]
               ) -> Coroutine[Any, Any, RunResult]:
        from tester.fleet.submit import collect

        progress(f"run {self.run_id}: waiting for the fleet (Ctrl-C stops waiting; the "
                 f"workers go on, and `ashyq run --broker … --attach {self.run_id}` collects)")
        return collect(self.broker, self.run_id, result, progress)

    def detached(self) -> int:
        say(f"ashyq: queued run {self.run_id}; `ashyq queue status --broker … {self.run_id}` "
            f"shows it, `ashyq run --broker … --attach {self.run_id}` writes its report")
        print(self.run_id)
        return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    worker = sub.add_parser("worker", help="run a fleet worker (Celery) that audits queued sites")
    worker.add_argument("--broker", metavar="URL", help=BROKER_HELP)
    worker.add_argument("--concurrency", type=int, default=1, metavar="N",
                        help="sites audited at once by this worker, each in its own process "
                        "and browser (default 1; each site also runs pages side by side, "
                        "see --jobs)")
    worker.add_argument("--allow-private", action="store_true",
                        help="let submitted URLs reach private networks and this machine "
                        "(refused by default: the URLs come from others)")
    worker.add_argument("--max-tasks-per-child", type=int, default=25, metavar="N",
                        help="replace a worker process after N sites (browser memory)")
    worker.add_argument("--name", help="worker name (default ashyq@HOST-PID)")
    worker.add_argument("--loglevel", default="warning",
                        choices=("debug", "info", "warning", "error"))
    worker.set_defaults(handler=cmd_worker)

    queue = sub.add_parser("queue", help="the fleet's queue: runs and their sites")
    actions = queue.add_subparsers(dest="queue_command", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="recent runs, or one run site by site")
    status.add_argument("run", nargs="?", metavar="RUN")
    status.add_argument("--broker", metavar="URL", help=BROKER_HELP)
    status.set_defaults(handler=cmd_queue_status)


def _required_broker(args: argparse.Namespace) -> str:
    broker = broker_of(args)
    if not broker:
        raise UsageError("give the fleet's Redis with --broker redis://HOST:PORT/0 "
                         "(or ASHYQ_BROKER)")
    return broker


def cmd_worker(args: argparse.Namespace) -> int:
    from tester.fleet.app import make_app
    from tester.fleet.submit import FleetError, connect

    broker = _required_broker(args)
    try:
        connect(broker)
    except FleetError as exc:
        say(f"ashyq: error: {exc}")
        return EXIT_TOOL
    app = make_app(broker, allow_private=args.allow_private,
                   max_tasks_per_child=max(1, args.max_tasks_per_child))
    name = args.name or f"ashyq@{socket.gethostname()}-{os.getpid()}"
    app.worker_main(["worker", "--pool", "prefork", "--concurrency", str(max(1, args.concurrency)),
                     "--loglevel", args.loglevel, "--hostname", name, "--without-gossip",
                     "--without-mingle"])
    return 0


def cmd_queue_status(args: argparse.Namespace) -> int:
    from tester.fleet.submit import FleetError, status_lines

    try:
        lines = status_lines(_required_broker(args), args.run)
    except FleetError as exc:
        say(f"ashyq: error: {exc}")
        return EXIT_TOOL
    for line in lines:
        print(line)
    return 0
