"""The CLI explains itself: defaults, examples and exit codes in help; a bad value is one line that
names what the user wrote (the flag, the ASHYQ_* variable or the config file's key), exit 1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tester.cli import EXIT_CODES_HELP, EXIT_OK, EXIT_TOOL, main
from tester.cli.exits import EXIT_NOT_AUDITED, EXIT_STOPPED, EXIT_THRESHOLD
from tester.cli.helptext import value_error

UNREACHABLE = "http://127.0.0.1:1/"  # never visited: every case fails before the audit


def error_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.strip().splitlines()


@pytest.fixture(autouse=True)
def no_ambient_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No repo config file or ASHYQ_* variable of the machine running the tests leaks in."""
    monkeypatch.chdir(tmp_path)
    for name in [n for n in __import__("os").environ if n.startswith("ASHYQ_")]:
        monkeypatch.delenv(name)


@pytest.mark.parametrize(("argv", "line"), [
    (["run", "--max-pages", "x"], "ashyq run: error: --max-pages must be a whole number, not 'x'"),
    (["check", UNREACHABLE, "--checks", "everything"],
     "ashyq check: error: --checks must be one of axe, lowvision, all, none, not 'everything'"),
    (["run", "--delay", "soon"], "ashyq run: error: --delay must be a number, not 'soon'"),
])
def test_a_value_argparse_refuses_is_one_line_naming_the_flag(
    argv: list[str], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == EXIT_TOOL
    assert error_lines(capsys) == [line]


def test_an_unknown_flag_still_shows_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["run", "--no-such-flag", UNREACHABLE])
    assert stop.value.code == EXIT_TOOL
    assert error_lines(capsys)[0].startswith("usage: ashyq")
    assert value_error("unrecognized arguments: --max-page 3") is None
    assert value_error("argument COMMAND: invalid choice: 'x' (choose from 'run')") is None


def test_a_value_settings_refuse_names_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--max-pages", "0", UNREACHABLE]) == EXIT_TOOL
    assert error_lines(capsys) == ["ashyq: error: --max-pages must be positive, not 0"]
    assert main(["run", "--timeout", "-5", UNREACHABLE]) == EXIT_TOOL
    assert error_lines(capsys) == ["ashyq: error: --timeout must be positive, not -5"]


def test_a_value_from_the_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ASHYQ_MAX_PAGES", "0")
    assert main(["run", UNREACHABLE]) == EXIT_TOOL
    assert error_lines(capsys) == ["ashyq: error: ASHYQ_MAX_PAGES must be positive, not '0'"]
    monkeypatch.delenv("ASHYQ_MAX_PAGES")
    monkeypatch.setenv("ASHYQ_SITE_MAX_LINKS", "many")  # a declared option, not a core field
    assert main(["run", UNREACHABLE]) == EXIT_TOOL
    assert error_lines(capsys) == ["ashyq: error: ASHYQ_SITE_MAX_LINKS must be a whole number, "
                                   "not 'many'"]


def test_a_value_from_the_config_file_names_the_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "audit.toml"
    config.write_text("[run]\nmax_pages = -1\n", encoding="utf-8")
    assert main(["run", "--config", str(config), UNREACHABLE]) == EXIT_TOOL
    assert error_lines(capsys) == [
        f"ashyq: error: {config}: [run] max_pages must be positive, not -1"]
    config.write_text("max_pages = 0\n", encoding="utf-8")  # a top-level key: no section
    assert main(["run", "--config", str(config), UNREACHABLE]) == EXIT_TOOL
    assert error_lines(capsys) == [f"ashyq: error: {config}: max_pages must be positive, not 0"]


def help_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as stop:
        main([*argv, "--help"])
    assert stop.value.code == EXIT_OK
    return capsys.readouterr().out


@pytest.mark.parametrize("argv", [[], ["run"], ["check"], ["report"], ["diff"],
                                  ["baseline", "save"], ["config"], ["history"], ["dashboard"]])
def test_every_command_help_has_examples_and_the_exit_codes(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = help_of(argv, capsys)
    assert "examples:\n  ashyq " in text
    examples = text.split("examples:\n", 1)[1].split("\n\n", 1)[0]
    assert 2 <= examples.count("\n  ashyq ") + 1 <= 5
    assert text.rstrip().endswith(EXIT_CODES_HELP.rstrip())
    assert "{format_ids}" not in text and "{task_ids}" not in text  # `config` showed them raw
    assert max(map(len, text.splitlines())) <= 100  # descriptions are wrapped, not one line


def test_run_help_shows_each_settings_default_and_where_to_set_it(
    capsys: pytest.CaptureFixture[str]
) -> None:
    text = " ".join(help_of(["run"], capsys).split())  # argparse wraps lines anywhere
    assert "--max-pages MAX_PAGES pages audited per site (default: 20; config max_pages, env " \
        "ASHYQ_MAX_PAGES)" in text
    assert "(default: 20000; config navigation_timeout_ms, env ASHYQ_NAVIGATION_TIMEOUT_MS)" in text
    assert "(default: bundled; config axe_source, env ASHYQ_AXE_SOURCE)" in text
    assert "(default: 2000; config site_max_links" in text  # a declared option's default
    # A help text that already says its default is not told twice; a switch has none to tell.
    assert text.count("config browser_endpoint") == 1
    assert not re.search(r"--headed\s+show the browser window \(default", text)


def test_the_exit_codes_help_lists_every_code() -> None:
    codes = [int(m) for m in re.findall(r"^  (\d+) ", EXIT_CODES_HELP, re.MULTILINE)]
    assert codes == [EXIT_OK, EXIT_TOOL, EXIT_THRESHOLD, EXIT_NOT_AUDITED, EXIT_STOPPED]
