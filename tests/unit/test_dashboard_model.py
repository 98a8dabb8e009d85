"""The dashboard as data and as HTML (pure): rows, scores and their changes, verdict cells, the
facts of a real demo run, missing data, and hostile site names in every language."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tester.dashboard import build_dashboard, headline_score, render_front, render_site
from tester.dashboard.facts import site_facts
from tester.dashboard.render import Views, sparkline
from tester.history.dashboard_query import RecordedSite
from tester.history.query import TaskRow
from tester.i18n import LANGUAGES, Translator

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "demo" / "result.json"
TODAY = date(2026, 12, 1)
HOSTILE = ("<script>alert(1)</script></svg></title>\u202eevil\u2066 «Әкімдік» "
           + "ж" * 5000)


def run(day: int, url: str, name: str, score: float, *, run_id: int = 1, error: str | None = None,
        tasks: tuple[TaskRow, ...] = (), report_dir: str | None = None) -> RecordedSite:
    return RecordedSite(
        site_row=run_id * 100 + len(url), run_id=run_id, run_name=f"run-{run_id}",
        report_dir=report_dir, started_at=datetime(2026, 1, 1, 9) + timedelta(days=day),
        url=url, name=name, error_code=error,
        scores={} if error else {"tasks": score, "accessibility": score / 2},
        impacts={"critical": 1, "serious": 2, "moderate": 0, "minor": 0}, tasks=tasks)


def history(url: str, name: str, scores: list[tuple[int, float]], **kw: object
            ) -> list[RecordedSite]:
    """Runs newest first, as the query gives them."""
    runs = [run(day, url, name, score, run_id=i + 1, **kw)  # type: ignore[arg-type]
            for i, (day, score) in enumerate(scores)]
    return sorted(runs, key=lambda r: r.started_at, reverse=True)


def linker(report_dir: str | None) -> str | None:
    return f"../reports/{report_dir}/index.html" if report_dir == "kept" else None


@pytest.fixture(scope="module")
def demo_document() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))["sites"][0]


def test_rows_come_by_name_with_mean_scores_and_changes() -> None:
    sites = {
        "https://b.kz/": history("https://b.kz/", "бета", [(200, 80.0), (320, 60.0),
                                                            (330, 100.0)]),
        "https://a.kz/": history("https://a.kz/", "Альфа", [(330, 40.0)]),
        "https://c.kz/": history("https://c.kz/", "", [(330, 0.0)], error="dns"),
    }
    dashboard = build_dashboard(sites, {}, TODAY, linker)
    assert [row.name for row in dashboard.rows] == ["https://c.kz/", "Альфа", "бета"]
    beta = dashboard.rows[2]
    # mean of tasks (100) and accessibility (50); the previous run had 60 and 30
    assert beta.score == 75.0 and beta.change_previous == 30.0
    # today minus 91 days is 2026-09-01: the newest run at or before it is day 200's
    assert beta.quarter_run == datetime(2026, 7, 20, 9) and beta.change_quarter == 15.0
    assert beta.sparkline == [60.0, 45.0, 75.0]
    alpha = dashboard.rows[1]
    assert alpha.change_previous is None and alpha.change_quarter is None
    not_audited = dashboard.rows[0]
    assert not not_audited.audited and not_audited.score is None


def test_numbered_bodies_sort_as_numbers() -> None:
    names = ["Әкімдік №10", "әкімдік №2", "Әкімдік №1"]
    sites = {f"https://a{i}.kz/": history(f"https://a{i}.kz/", name, [(330, 50.0)])
             for i, name in enumerate(names)}
    rows = build_dashboard(sites, {}, TODAY, linker).rows
    assert [row.name for row in rows] == ["Әкімдік №1", "әкімдік №2", "Әкімдік №10"]


def test_a_site_not_audited_has_no_score_whatever_it_recorded() -> None:
    assert headline_score({"tasks": 100.0}, "connection-refused") is None
    assert headline_score({}, None) is None
    assert headline_score({"tasks": 100.0, "low_vision": 50.0, "other": 0.0}, None) == 75.0


def test_the_quarter_change_needs_a_recent_run_and_an_old_one() -> None:
    stale = history("https://s.kz/", "s", [(10, 50.0), (20, 70.0)])  # both long ago
    row = build_dashboard({"k": stale}, {}, TODAY, linker).rows[0]
    assert row.change_previous == 15.0 and row.change_quarter is None


def test_verdict_cells_say_the_verdict_and_clicks_and_sort_best_first() -> None:
    views = Views(build_dashboard({}, {}, TODAY, linker), Translator("ru"))
    passed = views.task(TaskRow("find-contacts", "passed", 2, 1.0))
    failed = views.task(TaskRow("find-contacts", "failed", 1, 1.0))
    assert (passed.status, passed.text, passed.sort) == ("passed", "2 клика", "2")
    assert failed.status == "failed" and int(failed.sort) > int(passed.sort)
    missing = views.task(None)
    assert (missing.text, missing.sort, missing.status) == ("не проверялось", "", None)


def test_facts_of_a_real_demo_run(demo_document: dict) -> None:
    facts = site_facts(demo_document)
    assert facts.low_vision is not None
    assert (facts.low_vision.found, facts.low_vision.works, facts.low_vision.persists) == (
        True, True, True)
    assert facts.low_vision.mode_blocking is None  # the golden run has no mode page audit
    assert facts.parity is not None and facts.parity.gap == 0.333
    assert facts.parity.pages == {"kk": 6, "ru": 9, "en": 6}
    assert facts.freshness is not None and facts.freshness.status == "failed"
    assert (facts.freshness.newest, facts.freshness.age_working_days) == ("2026-11-20", 5)
    assert facts.links is not None and (facts.links.broken, facts.links.checked) == (0, 48)
    views = Views(build_dashboard({}, {}, TODAY, linker), Translator("en"))
    cell = views.low_vision(facts.low_vision)
    assert cell.text == "found: yes; works: yes; persists: yes" and cell.sort == "1"


def test_a_low_vision_version_not_found_and_missing_facts_say_so(demo_document: dict) -> None:
    document = json.loads(json.dumps(demo_document))
    task = next(t for t in document["tasks"] if t["id"] == "find-low-vision-version")
    task.update(status="failed", evidence={"present": False, "works": False})
    document["pages"].append({"url": "http://x/", "variant": "low-vision-mode", "findings": [
        {"rule": "color-contrast", "impact": "serious"},
        {"rule": "x", "impact": "serious", "needs_review": True}]})
    facts = site_facts(document)
    assert facts.low_vision is not None and facts.low_vision.rank == 0
    assert facts.low_vision.persists is None and facts.low_vision.mode_blocking == 1
    views = Views(build_dashboard({}, {}, TODAY, linker), Translator("en"))
    assert views.low_vision(facts.low_vision).text == (
        "found: no; works: no; persists: not checked")
    empty = site_facts({"checks": [{"id": "broken-links", "status": "skipped", "data": {}}]})
    assert empty.low_vision is None and empty.parity is None and empty.freshness is None
    assert views.links(empty.links).text == "not checked" and views.parity(None).sort == ""
    assert site_facts(None).links is None


def test_sparkline_draws_known_scores_with_a_text_alternative() -> None:
    assert str(sparkline([50.0], "x")) == ""
    svg = str(sparkline([0.0, None, 100.0], 'Оценка "</svg><script>'))
    assert svg.count("<svg") == 1 and "<script>" not in svg and "&lt;/svg&gt;" in svg
    assert 'role="img"' in svg and svg.count(",") == 2  # two points; the gap is skipped


class Structure(HTMLParser):
    """What the page really contains once parsed: tags, attributes, text of <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [value or "" for _, value in attrs]
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


