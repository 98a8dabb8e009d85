"""Stable fingerprints: pairs of versions of one page, and which findings must (not) match."""

from __future__ import annotations

import pytest

from tester.fingerprint import (
    FINGERPRINT_VERSION,
    SARIF_KEY,
    element_key,
    fingerprint,
    fingerprints,
    located_findings,
    normalise_text,
    page_key,
    stable_class,
)
from tester.model import CheckResult, Finding, PageResult, RunResult, SiteResult

NEWS = "https://akimat.gov.kz/ru/news/?id=5"


def axe(rule: str, selector: str, snippet: str, impact: str = "serious") -> Finding:
    """A finding shaped as tester/gather builds it from an axe-core node."""
    return Finding(rule=rule, source="axe", impact=impact, wcag=["1.1.1"], selector=selector,
                   snippet=snippet, help_url=f"https://dequeuniversity.com/rules/axe/4.10/{rule}")


# (what changed between the deploys, version A, version B): each pair must keep its identity.
SAME = [
    ("query noise", (axe("image-alt", ".hero > img", '<img src="/img/akim.jpg">'),
                     "https://akimat.gov.kz/ru/news?id=5&utm_source=tg&sid=9f8e7d6c5b4a3f2e1d0c"),
     (axe("image-alt", ".hero > img", '<img src="/img/akim.jpg">'),
      "https://AKIMAT.gov.kz:443/ru/news/index.html?_=1712345678901&id=5&fbclid=IwAR0x#top")),
    ("sibling inserted", (axe("link-name", ".news-list > li:nth-child(2) > a",
                              '<a href="/ru/news/12"><img src="/i/12.png"></a>'), NEWS),
     (axe("link-name", ".news-list > li:nth-child(3) > a",
          '<a href="/ru/news/12"><img src="/i/12.png"></a>'), NEWS)),
    ("whitespace", (axe("link-name", "nav a", '<a href="/ru/x" >\n  Услуги\t акимата </a>'), NEWS),
     (axe("link-name", "nav a", '<a href="/ru/x">Услуги акимата</a>'), NEWS)),
    ("date in text", (axe("color-contrast", ".news-date",
                          '<span class="news-date">12.03.2021</span>'), NEWS),
     (axe("color-contrast", ".news-date", '<span class="news-date">2026-12-03</span>'), NEWS)),
    ("counter and year", (axe("color-contrast", "footer .legal",
                              '<p class="legal">© 2025 Акимат · 1 204 просмотра, 10:15</p>'), NEWS),
     (axe("color-contrast", "footer .legal",
          '<p class="legal">© 2026 Акимат · 1 372 просмотра, 18:40</p>'), NEWS)),
    ("hashed classes", (axe("button-name", ".css-1x2y3z",
                            '<button class="css-1x2y3z btn sc-bdVaJa kXqZRc" type="button">'),
                        NEWS),
     (axe("button-name", ".css-9q8w7e",
          '<button class="btn css-9q8w7e sc-hKgILt gTLZXx" type="button">'), NEWS)),
    ("CSS-module hash", (axe("region", "._a1b2c3 > .Banner_root__3xYz1",
                             '<div class="Banner_root__3xYz1 _a1b2c3">Куки</div>'), NEWS),
     (axe("region", "._z9y8x7 > .Banner_root__Q7w2e",
          '<div class="Banner_root__Q7w2e _z9y8x7">Куки</div>'), NEWS)),
    ("stable id, other text", (axe("aria-valid-attr-value", "#menu-toggle",
                                   '<button id="menu-toggle" class="a">☰</button>'), NEWS),
     (axe("aria-valid-attr-value", "header > #menu-toggle",
          '<button class="b" id="menu-toggle">Меню</button>'), NEWS)),
    ("generated id", (axe("label", "#\\:r1\\:", '<input id=":r1:" name="iin" type="text">'), NEWS),
     (axe("label", "#\\:r7\\:", '<input id=":r7:" name="iin" type="text">'), NEWS)),
    ("asset build hash", (axe("image-alt", "img", '<img src="/static/logo.5d5d9eef.png?v=3">'),
                          NEWS),
     (axe("image-alt", "img", '<img src="/static/logo.a1b2c3d4.png?v=4">'), NEWS)),
    ("measurement in data", (Finding(rule="min-font-size", selector="footer .legal",
                                     snippet='<p class="legal">Права защищены</p>',
                                     data={"font_size_px": 10}), NEWS),
     (Finding(rule="min-font-size", selector="footer .legal",
              snippet='<p class="legal">Права защищены</p>', data={"font_size_px": 11}), NEWS)),
    ("no snippet, position", (Finding(rule="reflow", selector="main > div:nth-of-type(4)"), NEWS),
     (Finding(rule="reflow", selector="main > div:nth-of-type(5)"), NEWS)),
]

