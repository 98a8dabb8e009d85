"""Result documents for history tests: valid RunResults of any size, on fixed dates."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tester.model import (
    CheckResult,
    Finding,
    PageResult,
    RunResult,
    SiteResult,
    TaskResult,
    ToolInfo,
)

IMPACTS = ("critical", "serious", "moderate", "minor")
BASE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def make_result(index: int, sites: int = 2, pages: int = 2, findings: int = 3) -> RunResult:
    """Run number `index`: its own start time, `sites` sites of `pages` pages, `findings`
    findings per page plus one site-check finding and one needs-review finding per site."""
    return RunResult(
        tool=ToolInfo(version="0.1.0", axe_version="4.10.0", browser="Chromium 130"),
        started_at=BASE + timedelta(minutes=index),
        finished_at=BASE + timedelta(minutes=index, seconds=42),
        settings={"report_language": "kk", "max_pages": pages},
        sites=[_site(index, s, pages, findings) for s in range(sites)],
    )


def _site(run: int, number: int, pages: int, findings: int) -> SiteResult:
    url = f"https://site{number}.gov.kz/"
    return SiteResult(
        url=url,
        name=f"Әкімдік {number}",
        tasks=[
            TaskResult(id="find-contacts", status="passed", clicks=2, seconds=3.5,
                       optimal_clicks=1, within_three_clicks=True, target_url=url + "kontakty"),
            TaskResult(id="site-search", status="failed", clicks=7, seconds=12.0),
        ],
        pages=[
            PageResult(
                url=f"{url}page{p}?run={run}",
                title=f"Бет {p}",
                axe_status="ok",
                findings=[
                    Finding(rule=f"rule-{f}", source="axe", impact=IMPACTS[f % 4],
                            selector=f"main > p:nth-child({f + 1})", snippet=f"<p>{f}</p>",
                            message=f"problem {f} «мәтін»")
                    for f in range(findings)
                ] + [Finding(rule="color-contrast", source="axe", impact="serious",
                             needs_review=True)],
                checks=[CheckResult(id="small-text", status="passed")],
            )
            for p in range(pages)
        ],
        checks=[CheckResult(id="news-freshness", status="failed",
                            findings=[Finding(rule="stale-news", impact="moderate")])],
        scores={"tasks": 50.0, "accessibility": 0.0},
        seconds=30.5,
    )


def expected_findings(result: RunResult) -> int:
    return sum(len(p.findings) + sum(len(c.findings) for c in p.checks)
               for s in result.sites for p in s.pages) + sum(
        len(c.findings) for s in result.sites for c in s.checks)


def write_run_folder(parent: Path, name: str, result: RunResult) -> Path:
    """A report folder as `ashyq run` leaves it (result.json is what import reads)."""
    folder = parent / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "result.json").write_text(result.to_json(), encoding="utf-8")
    return folder / "result.json"


def one_line_error(stderr: str) -> str:
    """The error line; no traceback anywhere."""
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("ashyq: error:")]
    assert len(errors) == 1, stderr
    return errors[0]


@contextmanager
def read_only_file(path: Path) -> Iterator[None]:
    """`path` made read-only for real: immutable as root (who ignores modes), else mode 0444."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        yield
        path.chmod(0o644)
        return
    if not shutil.which("chattr"):
        pytest.skip("running as root without chattr: cannot make a file read-only")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is not supported here: {made.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
