"""Audited pages are hostile: every renderer must escape them and never emit unsafe links."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from tester.model import (
    CheckResult,
    Finding,
    PageResult,
    RunResult,
    SiteResult,
    Step,
    TaskResult,
    ToolInfo,
)
from tester.report import render_html, render_junit, render_markdown, render_sarif
from tester.report.summary import safe_asset, safe_href

XSS = "\"'><script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)>&amp;"
CONTROLS = "\x00\x08\x1b\x7f"
TEXT = XSS + CONTROLS
BAD_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "http:alert(1)",
    "file:///etc/passwd",
]
BAD_ASSETS = [
    "javascript:alert(1)",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\x.jpg",
    "screenshots/../../x.jpg",
    "http://evil.example/x.jpg",
    "screenshots/\x00.jpg",
]


def _finding(impact: str, review: bool, url: str, shot: str) -> Finding:
    return Finding(
        rule=TEXT,
        source="axe",
        impact=impact,
        needs_review=review,
        wcag=[TEXT],
        selector=TEXT,
        snippet=TEXT,
        message=TEXT,
        help_url=url,
        screenshot=shot,
        data={TEXT: [TEXT, {TEXT: TEXT}], "url": url},
    )


def hostile_result() -> RunResult:
    sites = []
    for n, url in enumerate(BAD_URLS):
        shot = BAD_ASSETS[n % len(BAD_ASSETS)]
        findings = [
            _finding(impact, review, url, shot)
            for impact in ("critical", "serious", "moderate", "minor")
            for review in (False, True)
        ]
        check = CheckResult(
            id=TEXT,
            status="failed",
            findings=findings[:2],
            data={TEXT: TEXT},
            message=TEXT,
            wcag=[TEXT],
        )
        sites.append(
            SiteResult(
                url=url,
                name=TEXT,
                languages={"kk": url, TEXT: url},
                error=TEXT,
                scores={TEXT: 1.0},
                tasks=[
                    TaskResult(
                        id=TEXT,
                        title=TEXT,
                        status=status,
                        clicks=1,
                        target_url=url,
                        message=TEXT,
                        evidence={TEXT: TEXT, "nested": {TEXT: [url, TEXT]}},
                        steps=[
                            Step(action=TEXT, label=TEXT, url=url, screenshot=shot),
                            Step(action="click", label="", url=url, screenshot=shot),
                        ],
                    )
                    for status in ("passed", "failed", "error", "skipped")
                ],
                pages=[
                    PageResult(
                        url=url,
                        final_url=url,
                        title=TEXT,
                        lang=TEXT,
                        screenshot=shot,
                        error=TEXT,
                        findings=findings,
                        checks=[check],
                    )
                ],
                checks=[check, CheckResult(id=TEXT, status="failed", message=TEXT)],
            )
        )
    return RunResult(
        tool=ToolInfo(version=TEXT, axe_version=TEXT, browser=TEXT),
        settings={TEXT: TEXT},
        command=TEXT,
        sites=sites,
    )


class Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))


@pytest.fixture(scope="module")
def hostile() -> RunResult:
    return hostile_result()


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_html_has_no_markup_or_links_from_the_site(hostile: RunResult, language: str) -> None:
    html = render_html(hostile, language)
    assert "<script" not in html.lower() and "<svg" not in html and "<img src=x" not in html
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text
    assert "&amp;amp;" in html  # escaped exactly once more, not decoded
    elements = Elements(html).elements
    tags = {tag for tag, _ in elements}
    assert not tags & {"script", "svg", "iframe", "object", "embed", "link", "base", "form"}
    for tag, attrs in elements:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        if tag == "img":
            assert not attrs["src"]  # no hostile asset path survives; none was safe here
        href = attrs.get("href")
        if tag == "a" and href is not None:
            assert href.startswith("#"), href  # every URL in this result is unsafe
        if tag == "meta" and attrs.get("http-equiv"):
            assert attrs["http-equiv"] == "Content-Security-Policy"


def test_html_keeps_safe_links_and_assets_next_to_unsafe_ones() -> None:
    page = PageResult(
        url="https://gov.example.kz/ru/",
        screenshot="screenshots/0001 a#b?.jpg",
        findings=[
            _finding("serious", False, "https://dequeuniversity.com/x", "screenshots/../x.jpg")
        ],
    )
    html = render_html(RunResult(sites=[SiteResult(url="https://gov.example.kz/", pages=[page])]))
    elements = Elements(html).elements
    hrefs = [a["href"] for tag, a in elements if tag == "a"]
    srcs = [a["src"] for tag, a in elements if tag == "img"]
    assert "https://gov.example.kz/ru/" in hrefs and "https://dequeuniversity.com/x" in hrefs
    assert srcs == ["screenshots/0001%20a%23b%3F.jpg"]  # a path, not a fragment or query


def test_junit_parses_and_keeps_text(hostile: RunResult) -> None:
    root = ET.fromstring(render_junit(hostile))
    failures = root.findall(".//failure")
    assert failures and all(XSS in (f.get("message") or "") for f in failures[:1])
    assert int(root.get("tests") or 0) == len(root.findall(".//testcase"))


def test_sarif_is_json_without_controls(hostile: RunResult) -> None:
    text = render_sarif(hostile)
    assert not re.search(r"\\u000[0-8]|\\u001b|\\u007f", text)
    sarif = json.loads(text)
    results = sarif["runs"][0]["results"]
    assert results and results[0]["message"]["text"] == XSS
    for rule in sarif["runs"][0]["tool"]["driver"]["rules"]:
        assert "helpUri" not in rule  # no hostile help link becomes a clickable URI


@pytest.mark.parametrize("language", ["en", "kk"])
def test_markdown_escapes_html_and_table_syntax(hostile: RunResult, language: str) -> None:
    md = render_markdown(hostile, language)
    assert not re.search(r"(?<!\\)[<>]", md), "unescaped angle bracket"
    assert "\x00" not in md and "\x1b" not in md
    for line in md.splitlines():
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            # A `|` in site text cannot add columns (12: the two hostile sites compared).
            assert len(cells) in (5, 11, 12), line


@pytest.mark.parametrize("url", BAD_URLS + ["", "https://", "mailto:a@b.kz", "tel:+77172"])
def test_safe_href_refuses(url: str) -> None:
    assert safe_href(url) is None


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://egov.kz/x?a=1&b=2", "https://egov.kz/x?a=1&b=2"),
        ("HTTP://EXAMPLE.KZ/", "HTTP://EXAMPLE.KZ/"),
        ("  https://eotinish.kz/\n", "https://eotinish.kz/"),
        ("http://127.0.0.1:8731/kk/", "http://127.0.0.1:8731/kk/"),
    ],
)
def test_safe_href_accepts_http_links(url: str, expected: str) -> None:
    assert safe_href(url) == expected


@pytest.mark.parametrize("path", BAD_ASSETS + ["", "screenshots//x.jpg", "./x.jpg"])
def test_safe_asset_refuses_paths_outside_the_run_folder(path: str) -> None:
    assert safe_asset(path) is None


def test_safe_asset_quotes_a_relative_path() -> None:
    assert safe_asset("screenshots/0001-goto.jpg") == "screenshots/0001-goto.jpg"
    assert safe_asset("screenshots/қаз ә.jpg") == "screenshots/%D2%9B%D0%B0%D0%B7%20%D3%99.jpg"


def test_urls_are_shown_readable_but_links_stay_encoded() -> None:
    from tester.report.summary import readable_urls

    encoded = "http://x.kz/search?q=%D0%90%D0%BA%D0%B8%D0%BC%D0%B0%D1%82&lang=ru"
    assert readable_urls(f"found at {encoded}.") == "found at http://x.kz/search?q=Акимат&lang=ru."
    # Escapes that change a URL's meaning, and bytes that are not UTF-8, are left alone.
    assert readable_urls("http://x.kz/a%2Fb") == "http://x.kz/a%2Fb"
    assert readable_urls("http://x.kz/%FF") == "http://x.kz/%FF"
    hostile = "http://x.kz/%3Cscript%3Ealert(1)%3C/script%3E"
    result = RunResult(
        sites=[
            SiteResult(
                url=hostile,
                tasks=[
                    TaskResult(id="find-contacts", status="failed", message=f"Nothing at {hostile}")
                ],
            )
        ]
    )
    html = render_html(result)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html  # decoded for reading, then escaped
    assert f'href="{hostile}"' in html or "%3Cscript%3E" in html
