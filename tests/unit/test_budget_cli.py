"""`ashyq check --budget` end to end without a browser (the gathering is replaced by a fixed
page), and what the reports say about the gate: budgets and what each --fail-on counted."""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path
from typing import Any

import pytest

import tester.runner
from tester.budget import Budget, FindingLimits, apply_budget
from tester.cli import EXIT_OK, EXIT_THRESHOLD, EXIT_TOOL, main
from tester.model import CheckResult, Finding, PageResult, RunResult, SiteResult
from tester.report.html import render_html
from tester.report.markdown import render_markdown

URL = "http://127.0.0.1:9/"


def audited_page() -> PageResult:
    """3 confirmed serious axe violations, 1 advisory, 1 to review; 2 from ashyq's checks."""
    axe = [Finding(rule="color-contrast", source="axe", impact="serious") for _ in range(3)]
    axe += [Finding(rule="color-contrast-enhanced", source="axe", impact="serious",
                    advisory=True),
            Finding(rule="region", source="axe", impact="critical", needs_review=True)]
    own = [Finding(rule="small-text", impact="serious"), Finding(rule="reflow", impact="critical")]
    return PageResult(url=URL, http_status=200, axe_status="ok", findings=axe,
                      checks=[CheckResult(id="small-text", status="failed", findings=own)])


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    async def gather(command: str, urls: list[str], settings: Any, out_dir: Path,
                     progress: Any, scenarios: Any, result: RunResult) -> RunResult:
        result.sites.append(SiteResult(url=urls[0], pages=[audited_page()]))
        return result

    monkeypatch.setattr(tester.runner, "run_with_browser", gather)
    monkeypatch.chdir(tmp_path)  # no playwright.config.toml, no reports/ in the repository
    monkeypatch.delenv("ASHYQ_BUDGET", raising=False)
    return tmp_path


def check(folder: Path, budget: str, *extra: str) -> int:
    (folder / "ashyq-budget.toml").write_text(budget, encoding="utf-8")
    return main(["check", URL, "--budget", "ashyq-budget.toml", "--out", str(folder / "out"),
                 "--no-db", "--quiet", "--formats", "json,junit,markdown,html", *extra])


def test_check_with_a_budget_kept_exits_0(no_browser: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert check(no_browser, "[findings.rules]\ncolor-contrast = 3\n") == EXIT_OK
    saved = json.loads((no_browser / "out" / "result.json").read_text(encoding="utf-8"))
    assert saved["budget"] == "ashyq-budget.toml"
    assert [(b["id"], b["measured"], b["passed"]) for b in saved["budgets"]] == [
        ("budget.rule.color-contrast", 3, True)]
    assert "budget kept" in capsys.readouterr().err


def test_check_over_budget_exits_2_names_it_and_reports_it(
        no_browser: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = check(no_browser, "[findings.rules]\ncolor-contrast = 2\nsmall-text = 5\n")
    assert code == EXIT_THRESHOLD
    assert "ashyq: budget failed: color-contrast 3 > 2" in capsys.readouterr().err
    out = no_browser / "out"
    assert 'name="budgets"' in (out / "junit.xml").read_text(encoding="utf-8")
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "## Budget" in summary and "1 of 2 limits of ashyq-budget.toml not kept" in summary
    assert 'id="budget"' in (out / "index.html").read_text(encoding="utf-8")


def test_a_broken_budget_exits_1_before_any_audit(
        no_browser: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(no_browser, "[findings.rules]\ncolour-contrast = 2\n") == EXIT_TOOL
    err = capsys.readouterr().err
    assert ("ashyq-budget.toml:2: findings.rules.colour-contrast: unknown 'colour-contrast'; "
            "did you mean 'color-contrast'?") in err
    assert not (no_browser / "out").exists()


def test_the_budget_setting_comes_from_the_environment(
        no_browser: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (no_browser / "b.toml").write_text("[findings]\nserious = 0\n", encoding="utf-8")
    monkeypatch.setenv("ASHYQ_BUDGET", "b.toml")
    assert main(["check", URL, "--out", str(no_browser / "out"), "--no-db", "--quiet",
                 "--formats", "json"]) == EXIT_THRESHOLD


def gated(fail_on: list[str]) -> RunResult:
    return RunResult(command="check", fail_on=fail_on,
                     sites=[SiteResult(url=URL, pages=[audited_page()])])


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_report_says_what_fail_on_counted(language: str) -> None:
    html = unescape(render_html(gated(["serious"]), language))
    markdown = render_markdown(gated(["serious"]), language)
    if language == "en":
        expected = ("--fail-on serious counts axe violations of impact Serious or Critical on "
                    "the audited pages: 3. Not counted: 1 advisory, 1 to review, 2 found by "
                    "ashyq's own checks and tasks.")
        assert expected in html and expected in markdown
    for text in (html, markdown):
        assert "--fail-on serious" in text and ": 3." in text
    assert "--fail-on" not in render_html(gated([]), language)


def test_fail_on_critical_counts_none_of_these() -> None:
    html = render_html(gated(["critical", "check"]), "en")
    assert "impact Critical on the audited pages: 0. Not counted: 0 advisory, 1 to review, " \
           "1 found by" in html
    assert "--fail-on check counts failed checks (page and site): 1." in html


def test_report_rerenders_the_budget_from_result_json(
        no_browser: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check(no_browser, "[findings.rules]\ncolor-contrast = 2\n", "--fail-on", "critical")
    out = no_browser / "out"
    (out / "junit.xml").unlink()
    assert main(["report", str(out), "--format", "junit,markdown", "--lang", "kk"]) == EXIT_OK
    junit = (out / "junit.xml").read_text(encoding="utf-8")
    assert 'name="budget.rule.color-contrast"' in junit and "color-contrast 3 &gt; 2" in junit
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "--fail-on critical" in summary and "## Бюджет" in summary


def test_several_impacts_tell_only_the_widest_the_gate_applies() -> None:
    html = unescape(render_html(gated(["critical", "moderate"]), "en"))
    assert "--fail-on moderate counts axe violations of impact Moderate or Serious or " \
           "Critical on the audited pages: 3." in html
    assert "--fail-on critical" not in html


def test_what_a_budget_counted_from_a_site_is_escaped() -> None:
    result = gated([])
    result.sites[0].checks.append(CheckResult(id="broken-links", status="failed", findings=[
        Finding(rule="broken-link", impact="serious", message="<script>alert(1)</script>")]))
    apply_budget(result, Budget(source="b.toml",
                                findings=FindingLimits(rules={"broken-links": 0})))
    html = render_html(result, "en")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<script>" not in render_markdown(result, "en")
