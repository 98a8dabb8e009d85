"""--browser-endpoint: audits through a Chromium someone else started, over the DevTools
Protocol (its http address or its browser WebSocket), as workers sharing a browser pool do.

The remote Chromium is started by the test with a host-resolver rule that only it knows: the
page's host `remote.test` resolves nowhere else, so a finished audit proves the pages were
loaded by that browser and not by one ashyq launched itself.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.ports import free_port

from tester.browser import find_chromium
from tester.browser.launch import LAUNCH_ARGS
from tester.config import load_settings
from tester.model import RunResult

pytestmark = pytest.mark.e2e

DEVTOOLS = re.compile(r"DevTools listening on (ws://\S+)")


def ashyq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tester", *args], capture_output=True,
                          text=True, timeout=240)


@pytest.fixture(scope="module")
def remote_chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A headless Chromium with a debugging port on 127.0.0.1; yields its browser WebSocket."""
    executable = find_chromium(load_settings(), None)
    assert executable is not None
    profile = tmp_path_factory.mktemp("remote-profile")
    proc = subprocess.Popen(
        [executable, "--headless=new", "--remote-debugging-address=127.0.0.1",
         "--remote-debugging-port=0", f"--user-data-dir={profile}",
         "--host-resolver-rules=MAP remote.test 127.0.0.1", *LAUNCH_ARGS, "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stderr is not None
        for _ in range(200):
            line = proc.stderr.readline()
            found = DEVTOOLS.search(line)
            if found:
                break
        else:
            pytest.fail("the remote Chromium never said where it listens")
        yield found.group(1)
        assert proc.poll() is None  # ashyq disconnected from it, and never closed it
    finally:
        proc.kill()
        proc.wait(timeout=30)



@pytest.mark.parametrize("form", ["http", "websocket"])
def test_audits_through_a_browser_that_is_already_running(
    serve_fixture, remote_chromium: str, tmp_path: Path, form: str
) -> None:
    site = serve_fixture("remote-browser")
    port = re.search(r":(\d+)/", remote_chromium).group(1)  # type: ignore[union-attr]
    endpoint = f"http://127.0.0.1:{port}" if form == "http" else remote_chromium
    done = ashyq("check", f"http://remote.test:{site.port}/", "--checks", "axe", "--no-db",
                 "--out", str(tmp_path), "--browser-endpoint", endpoint)
    assert done.returncode == 0, done.stderr[-2000:]
    result = RunResult.from_json((tmp_path / "result.json").read_text(encoding="utf-8"))
    page = result.sites[0].pages[0]
    assert page.title == "Алыстағы браузер арқылы"
    assert "image-alt" in {f.rule for f in page.findings}
    notice = next(n for n in result.notices if n.id == "remote-browser")
    assert notice.data["endpoint"] == f"{'http' if form == 'http' else 'ws'}://127.0.0.1:{port}"
    assert "devtools" not in notice.message  # the browser's id is not printed


def test_without_the_endpoint_the_page_is_out_of_reach(serve_fixture, tmp_path: Path) -> None:
    # The counter-proof: a browser ashyq launches itself cannot resolve remote.test.
    site = serve_fixture("remote-browser")
    done = ashyq("check", f"http://remote.test:{site.port}/", "--checks", "axe", "--no-db",
                 "--out", str(tmp_path))
    assert done.returncode != 0
    result = RunResult.from_json((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert result.sites[0].error_code == "dns"
    assert not any(n.id == "remote-browser" for n in result.notices)


def test_a_browser_that_is_not_there_is_one_line_and_exit_1(tmp_path: Path) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}"
    done = ashyq("check", "http://127.0.0.1:9/", "--no-db", "--out", str(tmp_path),
                 "--browser-endpoint", endpoint)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith(f"ashyq: error: cannot connect to the browser at {endpoint}")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("flags", "says"), [
    (["--browser-endpoint", "ftp://127.0.0.1:9222"], "not a browser address"),
    (["--browser-endpoint", "http://127.0.0.1:9222", "--resolve", "a.kz=127.0.0.1"],
     "resolve cannot reach a browser that was started elsewhere"),
])
def test_settings_that_cannot_work_are_refused_before_the_run(
    tmp_path: Path, flags: list[str], says: str
) -> None:
    done = ashyq("check", "http://127.0.0.1:9/", "--no-db", "--out", str(tmp_path), *flags)
    assert done.returncode == 1 and says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
