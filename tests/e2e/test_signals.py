"""Stopping is honest: SIGINT (Ctrl-C, sent to the whole process group) and SIGTERM (a CI
cancel) stop a real `ashyq run` within seconds, exit 130, write the report of what was
gathered, print no "done" and no asyncio noise, and leave no Chromium behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tester.model import RunResult

pytestmark = pytest.mark.e2e
STOP_WITHIN_S = 10.0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone while we looked
        parent = int(stat[stat.rindex(")") + 2:].split()[1])  # the name may hold spaces
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def chromium_under(pid: int) -> dict[int, str]:
    """Chromium processes descended from `pid`, with their command lines."""
    tree, found, todo = _children(), {}, [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            todo.append(child)
            line = _cmdline(child)
            if "chrom" in line.split(" ")[0].lower():
                found[child] = line
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


@pytest.mark.parametrize(
    "sig, to_group",
    [(signal.SIGTERM, False), (signal.SIGINT, True), (signal.SIGINT, False)],
    ids=["SIGTERM", "SIGINT-process-group", "SIGINT"],
)
def test_a_stopped_run_exits_130_with_its_report(
    sig: signal.Signals, to_group: bool, tmp_path: Path
) -> None:
    # No URL: the bundled demo site, which takes about a minute to audit in full.
    proc = subprocess.Popen(
        [sys.executable, "-m", "tester", "run", "--out", str(tmp_path), "--checks", "axe"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    assert proc.stderr is not None
    seen = []
    try:
        for line in proc.stderr:  # the home page is audited and the first task is under way
            seen.append(line)
            if "task find-contacts" in line:
                break
        time.sleep(0.5)
        browsers = chromium_under(proc.pid)
        assert browsers, "the run should have a Chromium by now"
        profiles = {part.split("=", 1)[1] for line in browsers.values()
                    for part in line.split(" ") if part.startswith("--user-data-dir=")}
        started = time.monotonic()
        if to_group:
            os.killpg(proc.pid, sig)  # what Ctrl-C in a terminal does
        else:
            proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
        took = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = "".join(seen) + err
    assert proc.returncode == 130, stderr[-2000:]
    assert took < STOP_WITHIN_S, f"stopped after {took:.1f} s"
    for noise in ("Traceback", "never retrieved", "done in", "Exception"):
        assert noise not in stderr, stderr[-2000:]
    assert f"stopped by {sig.name}" in stderr
    assert out.strip().endswith("index.html")
    result = RunResult.from_json((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert result.finished_at is not None and result.sites[0].pages
    assert [n.id for n in result.notices] == ["stopped"]
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "The run was stopped" in html and (tmp_path / "summary.md").is_file()
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in browsers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in browsers if alive(pid)] == []
    assert all(not Path(folder).exists() for folder in profiles)
