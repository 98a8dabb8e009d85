"""Big pages give partial axe results, not none: rule groups with their own share of the budget.

A generated page with a few thousand elements and planted barriers is audited with group
weights that leave color-contrast far too little time (a config, not a mock): that group
times out, is stopped in the page (not by closing it), and the other groups' findings stay.
With almost no budget at all, the first group times out and the rest are recorded as not run.
A normal page has every group ok, and the runner's PageResult says "partial" when it must.
"""

from __future__ import annotations

import pytest
from support.routes import respond

from tester.browser import Scope, load
from tester.checks.axe import (
    RULE_GROUPS,
    RuleGroup,
    partition_rules,
    prepare,
    run_axe,
    summarise,
)
from tester.gather import isolated
from tester.model import AxeGroup, Finding, PageResult, SiteResult
from tester.scores import score_site

pytestmark = pytest.mark.e2e


def big_page(sections: int = 300) -> str:
    rows = "".join(
        f'<section><h2>Section {i}</h2><p style="color:#777;background:#fff">Item <b>{i}</b> '
        f'<a href="/item/{i}">details of item {i}</a></p><ul><li>a</li><li>b</li></ul></section>'
        for i in range(sections)
    )
    return (
        '<!doctype html><html lang="en"><head><title>Big page</title></head><body><main>'
        '<h1>Register</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="no-alt">'
        f'<a href="/empty" id="empty-link"></a>{rows}</main></body></html>'
    )


# "/bigger" is large enough that no machine finishes a rule group on it in a fraction of a second.
ROUTES = {"/big": respond(big_page()), "/bigger": respond(big_page(3000))}
# color-contrast first, with a sliver of the budget (the last group would get all that is left).
STARVED = (
    RuleGroup("color-contrast", 0.0002, ("color-contrast",)),
    *(g for g in RULE_GROUPS if g.id != "color-contrast"),
)


@pytest.fixture(scope="module")
def site(serve_fixture):
    return serve_fixture("forgery", routes=ROUTES)


def run_on(browser_thread, url: str, *runs: tuple[float, tuple[RuleGroup, ...]]):
    """Load `url` once, inject axe, and run it with each (budget, groups) in turn; outcomes and
    whether the page still answered afterwards."""

    async def go(session):
        async with session.context(Scope.for_url(url)) as (context, _log):
            page = await context.new_page()
            await load(page, url, session.settings)
            await prepare(page)  # injection is not what these budgets are about
            outcomes = [await run_axe(page, budget, groups) for budget, groups in runs]
            alive = not page.is_closed() and await isolated.evaluate(page, "() => 1 + 1") == 2
            return outcomes, alive

    return browser_thread.run(go, timeout=300)


def test_a_starved_group_times_out_and_the_others_still_report(browser_thread, site):
    (starved, full), alive = run_on(
        browser_thread, site.url_for("/big"), (60, STARVED), (120, RULE_GROUPS)
    )
    statuses = {g.id: g.status for g in starved.groups}
    assert statuses == {
        "names-and-language": "ok", "structure-and-aria": "ok", "color-contrast": "timeout",
        "target-size": "ok",
    }, starved.groups
    assert starved.status == "partial"
    assert "color-contrast (timeout)" in starved.message
    assert "частично" in starved.message and "ішінара" in starved.message  # ru and kk too
    rules = {f.rule for f in starved.findings}
    assert {"image-alt", "link-name"} <= rules and "color-contrast" not in rules
    # The stopped run left the page usable: a second full run on it finishes every group.
    assert alive
    assert full.status == "ok" and all(g.status == "ok" for g in full.groups)
    assert "color-contrast" in {f.rule for f in full.findings}


def test_no_budget_left_marks_the_remaining_groups_not_run(browser_thread, site):
    # The first group's share (~0.4 s) is far too short for it; the stop leaves under a second.
    (outcome,), alive = run_on(browser_thread, site.url_for("/bigger"), (1.2, RULE_GROUPS))
    assert [g.status for g in outcome.groups] == ["timeout", "not-run", "not-run", "not-run"]
    assert outcome.status == "timeout" and not outcome.findings
    assert "not-run" in outcome.message
    assert alive


def test_every_selected_rule_is_in_exactly_one_group():
    rules = [("image-alt", ["cat.text-alternatives"]), ("color-contrast", ["cat.color"]),
             ("link-in-text-block", ["cat.color"]), ("region", ["cat.keyboard"]),
             ("document-title", ["cat.text-alternatives"]), ("label", ["cat.forms"])]
    plan = {group.id: ids for group, ids in partition_rules(rules)}
    assert plan == {
        "names-and-language": ["image-alt", "document-title", "label"],
        "structure-and-aria": ["link-in-text-block", "region"],
        "color-contrast": ["color-contrast"],
    }  # target-size was not selected: no empty group
    assert [g.id for g, _ in partition_rules([("region", [])])] == ["structure-and-aria"]


def test_summary_never_reads_clean_unless_every_group_finished():
    ok, late = AxeGroup(id="a", status="ok"), AxeGroup(id="b", status="timeout")
    assert summarise([ok, AxeGroup(id="c", status="ok")], 60) == ("ok", "")
    assert summarise([ok, late], 60)[0] == "partial"
    assert summarise([late, AxeGroup(id="c", status="not-run")], 60)[0] == "timeout"
    assert summarise([AxeGroup(id="c", status="error")], 60)[0] == "error"


def test_a_partial_page_is_never_scored_clean():
    groups = [AxeGroup(id="names-and-language", status="ok"),
              AxeGroup(id="color-contrast", status="timeout")]
    partial = PageResult(url="http://127.0.0.1:1/", http_status=200, axe_status="partial",
                         axe_groups=groups, error="axe-core partial: ...", error_code="axe-partial")
    clean = PageResult(url="http://127.0.0.1:1/ok", http_status=200, axe_status="ok")
    site = SiteResult(url="http://127.0.0.1:1/", pages=[partial, clean])
    assert score_site(site)["accessibility"] == 100.0  # the finished page only
    assert "accessibility" not in score_site(SiteResult(url=site.url, pages=[partial]))
    # A partial page whose finished groups already found a serious violation is known bad.
    bad = partial.model_copy(deep=True)
    bad.findings.append(Finding(rule="image-alt", source="axe", impact="critical"))
    assert score_site(SiteResult(url=site.url, pages=[bad, clean]))["accessibility"] == 50.0
    again = PageResult.model_validate_json(partial.model_dump_json())
    assert again.axe_groups[1].status == "timeout"
