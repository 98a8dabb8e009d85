"""Baselines: the file's format, comparing a run with it, and the `new:` gate thresholds."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tester.baseline import (
    Acceptance,
    BaselineError,
    baseline_from_result,
    compare,
    dump_baseline,
    parse_baseline,
)
from tester.fingerprint import FINGERPRINT_VERSION
from tester.gate import FAIL_ON_CHOICES, threshold_crossed
from tester.model import CheckResult, Finding, PageResult, RunResult, SiteResult, TaskResult

SITE = "https://akimat.gov.kz/"
TODAY = date(2026, 12, 3)


def axe(rule: str, src: str, impact: str = "serious") -> Finding:
    return Finding(rule=rule, source="axe", impact=impact, selector=".news > li:nth-child(2) > img",
                   snippet=f'<img src="{src}">')


def run(findings: list[Finding], tasks: list[TaskResult] | None = None,
        pages: tuple[str, ...] = (SITE,), site_findings: list[Finding] | None = None) -> RunResult:
    page_list = [PageResult(url=url, findings=list(findings) if url == pages[0] else [])
                 for url in pages]
    checks = [CheckResult(id="broken-links", status="failed" if site_findings else "passed",
                          findings=site_findings or [])]
    return RunResult(sites=[SiteResult(url=SITE, pages=page_list, tasks=tasks or [],
                                       checks=checks)])


def task(status: str, clicks: int = 2, optimal: int | None = None,
         task_id: str = "contacts") -> TaskResult:
    return TaskResult(id=task_id, status=status, clicks=clicks, optimal_clicks=optimal)


def test_file_is_sorted_reviewable_and_round_trips() -> None:
    result = run([axe("image-alt", "/b.png"), axe("color-contrast", "/a.png", "moderate")],
                 [task("passed", task_id="search"), task("passed")])
    text = dump_baseline(baseline_from_result(result))
    raw = json.loads(text)
    assert raw["format"] == 1 and raw["fingerprint_version"] == FINGERPRINT_VERSION
    assert [f["rule"] for f in raw["findings"]] == ["color-contrast", "image-alt"]
    assert {"fingerprint", "rule", "page", "impact"} <= set(raw["findings"][0])
    assert [t["id"] for t in raw["tasks"]] == ["contacts", "search"]
    assert parse_baseline(text) == baseline_from_result(result)
    assert dump_baseline(parse_baseline(text)) == text  # saving twice changes nothing


@pytest.mark.parametrize(("text", "says"), [
    ("{", "not JSON"),
    ("[]", "not an ashyq baseline"),
    (json.dumps({"format": 1, "fingerprint_version": 0}), "fingerprint version 0"),
    (json.dumps({"format": 9, "fingerprint_version": FINGERPRINT_VERSION}), "format 9"),
    (json.dumps({"format": 1, "fingerprint_version": FINGERPRINT_VERSION,
                 "accepted": [{"fingerprint": "x", "reason": "", "expires": "2027-01-01"}]}),
     "accepted.0.reason"),
    (json.dumps({"format": 1, "fingerprint_version": FINGERPRINT_VERSION,
                 "accepted": [{"fingerprint": "x", "reason": "r", "expires": "soon"}]}),
     "accepted.0.expires"),
])
def test_a_bad_file_is_one_line_reason(text: str, says: str) -> None:
    with pytest.raises(BaselineError, match=says.replace(".", r"\.")) as caught:
        parse_baseline(text)
    assert "\n" not in str(caught.value)


def test_new_fixed_persisting_and_updated() -> None:
    before = run([axe("image-alt", "/a.png"), axe("image-alt", "/b.png"),
                  axe("color-contrast", "/c.png", "moderate")])
    # Next deploy: /b.png fixed, /c.png now serious, /d.png new; positions and query noise move.
    after = run([axe("color-contrast", "/c.png", "serious"), axe("image-alt", "/a.png"),
                 axe("image-alt", "/d.png")])
    after.sites[0].pages[0].url = SITE + "?utm_source=ci"
    found = compare(after, baseline_from_result(before), TODAY)
    assert [x.finding.snippet for x in found.new] == ['<img src="/d.png">']
    assert sorted(x.finding.rule for x in found.persisting) == ["color-contrast", "image-alt"]
    assert [x.finding.rule for x in found.updated] == ["color-contrast"]
    assert [f.rule for f in found.fixed] == ["image-alt"] and not found.not_rechecked
    states = found.states()
    assert sorted(states.values()) == ["new", "unchanged", "updated"]


def test_a_page_not_audited_again_is_not_fixed() -> None:
    before = run([axe("image-alt", "/a.png")], pages=(SITE + "about",))
    found = compare(run([], pages=(SITE,)), baseline_from_result(before), TODAY)
    assert not found.fixed and [f.page for f in found.not_rechecked] == [SITE + "about"]


def test_site_check_findings_are_fixed_only_when_site_checks_ran() -> None:
    link = Finding(rule="broken-link", snippet='<a href="/x.pdf">x</a>',
                   data={"url": SITE + "x.pdf", "status": 404})
    saved = baseline_from_result(run([], site_findings=[link]))
    assert saved.findings[0].on_site
    assert [f.rule for f in compare(run([]), saved, TODAY).fixed] == ["broken-link"]
    unchecked = run([])
    unchecked.sites[0].checks = []
    assert compare(unchecked, saved, TODAY).not_rechecked


def test_acceptances_hold_until_they_expire_then_count_again() -> None:
    result = run([axe("image-alt", "/a.png"), axe("image-alt", "/b.png")])
    first, second = (f.fingerprint for f in baseline_from_result(result).findings)
    baseline = baseline_from_result(run([axe("image-alt", "/a.png")]), accepted=[
        Acceptance(fingerprint=first, reason="vendor fix due", expires=date(2026, 12, 31)),
        Acceptance(fingerprint=second, reason="old", expires=date(2026, 12, 2)),
    ])
    found = compare(result, baseline, TODAY)
    by_print = {x.fingerprint: x for x in found.new}
    assert [x.fingerprint for x in found.accepted] == [first]
    assert second in by_print and [a.fingerprint for a in found.expired] == [second]
    later = compare(result, baseline, date(2027, 1, 1))  # both expired: both count again
    assert {x.fingerprint for x in later.new} == {first, second} and not later.accepted
    # The last valid day still holds.
    last_day = compare(result, baseline, date(2026, 12, 31))
    assert [x.fingerprint for x in last_day.accepted] == [first]


def test_an_expired_acceptance_of_a_known_finding_counts_again() -> None:
    result = run([axe("image-alt", "/a.png")])
    fp = baseline_from_result(result).findings[0].fingerprint
    baseline = baseline_from_result(result, accepted=[
        Acceptance(fingerprint=fp, reason="r", expires=date(2026, 1, 1))])
    found = compare(result, baseline, TODAY)
    assert [x.fingerprint for x in found.new] == [fp] and not found.persisting


@pytest.mark.parametrize(("before", "after", "kind"), [
    (task("passed"), task("failed"), "verdict"),
    (task("passed"), task("error"), "verdict"),
    (None, task("failed"), "verdict"),  # a task the baseline never saw
    (task("passed", 3), task("passed", 5), "clicks"),
    (task("passed", 9, optimal=2), task("passed", 9, optimal=4), "clicks"),
])
def test_task_regressions(before: TaskResult | None, after: TaskResult, kind: str) -> None:
    baseline = baseline_from_result(run([], [before] if before else []))
    regressions = compare(run([], [after]), baseline, TODAY).task_regressions
    assert [r.kind for r in regressions] == [kind]


@pytest.mark.parametrize(("before", "after"), [
    (task("failed"), task("failed")),  # known failure
    (task("failed"), task("passed")),
    (task("passed", 2), task("passed", 3)),  # more clicks, still within the rule
    (task("passed", 5), task("passed", 6)),  # already over the rule in the baseline
    (task("passed", 9, optimal=3), task("passed", 12, optimal=3)),  # the shortest path judges
    (task("passed"), task("skipped")),
])
def test_not_task_regressions(before: TaskResult, after: TaskResult) -> None:
    baseline = baseline_from_result(run([], [before]))
    assert compare(run([], [after]), baseline, TODAY).task_regressions == []


def test_gate_new_thresholds_count_only_what_the_baseline_lacks() -> None:
    assert {"new:serious", "new:task"} <= set(FAIL_ON_CHOICES)
    before = run([axe("image-alt", "/a.png")], [task("passed")])
    baseline = baseline_from_result(before)
    same = compare(before, baseline, TODAY)
    assert threshold_crossed(before, ["new:serious", "new:task"], same) == []
    assert threshold_crossed(before, ["serious"], same)  # the plain threshold counts everything
    worse = run([axe("image-alt", "/a.png"), axe("image-alt", "/b.png"),
                 axe("color-contrast", "/c.png", "minor")], [task("failed")])
    diff = compare(worse, baseline, TODAY)
    reasons = threshold_crossed(worse, ["new:serious", "new:task"], diff)
    assert reasons[0].startswith("1 new violation at serious") and "contacts" in reasons[1]
    assert len(threshold_crossed(worse, ["new:minor"], diff)) == 1
    assert threshold_crossed(worse, ["new:critical"], diff) == []


def test_gate_new_thresholds_without_a_baseline_count_everything() -> None:
    result = run([axe("image-alt", "/a.png")], [task("failed")])
    assert threshold_crossed(result, ["new:serious", "new:task"]) == threshold_crossed(
        result, ["serious", "task"])
    assert threshold_crossed(run([], [task("passed")]), ["new:serious", "new:task"]) == []


def test_gate_new_impact_ignores_review_items_and_check_findings() -> None:
    review = axe("image-alt", "/a.png")
    review.needs_review = True
    link = Finding(rule="broken-link", impact="serious", data={"url": SITE + "x"})
    result = run([review], site_findings=[link])
    empty = baseline_from_result(run([]))
    assert threshold_crossed(result, ["new:minor"], compare(result, empty, TODAY)) == []
