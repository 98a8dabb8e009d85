"""baseline.md: the comparison a `--baseline` gate decided on, kept in the report folder."""

from __future__ import annotations

from datetime import date

from tester.baseline import Acceptance, baseline_from_result, compare
from tester.model import Finding, PageResult, RunResult, SiteResult, TaskResult
from tester.report.baseline_summary import LISTED, render_baseline_markdown

SITE = "https://akimat.gov.kz/"
TODAY = date(2026, 12, 3)


def axe(rule: str, src: str, impact: str = "serious") -> Finding:
    return Finding(rule=rule, source="axe", impact=impact, selector=f'img[src="{src}"]',
                   snippet=f'<img src="{src}">')


def run(findings: list[Finding], tasks: list[TaskResult] | None = None) -> RunResult:
    return RunResult(sites=[SiteResult(url=SITE, pages=[PageResult(url=SITE, findings=findings)],
                                       tasks=tasks or [])])


def test_lists_new_and_fixed_findings_regressions_and_lapsed_acceptances() -> None:
    before = run([axe("image-alt", "/old.png"), axe("color-contrast", "/c.png", "moderate")],
                 [TaskResult(id="find-contacts", status="passed", clicks=2)])
    baseline = baseline_from_result(before)
    kept = baseline.findings[0].fingerprint  # color-contrast: its acceptance has lapsed
    baseline.accepted = [Acceptance(fingerprint=kept, reason="vendor fix due", rule="x",
                                    expires=date(2026, 11, 1))]
    after = run([axe("image-alt", "/new.png", "critical"),
                 axe("color-contrast", "/c.png", "moderate")],
                [TaskResult(id="find-contacts", status="failed", clicks=5)])
    text = render_baseline_markdown(compare(after, baseline, TODAY), "ashyq-baseline.json")
    assert "ashyq-baseline.json" in text
    # New: the critical image and the finding whose acceptance lapsed; fixed: the old image.
    assert "**2** new" in text and "**1** fixed" in text and "Task regressions: **1**" in text
    assert "/new.png" in text and "Critical" in text  # the new finding, with its impact
    assert "/old.png" in text.split("fixed issue")[1]  # listed among the fixed
    assert "Passed" in text and "Failed" in text  # the regressed verdict, before and after
    assert "2026-11-01" in text and "vendor fix due" in text  # the lapsed acceptance
    assert "Nothing new" not in text


def test_an_unchanged_run_says_nothing_is_new_in_each_language() -> None:
    result = run([axe("image-alt", "/a.png")])
    comparison = compare(result, baseline_from_result(result), TODAY)
    assert "Nothing new against the baseline" in render_baseline_markdown(comparison, "b.json")
    assert "жаңа ештеңе жоқ" in render_baseline_markdown(comparison, "b.json", "kk")
    assert "ничего нового" in render_baseline_markdown(comparison, "b.json", "ru")


def test_page_text_is_escaped_and_long_lists_are_cut() -> None:
    hostile = [axe(f"rule-{i}", f"/x{i}.png?<script>alert(1)</script>|") for i in range(LISTED + 5)]
    comparison = compare(run(hostile), baseline_from_result(run([])), TODAY)
    text = render_baseline_markdown(comparison, "<b>base</b>.json")
    assert "<script>" not in text and "<b>" not in text
    assert "\\<script\\>" in text
    assert "5 more" in text
    table_rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table_rows) == LISTED + 2  # heading, separator and the listed findings
    assert all(line.count(" | ") == 4 for line in table_rows)  # a `|` in a URL splits no cell
