"""The hostile suite: real `ashyq` subprocesses against hostile pages served on 127.0.0.1.

All runs start together once per session (they are independent processes, and batching pages
into few `ashyq check` calls keeps the suite short); the tests then read what each run wrote.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from runs import AshyqRun, HostileRuns, batches_by_run, load_slack  # noqa: E402
from sites import HostileSite, OutsideListener  # noqa: E402


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileRuns]:
    with OutsideListener() as outside, HostileSite(outside) as site:
        batches = batches_by_run()
        runs: dict[str, AshyqRun] = {}
        for name, pages in batches.items():
            checks = "all" if name == "check-all-checks" else "axe"
            urls = list(dict.fromkeys(site.url(p.path) for p in pages))
            runs[name] = AshyqRun(
                name, ["check", *urls, "--checks", checks], tmp_path_factory.mktemp(name)
            )
        # `ashyq run`: tasks, crawl and site checks (links followed by the tool's own client).
        runs["run-redirect-links"] = AshyqRun(
            "run-redirect-links",
            ["run", site.url("/redirect-link.html"), "--tasks", "find-contacts",
             "--max-pages", "3", "--checks", "axe"],
            tmp_path_factory.mktemp("run-redirect-links"),
        )
        runs["run-busy-home"] = AshyqRun(
            "run-busy-home",
            ["run", site.url("/busy-after-load.html"), "--tasks", "find-contacts",
             "--max-pages", "3", "--checks", "axe"],
            tmp_path_factory.mktemp("run-busy-home"),
        )
        slack = load_slack()
        for run in runs.values():
            run.start()
        for run in runs.values():
            run.wait()
        yield HostileRuns(site, outside, runs, batches, slack)
