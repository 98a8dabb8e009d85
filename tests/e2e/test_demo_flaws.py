"""A default `ashyq run` of the demo site finds every planted flaw (tester/demo/site/FLAWS.md)
and nothing else: the product's headline, end to end in one browser session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.answer_keys import demo_answer_key
from support.language_scan import english_in_report, visible_text

from tester.artifacts import RunDir
from tester.cli import main
from tester.i18n import say
from tester.model import RunResult, SiteResult
from tester.registry import task_ids
from tester.runner.site import audit_site

pytestmark = pytest.mark.e2e
AUDIT_DAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def demo_result(browser_thread, demo_site, tmp_path_factory) -> SiteResult:
    # A fixed clock: the verdicts on dates (news freshness, stale sections) must not depend on
    # the day the tests run. The demo's newest news item is dated 20.11.2026.
    settings = browser_thread.settings.with_overrides(
        tasks=task_ids(), checks="all", max_pages=20, today=AUDIT_DAY
    )
    out = RunDir(tmp_path_factory.mktemp("demo-run"))
    return browser_thread.run(
        lambda s: audit_site(s, demo_site.url, settings, out, lambda _l: None), timeout=400
    )


def findings(site: SiteResult, check_id: str) -> list[str]:
    check = next(c for c in site.checks if c.id == check_id)
    return [f"{f.rule} {f.message}" for f in check.findings if not f.needs_review]


def test_every_citizen_task_passes(demo_result: SiteResult) -> None:
    assert {t.id: t.status for t in demo_result.tasks} == demo_answer_key().statuses()


def test_site_checks_find_the_planted_flaws(demo_result: SiteResult) -> None:
    status = {c.id: c.status for c in demo_result.checks}
    assert status["broken-links"] == "failed"  # F4
    assert any("/ru/docs/missing-report.pdf" in f for f in findings(demo_result, "broken-links"))
    parity = findings(demo_result, "language-parity")
    assert any("/kk/statistics.html" in f and "Russian" in f for f in parity)  # F1
    assert any("/kk/vacancies.html" in f and "Russian" in f for f in parity)  # F2
    assert any("/en/vacancies.html" in f for f in parity)  # F9
    assert not any("search?" in f for f in parity)  # results pages echo the query
    assert any("01.01.2023" in f for f in findings(demo_result, "stale-sections"))  # F3
    assert status["documents-as-images"] == "failed"  # F5
    assert status["news-freshness"] == "failed"  # newest news 20.11.2026, audited on AUDIT_DAY
    assert status["sitemap"] == "passed"


def test_page_checks_find_the_planted_flaws_and_nothing_else(demo_result: SiteResult) -> None:
    axe_rules: dict[str, set[str]] = {}
    failed_checks: dict[str, set[str]] = {}
    advisory_checks: dict[str, set[str]] = {}
    for page in demo_result.pages:
        path = page.url.split("/", 3)[-1] + (" [mode]" if page.variant else "")
        assert page.error is None, (page.url, page.error)
        axe_rules[path] = {f.rule for f in page.findings if not f.needs_review}
        failed_checks[path] = {c.id for c in page.checks if c.status in ("failed", "error")}
        advisory_checks[path] = {c.id for c in page.checks if any(f.advisory for f in c.findings)}
    assert axe_rules[""] == {"color-contrast"}  # F6, the home page
    assert axe_rules["ru/news/news-1.html"] == {"image-alt"}  # F8
    other_axe = {p: r for p, r in axe_rules.items() if r and p not in ("", "ru/news/news-1.html")}
    assert all(r == {"color-contrast"} and p.endswith("index.html") for p, r in other_axe.items())
    # F7: found, and advisory under the default WCAG 2.1 AA (small-text is 1.4.8, AAA).
    assert "small-text" in advisory_checks["ru/contacts.html"]
    assert failed_checks["ru/contacts.html"] == set()
    assert failed_checks["ru/documents.html"] == {"images-of-text"}  # F5
    others = {p: c for p, c in failed_checks.items() if c}
    assert set(others) <= {
        "ru/contacts.html",
        "ru/documents.html",
        "kk/contacts.html",
        "en/contacts.html",
        "kk/documents.html",
        "en/documents.html",
    }, others
    assert any(p.variant == "low-vision-mode" for p in demo_result.pages)
    assert demo_result.scores["tasks"] == 100.0


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_run_reads_in_kazakh_and_russian(demo_result: SiteResult, language: str,
                                             tmp_path: Path) -> None:
    """Every text ashyq itself writes (task verdicts, goal reasons, check summaries, findings
    with their fixes, step labels) is stored as a key and re-rendered in the report language by
    `ashyq report result.json --lang`: no English sentence is left besides what it quotes."""
    run = RunResult(sites=[demo_result])
    ours = [*demo_result.tasks, *demo_result.checks,
            *(f for c in demo_result.checks for f in c.findings),
            *(c for p in demo_result.pages for c in p.checks if c.message),
            *(f for p in demo_result.pages for c in p.checks for f in c.findings)]
    assert ours and all(item.message_key for item in ours), [
        item.message for item in ours if not item.message_key]
    path = tmp_path / "result.json"
    path.write_text(run.to_json(), encoding="utf-8")
    out = tmp_path / language
    assert main(["report", str(path), "--lang", language, "--out", str(out)]) == 0
    for name in ("index.html", "summary.md"):
        text = (out / name).read_text(encoding="utf-8")
        assert english_in_report(visible_text(text), run) == [], name
    assert say("task.find-contacts.found", where="", url="", reason="").render(language)[:12] \
        in visible_text((out / "index.html").read_text(encoding="utf-8"))
