"""Fingerprints frozen byte for byte: FINGERPRINT_VERSION 1 must return what it returned when this
golden file was written, whatever is done to make it faster (tests/golden/fingerprints.json).

The golden file holds every finding's fingerprint of the two golden results, and the element key
and fingerprint of a hand-made set that takes every branch of `_element_key` (no snippet, a stable
or generated id, each attribute kind, quoting, entities, classes, text normalisation) plus a
seeded mix of those pieces. A change that alters any of them must bump FINGERPRINT_VERSION and
rewrite the file on purpose:

    PYTHONPATH=. .venv/bin/python tests/unit/test_fingerprint_golden.py --write
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from tester.fingerprint import (
    DATE,
    FINGERPRINT_VERSION,
    TIME,
    _classes,
    _element_key,
    _link,
    _may_hold_time,
    element_key,
    fingerprint,
    fingerprints,
    located_findings,
    page_key,
    stable_class,
)
from tester.model import Finding
from tester.report.files import load_result

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "fingerprints.json"
RESULTS = ("tests/golden/result.json", "tests/golden/demo/result.json")
PAGE = "https://akimat.gov.kz/ru/news/?id=5&utm_source=tg"

# (selector, snippet): one or more per branch of `_element_key`.
CASES: list[tuple[str, str]] = [
    # no opening tag: the selector decides
    ("#menu-toggle", ""),
    ("header > nav #main-menu", ""),
    ("div#:r1: > button", ""),
    ("#ember123", ""),
    ("main > ul.list > li:nth-child(3) > a.css-1x2y3z.link", ""),
    ("ul > li:first-child + li ~ li:last-of-type > a", ""),
    (".Banner_root__3xYz1 ._a1b2c3 .makeStyles-root-12 .sc-bdVaJa", ""),
    ("#foo\\:bar > .a\\.b", ""),
    ("", ""),
    ("   ", ""),
    ("a", "just text, no tag 12.03.2021"),
    ("a", "  <!-- comment --> <a>"),
    # an id in the snippet, stable or generated; else the selector's last id
    ("a", '<a id="contacts" href="/ru/contacts">Контакты</a>'),
    ("#x > a", '<a id=":r5:" href="/ru/contacts">Контакты</a>'),
    ("header #search-box", '<input id="ember1234" type="search">'),
    ("#page > .x", '<div id="a1b2c3d4e5f6" class="x">y</div>'),
    ("#uuid", '<div id="  ">y</div>'),
    # attributes: quoting, bare, valueless, duplicates, case, entities
    ("img", "<IMG SRC='/img/a.png' ALT=Герб>"),
    ("input", '<input type=checkbox name="agree" checked disabled aria-label="Согласен">'),
    ("a", '<a href="/ru/x" href="/ru/y" title="first" title="second">z</a>'),
    ("a", '<a title="R&amp;D &quot;отдел&quot; &#1040;" href="/a?x=1&amp;y=2">R&amp;D</a>'),
    ("svg", '<svg:rect role="img" aria-labelledby="t1  t2"\n  class="icon">'),
    ("td", '<td headers=" h1\th2 " lang="kk" for="x">1 204</td>'),
    ("label", '<label for="q" label="Поиск 2026">Поиск</label>'),
    ("input", '<input placeholder="Дата: 12.03.2021, 10:15" name="date" type="text">'),
    ("button", '<button\n  type="button"\n  aria-label="Закрыть  окно">×</button>'),
    # links and assets
    ("a", '<a href="#top">Наверх</a>'),
    ("a", '<a href="javascript:void(0)  ">x</a>'),
    ("a", '<a href="MAILTO:info@akimat.gov.kz">Почта</a>'),
    ("a", '<a href="tel:+7 7172 123456">Телефон</a>'),
    ("a", '<a href="/ru/news/12">Новость</a>'),
    ("a", '<a href="/ru/news?id=12&utm_source=tg&_=1764780000000#c">Новость</a>'),
    ("a", '<a href="https://AKIMAT.gov.kz:443/ru/index.html?sid=abc&p=2">x</a>'),
    ("a", '<a href="//cdn.gov.kz/x?y=1">x</a>'),
    ("a", '<a href="news/12?page=3&session=9f8e7d6c5b4a3f2e1d0c">x</a>'),
    ("a", '<a href="">empty</a>'),
    ("img", '<img src="/static/logo.5d5d9eef.svg?v=12">'),
    ("script", '<script src="https://cdn.gov.kz/js/main-3f2a1b9c.js"></script>'),
    ("img", '<img data-src="/i/photo-a1b2c3d4e5.jpg" alt="">'),
    ("form", '<form action="/ru/search?q=налог&amp;cb=123" method="get">'),
    # classes
    ("button", '<button class="css-1x2y3z btn sc-bdVaJa kXqZRc" type="button">'),
    ("div", '<div class="Banner_root__3xYz1 _a1b2c3 jsx-123 svelte-xyz12 astro-abc12">x</div>'),
    ("div", '<div class="makeStyles-root-12 jss-paper-3 MuiButton-label-7 emotion-4">x</div>'),
    ("div", '<div class="navItem banner2024 h264video e1x2y3z0 kXqZRc AbCdEf">x</div>'),
    ("div", '<div class="">x</div>'),
    ("div", '<div class="  b   a  b ">x</div>'),
    ("div", '<div class="gTLZXx card">styled hash without sc-: kept</div>'),
    # text
    ("p", '<p class="legal">© 2025 Акимат · 1 204 просмотра, 10:15:30</p>'),
    ("p", "<p>Опубликовано 3 марта 2026 г. и 2026-12-03, 03/12/26</p>"),
    ("p", "<p>  <b>Жирный</b>\n\t<i>курсив</i>  &nbsp;&lt;script&gt;  </p>"),
    ("p", "<p>" + "Очень длинный текст абзаца " * 10 + "</p>"),
    ("p", "<p>Straße İstanbul ǅ ΣΑΣ Қазақстан Өңір</p>"),
    ("p", "<p>\u202eevil\u202c\u200b text</p>"),
    ("p", "<p>unclosed <b tag"),
    ("span", '<span class="news-date">12.03.2021</span>'),
    ("span", "<span>1,5 млн · 3.14 · 12 345 678</span>"),
    ("h1", "<h1 role=heading>Заголовок</h1><p>after</p>"),
]
VARIANTS = ("", "low-vision-mode")


def _mixed_cases(count: int = 240) -> list[tuple[str, str]]:
    """Seeded combinations of the pieces above: what real snippets mix."""
    rng = random.Random(10)
    tags = ["a", "img", "button", "div", "span", "input", "p", "li", "svg", "A", "td"]
    attributes = [
        'href="/ru/news/{n}"', "href='/ru/news?id={n}&utm_source=x'", 'src="/i/{n}.png?cb=9"',
        'class="link css-1a2b3c{n} item"', 'class="Menu_item__{n}xYz9 active"',
        'id="item-{n}"', 'id=":r{n}:"', 'alt="Фото {n}"', 'title="Новость от {n}.03.2026"',
        'aria-label="Открыть {n}"', "type=submit", "disabled", 'role="link"', 'name="f{n}"',
        'lang="ru"', 'data-src="/img/x-{n}abcdef12.webp"', 'href="https://e.gov.kz/{n}?s=1"',
    ]
    texts = ["", "Новость {n}: 0{n}.03.2026, просмотров {n}7", "  Услуги\tакимата ",
             "<img src=/x.png> Подробнее", "R&amp;D {n}", "Главная"]
    selectors = ["main > ul > li:nth-child({n}) > a", "#item-{n}", ".css-{n}abc > span",
                 "body > div:nth-of-type(2) #:r{n}:", "nav a.link", ""]
    cases = []
    for n in range(count):
        tag = rng.choice(tags)
        chosen = rng.sample(attributes, rng.randint(0, 4))
        opening = " ".join([tag, *chosen]).format(n=n)
        body = rng.choice(texts).format(n=n)
        snippet = f"<{opening}>{body}</{tag}>" if rng.random() > 0.1 else ""
        cases.append((rng.choice(selectors).format(n=n), snippet))
    return cases


def _case_findings() -> list[tuple[Finding, str, str]]:
    rules = itertools.cycle(["image-alt", "link-name", "color-contrast", "min-font-size"])
    out = []
    for index, (selector, snippet) in enumerate([*CASES, *_mixed_cases()]):
        data: dict[str, Any] = {"kind": "icon"} if index % 7 == 3 else {}
        out.append((Finding(rule=next(rules), source="axe", selector=selector, snippet=snippet,
                            data=data), PAGE if index % 2 else "http://127.0.0.1:8731/ru/",
                    VARIANTS[index % 3 == 2]))
    return out


def compute() -> dict[str, Any]:
    """What the golden file holds, computed by the fingerprint module as it is now."""
    results = {}
    for name in RESULTS:
        result = load_result(ROOT / name)
        results[name] = [f"{x.page}|{x.variant}|{x.check}|{x.finding.rule}|{x.fingerprint}"
                         for x in located_findings(result)]
    cases = [{"selector": f.selector, "snippet": f.snippet, "element_key": element_key(f),
              "fingerprint": fingerprint(f, page, variant)}
             for f, page, variant in _case_findings()]
    twins = [f for f, _, _ in _case_findings()[:20]] * 3  # each element three times on one page
    return {"fingerprint_version": FINGERPRINT_VERSION, "results": results, "cases": cases,
            "twins": fingerprints(twins, PAGE, "low-vision-mode")}


def _clear_caches() -> None:
    for cached in (page_key, _link, stable_class, _element_key, _classes):
        cached.cache_clear()


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def computed() -> dict[str, Any]:
    _clear_caches()  # computed from scratch, not from what another test left cached
    return compute()


def test_version_is_the_golden_one(golden: dict[str, Any]) -> None:
    assert golden["fingerprint_version"] == FINGERPRINT_VERSION == 1


@pytest.mark.parametrize("name", RESULTS)
def test_result_fingerprints_unchanged(golden: dict[str, Any], computed: dict[str, Any],
                                       name: str) -> None:
    assert len(golden["results"][name]) > 5
    assert computed["results"][name] == golden["results"][name]


def test_hand_made_cases_unchanged(golden: dict[str, Any], computed: dict[str, Any]) -> None:
    assert len(golden["cases"]) == len(CASES) + 240
    for expected, got in zip(golden["cases"], computed["cases"], strict=True):
        assert got == expected, expected["snippet"] or expected["selector"]
    assert computed["twins"] == golden["twins"]


def test_cached_call_returns_the_same() -> None:
    """A warm cache (the second run of a diff) answers exactly as a cold one."""
    findings = _case_findings()
    _clear_caches()
    cold = [fingerprint(f, page, variant) for f, page, variant in findings]
    warm = [fingerprint(f, page, variant) for f, page, variant in findings]
    assert cold == warm


def test_golden_catches_a_change(golden: dict[str, Any], computed: dict[str, Any]) -> None:
    """The comparison can fail: one altered element key gives another fingerprint."""
    case = golden["cases"][20]
    finding = Finding(rule="image-alt", source="axe", selector=case["selector"],
                      snippet=case["snippet"] + " ")
    assert element_key(finding) == case["element_key"]  # trailing space: same key
    other = Finding(rule="image-alt", source="axe", selector=case["selector"],
                    snippet=case["snippet"].replace("<", "<x-", 1))
    assert element_key(other) != case["element_key"]


# The date and time patterns as FINGERPRINT_VERSION 1 first wrote them; tester/fingerprint.py
# spells them so the regex engine can skip ahead, and they must match exactly the same text.
FIRST_DATE = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}\s+[^\W\d_]{3,}\.?\s+\d{4}\b", re.UNICODE
)
FIRST_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")


def test_faster_date_and_time_patterns_match_the_same_text() -> None:
    rng = random.Random(7)
    pieces = [*"0123456789" * 4, *"./-: :\t\u00a0_aбzß", "\u0663", "марта", "2026", "12", "г.",
              "\n", "x1"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
             for _ in range(20_000)]
    for new, first in ((DATE, FIRST_DATE), (TIME, FIRST_TIME)):
        assert [new.sub("<>", t) for t in texts] == [first.sub("<>", t) for t in texts]
    assert FIRST_DATE.sub("<>", "x12.03.2021") != FIRST_DATE.sub("<>", "x 12.03.2021")
    # TIME.sub is skipped where `_may_hold_time` says no: never where it would match.
    assert all(_may_hold_time(t) for t in texts if FIRST_TIME.search(t))
    assert not _may_hold_time("Новость 5: 06.06.2026") and _may_hold_time("в ٣:١٥")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    GOLDEN.write_text(json.dumps(compute(), ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
    print(f"wrote {GOLDEN}")