# (what differs, A, B): each pair must be two findings.
DIFFERENT = [
    ("another rule", (axe("image-alt", "img", '<img src="/a.png">'), NEWS),
     (axe("role-img-alt", "img", '<img src="/a.png">'), NEWS)),
    ("another image", (axe("image-alt", "img", '<img src="/a.png">'), NEWS),
     (axe("image-alt", "img", '<img src="/b.png">'), NEWS)),
    ("another link", (axe("link-name", "li > a", '<a href="/ru/news/12"></a>'), NEWS),
     (axe("link-name", "li > a", '<a href="/ru/news/13"></a>'), NEWS)),
    ("another id", (axe("label", "#iin", '<input id="iin">'), NEWS),
     (axe("label", "#bin", '<input id="bin">'), NEWS)),
    ("another text", (axe("color-contrast", "p", "<p>Приём граждан</p>"), NEWS),
     (axe("color-contrast", "p", "<p>Контакты</p>"), NEWS)),
    ("another page (id)", (axe("image-alt", "img", '<img src="/a.png">'), NEWS),
     (axe("image-alt", "img", '<img src="/a.png">'), "https://akimat.gov.kz/ru/news/?id=6")),
    ("another page (path)", (axe("image-alt", "img", '<img src="/a.png">'),
                             "https://akimat.gov.kz/ru/"),
     (axe("image-alt", "img", '<img src="/a.png">'), "https://akimat.gov.kz/kk/")),
    ("another site", (axe("image-alt", "img", '<img src="/a.png">'), "https://a.gov.kz/"),
     (axe("image-alt", "img", '<img src="/a.png">'), "https://b.gov.kz/")),
    ("another results page", (axe("image-alt", "img", '<img src="/a.png">'),
                              "https://akimat.gov.kz/search?q=iin&page=2"),
     (axe("image-alt", "img", '<img src="/a.png">'), "https://akimat.gov.kz/search?q=iin&page=3")),
    ("another kind in data", (Finding(rule="reflow", selector="table", snippet="<table>",
                                      data={"kind": "reflow-offender"}), NEWS),
     (Finding(rule="reflow", selector="table", snippet="<table>",
              data={"kind": "clipped-text"}), NEWS)),
]


@pytest.mark.parametrize(("change", "a", "b"), SAME, ids=[c for c, _, _ in SAME])
def test_survives_a_redeploy(change: str, a: tuple[Finding, str], b: tuple[Finding, str]) -> None:
    assert fingerprint(*a) == fingerprint(*b), (change, element_key(a[0]), element_key(b[0]))


@pytest.mark.parametrize(("change", "a", "b"), DIFFERENT, ids=[c for c, _, _ in DIFFERENT])
def test_tells_findings_apart(change: str, a: tuple[Finding, str], b: tuple[Finding, str]) -> None:
    assert fingerprint(*a) != fingerprint(*b), change


def test_low_vision_variant_is_a_finding_of_its_own() -> None:
    finding = axe("color-contrast", "p", "<p>Текст</p>")
    assert fingerprint(finding, NEWS) != fingerprint(finding, NEWS, "low-vision-mode")


