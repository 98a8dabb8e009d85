"""Budgets: the file read strictly, each kind of limit judged both ways, and what reports,
JUnit and the exit code make of the outcomes. No browser."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import fromstring

import pytest
from lxml import etree

from tester.budget import (
    Budget,
    FindingLimits,
    TaskLimits,
    apply_budget,
    describe,
    evaluate,
)
from tester.budget_file import BudgetError, KnownIds, known_ids, load_budget, parse_budget
from tester.cli import EXIT_NOT_AUDITED, EXIT_OK, EXIT_THRESHOLD, exit_code
from tester.model import (
    BudgetOutcome,
    CheckResult,
    Finding,
    PageResult,
    RunResult,
    SiteResult,
    TaskResult,
)
from tester.report.junit import render_junit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "ashyq-budget.toml"
SITE = "http://gov.test/"
KNOWN = KnownIds(
    rules=frozenset({"color-contrast", "image-alt", "broken-links", "required-sections"}),
    tasks=frozenset({"find-contacts", "site-search"}),
    areas=frozenset({"tasks", "accessibility", "low_vision", "kazakh_rules"}),
    sections=frozenset({"S05", "contacts", "S10", "legal-acts"}),
)


def axe(rule: str, impact: str = "serious", **flags: bool) -> Finding:
    return Finding(rule=rule, source="axe", impact=impact, selector=f"#{rule}", **flags)


def sample(contrast: int = 3, *, command: str = "run") -> RunResult:
    """One site: two pages with color-contrast violations, one advisory and one to review;
    a broken-links check; two tasks; scores; the sections check found contacts only."""
    home = PageResult(url=SITE, axe_status="ok", findings=[
        *[axe("color-contrast") for _ in range(contrast)],
        axe("color-contrast", advisory=True), axe("image-alt", "critical", needs_review=True)])
    other = PageResult(url=SITE + "news", axe_status="ok", findings=[axe("color-contrast")],
                       checks=[CheckResult(id="broken-links", status="failed", findings=[
                           Finding(rule="broken-link", impact="serious")])])
    sections = CheckResult(id="required-sections", status="failed", data={"items": [
        {"id": "S05", "key": "contacts", "found": True},
        {"id": "S10", "key": "legal-acts", "found": False}]})
    site = SiteResult(
        url=SITE, pages=[home, other], checks=[sections],
        tasks=[TaskResult(id="find-contacts", status="passed", clicks=2, seconds=4.5),
               TaskResult(id="site-search", status="failed", clicks=6, seconds=30.0)],
        scores={"accessibility": 0.0, "tasks": 50.0})
    return RunResult(command=command, sites=[site])


def outcome(outcomes: list[BudgetOutcome], oid: str) -> BudgetOutcome:
    [found] = [o for o in outcomes if o.id == oid]
    return found


# --- the file ---------------------------------------------------------------------------------

def test_the_readme_example_parses_against_the_real_ids() -> None:
    budget = load_budget(EXAMPLE)  # the installed axe-core, checks, tasks and checklist
    assert budget.findings.rules["color-contrast"] == 5
    assert budget.tasks["find-contacts"].max_clicks == 3
    assert budget.all_tasks == TaskLimits(max_clicks=5, max_seconds=60.0)
    assert budget.scores["accessibility"] == 80.0
    assert "contacts" in budget.sections
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert EXAMPLE.read_text(encoding="utf-8").split("\n[findings]")[1] in readme


GOOD = """
[findings]
serious = 2
[findings.rules]
color-contrast = 5
[findings.per_page]
critical = 0
[findings.per_page.rules]
image-alt = 0
[tasks]
max_clicks = 4
[tasks.site-search]
max_seconds = 20.5
[scores]
accessibility = 90
[sections]
required = ["contacts", "S10"]
"""


def test_a_good_file_holds_every_kind_of_limit() -> None:
    budget = parse_budget(GOOD, "b.toml", KNOWN)
    assert budget == Budget(
        source="b.toml",
        findings=FindingLimits({"serious": 2}, {"color-contrast": 5}),
        per_page=FindingLimits({"critical": 0}, {"image-alt": 0}),
        all_tasks=TaskLimits(max_clicks=4), tasks={"site-search": TaskLimits(max_seconds=20.5)},
        scores={"accessibility": 90.0}, sections=("contacts", "S10"))


@pytest.mark.parametrize(("text", "expected"), [
    ("[finding]\nserious = 1\n", "b.toml:1: finding: unknown 'finding'"),
    ("[findings]\nsevere = 1\n", "b.toml:2: findings.severe: unknown 'severe'"),
    ("[findings]\nserious = -1\n", "b.toml:2: findings.serious: must be a whole number"),
    ("[findings]\nserious = true\n", "findings.serious: must be a whole number"),
    ("[findings]\nserious = \"5\"\n", "findings.serious: must be a whole number"),
    ("[findings.rules]\ncolour-contrast = 1\n",
     "b.toml:2: findings.rules.colour-contrast: unknown 'colour-contrast'"),
    ("[findings.per_page.per_page]\nserious = 1\n", "unknown 'per_page'"),
    ("[tasks.find-contact]\nmax_clicks = 1\n", "b.toml:1: tasks.find-contact: unknown"),
    ("[tasks.site-search]\nmax_click = 1\n", "tasks.site-search.max_click: unknown"),
    ("[tasks]\nmax_seconds = -2\n", "b.toml:2: tasks.max_seconds: must be a number 0 or more"),
    ("tasks = 3\n", "b.toml:1: tasks: must be a table, not int"),
    ("[scores]\naccessibility = 101\n", "scores.accessibility: must be a number from 0 to 100"),
    ("[scores]\nspeed = 50\n", "b.toml:2: scores.speed: unknown 'speed'"),
    ("[sections]\nrequired = [\"contacts\", \"S99\"]\n", "sections.required: unknown 'S99'"),
    ("[sections]\nrequired = \"contacts\"\n", "sections.required: must be a list"),
    ("[sections]\noptional = []\n", "sections.optional: unknown 'optional'"),
    ("[findings\n", "b.toml: "),
])
def test_a_bad_file_is_one_line_naming_file_key_and_line(text: str, expected: str) -> None:
    with pytest.raises(BudgetError) as error:
        parse_budget(text, "b.toml", KNOWN)
    assert expected in str(error.value) and "\n" not in str(error.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(BudgetError, match="budget file not found: .*nope.toml"):
        load_budget(tmp_path / "nope.toml", KNOWN)


# --- each kind judged both ways ---------------------------------------------------------------

@pytest.mark.parametrize(("limit", "passed"), [(4, True), (3, False)])
def test_rule_limit_counts_confirmed_findings_only(limit: int, passed: bool) -> None:
    # 3 + 1 confirmed color-contrast violations; the advisory one never counts.
    budget = Budget(findings=FindingLimits(rules={"color-contrast": limit}))
    result = outcome(evaluate(sample(), budget), "budget.rule.color-contrast")
    assert (result.measured, result.passed) == (4, passed)
    assert len(result.counted) == 4 and result.counted[0].startswith(SITE)


def test_rule_limit_by_check_id_counts_that_checks_findings() -> None:
    budget = Budget(findings=FindingLimits(rules={"broken-links": 0, "image-alt": 0}))
    outcomes = evaluate(sample(), budget)
    assert not outcome(outcomes, "budget.rule.broken-links").passed
    assert outcome(outcomes, "budget.rule.image-alt").passed  # to review: not counted


@pytest.mark.parametrize(("limit", "passed"), [(4, True), (3, False)])
def test_impact_limit_counts_what_fail_on_counts(limit: int, passed: bool) -> None:
    # serious: 4 axe violations; the broken-links check's serious finding is not read, as
    # --fail-on serious does not read it.
    budget = Budget(findings=FindingLimits(impacts={"serious": limit}))
    result = outcome(evaluate(sample(), budget), "budget.impact.serious")
    assert (result.measured, result.passed) == (4, passed)


@pytest.mark.parametrize(("limit", "passed"), [(3, True), (2, False)])
def test_per_page_limit_reports_the_worst_page(limit: int, passed: bool) -> None:
    budget = Budget(per_page=FindingLimits(rules={"color-contrast": limit}))
    result = outcome(evaluate(sample(), budget), "budget.page.rule.color-contrast")
    assert (result.where, result.measured, result.passed) == (SITE, 3, passed)


@pytest.mark.parametrize(("clicks", "seconds", "passed"), [(6, 30, True), (5, 29.9, False)])
def test_task_limits_default_for_every_task(clicks: int, seconds: float, passed: bool) -> None:
    budget = Budget(all_tasks=TaskLimits(max_clicks=clicks, max_seconds=seconds))
    outcomes = evaluate(sample(), budget)
    assert outcome(outcomes, "budget.task-clicks.site-search").passed is passed
    assert outcome(outcomes, "budget.task-seconds.site-search").passed is passed
    assert outcome(outcomes, "budget.task-clicks.find-contacts").passed


def test_a_tasks_own_limit_overrides_the_default_and_a_task_not_run_fails() -> None:
    budget = Budget(all_tasks=TaskLimits(max_clicks=10),
                    tasks={"find-contacts": TaskLimits(max_clicks=1),
                           "find-sitemap": TaskLimits(max_clicks=9)})
    outcomes = evaluate(sample(), budget)
    assert not outcome(outcomes, "budget.task-clicks.find-contacts").passed  # 2 > 1
    assert outcome(outcomes, "budget.task-clicks.site-search").passed  # 6 <= 10
    missing = outcome(outcomes, "budget.task-clicks.find-sitemap")
    assert missing.measured is None and not missing.passed
    assert describe(missing) == f"find-sitemap clicks not measured (limit 9) ({SITE})"


@pytest.mark.parametrize(("minimum", "passed"), [(50, True), (50.1, False)])
def test_score_minimum(minimum: float, passed: bool) -> None:
    result = outcome(evaluate(sample(), Budget(scores={"tasks": minimum})), "budget.score.tasks")
    assert result.passed is passed and result.at_least


def test_a_score_not_measured_fails() -> None:
    result = outcome(evaluate(sample(), Budget(scores={"low_vision": 0})),
                     "budget.score.low_vision")
    assert result.measured is None and not result.passed


def test_required_sections_by_id_or_key() -> None:
    outcomes = evaluate(sample(), Budget(sections=("S05", "legal-acts")))
    assert outcome(outcomes, "budget.section.S05").passed
    assert not outcome(outcomes, "budget.section.legal-acts").passed
    assert describe(outcome(outcomes, "budget.section.legal-acts")) == (
        f"section legal-acts missing ({SITE})")


def test_check_runs_judge_only_the_finding_limits() -> None:
    budget = Budget(findings=FindingLimits(rules={"color-contrast": 0}),
                    all_tasks=TaskLimits(max_clicks=0), scores={"tasks": 100},
                    sections=("contacts",))
    assert [o.kind for o in evaluate(sample(command="check"), budget)] == ["rule"]
    checked = sample(command="check")
    apply_budget(checked, budget)  # and says so, rather than leaving them out silently
    [notice] = [n for n in checked.notices if n.id == "budget-not-judged"]
    assert notice.data["kinds"] == ["tasks", "scores", "sections"]
    ran = sample()
    apply_budget(ran, budget)
    assert not [n for n in ran.notices if n.id == "budget-not-judged"]
    findings_only = sample(command="check")
    apply_budget(findings_only, Budget(findings=FindingLimits(rules={"color-contrast": 0})))
    assert not findings_only.notices


# --- what the outcomes make -------------------------------------------------------------------

def judged(limit: int) -> RunResult:
    result = sample()
    result.budget = "b.toml"
    result.budgets = evaluate(result, Budget(findings=FindingLimits(
        rules={"color-contrast": limit}), sections=("contacts",)))
    return result


def test_a_failed_budget_exits_2_and_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_code(judged(1), []) == EXIT_THRESHOLD
    assert "ashyq: budget failed: color-contrast 4 > 1" in capsys.readouterr().err
    assert exit_code(judged(4), []) == EXIT_OK
    assert "budget kept: 2 limits of b.toml" in capsys.readouterr().err


def test_a_site_not_audited_still_exits_3_over_a_failed_budget() -> None:
    result = judged(1)
    result.sites[0].error_code = "dns"
    assert exit_code(result, []) == EXIT_NOT_AUDITED


def test_each_limit_is_a_junit_case_in_the_budgets_suite() -> None:
    root = fromstring(render_junit(judged(1)))
    [suite] = [s for s in root.iter("testsuite") if s.get("name") == "budgets"]
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {"budget.rule.color-contrast", f"budget.section.contacts {SITE}"}
    failure = cases["budget.rule.color-contrast"].find("failure")
    assert failure is not None and failure.get("message") == "color-contrast 4 > 1"
    assert SITE in (failure.text or "")
    assert cases[f"budget.section.contacts {SITE}"].find("failure") is None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    assert root.get("failures") is not None and int(root.get("failures") or 0) >= 1
    schema = etree.XMLSchema(etree.parse(str(Path(__file__).parents[1] / "schemas/junit-10.xsd")))
    assert schema.validate(etree.fromstring(render_junit(judged(1)).encode())), schema.error_log


def test_no_budget_no_suite() -> None:
    root = fromstring(render_junit(sample()))
    assert all(s.get("name") != "budgets" for s in root.iter("testsuite"))


def test_outcomes_survive_result_json() -> None:
    result = judged(1)
    again = RunResult.from_json(result.to_json())
    assert again.budgets == result.budgets and again.budget == "b.toml"
    assert "budgets" not in sample().to_json()  # left out without a budget


def test_the_threshold_message_names_the_widest_impact_it_counted() -> None:
    from tester.gate import threshold_crossed

    minor = sample()
    minor.sites[0].pages[0].findings.append(axe("region", "minor"))
    assert threshold_crossed(minor, ["serious", "minor"]) == [
        "5 violations at minor impact or above"]


def test_rule_ids_come_from_the_axe_core_that_will_run() -> None:
    newer = "axe.version='9.0.0';x={rules: [ { id: 'newer-rule', tags: [] }], checks: [ ]}"
    text = "[findings.rules]\nnewer-rule = 0\n"
    with pytest.raises(BudgetError, match="newer-rule"):
        parse_budget(text, "b.toml", known_ids())  # the bundled axe-core has no such rule
    budget = parse_budget(text, "b.toml", known_ids(axe_source=newer))
    assert budget.findings.rules == {"newer-rule": 0}
    assert "color-contrast" in known_ids().rules and "color-contrast" not in known_ids(
        axe_source=newer).rules
