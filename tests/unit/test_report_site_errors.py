"""A site that could not be audited: the report leads with why, in the reader's language, shows
no score, and a re-rendered report elsewhere keeps its images."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tester.i18n import catalog as messages
from tester.model import Finding, Notice, PageResult, RunResult, SiteResult
from tester.report import render_html, render_junit, render_markdown, write_report
from tester.report.files import copy_screenshots
from tester.scores import score_site

RAW = "Page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:1/"


def _refused() -> RunResult:
    page = PageResult(url="http://127.0.0.1:1/", error=RAW, error_code="connection-refused")
    site = SiteResult(url="http://127.0.0.1:1/", pages=[page], error_code="connection-refused",
                      error=f"home page could not be loaded: {RAW}")
    return RunResult(sites=[site])


def _error_page(status: int) -> SiteResult:
    # An error page that axe finds clean: it must not make the site score 100.
    page = PageResult(url="http://127.0.0.1:1/", http_status=status, axe_status="ok",
                      error=f"the page answered HTTP {status}", error_code="http-status")
    return SiteResult(url="http://127.0.0.1:1/", pages=[page], error_code="http-status",
                      error="home page could not be loaded: the page answered HTTP 404")


def _summary_section(html: str) -> str:
    return html[html.index('id="summary"'):html.index("</section>", html.index('id="summary"'))]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_summary_leads_with_the_reason_in_the_report_language(language: str) -> None:
    catalog = messages(language)
    html = render_html(_refused(), language)
    summary = _summary_section(html)
    reason = catalog["site_error.connection-refused"]
    assert reason in summary
    assert summary.index(reason) < summary.index('class="stats"')  # before the numbers
    assert "net::ERR" not in summary
    markdown = render_markdown(_refused(), language)
    first = markdown.split("\n## ")[0]
    assert reason in first and "net::ERR" not in first.split(reason)[0]
    assert first.index(reason) < first.index(catalog["summary.pages"])


def test_raw_browser_text_is_only_a_detail() -> None:
    html = render_html(_refused(), "en")
    site = html[html.index('id="site-1"'):]
    assert "Technical detail" in site and "net::ERR_CONNECTION_REFUSED" in site
    junit = render_junit(_refused())
    first_case = re.search(r"<testcase [^>]*>\s*<error [^>]*>", junit)
    assert first_case and 'name="audit"' in first_case.group(0)
    assert 'message="The server refused the connection' in first_case.group(0)
    assert 'type="connection-refused"' in first_case.group(0)


@pytest.mark.parametrize("status", [404, 500, 403])
def test_an_error_page_scores_nothing(status: int) -> None:
    site = _error_page(status)
    assert score_site(site) == {}
    html = render_html(RunResult(sites=[site]), "en")
    assert 'class="out-of"' not in html and "Not measured: no page of this site" in html
    assert f"answered with HTTP status {status}" in _summary_section(html)
    assert "Not measured" in render_markdown(RunResult(sites=[site]), "en")


def test_a_page_that_answered_is_scored() -> None:
    page = PageResult(url="http://127.0.0.1:1/", http_status=200, axe_status="ok",
                      findings=[Finding(rule="image-alt", source="axe", impact="serious")])
    site = SiteResult(url="http://127.0.0.1:1/", pages=[page])
    assert score_site(site) == {"accessibility": 0.0}
    site.scores = score_site(site)
    html = render_html(RunResult(sites=[site]), "kk")
    assert "0<span" in html and html.count(messages("kk")["score.not_measured"]) == 3
    md = render_markdown(RunResult(sites=[site]), "ru")
    assert "0/100" in md and md.count("не измерено") == 3


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_notices_are_shown_near_the_top(language: str) -> None:
    result = RunResult(sites=[SiteResult(url="http://127.0.0.1:1/")], notices=[
        Notice(id="ocr-missing", message="OCR is not installed"),
        Notice(id="made-up-later", message="An English note from a newer producer"),
    ])
    catalog = messages(language)
    for text in (_summary_section(render_html(result, language)),
                 render_markdown(result, language).split("\n## ")[0]):
        assert catalog["notice.ocr-missing"] in text
        assert "An English note from a newer producer" in text  # no catalog entry: the message


def test_a_healthy_run_has_no_alert() -> None:
    result = RunResult(sites=[SiteResult(url="http://127.0.0.1:1/")])
    assert 'class="alert"' not in render_html(result, "en")
    assert "⚠" not in render_markdown(result, "en")


def _shot_result(paths: list[str]) -> RunResult:
    page = PageResult(url="http://127.0.0.1:1/", screenshot=paths[0], findings=[
        Finding(rule="r", screenshot=p) for p in paths[1:]])
    return RunResult(sites=[SiteResult(url="http://127.0.0.1:1/", pages=[page])])


def test_rendered_elsewhere_the_screenshots_come_along(tmp_path: Path) -> None:
    run, elsewhere = tmp_path / "run", tmp_path / "other" / "place"
    (run / "screenshots").mkdir(parents=True)
    for name in ("0001-page.jpg", "0002-finding.jpg"):
        (run / "screenshots" / name).write_bytes(b"\xff\xd8jpeg")
    (tmp_path / "secret.jpg").write_bytes(b"secret")
    (run / "screenshots" / "link.jpg").symlink_to(tmp_path / "secret.jpg")
    result = _shot_result(["screenshots/0001-page.jpg", "screenshots/0002-finding.jpg",
                           "screenshots/../../secret.jpg", "/etc/passwd",
                           "screenshots/link.jpg"])
    write_report(result, elsewhere, formats=("json", "html"))
    assert copy_screenshots(result, run, elsewhere) == 2
    copied = sorted(p.relative_to(elsewhere).as_posix() for p in elsewhere.rglob("*.jpg"))
    assert copied == ["screenshots/0001-page.jpg", "screenshots/0002-finding.jpg"]
    html = (elsewhere / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<img [^>]*src="([^"]*)"', html)
    # The symlink leading out was refused, so its image is the only one left without a file.
    assert [src for src in sources if not (elsewhere / src).is_file()] == ["screenshots/link.jpg"]
    assert copy_screenshots(result, run, run) == 0  # the same folder: nothing to do


def test_comparison_marks_the_site_not_audited() -> None:
    healthy = SiteResult(url="http://127.0.0.1:2/", name="Healthy", scores={"tasks": 100.0})
    stopped = SiteResult(url="http://127.0.0.1:3/", name="Crashed", error="RuntimeError: bug",
                         error_code="audit-error")
    result = RunResult(sites=[healthy, _refused().sites[0], stopped])
    html = render_html(result, "en")
    table = html[html.index('id="compare"'):html.index("</section>", html.index('id="compare"'))]
    rows = table.split("<tr>")[3:]
    assert "Not audited" not in rows[0] and "Audit stopped early" not in rows[0]
    assert "Not audited" in rows[1] and "Audit stopped early" in rows[2]
