"""index.html of a real demo run (tests/golden/demo): scores, localised findings, folded pages.

The golden result comes from `ashyq run --tasks all --scenarios scenarios` on the bundled demo
site (6 pages), with the failing language-parity check of a 20-page run; screenshots shrunk.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tester.model import CheckResult, Finding, PageResult, RunResult, SiteResult, TaskResult
from tester.report import load_result, render_html
from tester.report.summary import (
    finding_details,
    group_checks,
    localised,
    page_needs_attention,
    score_band,
)
from tester.scores import score_site

DEMO_DIR = Path(__file__).resolve().parents[1] / "golden" / "demo"


class Doc(HTMLParser):
    """Elements with attrs, the text inside each <summary>, and per-table row texts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.summaries: list[str] = []
        self.rows: list[str] = []
        self._summary: list[str] | None = None
        self._row: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "summary":
            self._summary = []
        elif tag == "tr":
            self._row = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "summary" and self._summary is not None:
            self.summaries.append(" ".join("".join(self._summary).split()))
            self._summary = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(" ".join(" ".join(self._row).split()))
            self._row = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for sink in (self._summary, self._row):
            if sink is not None:
                sink.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]

    @property
    def flat(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def demo() -> RunResult:
    return load_result(DEMO_DIR / "result.json")


@pytest.fixture(scope="module")
def docs(demo: RunResult) -> dict[str, Doc]:
    return {language: Doc(render_html(demo, language)) for language in ("en", "ru", "kk")}


def test_scores_are_tiles_with_a_number_and_a_word(demo: RunResult, docs: dict[str, Doc]) -> None:
    site = demo.sites[0]
    assert site.scores == score_site(site)  # the golden is consistent with the producer
    text = docs["en"].flat
    for tile in ("Citizen tasks 100 / 100 Good", "Accessibility (axe-core) 50 / 100 Needs work",
                 "Low vision 93 / 100 Good", "Rules for state bodies' sites 60 / 100 Needs work"):
        assert tile in text
    assert "Share of pages without critical or serious axe-core violations" in text
    kk = docs["kk"].flat
    assert "Нашар көретіндер үшін 93 / 100 Жақсы" in kk and "Жетілдіру қажет" in kk
    assert [score_band(v) for v in (100, 90, 89.9, 50, 49.9, 0)] == [
        "good", "good", "fair", "fair", "poor", "poor"]


def test_findings_speak_the_report_language(demo: RunResult, docs: dict[str, Doc]) -> None:
    contacts = next(p for p in demo.sites[0].pages if p.url.endswith("/ru/contacts.html"))
    small = next(c for c in contacts.checks if c.id == "small-text").findings[0]
    assert small.messages["kk"] and small.messages["ru"]
    assert small.message in docs["en"].flat
    assert small.messages["kk"] in docs["kk"].flat and small.message not in docs["kk"].flat
    assert small.messages["ru"] in docs["ru"].flat
    # Translations and element boxes are not repeated in the details list; measurements are.
    for doc in docs.values():
        assert "message_kk" not in doc.flat and "page_box" not in doc.flat
    assert "Size, px 10.0" in docs["en"].flat
    # A finding without a translation (axe-core) keeps its own text in every language.
    axe = demo.sites[0].pages[0].findings[0]
    assert axe.source == "axe" and axe.message.split("\n")[0] in docs["kk"].flat


def test_finding_message_and_details_helpers() -> None:
    finding = Finding(rule="r", message="english", data={
        "kind": "reflow-page", "message_ru": "русский", "message_kk": "  ", "box": [1, 2, 3, 4],
        "overflow_px": 40})
    assert localised(finding, "ru") == "русский"
    assert localised(finding, "kk") == "english"  # blank translation: fall back
    assert localised(finding, "en") == "english"
    assert finding_details(finding) == {"overflow_px": 40}
    plain = Finding(rule="broken-link", data={"kind": "broken", "url": "http://x.example/"})
    assert finding_details(plain) == plain.data  # "kind" kept when it is not a message key


def test_pages_table_links_every_page_with_counts(demo: RunResult, docs: dict[str, Doc]) -> None:
    doc = docs["en"]
    articles = [a["id"] for a in doc.all("article") if "page-card" in (a.get("class") or "")]
    assert len(articles) == len(demo.sites[0].pages) == 6
    links = [a["href"] for a in doc.all("a") if (a.get("href") or "").startswith("#site-1-page-")]
    assert links == [f"#{page_id}" for page_id in articles]
    header = next(r for r in doc.rows if r.startswith("Page Language"))
    assert header == ("Page Language HTTP status Critical Serious Moderate Minor Needs review "
                      "Advisory Failed checks")
    contacts = next(r for r in doc.rows if "/ru/contacts.html" in r and r.startswith("Контакты"))
    assert contacts.endswith("ru 200 0 0 1 0 0 0 Small text")
    sitemap = next(r for r in doc.rows if "/ru/sitemap.html" in r)
    assert sitemap.endswith("200 0 0 0 0 0 0 —")


def test_pages_fold_unless_they_need_attention(demo: RunResult, docs: dict[str, Doc]) -> None:
    doc = docs["en"]
    pages = [d for d in doc.all("details") if d.get("class") == "page-details"]
    expected = [page_needs_attention(p) for p in demo.sites[0].pages]
    assert ["open" in d for d in pages] == expected
    assert expected.count(False) == 1  # the clean site-map page starts folded
    page_summaries = [s for s in doc.summaries if "127.0.0.1:8732" in s]
    assert len(page_summaries) == 6
    contacts = next(s for s in page_summaries if "/ru/contacts.html" in s)
    assert contacts == ("Контакты – Акимат Жасыл района http://127.0.0.1:8732/ru/contacts.html "
                        "Moderate 1 Failed checks: Small text")
    sitemap = next(s for s in page_summaries if "/ru/sitemap.html" in s)
    assert sitemap.endswith("/ru/sitemap.html No problems found")


def test_page_needs_attention_rules() -> None:
    quiet = PageResult(url="http://a.example/", checks=[CheckResult(id="reflow", status="passed")])
    assert not page_needs_attention(quiet)
    minor = quiet.model_copy(update={"findings": [Finding(rule="x", impact="minor")]})
    review = quiet.model_copy(update={"findings": [
        Finding(rule="x", impact="critical", needs_review=True)]})
    assert not page_needs_attention(minor) and not page_needs_attention(review)
    assert page_needs_attention(quiet.model_copy(update={"error": "timeout"}))
    assert page_needs_attention(quiet.model_copy(update={"findings": [
        Finding(rule="x", impact="serious")]}))
    assert page_needs_attention(quiet.model_copy(update={"checks": [
        CheckResult(id="reflow", status="error")]}))


def test_passed_and_skipped_checks_are_one_line_each(docs: dict[str, Doc]) -> None:
    text = docs["en"].flat
    assert ("✓ Passed (5) Reflow at 320 px · Text enlarged to 200 % · Text spacing · "
            "Small text · Visible keyboard focus") in text
    assert ("– Skipped (2) Contrast over images (no text over images or gradients) · "
            "Images of text (no large images or linked PDFs on the page)") in text
    headings = re.findall(r"<h6>(.*?) <span", render_html(load_result(DEMO_DIR / "result.json")))
    assert set(headings) == {"Small text"}  # only the failed page check gets a heading
    kk = docs["kk"].flat
    assert "Жаңалықтардың өзектілігі" in kk and "124-НҚ бұйрығы: жаңалықтар күн сайын" in kk


def test_group_checks_keeps_positions() -> None:
    checks = [CheckResult(id="a", status="passed"), CheckResult(id="b", status="failed"),
              CheckResult(id="c", status="skipped"),
              CheckResult(id="d", status="passed", findings=[Finding(rule="d", impact="minor")]),
              CheckResult(id="e", status="error")]
    groups = group_checks(checks)
    assert [(n, c.id) for n, c in groups.shown] == [(2, "b"), (4, "d"), (5, "e")]
    assert [n for n, _ in groups.passed] == [1] and [n for n, _ in groups.skipped] == [3]


def test_long_finding_lists_fold_after_five() -> None:
    findings = [Finding(rule=f"rule-{n:02d}", impact="serious") for n in range(12)]
    minor = [Finding(rule=f"minor-{n}", impact="minor") for n in range(3)]
    site = SiteResult(url="http://a.example/", checks=[
        CheckResult(id="broken-links", status="failed", findings=findings),
        CheckResult(id="required-sections", status="passed", findings=minor)])
    doc = Doc(render_html(RunResult(sites=[site])))
    assert "More findings: 7" in doc.summaries and "Findings: 3" in doc.summaries
    html = render_html(RunResult(sites=[site]))
    folded = html[html.index("More findings: 7"):]
    assert "rule-04<" not in folded and "rule-05<" in folded and "rule-11<" in folded
    assert not re.search(r'<dl class="kv">\s*</dl>', html)  # no empty detail lists


def test_evidence_urls_become_links_and_screenshot_paths_open(docs: dict[str, Doc]) -> None:
    hrefs = {a.get("href") for a in docs["en"].all("a")}
    assert "https://eotinish.kz/" in hrefs  # find-appeal-procedure evidence "link"
    assert "http://127.0.0.1:8732/ru/appeals.html" in hrefs  # ... and its "page_url"
    shots = [a["href"] for a in docs["en"].all("a")
             if (a.get("href") or "").endswith("-small-text-1.jpg")]
    assert shots and all((DEMO_DIR / str(href)).is_file() for href in shots)
    task = TaskResult(id="scenario:x", title="Pay a fine", status="passed", evidence={
        "note": "see https://a.example/ here", "url": " https://b.example/x ",
        "bad": "javascript:alert(1)", "empty": [], "nothing": {}, "picture": "img/akim.jpg",
        "outside": "screenshots/../../etc/x.jpg"})
    doc = Doc(render_html(RunResult(sites=[SiteResult(url="http://a.example/", tasks=[task])])))
    hrefs = {a.get("href") for a in doc.all("a")}
    assert "https://b.example/x" in hrefs
    assert not {h for h in hrefs if h and ("a.example/ here" in h or "javascript" in h)}
    assert not {h for h in hrefs if h and h.endswith(".jpg")}  # only our screenshots open
    assert "picture img/akim.jpg" in doc.flat
    assert "Scenario: Pay a fine" in doc.flat
    assert "empty — nothing —" in doc.flat  # empty evidence is a dash, not a blank


def test_scripted_scenarios_keep_their_own_titles(demo: RunResult, docs: dict[str, Doc]) -> None:
    titles = {task.id: task.title for task in demo.sites[0].tasks}
    assert titles["demo-switch-to-kazakh"] == "Қазақ тіліне ауысу"
    assert "Қазақ тіліне ауысу ✓ Passed" in docs["en"].flat
    assert "Look around" in docs["en"].flat and "Қарап шығу" in docs["kk"].flat  # probe steps


def test_demo_ids_unique_fragments_resolve_and_images_exist(docs: dict[str, Doc]) -> None:
    for doc in docs.values():
        ids = [attrs["id"] for _, attrs in doc.elements if attrs.get("id")]
        assert len(ids) == len(set(ids))
        fragments = {a["href"][1:] for a in doc.all("a") if (a.get("href") or "").startswith("#")}
        assert fragments <= set(ids)
        for img in doc.all("img"):
            assert img["alt"] and (DEMO_DIR / str(img["src"])).is_file()
