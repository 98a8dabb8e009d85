"""A broken site is never green: `ashyq run`/`check` on sites that cannot be audited exit 3,
write a report that leads with the reason, and score nothing. Real Chromium, real local
servers; the one outside name (`.invalid`) is answered NOTFOUND inside Chromium itself."""

from __future__ import annotations

import json
import re
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from support.routes import respond

from tester.browser import find_chromium
from tester.config import load_settings
from tester.demo import SiteServer
from tester.i18n import catalog as messages
from tester.model import RunResult

pytestmark = pytest.mark.e2e
EN = messages("en")
QUICK = ("--checks", "axe", "--max-pages", "2", "--tasks", "find-contacts")


def ashyq(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tester", *args], capture_output=True,
                          text=True, timeout=timeout)  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:  # bound, never listening, closed: connections are refused
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def error_page(status: int) -> Callable[..., None]:
    return respond(f"<!doctype html><html lang=en><title>{status}</title><h1>Error {status}</h1>",
                   status)


@pytest.fixture(scope="module")
def error_site(serve_fixture: Callable[..., SiteServer]) -> SiteServer:
    return serve_fixture("hostile", routes={
        f"/status-{code}/": error_page(code) for code in (403, 404, 500)})


@pytest.fixture(scope="module")
def offline_chromium(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Chromium that resolves no name at all, so a DNS failure never leaves the machine."""
    real = find_chromium(load_settings(), None)
    wrapper = tmp_path_factory.mktemp("chromium") / "chromium-offline"
    wrapper.write_text(f'#!/bin/sh\nexec "{real}" "--host-resolver-rules=MAP * ~NOTFOUND" "$@"\n',
                       encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    return str(wrapper)


def _summary(html: str) -> str:
    start = html.index('id="summary"')
    return html[start:html.index("</section>", start)]


def assert_not_audited(done: subprocess.CompletedProcess[str], out: Path, code: str) -> None:
    assert done.returncode == 3, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr and "site not audited" in done.stderr
    result = RunResult.from_json((out / "result.json").read_text(encoding="utf-8"))
    site = result.sites[0]
    assert site.error_code == code, (site.error_code, site.error)
    assert site.scores == {} and site.tasks == [] and len(site.pages) == 1  # stopped at home
    reason = EN[f"site_error.{code}"].split("{")[0]
    summary = _summary((out / "index.html").read_text(encoding="utf-8"))
    assert reason in summary and "net::ERR" not in summary
    assert summary.index(reason) < summary.index('class="stats"')
    markdown = (out / "summary.md").read_text(encoding="utf-8").split("\n## ")[0]
    assert reason in markdown and "net::ERR" not in markdown
    junit = (out / "junit.xml").read_text(encoding="utf-8")
    first = re.search(r"<testcase [^>]*>\s*<(error|failure) [^>]*>", junit)
    assert first and 'name="audit"' in first.group(0) and f'type="{code}"' in first.group(0)


@pytest.mark.parametrize("fail_on", [(), ("--fail-on", "serious,task")])
def test_refused_connection_exits_3(fail_on: tuple[str, ...], tmp_path: Path) -> None:
    done = ashyq("run", f"http://127.0.0.1:{free_port()}/", "--out", str(tmp_path), *QUICK,
                 *fail_on)  # fmt: skip
    assert_not_audited(done, tmp_path, "connection-refused")


@pytest.mark.parametrize("port", [9, 6000])
def test_port_the_browser_blocks_exits_3(port: int, tmp_path: Path) -> None:
    done = ashyq("run", f"http://127.0.0.1:{port}/", "--out", str(tmp_path), *QUICK)
    assert_not_audited(done, tmp_path, "blocked-port")


def test_name_that_does_not_resolve_exits_3(offline_chromium: str, tmp_path: Path) -> None:
    done = ashyq("run", "http://nonexistent.invalid/", "--out", str(tmp_path), *QUICK,
                 "--executable-path", offline_chromium)  # fmt: skip
    assert_not_audited(done, tmp_path, "dns")


def test_tls_failure_exits_3(error_site: SiteServer, tmp_path: Path) -> None:
    # https:// to a server that only speaks plain HTTP: the TLS handshake fails.
    done = ashyq("run", f"https://127.0.0.1:{error_site.port}/", "--out", str(tmp_path), *QUICK)
    assert_not_audited(done, tmp_path, "tls")


@pytest.mark.parametrize("status", [404, 500, 403])
def test_home_page_answering_an_error_exits_3(
    status: int, error_site: SiteServer, tmp_path: Path
) -> None:
    done = ashyq("run", error_site.url_for(f"/status-{status}/"), "--out", str(tmp_path), *QUICK)
    assert_not_audited(done, tmp_path, "http-status")
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert f"HTTP status {status}" in _summary(html)
    assert 'class="out-of"' not in html  # no "… / 100" tile anywhere: nothing was measured


def test_a_healthy_site_still_exits_0(error_site: SiteServer, tmp_path: Path) -> None:
    done = ashyq("run", error_site.url_for("/clean.html"), "--out", str(tmp_path), *QUICK)
    assert done.returncode == 0, done.stderr[-2000:]
    result = RunResult.from_json((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert result.sites[0].error_code is None and result.sites[0].scores
    assert 'class="alert"' not in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_check_is_3_only_when_no_page_of_a_site_was_audited(
    error_site: SiteServer, tmp_path: Path
) -> None:
    good, missing = error_site.url_for("/clean.html"), error_site.url_for("/status-404/")
    mixed = ashyq("check", good, missing, "--out", str(tmp_path / "mixed"), "--checks", "axe")
    assert mixed.returncode == 0, mixed.stderr[-2000:]
    pages = json.loads((tmp_path / "mixed" / "result.json").read_text())["sites"][0]["pages"]
    assert [p["error_code"] for p in pages] == [None, "http-status"]
    dead = ashyq("check", missing, f"http://127.0.0.1:{free_port()}/", "--out",
                 str(tmp_path / "dead"), "--checks", "axe")  # fmt: skip
    assert dead.returncode == 3, dead.stderr[-2000:]
    assert dead.stderr.count("site not audited") == 2  # on loopback each port is a site


@pytest.mark.parametrize("args", [("run", "--max-pages", "abc"), ("run", "--no-such-flag"),
                                  ("check", "--checks", "everything", "http://127.0.0.1:1/"), ()])
def test_usage_errors_exit_1(args: tuple[str, ...]) -> None:
    done = ashyq(*args)
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "error:" in done.stderr and "Traceback" not in done.stderr
    # A bad value is one line naming the flag; other usage errors show the usage first.
    assert done.stderr.startswith("usage: ashyq") != ("abc" in args or "everything" in args)


def test_report_rendered_elsewhere_shows_every_image(demo_site: SiteServer, tmp_path: Path) -> None:
    run = tmp_path / "run"
    done = ashyq("run", demo_site.url, "--out", str(run), *QUICK)
    assert done.returncode == 0, done.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere" / "copy"
    again = ashyq("report", str(run / "result.json"), "--out", str(elsewhere), "--lang", "kk")
    assert again.returncode == 0, again.stderr
    html = (elsewhere / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<img [^>]*src="([^"]+)"', html)
    assert len(sources) >= 3  # page shots, task steps, outlined findings
    assert [src for src in sources if not (elsewhere / src).is_file()] == []
    assert (elsewhere / "result.json").is_file()