def test_twins_on_one_page_are_numbered_in_document_order() -> None:
    spacer = '<img src="/spacer.gif">'
    before = [axe("image-alt", f"td:nth-child({n}) > img", spacer) for n in (1, 2, 3)]
    after = [axe("image-alt", f"td:nth-child({n}) > img", spacer) for n in (2, 3, 4)]
    prints = fingerprints(before, NEWS)
    assert len(set(prints)) == 3
    assert prints[0] == fingerprint(before[0], NEWS)  # the first keeps the plain fingerprint
    assert fingerprints(after, NEWS) == prints


@pytest.mark.parametrize(("url", "key"), [
    ("https://Gov.KZ/ru/news/?utm_campaign=x&id=5&gclid=1", "https://gov.kz/ru/news?id=5"),
    ("http://127.0.0.1:8731/ru/;jsessionid=A1B2C3?b=2&a=1", "http://127.0.0.1:8731/ru?a=1&b=2"),
    ("https://gov.kz/doc?token=abc&file=9f86d081884c7d659a2feaa0c55ad015", "https://gov.kz/doc"),
    ("https://gov.kz/doc?id=1712345678", "https://gov.kz/doc?id=1712345678"),  # id stays
    ("https://gov.kz/n/?ELEMENT_ID=1712345678&r=1712345678",
     "https://gov.kz/n?ELEMENT_ID=1712345678"),  # any *id stays; an epoch elsewhere goes
    ("https://gov.kz/n/?CODE=novosti-akimata-oblasti-2026-goda",
     "https://gov.kz/n?CODE=novosti-akimata-oblasti-2026-goda"),  # a slug is no token
    ("https://gov.kz/n/?k=eyJhbGciOiJIUzI1NiJ9abcdefgh", "https://gov.kz/n"),
    ("https://gov.kz/", "https://gov.kz/"),
    ("https://gov.kz", "https://gov.kz/"),
])
def test_page_key(url: str, key: str) -> None:
    assert page_key(url) == key


@pytest.mark.parametrize(("name", "kept"), [
    ("css-1x2y3z", None), ("sc-bdVaJa", None), ("kXqZRc", None), ("e1x2y3z0", None),
    ("_abc123", None), ("jsx-123456", None), ("Button_primary__3xYz1", "Button_primary"),
    ("makeStyles-root-12", "makeStyles-root"), ("navItem", "navItem"),
    ("banner2024", "banner2024"), ("card__title", "card__title"), ("col-md-6", "col-md-6"),
    ("_header", "_header"), ("news-date", "news-date"),
    ("Button-module__primary___1a2b3", "Button-module__primary"), ("svelte-1abc2d", None),
    ("astro-x7y8z9", None), ("css-1x2y3z-Button", None),
])
def test_stable_class(name: str, kept: str | None) -> None:
    assert stable_class(name) == kept


def test_text_normalisation() -> None:
    assert normalise_text("  <b>Новости</b>\n 03.12.2026 в 10:15, 12 комментариев ") == (
        "новости <date> в <time>, # комментариев"
    )


def test_located_findings_cover_page_checks_and_site_checks() -> None:
    link = Finding(rule="broken-link", selector="a", snippet='<a href="/x.pdf">x</a>',
                   data={"url": "https://gov.kz/x.pdf", "status": 404})
    page = PageResult(url="https://gov.kz/?utm_source=a", final_url="https://gov.kz/",
                      findings=[axe("image-alt", "img", '<img src="/a.png">')],
                      checks=[CheckResult(id="reflow", status="failed",
                                          findings=[Finding(rule="reflow", selector="table")])])
    result = RunResult(sites=[SiteResult(url="https://gov.kz/", pages=[page], checks=[
        CheckResult(id="broken-links", status="failed", findings=[link])])])
    located = located_findings(result)
    assert [(x.finding.rule, x.page, x.check, x.on_site) for x in located] == [
        ("image-alt", "https://gov.kz/", "", False),
        ("reflow", "https://gov.kz/", "reflow", False),
        ("broken-link", "https://gov.kz/x.pdf", "broken-links", True),
    ]
    assert all(len(x.fingerprint) == 32 for x in located)
    assert f"ashyq/v{FINGERPRINT_VERSION}" == SARIF_KEY
