"""Exit codes without a browser: usage errors are 1, a site not audited is 3, thresholds are 2."""

from __future__ import annotations

import pytest

from tester.browser import OTHER_ERROR, error_code
from tester.cli import (
    EXIT_NOT_AUDITED,
    EXIT_OK,
    EXIT_THRESHOLD,
    EXIT_TOOL,
    build_parser,
    exit_code,
    main,
    sites_not_audited,
    threshold_crossed,
)
from tester.model import Finding, PageResult, RunResult, SiteResult, TaskResult


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "--no-such-flag"],  # a bad value is one line: tests/unit/test_cli_explains.py
        ["report"],  # a required argument missing
        ["frobnicate"],  # an unknown command
    ],
)
def test_usage_errors_exit_1_not_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == EXIT_TOOL
    err = capsys.readouterr().err
    assert "usage: ashyq" in err and "error:" in err and "Traceback" not in err


def test_no_command_prints_usage_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_TOOL
    err = capsys.readouterr().err
    assert err.startswith("usage: ashyq") and "a command is required" in err


def test_help_and_version_still_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["run", "--help"], ["--version"]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == EXIT_OK
    out = " ".join(capsys.readouterr().out.split())
    assert "3 a site could not be audited" in out  # exit codes in `ashyq run --help` too


def test_help_documents_every_exit_code() -> None:
    text = " ".join(build_parser().format_help().split())
    for part in ("0 done", "1 the tool could not run", "2 a --fail-on threshold",
                 "3 a site could not be audited", "130 stopped"):
        assert part in text


def _site(**values: object) -> SiteResult:
    return SiteResult(url="http://127.0.0.1:1/", **values)  # type: ignore[arg-type]


def _serious() -> PageResult:
    return PageResult(url="http://127.0.0.1:1/", http_status=200, axe_status="ok",
                      findings=[Finding(rule="image-alt", source="axe", impact="serious")])


def test_a_task_that_ended_in_error_counts_for_fail_on_task() -> None:
    errored = RunResult(sites=[_site(tasks=[TaskResult(id="site-search", status="error")])])
    passed = RunResult(sites=[_site(tasks=[TaskResult(id="site-search", status="passed")])])
    assert threshold_crossed(errored, ["task"]) == ["1 task not passed: site-search"]
    assert threshold_crossed(passed, ["task"]) == []
    assert exit_code(errored, ["task"]) == EXIT_THRESHOLD
    assert exit_code(errored, []) == EXIT_OK


def test_a_site_not_audited_is_3_with_or_without_fail_on() -> None:
    refused = PageResult(url="http://127.0.0.1:1/", error="connection refused",
                         error_code="connection-refused")
    broken = RunResult(sites=[_site(pages=[refused], error="home page could not be loaded",
                                    error_code="connection-refused")])
    assert exit_code(broken, []) == EXIT_NOT_AUDITED
    # 3 wins over a crossed threshold: the verdict is about a site that was not there.
    broken.sites[0].tasks.append(TaskResult(id="find-contacts", status="failed"))
    assert exit_code(broken, ["task"]) == EXIT_NOT_AUDITED
    healthy = RunResult(sites=[_site(pages=[_serious()])])
    assert exit_code(healthy, []) == EXIT_OK and sites_not_audited(healthy) == []
    assert exit_code(healthy, ["serious"]) == EXIT_THRESHOLD
    # One broken site among good ones still makes the run 3.
    healthy.sites.append(broken.sites[0])
    assert exit_code(healthy, ["serious"]) == EXIT_NOT_AUDITED


def test_check_is_3_only_for_a_host_with_no_page_audited() -> None:
    missing = PageResult(url="http://127.0.0.1:1/gone", http_status=404, axe_status="ok",
                         error="the page answered HTTP 404", error_code="http-status")
    one_good = RunResult(command="check", sites=[_site(pages=[missing, _serious()])])
    assert exit_code(one_good, []) == EXIT_OK
    none_good = RunResult(command="check", sites=[_site(pages=[missing])])
    assert exit_code(none_good, []) == EXIT_NOT_AUDITED


@pytest.mark.parametrize(
    "text, code",
    [
        ("Page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:1/", "connection-refused"),
        ("Page.goto: net::ERR_NAME_NOT_RESOLVED at http://x.invalid/", "dns"),
        ("Page.goto: net::ERR_SSL_PROTOCOL_ERROR at https://127.0.0.1:1/", "tls"),
        ("net::ERR_CERT_AUTHORITY_INVALID", "tls"),
        ("Page.goto: net::ERR_UNSAFE_PORT at http://127.0.0.1:6000/", "blocked-port"),
        ("net::ERR_TOO_MANY_REDIRECTS", "redirect-loop"),
        ("client-side redirect loop", "redirect-loop"),
        ("page load timed out", "timeout"),
        ("Timeout 3000ms exceeded.", "timeout"),
        ("connection refused", "connection-refused"),  # an already described error
        ("page budget exceeded", "budget"),
        ("something nobody has seen", OTHER_ERROR),
    ],
)
def test_error_codes(text: str, code: str) -> None:
    assert error_code(text) == code


def test_no_error_has_no_code() -> None:
    assert error_code(None) is None and error_code("") is None
