"""The WCAG standard (tester.wcag): the criteria table, the advisory rule, and every consumer that
must treat an advisory finding as "never a failure" (gate, counts, JUnit, SARIF, history) while
fingerprints stay the same whatever the standard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from tester.cli import build_parser, exit_code
from tester.cli.args import settings_from_args
from tester.config import ConfigError, Settings, load_settings
from tester.fingerprint import fingerprint
from tester.gate import blocking, confirmed, threshold_crossed
from tester.history import History, tables
from tester.history.recorder import record_run
from tester.model import CheckResult, Finding, PageResult, RunResult, SiteResult
from tester.report.junit import render_junit
from tester.report.sarif import render_sarif
from tester.report.summary import count_site, run_standard
from tester.scores import score_site
from tester.wcag import (
    CRITERIA,
    apply_standard,
    apply_to_check,
    apply_to_site,
    in_standard,
    is_advisory,
)


def _in(version: str, level: str) -> int:
    return sum(in_standard(number, version, level) for number in CRITERIA)


def test_table_holds_every_criterion_of_each_version_and_level() -> None:
    assert len(CRITERIA) == 87  # WCAG 2.2's 86 and 4.1.1 Parsing, obsolete in it
    # Success criteria per version at A, AA (cumulative), AAA (all): the W3C's own counts.
    assert [_in("2.0", level) for level in ("A", "AA", "AAA")] == [25, 38, 61]
    assert [_in("2.1", level) for level in ("A", "AA", "AAA")] == [30, 50, 78]
    assert [_in("2.2", level) for level in ("A", "AA", "AAA")] == [31, 55, 86]


@pytest.mark.parametrize(("wcag", "version", "level", "advisory"), [
    (["1.4.6"], "2.1", "AA", True),  # enhanced contrast is AAA
    (["1.4.6"], "2.1", "AAA", False),
    (["1.4.8"], "2.2", "AA", True),  # small-text's criterion
    (["1.4.10"], "2.0", "AA", True),  # reflow came in 2.1
    (["1.4.12"], "2.1", "AA", False),
    (["2.5.8"], "2.1", "AA", True),  # target size (minimum) came in 2.2
    (["2.5.8"], "2.2", "AA", False),
    (["4.1.1"], "2.1", "A", False),
    (["4.1.1"], "2.2", "AA", True),  # parsing is obsolete in 2.2
    (["1.4.3"], "2.0", "A", True),  # AA above level A
    (["1.4.3", "1.4.6"], "2.1", "AA", False),  # one required criterion is enough
    (["1.4.6", "2.5.8"], "2.1", "AA", True),
    ([], "2.0", "A", False),  # best practice: judged as before
    (["9.9.9"], "2.1", "AA", False),  # an unknown number keeps counting
])
def test_is_advisory(wcag: list[str], version: str, level: str, advisory: bool) -> None:
    assert is_advisory(wcag, version, level) is advisory


def test_apply_standard_returns_copies_and_keeps_unchanged_findings() -> None:
    aaa, plain = Finding(rule="x", wcag=["1.4.6"]), Finding(rule="y", wcag=["1.1.1"])
    judged = apply_standard([aaa, plain], "2.1", "AA")
    assert [f.advisory for f in judged] == [True, False]
    assert not aaa.advisory and judged[1] is plain
    # Judged again under AAA, the advisory flag goes away.
    assert not apply_standard(judged, "2.1", "AAA")[0].advisory


def _check(status: str, *findings: Finding) -> CheckResult:
    return CheckResult(id="c", status=status, findings=list(findings))  # type: ignore[arg-type]


def test_a_check_failed_only_by_advisory_findings_passes() -> None:
    small = Finding(rule="small-text", impact="serious", wcag=["1.4.8"])
    review = Finding(rule="r", needs_review=True, wcag=["1.4.3"])
    real = Finding(rule="reflow", wcag=["1.4.10"])
    assert apply_to_check(_check("failed", small), "2.1", "AA").status == "passed"
    assert apply_to_check(_check("failed", small, review), "2.1", "AA").status == "passed"
    assert apply_to_check(_check("failed", small), "2.1", "AAA").status == "failed"
    assert apply_to_check(_check("failed", small, real), "2.1", "AA").status == "failed"
    # A check that failed on its review items alone keeps its own verdict.
    assert apply_to_check(_check("failed", review), "2.1", "AA").status == "failed"
    assert apply_to_check(_check("error", small), "2.1", "AA").status == "error"


def _site() -> SiteResult:
    """A page whose only problems are a serious axe finding from 2.1 (1.4.12) and a failed
    small-text check (1.4.8)."""
    page = PageResult(
        url="https://akimat.gov.kz/", axe_status="ok",
        findings=[Finding(rule="avoid-inline-spacing", source="axe", impact="serious",
                          wcag=["1.4.12"], selector="p")],
        checks=[_check("failed", Finding(rule="small-text", impact="serious", wcag=["1.4.8"]))])
    return SiteResult(url="https://akimat.gov.kz/", pages=[page])


def test_gate_counts_scores_and_junit_leave_advisory_findings_out() -> None:
    site = _site()
    apply_to_site(site, "2.0", "AA")
    result = RunResult(command="check", sites=[site],
                       settings={"wcag": "2.0", "wcag_level": "AA"})
    finding = site.pages[0].findings[0]
    assert finding.advisory and not confirmed(finding) and blocking([finding]) == []
    assert threshold_crossed(result, ["minor", "check"]) == []
    assert score_site(site)["accessibility"] == 100.0
    counts = count_site(site)
    assert (counts.violations, counts.advisory, counts.needs_review) == (0, 2, 0)
    junit = render_junit(result)
    assert 'failures="0"' in junit and "<failure " not in junit and "advisory=2" in junit
    assert run_standard(result) == "WCAG 2.0 AA"
    assert run_standard(RunResult()) == "WCAG 2.1 AA"  # a result from before the setting
    # The same site under 2.1 AA: the spacing finding counts, small-text is still advisory.
    again = _site()
    apply_to_site(again, "2.1", "AA")
    assert threshold_crossed(RunResult(command="check", sites=[again]), ["serious"])
    assert again.pages[0].checks[0].status == "passed"


def test_sarif_says_advisory_is_a_note_not_a_failure() -> None:
    site = _site()
    apply_to_site(site, "2.0", "AA")
    sarif = json.loads(render_sarif(RunResult(command="check", sites=[site])))
    results = sarif["runs"][0]["results"]
    spacing = next(r for r in results if r["ruleId"] == "avoid-inline-spacing")
    assert spacing["level"] == "note" and spacing["kind"] == "informational"
    assert spacing["properties"]["advisory"] is True


def test_fingerprints_do_not_depend_on_the_standard() -> None:
    finding = Finding(rule="color-contrast-enhanced", source="axe", wcag=["1.4.6"], selector="p")
    (judged,) = apply_standard([finding], "2.1", "AA")
    assert judged.advisory
    assert fingerprint(judged, "https://a.kz/x") == fingerprint(finding, "https://a.kz/x")


def test_result_json_leaves_advisory_out_when_false() -> None:
    assert "advisory" not in Finding(rule="x").model_dump(mode="json")
    assert Finding(rule="x", advisory=True).model_dump(mode="json")["advisory"] is True


def test_cli_wcag_2_0_makes_a_2_1_finding_advisory_and_the_exit_code_passes(
        capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(
        ["check", "https://akimat.gov.kz/", "--wcag", "2.0", "--wcag-level", "aa",
         "--fail-on", "serious", "--enhanced-contrast"])
    settings = settings_from_args(args)
    assert (settings.wcag, settings.wcag_level, settings.enhanced_contrast) == ("2.0", "AA", True)
    assert settings.public()["wcag"] == "2.0"  # recorded in result.json
    site = _site()
    apply_to_site(site, settings.wcag, settings.wcag_level)
    assert exit_code(RunResult(command="check", sites=[site]), ["serious"]) == 0
    site = _site()
    apply_to_site(site, "2.1", "AA")
    assert exit_code(RunResult(command="check", sites=[site]), ["serious"]) == 2
    capsys.readouterr()


def test_settings_read_versions_and_levels_as_written(tmp_path: Path) -> None:
    config = tmp_path / "playwright.config.toml"
    config.write_text("[run]\nwcag = 2.2\nwcag_level = \"aaa\"\n", encoding="utf-8")
    settings = load_settings(config, env={})
    assert (settings.wcag, settings.wcag_level) == ("2.2", "AAA")
    assert load_settings(config, env={"ASHYQ_WCAG": "2.0"}).wcag == "2.0"
    assert (Settings().wcag, Settings().wcag_level, Settings().enhanced_contrast) == (
        "2.1", "AA", False)
    with pytest.raises(ConfigError, match="wcag must be one of 2.0, 2.1, 2.2"):
        Settings(wcag="3.0")


def test_history_stores_the_flag_and_counts_without_advisory(history: History) -> None:
    site = _site()
    apply_to_site(site, "2.0", "AA")
    record_run(history, RunResult(command="check", sites=[site]), "run-1")
    with history.transaction() as conn:
        flags = conn.execute(sa.select(tables.findings.c.rule, tables.findings.c.advisory)
                             ).all()
        serious = conn.execute(sa.select(tables.sites.c.serious)).scalar_one()
    assert sorted(flags) == [("avoid-inline-spacing", True), ("small-text", True)]
    assert serious == 0
