"""`diff_runs` and its Markdown and JSON: new, fixed and persisting findings; tasks; scores."""

from __future__ import annotations

import json

from tester.diff import LISTED_PER_PAGE, diff_runs, render_markdown, to_json
from tester.gate import threshold_crossed
from tester.i18n import catalog
from tester.model import Finding, PageResult, RunResult, SiteResult, TaskResult

SITE = "https://akimat.gov.kz/"


def axe(src: str, impact: str = "serious", position: int = 1, selector: str = "") -> Finding:
    return Finding(rule="image-alt", source="axe", impact=impact,
                   selector=selector or f"ul > li:nth-child({position}) > img",
                   snippet=f'<img src="{src}">')


def run(pages: dict[str, list[Finding]], tasks: list[TaskResult] | None = None,
        scores: dict[str, float] | None = None) -> RunResult:
    return RunResult(sites=[SiteResult(
        url=SITE, tasks=tasks or [], scores=scores or {},
        pages=[PageResult(url=url, findings=findings) for url, findings in pages.items()])])


def test_new_fixed_persisting_per_page() -> None:
    before = run({SITE: [axe("/a.png"), axe("/b.png")], SITE + "about": [axe("/c.png")]})
    after = run({SITE + "?utm_source=x": [axe("/a.png", position=2), axe("/d.png")],
                 SITE + "about": [axe("/c.png")]})
    diff = diff_runs(before, after)
    assert [x.finding.snippet for x in diff.new] == ['<img src="/d.png">']
    assert [x.finding.snippet for x in diff.fixed] == ['<img src="/b.png">']
    assert len(diff.persisting) == 2 and diff.not_rechecked == 0
    assert [p.page for p in diff.pages] == [SITE + "?utm_source=x", SITE + "about"]


def test_a_page_the_later_run_did_not_reach_is_neither_fixed_nor_new() -> None:
    before = run({SITE: [axe("/a.png")], SITE + "about": [axe("/c.png")]})
    diff = diff_runs(before, run({SITE: [axe("/a.png")]}))
    assert diff.fixed == [] and diff.not_rechecked == 1


def test_identical_runs_have_no_changes() -> None:
    result = run({SITE: [axe("/a.png")]}, [TaskResult(id="find-contacts", status="passed")],
                 {"tasks": 100.0})
    diff = diff_runs(result, result)
    assert not (diff.new or diff.fixed or diff.tasks or diff.scores or diff.task_regressions)
    assert catalog("en")["diff.no_changes"] in render_markdown(diff)


def test_task_and_score_changes_and_the_gate() -> None:
    before = run({SITE: []}, [TaskResult(id="find-contacts", status="passed", clicks=2),
                              TaskResult(id="site-search", status="passed", clicks=1)],
                 {"tasks": 100.0, "accessibility": 50.0})
    after = run({SITE: [axe("/x.png", "critical")]},
                [TaskResult(id="find-contacts", status="failed", clicks=7),
                 TaskResult(id="site-search", status="passed", clicks=2)],
                {"tasks": 50.0, "accessibility": 50.0})
    diff = diff_runs(before, after)
    assert [(c.task, c.regression) for c in diff.tasks] == [
        ("find-contacts", True), ("site-search", False)]
    assert [(c.score, c.before, c.after) for c in diff.scores] == [("tasks", 100.0, 50.0)]
    assert len(threshold_crossed(after, ["new:critical", "new:task"], diff)) == 2
    assert threshold_crossed(before, ["new:critical", "new:task"], diff_runs(after, before)) == []


def test_markdown_in_each_language_escapes_and_caps_the_list() -> None:
    many = [axe(f"/{n}.png", selector=f"img.x{n} | <b>") for n in range(LISTED_PER_PAGE + 5)]
    diff = diff_runs(run({SITE: []}), run({SITE: many}))
    for language in ("en", "ru", "kk"):
        text = render_markdown(diff, language)
        assert text.startswith(f"## {catalog(language)['diff.title']}")
        assert "<b>" not in text and "\\| \\<b\\>" in text  # page text cannot break the table
    en = render_markdown(diff, "en")
    assert f"{LISTED_PER_PAGE + 5} new issues" in en and "…and 5 more" in en
    assert en.count("| Serious | image-alt |") == LISTED_PER_PAGE


def test_json_holds_every_finding() -> None:
    many = [axe(f"/{n}.png") for n in range(LISTED_PER_PAGE + 5)]
    data = json.loads(to_json(diff_runs(run({SITE: []}), run({SITE: many}))))
    assert data["totals"]["new"] == LISTED_PER_PAGE + 5
    assert len(data["pages"][0]["new"]) == LISTED_PER_PAGE + 5
    assert {"fingerprint", "rule", "impact", "selector"} <= set(data["pages"][0]["new"][0])


def test_one_site_each_pairs_across_hosts_by_path() -> None:
    staging = "https://staging.akimat.gov.kz/"
    before = run({SITE: [axe("/a.png")], SITE + "about": [axe("/b.png")]},
                 [TaskResult(id="find-contacts", status="passed", target_url=SITE + "contacts")])
    after = RunResult(sites=[SiteResult(
        url=staging, tasks=[TaskResult(id="find-contacts", status="passed",
                                       target_url=staging + "contacts")],
        pages=[PageResult(url=staging, findings=[axe("/a.png")]),
               PageResult(url=staging + "about")])])
    diff = diff_runs(before, after)
    assert diff.rebased == {"https://akimat.gov.kz": "https://staging.akimat.gov.kz"}
    assert (len(diff.new), len(diff.fixed), len(diff.persisting), diff.tasks) == (0, 1, 1, [])
    assert "staging.akimat.gov.kz" in render_markdown(diff)
    assert before.sites[0].url == SITE  # the earlier run itself is left as it was


def test_several_unmatched_sites_are_not_paired() -> None:
    two = RunResult(sites=[SiteResult(url="https://a.gov.kz/", pages=[
        PageResult(url="https://a.gov.kz/", findings=[axe("/a.png")])]),
        SiteResult(url="https://b.gov.kz/")])
    other = RunResult(sites=[SiteResult(url="https://c.gov.kz/"), SiteResult(url="https://d.gov.kz/")])
    diff = diff_runs(two, other)
    assert diff.rebased == {} and diff.not_rechecked == 1
