"""index.html from the golden result.json: content, structure and self-containment (no browser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tester.model import RunResult, SiteResult
from tester.report import load_result, render_html

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden"
CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"


class Page(HTMLParser):
    """Elements (tag, attrs) in document order, heading levels+texts and visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.text: list[str] = []
        self._heading: list[str] | None = None
        self._level = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._level = [], int(tag[1])

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._level, " ".join("".join(self._heading).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]


@pytest.fixture(scope="module")
def golden() -> RunResult:
    return load_result(GOLDEN_DIR / "result.json")


@pytest.fixture(scope="module")
def page(golden: RunResult) -> Page:
    return Page(render_html(golden))


def test_golden_renders_deterministically(golden: RunResult) -> None:
    assert render_html(golden) == render_html(golden)


def test_document_basics(page: Page) -> None:
    html_tag = page.all("html")[0]
    assert html_tag["lang"] == "en"
    metas = {m.get("http-equiv"): m.get("content") for m in page.all("meta")}
    assert metas["Content-Security-Policy"] == CSP
    # Self-contained: no scripts, no stylesheets or other external resources.
    assert not page.all("script") and not page.all("link") and not page.all("iframe")
    first_link = page.all("a")[0]
    assert first_link["href"] == "#main" and first_link["class"] == "skip-link"
    assert [a["id"] for a in page.all("main")] == ["main"]
    assert page.all("nav") and page.all("header") and page.all("footer")


def test_heading_levels_never_skip(page: Page) -> None:
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, page.headings


def test_ids_are_unique_and_fragment_links_resolve(page: Page) -> None:
    ids = [attrs["id"] for _, attrs in page.elements if attrs.get("id")]
    assert len(ids) == len(set(ids))
    fragments = [a["href"][1:] for a in page.all("a") if (a.get("href") or "").startswith("#")]
    assert fragments and set(fragments) <= set(ids)


def test_summary_counts(page: Page) -> None:
    text = " ".join(" ".join(page.text).split())
    # 1 critical, 5 serious (page, page check and site check findings), 2 moderate, 1 minor.
    for label, value in [("Tasks passed", 1), ("Tasks failed", 1), ("Tasks not decided", 1),
                         ("Critical issues", 1), ("Serious issues", 5), ("Moderate issues", 2),
                         ("Minor issues", 1), ("Needs review", 2), ("Pages audited", 2)]:
        assert f"{label} {value}" in text
    assert "Run time 1 min 38 s" in text


def test_tasks_show_verdicts_numbers_and_evidence(page: Page) -> None:
    text = " ".join(" ".join(page.text).split())
    assert ("Find the contact details ✓ Passed" in text
            and "Switch to the Kazakh version ✗ Failed" in text
            and "Find how to submit an appeal ! Error" in text)
    assert "Fewest clicks possible 1" in text and "Clicks 2" in text and "4.8 s" in text
    assert "kense@sko.example.kz" in text and "+7 (7152) 46-11-00" in text
    assert "Kazakh letters are 0.4% of letters" in text
    assert "Same page no" in text  # booleans in evidence are words, not True/False


def test_filmstrip_links_every_step_screenshot(golden: RunResult, page: Page) -> None:
    images = {img["src"]: img["alt"] for img in page.all("img")}
    links = {a["href"] for a in page.all("a")}
    steps = [step for task in golden.sites[0].tasks for step in task.steps]
    for step in steps:
        if step.screenshot:
            # In the report's language: the site's own label is the caption beside it.
            assert images[step.screenshot].startswith("Screenshot after step ")
            assert step.screenshot in links  # thumbnail opens the full image
    assert images["screenshots/0001-goto-home.jpg"].startswith("Screenshot after step 1: ")
    assert images["screenshots/0007-back.jpg"].startswith("Screenshot after step 4")
    text = " ".join(page.text)
    assert "No screenshot" in text  # the step without a screenshot says so
    assert "934 ms" in text and "Open menu" in text


def test_every_referenced_screenshot_exists_and_has_alt(golden: RunResult, page: Page) -> None:
    for img in page.all("img"):
        assert img["alt"], img
        assert (GOLDEN_DIR / str(img["src"])).is_file(), img["src"]
    assert {img["src"] for img in page.all("img")} >= {
        "screenshots/0010-page-home.jpg", "screenshots/0011-outline-image-alt.jpg",
        "screenshots/0014-outline-link-name.jpg",
    }
    alts = [img["alt"] for img in page.all("img")]
    assert "Screenshot of http://127.0.0.1:8731/ru/" in alts


def test_findings_grouped_by_impact_with_review_separate(page: Page) -> None:
    home = [text for level, text in page.headings if level == 6][:5]
    assert home == ["Critical (1)", "Serious (1)", "Moderate (1)", "Minor (1)", "Needs review (1)"]
    texts = " ".join(" ".join(page.text).split())
    assert "color-contrast WCAG 1.4.3 · axe-core" in texts
    assert "Element .news-date" in texts
    helps = [a["href"] for a in page.all("a") if "dequeuniversity" in (a.get("href") or "")]
    assert "https://dequeuniversity.com/rules/axe/4.12/image-alt?application=axeAPI" in helps


def test_page_and_site_checks_are_shown(page: Page) -> None:
    headings = [text for _, text in page.headings]
    # Failed checks in full under their catalog title; passed and skipped ones on one line.
    assert "Reflow at 320 px ✗ Failed" in headings and "Broken links ✗ Failed" in headings
    assert not [h for h in headings if "Text enlarged" in h or "News freshness" in h]
    texts = " ".join(" ".join(page.text).split())
    assert ("✓ Passed (1) Text enlarged to 200 % (Text grows to 200% without loss of content.)"
            in texts)
    assert "– Skipped (1) Contrast over images (no text over images or gradients)" in texts
    assert "✓ Passed (1) News freshness (The newest news item is 3 days old.)" in texts
    assert ("Content fits a 320 px wide screen (400 % zoom) without scrolling sideways. "
            "WCAG 1.4.10") in texts
    assert "Scroll width, px 1024" in texts and "HTTP 404 for" in texts


def test_page_identity_timings_and_tool_info(page: Page) -> None:
    texts = " ".join(" ".join(page.text).split())
    assert "Language attribute ru" in texts and "Time to first byte 41 ms" in texts
    assert "Fully loaded —" in texts  # missing timing shown as a dash, not "None"
    assert "axe-core version 4.12.1" in texts and "Browser Chromium 156.0.8078.108" in texts
    assert "Viewport width 1280" in texts
    assert "None" not in texts and "True" not in texts


def test_tables_have_captions_and_header_scopes(page: Page) -> None:
    assert len(page.all("table")) == len(page.all("caption")) == 3  # tasks, pages, settings
    scopes = {th.get("scope") for th in page.all("th")}
    assert scopes == {"col", "row"}


def test_empty_and_failed_sites_render() -> None:
    empty = Page(render_html(RunResult()))
    assert "No sites were audited" in " ".join(empty.text)
    broken = RunResult(sites=[SiteResult(url="http://127.0.0.1:9/", error="connection refused")])
    text = " ".join(" ".join(Page(render_html(broken)).text).split())
    assert "The audit of this site stopped early: connection refused" in text
    assert "No citizen tasks were run." in text and "No pages were audited." in text


def test_long_evidence_lists_are_cut(golden: RunResult) -> None:
    result = golden.model_copy(deep=True)
    result.sites[0].tasks[0].evidence = {"links": [f"link {n}" for n in range(500)]}
    html = render_html(result)
    assert "link 19<" in html and "link 20<" not in html and "… and 480 more" in html
