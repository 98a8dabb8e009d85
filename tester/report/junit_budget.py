"""The JUnit testsuite "budgets": one test case per limit of the run's budget file.

A limit not kept is a <failure> whose message says what was measured against the limit
("color-contrast 14 > 5") and whose body lists what was counted. Read from result.budgets
alone, so `ashyq report` re-renders it without the budget file.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from tester.budget import describe
from tester.model import BudgetOutcome, RunResult
from tester.report import summary as s

SUITE = "budgets"


def _clean(value: object) -> str:
    return s.strip_controls(str(value))


def _case_name(outcome: BudgetOutcome) -> str:
    """Unique in the suite: a limit is judged once per site (tasks, scores, sections)."""
    return f"{outcome.id} {outcome.where}" if outcome.where else outcome.id


def budget_cases(result: RunResult) -> list[Element]:
    """One test case per limit judged (none without a budget)."""
    cases = []
    for outcome in result.budgets:
        case = Element("testcase", classname=SUITE, name=_clean(_case_name(outcome)), time="0")
        if not outcome.passed:
            failure = SubElement(case, "failure", type="budget",
                                 message=_clean(s.truncate(describe(outcome), 500)))
            if outcome.counted:
                failure.text = _clean("\n".join(outcome.counted))
        cases.append(case)
    return cases
