"""`ashyq` as a user runs it: a separate process, real Chromium, sites on 127.0.0.1."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from support.answer_keys import answer_key, demo_answer_key

from tester.model import RunResult

pytestmark = pytest.mark.e2e


def ashyq(*args: str, cwd: Path | None = None, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tester", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
    )


def test_run_demo_site_end_to_end(tmp_path: Path) -> None:
    """The README's main job: audit the bundled demo (no URL), all three tasks pass."""
    done = ashyq("run", "--out", str(tmp_path), "--max-pages", "4", "--checks", "axe")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("index.html")
    result = RunResult.from_json((tmp_path / "result.json").read_text(encoding="utf-8"))
    site = result.sites[0]
    assert site.url.startswith("http://127.0.0.1:")
    statuses = {t.id: t.status for t in site.tasks}
    assert statuses == demo_answer_key().statuses(), [(t.id, t.message) for t in site.tasks]
    contacts = next(t for t in site.tasks if t.id == "find-contacts")
    assert contacts.evidence["phones"] and contacts.clicks >= 1 and contacts.seconds > 0
    for task in site.tasks:
        assert task.steps and all(s.screenshot for s in task.steps)
        assert all((tmp_path / s.screenshot).is_file() for s in task.steps if s.screenshot)
    assert 1 <= len(site.pages) <= 4
    assert result.tool.axe_version and result.tool.browser.startswith("Chromium")
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "find-contacts" in html or "contacts" in html.lower()
    assert "[site 1/1]" in done.stderr  # progress is shown


def test_fail_on_threshold_exits_2_and_report_rerenders(serve_fixture, tmp_path: Path) -> None:
    site = serve_fixture("hostile")
    done = ashyq(
        "check", site.url, "--out", str(tmp_path), "--checks", "axe", "--fail-on", "serious"
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert "threshold crossed" in done.stderr
    (tmp_path / "index.html").unlink()
    again = ashyq("report", str(tmp_path / "result.json"), "--lang", "kk")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "index.html").is_file()
    data = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert data["schema_version"] and data["command"] == "check"


@pytest.mark.parametrize(
    "args, reason",
    [
        (("run", "not-a-url"), "not an http(s) URL"),
        (
            ("check", "http://127.0.0.1:9/", "--executable-path", "/nonexistent/chrome"),
            "does not exist",
        ),
        (("report", "/nonexistent/result.json"), "result"),
        (("run", "http://127.0.0.1:9/", "--fail-on", "sometimes"), "--fail-on"),
    ],
)
def test_tool_errors_exit_1_with_one_line(
    args: tuple[str, ...], reason: str, tmp_path: Path
) -> None:
    done = ashyq(*args, "--out", str(tmp_path)) if args[0] != "report" else ashyq(*args)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert reason in done.stderr
    assert done.stderr.strip().count("\n") == 0


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_site_still_writes_a_report(tmp_path: Path) -> None:
    done = ashyq(
        "run", f"http://127.0.0.1:{closed_port()}/", "--out", str(tmp_path), "--checks", "axe"
    )
    assert done.returncode == 3, done.stderr[-2000:]  # a site not audited is never green
    result = RunResult.from_json((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert result.sites[0].error and "connection refused" in result.sites[0].error
    assert result.sites[0].error_code == "connection-refused"
    assert (tmp_path / "index.html").is_file()


def test_default_out_dir_and_latest_link(serve_fixture, tmp_path: Path) -> None:
    site = serve_fixture("hostile")
    done = ashyq("check", site.url_for("/clean.html"), "--checks", "axe", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    latest = tmp_path / "reports" / "latest"
    assert latest.is_symlink() and (latest / "result.json").is_file()
    assert Path(done.stdout.strip()).resolve() == (latest / "index.html").resolve()
    assert done.stderr == ""  # --quiet


def test_demo_command_serves_the_demo_site() -> None:
    import urllib.request

    port = closed_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tester", "demo", "--port", str(port)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/kk/contacts.html", timeout=5) as r:
            assert r.status == 200 and 'lang="kk"' in r.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_run_on_another_served_site_matches_its_answer_key(serve_fixture, tmp_path: Path) -> None:
    """`ashyq run` on a site it has never seen (a Kazakh-first fixture) works the same way."""
    site = serve_fixture("nav-kazakh-first")
    expected = answer_key(Path(site.root)).statuses()
    done = ashyq("run", site.url, "--out", str(tmp_path), "--max-pages", "3", "--checks", "axe",
                 "--tasks", ",".join(expected), "--fail-on", "task")  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = RunResult.from_json((tmp_path / "result.json").read_text(encoding="utf-8"))
    got = {t.id: t.status for t in result.sites[0].tasks}
    assert got == expected, [(t.id, t.message) for t in result.sites[0].tasks]
    kazakh = next(t for t in result.sites[0].tasks if t.id == "switch-to-kazakh")
    assert kazakh.clicks == 0  # the site opens in Kazakh
    assert result.sites[0].scores["tasks"] == 100.0


def test_stopped_run_still_writes_its_report(tmp_path: Path) -> None:
    """SIGTERM (how CI cancels a job) mid-run: exit 130 and a report of what was gathered."""
    import signal
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "tester", "run", "--out", str(tmp_path), "--checks", "axe"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stderr is not None
    for line in proc.stderr:  # wait until the first task is under way
        if "task find-contacts" in line:
            break
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err[-2000:]
    result = RunResult.from_json((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert result.finished_at is not None and result.sites[0].pages
    assert (tmp_path / "index.html").is_file()


def test_formats_option_writes_only_what_was_asked(serve_fixture, tmp_path: Path) -> None:
    site = serve_fixture("hostile")
    done = ashyq("check", site.url_for("/clean.html"), "--out", str(tmp_path), "--checks", "axe",
                 "--formats", "junit")  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["junit.xml", "result.json"]
    assert done.stdout.strip().endswith("result.json")
    bad = ashyq("check", site.url, "--out", str(tmp_path), "--formats", "docx")
    assert bad.returncode == 1 and "--formats" in bad.stderr


def test_a_long_run_in_a_log_says_how_far_it_is_at_a_steady_interval(
        serve_fixture, tmp_path: Path) -> None:
    site = serve_fixture("hostile")
    pages = [site.url_for("/clean.html"), site.url_for("/index.html")]
    done = subprocess.run(
        [sys.executable, "-m", "tester", "check", *pages, "--checks", "axe", "--no-db",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=240,
        env={**os.environ, "ASHYQ_PROGRESS_INTERVAL_S": "0.2"})
    assert done.returncode == 0, done.stderr[-2000:]
    status = [line for line in done.stderr.splitlines() if line.startswith("ashyq: pages")]
    assert status, done.stderr  # stderr is not a terminal here: plain status lines
    assert all("pages/min" in line and "so far" in line for line in status)
    assert "\r" not in done.stderr  # no in-place redraws in a log
    quiet = subprocess.run(
        [sys.executable, "-m", "tester", "check", pages[0], "--checks", "axe", "--no-db",
         "--quiet", "--out", str(tmp_path / "quiet")],
        capture_output=True, text=True, timeout=240,
        env={**os.environ, "ASHYQ_PROGRESS_INTERVAL_S": "0.2"})
    assert quiet.returncode == 0 and "ashyq: pages" not in quiet.stderr