@pytest.mark.parametrize("language", LANGUAGES)
def test_hostile_names_and_urls_are_escaped_and_isolated(language: str,
                                                         demo_document: dict) -> None:
    url = 'https://evil.kz/"><script>alert(2)</script>'
    sites = {url: history(url, HOSTILE, [(300, 10.0), (330, 20.0)], report_dir="kept",
                          tasks=(TaskRow("scenario:x", "failed", 3, 1.0),))}
    dashboard = build_dashboard(sites, {sites[url][0].site_row: demo_document}, TODAY, linker)
    row = dashboard.rows[0]
    for html, scripts in ((render_front(dashboard, language), 1),
                          (render_site(dashboard, row, language), 0)):
        parsed = Structure()
        parsed.feed(html)
        assert parsed.tags.count("script") == scripts  # ours (src=…/dashboard.js) only
        assert "<script>alert" not in html and "</svg></title>" not in html
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", parsed.title + "".join(
            parsed.attributes))
        assert "\u202e" in html  # the name is shown as it is, isolated in <bdi>
        assert f'<html lang="{language}">' in html and parsed.tags.count("h1") == 1
    front = render_front(dashboard, language)
    assert "ж" * 5000 not in front and "ж" * 100 in front  # cut in the table
    assert "ж" * 5000 in render_site(dashboard, row, language)  # whole on its own page
    site = render_site(dashboard, row, language)
    assert 'href="../../../reports/kept/index.html"' in site
    assert f'href="../../{language}/sites/{row.slug}.html"' in site  # language switcher
    gone = history("https://gone.kz/", "gone", [(330, 1.0)], report_dir="gone")
    moved = build_dashboard({"g": gone}, {}, TODAY, linker)
    page = render_site(moved, moved.rows[0], language)
    assert "reports/gone" not in page and Translator(language)("dashboard.report_gone") in page


def test_why_a_site_was_not_audited_is_said_with_its_status() -> None:
    views = Views(build_dashboard({}, {}, TODAY, linker), Translator("en"))
    facts = site_facts({"error_code": "http-status", "pages": [{"url": "u", "http_status": 503}]})
    assert facts.http_status == 503
    assert "503" in (views.not_audited("http-status", None, facts.http_status) or "")
    assert views.not_audited(None, "ignored") is None
    assert views.not_audited("no-such-code", "raw text") == "raw text"
    assert views.not_audited_badge("dns") == "Not audited"
    assert views.not_audited_badge("audit-error") == "Audit stopped early"
