from __future__ import annotations

from tester.model import CheckResult, Finding, PageResult, SiteResult, TaskResult
from tester.scores import score_site


def test_scores_count_what_was_measured() -> None:
    site = SiteResult(
        url="http://x/",
        tasks=[
            TaskResult(id="find-contacts", status="passed"),
            TaskResult(id="site-search", status="error"),
            TaskResult(id="find-sitemap", status="skipped"),
        ],
        pages=[
            PageResult(
                url="http://x/",
                axe_status="ok",
                findings=[Finding(rule="a", source="axe", impact="minor")],
            ),
            PageResult(
                url="http://x/2",
                axe_status="ok",
                findings=[Finding(rule="b", source="axe", impact="serious")],
                checks=[
                    CheckResult(id="reflow", status="failed"),
                    CheckResult(id="x", status="skipped"),
                ],
            ),
            PageResult(url="http://x/3", axe_status="timeout"),
        ],
        checks=[
            CheckResult(id="sitemap", status="passed"),
            CheckResult(id="news", status="failed"),
        ],
    )
    assert score_site(site) == {
        "tasks": 50.0, "accessibility": 50.0, "low_vision": 0.0, "kazakh_rules": 50.0,
    }  # fmt: skip


def test_nothing_measured_gives_no_score() -> None:
    assert score_site(SiteResult(url="http://x/")) == {}


def test_needs_review_does_not_lower_accessibility() -> None:
    page = PageResult(
        url="http://x/", axe_status="ok",
        findings=[Finding(rule="c", source="axe", impact="critical", needs_review=True)],
    )  # fmt: skip
    assert score_site(SiteResult(url="http://x/", pages=[page]))["accessibility"] == 100.0
