"""Result texts in en/ru/kk: the catalogs are complete and consistent, producers fill
`messages`, and the report shows the text of its language."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from tester.checks.lowvision import messages as lowvision
from tester.checks.lowvision.common import make_finding, result_from, skipped
from tester.gather.snapshot import Link, PageSnapshot
from tester.model import CheckResult, Finding, RunResult, SiteResult, TaskResult
from tester.navigator import messages as navigator
from tester.navigator.tasks import Outcome
from tester.report import render_html, render_markdown
from tester.report.summary import finding_details, localised
from tester.site import audit_site
from tester.site import messages as site
from tester.site.data import FetchResult, SiteArtifacts
from tester.texts import (
    KAZAKH_LETTERS,
    LANGUAGES,
    counted,
    fields,
    fill,
    join,
    placeholders,
    plural_ru,
)

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = {
    "site": site.CATALOG,
    "navigator": navigator.CATALOG,
    "lowvision": {**lowvision.MESSAGES, **lowvision.STATES, **lowvision.FRAGMENTS},
}
ENTRIES = [(name, key) for name, catalog in CATALOGS.items() for key in sorted(catalog)]
CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]{3,}", re.IGNORECASE)
# kk entries whose natural wording has no Kazakh-specific letter ("табылмады" = not found).
PLAIN_KAZAKH = {("site", "link-fails"), ("site", "section-missing"),
                ("navigator", "not-found"), ("navigator", "sitemap-found")}


@pytest.mark.parametrize(("catalog", "key"), ENTRIES, ids=[f"{c}:{k}" for c, k in ENTRIES])
def test_every_entry_exists_in_every_language_with_the_same_placeholders(
        catalog: str, key: str) -> None:
    texts = CATALOGS[catalog][key]
    assert set(texts) == set(LANGUAGES)
    assert all(texts[lang].strip() for lang in LANGUAGES)
    assert placeholders(texts["ru"]) == placeholders(texts["en"]) == placeholders(texts["kk"])
    if CYRILLIC_WORD.search(texts["en"]) is None and len(CYRILLIC_WORD.findall(texts["ru"])) > 1:
        assert texts["ru"] != texts["kk"]  # a real translation, not a copy


@pytest.mark.parametrize(("catalog", "key"), ENTRIES, ids=[f"{c}:{k}" for c, k in ENTRIES])
def test_kazakh_entries_use_kazakh_letters(catalog: str, key: str) -> None:
    kazakh = CATALOGS[catalog][key]["kk"]
    if (catalog, key) in PLAIN_KAZAKH or not CYRILLIC_WORD.search(kazakh):
        return
    assert KAZAKH_LETTERS & set(kazakh), kazakh


def test_plain_kazakh_exemptions_are_still_needed() -> None:
    for catalog, key in PLAIN_KAZAKH:
        assert not KAZAKH_LETTERS & set(CATALOGS[catalog][key]["kk"]), (catalog, key)


def test_lowvision_notes_and_goal_reasons_are_translated() -> None:
    for note, texts in lowvision.NOTES.items():
        assert set(texts) == {"ru", "kk"} and note not in texts.values()
        assert KAZAKH_LETTERS & set(texts["kk"]), texts["kk"]
    for pattern, texts in navigator.REASONS:
        assert set(texts) == {"ru", "kk"} and set(pattern.groupindex) == placeholders(texts["kk"])
        assert placeholders(texts["ru"]) == placeholders(texts["kk"])


def _literal_calls(paths: list[Path], names: set[str]) -> set[str]:
    """First string arguments of calls to `names` (say("key"), _not_found(x, "what-..."))."""
    keys: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in names:
                keys |= {a.value for a in node.args
                         if isinstance(a, ast.Constant) and isinstance(a.value, str)}
            if isinstance(node, ast.IfExp):  # say("a" if x else "b")
                keys |= {v.value for v in (node.body, node.orelse)
                         if isinstance(v, ast.Constant) and isinstance(v.value, str)
                         and v.value in site.CATALOG | navigator.CATALOG}
    return keys


def test_every_key_the_code_uses_is_in_its_catalog() -> None:
    site_keys = _literal_calls(sorted((ROOT / "tester/site").glob("*.py")), {"say"})
    nav_keys = _literal_calls(sorted((ROOT / "tester/navigator").glob("*.py")),
                              {"say", "_not_found"})
    assert {"broken-link", "language-summary", "check-error"} <= site_keys
    assert {"contacts-found", "what-contacts", "stopped"} <= nav_keys
    assert site_keys <= set(site.CATALOG) and nav_keys <= set(navigator.CATALOG)


def _goal_reason_samples() -> list[str]:
    """Every verdict text a recogniser can return, its placeholders filled with sample values."""
    samples: list[str] = []
    paths = sorted((ROOT / "tester/goals").glob("*.py")) + [ROOT / "tester/navigator/explorer.py"]
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "GoalCheck" \
                    and len(node.args) >= 2:
                text = node.args[1]
                if isinstance(text, ast.Constant):
                    samples.append(text.value)
                elif isinstance(text, ast.JoinedStr):
                    samples.append("".join(
                        part.value if isinstance(part, ast.Constant) else "12"
                        for part in text.values))
    return samples


def test_every_goal_reason_has_a_translation() -> None:
    samples = _goal_reason_samples()
    assert len(samples) >= 15
    for sample in samples:
        texts = navigator.reason(sample)
        assert texts["en"] == sample and texts["kk"] != sample, sample
        assert KAZAKH_LETTERS & set(texts["kk"]) or "e-mail" in texts["kk"], texts["kk"]
    contacts = navigator.reason("the page shows a phone number and an e-mail and an address")
    assert contacts["kk"] == "бетте телефон нөмірі мен e-mail және мекенжай бар"
    assert navigator.reason("the page is not in Kazakh (3.0% Kazakh letters)")["kk"] == (
        "бет қазақ тілінде емес (қазақ әріптері 3.0%)")
    assert navigator.reason("something new")["kk"] == "something new"  # unknown: stays English


def test_helpers_fill_join_count_and_split_fields() -> None:
    catalog = {"k": {"en": "{n} of {what}", "ru": "{n} из {what}", "kk": "{what}: {n}"}}
    what = {"en": "pages", "ru": "страниц", "kk": "беттер"}
    texts = fill(catalog, "k", n=3, what=what)
    assert texts == {"en": "3 of pages", "ru": "3 из страниц", "kk": "беттер: 3"}
    assert join([texts, "."])["kk"] == "беттер: 3."
    assert fields(texts) == {"message": "3 of pages",
                             "messages": {"ru": "3 из страниц", "kk": "беттер: 3"}}
    assert fields({"en": "x", "ru": "x", "kk": " "})["messages"] == {}  # no copies of English
    assert [plural_ru(n, "клик", "клика", "кликов") for n in (1, 2, 5, 11, 21, 112)] == [
        "клик", "клика", "кликов", "кликов", "клик", "кликов"]
    assert navigator.clicks(1) == {"en": "1 click", "ru": "1 клик", "kk": "1 басу"}
    assert navigator.clicks(1, always_plural=True)["en"] == "1 clicks"  # as it always said
    assert counted(5, site.NOUNS["working-days"])["ru"] == "5 рабочих дней"
    broken = {"k": {"en": "{n}", "ru": "{missing}", "kk": "{n}"}}
    assert fill(broken, "k", n=1)["ru"] == "1"  # a catalog bug falls back to English


def test_outcome_said_keeps_english_and_carries_translations() -> None:
    outcome = Outcome.said("passed", navigator.say("kazakh-already"), "http://x.test/kk/")
    assert outcome.message == "The site opens in Kazakh; no switch was needed (0 clicks)."
    assert outcome.messages["kk"].startswith("Сайт қазақ тілінде ашылады")
    assert outcome.target_url == "http://x.test/kk/" and outcome.evidence == {}


def test_lowvision_findings_and_checks_carry_translations() -> None:
    finding = make_finding("small-text", "small-text", {"selector": "p"}, impact="serious",
                           wcag=["1.4.4"], chars=12, size_px=9, min_px=12)
    assert finding.message.startswith("12 characters") and "message_kk" not in finding.data
    assert "таңба" in finding.messages["kk"] and "символов" in finding.messages["ru"]
    assert finding.data["kind"] == "small-text"
    note = skipped("small-text", ["1.4.4"], "no visible text")
    assert note.message == "no visible text" and note.messages["kk"] == "бетте көрінетін мәтін жоқ"
    error_text = skipped("reflow", ["1.4.10"], "Target closed")
    assert error_text.messages == {}  # an untranslated note is left to `message`
    done = result_from("small-text", [finding], ["1.4.4"], {}, "")
    assert done.message == "" and done.messages == {}


SITE_URL = "http://gov.test"


def test_every_site_finding_and_check_message_has_ru_and_kk() -> None:
    pages = [
        PageSnapshot(url=f"{SITE_URL}/ru/", lang="ru", title="Главная", http_status=200,
                     text="Новости министерства " * 20, main_text="Новости министерства " * 20,
                     links=[Link(f"{SITE_URL}/ru/gone.html", "Отчёт"),
                            Link(f"{SITE_URL}/kk/", "Қазақша"), Link("#", "")]),
        PageSnapshot(url=f"{SITE_URL}/ru/data.html", lang="kz", title="Данные",
                     http_status=200, text="Данные по состоянию на 01.02.2020 " * 5,
                     main_text="Данные по состоянию на 01.02.2020 " * 5),
    ]
    artifacts = SiteArtifacts(
        home_url=f"{SITE_URL}/ru/", scope_hosts=["gov.test"],
        links={f"{SITE_URL}/ru/gone.html": FetchResult(f"{SITE_URL}/ru/gone.html", status=404),
               f"{SITE_URL}/kk/": FetchResult(f"{SITE_URL}/kk/", status=404)},
        sitemap=FetchResult(f"{SITE_URL}/sitemap.xml", status=404))
    results = audit_site(artifacts, pages, date(2026, 11, 27))
    findings = [f for check in results for f in check.findings]
    assert len(findings) >= 6 and {"broken-link", "sitemap-xml-missing"} <= {
        f.rule for f in findings}
    for item in [*results, *findings]:
        assert item.message, item
        assert set(item.messages) == {"ru", "kk"}, (item.message, item.messages)
        assert CYRILLIC_WORD.search(item.messages["ru"]) and item.messages["ru"] != item.message
    kazakh = " ".join(item.messages["kk"] for item in [*results, *findings])
    assert len(KAZAKH_LETTERS & set(kazakh)) >= 5
    broken = next(f for f in findings if f.rule == "broken-link")
    assert broken.message == "Link “Отчёт” to /ru/gone.html answers HTTP 404 (on /ru/)"
    assert broken.messages["kk"] == "«Отчёт» сілтемесі (/ru/gone.html) HTTP 404 қайтарады " \
        "(/ru/ бетінде)"


def _result() -> RunResult:
    task = TaskResult(id="find-contacts", status="passed",
                      **fields(navigator.say("contacts-found", where=navigator.say(
                          "on-start-page"), url="http://gov.test/kk/", reason=navigator.reason(
                          "the page shows a phone number and an address"))))
    check = CheckResult(id="sitemap", status="failed", findings=[Finding(
        rule="sitemap-xml-empty", **fields(site.say("sitemap-xml-empty", url="/sitemap.xml")),
        data={"kind": "empty", "url": "/sitemap.xml"})],
        **fields(site.say("sitemap-not-linked")))
    return RunResult(sites=[SiteResult(url="http://gov.test/", tasks=[task], checks=[check])])


def test_report_shows_task_check_and_finding_texts_in_its_language() -> None:
    result = _result()
    task, check = result.sites[0].tasks[0], result.sites[0].checks[0]
    kk_html, en_html = render_html(result, "kk"), render_html(result, "en")
    assert task.messages["kk"] in kk_html and task.message not in kk_html
    assert "Байланыс ақпараты бастапқы бетте табылды" in kk_html
    assert "телефон нөмірі мен мекенжай бар" in kk_html
    assert check.messages["kk"] in kk_html and check.findings[0].messages["kk"] in kk_html
    assert task.message in en_html and task.messages["kk"] not in en_html
    assert task.messages["ru"] in render_html(result, "ru")
    assert task.messages["kk"] in render_markdown(result, "kk")
    # The translations and the catalog key are not listed again among the finding's details.
    assert finding_details(check.findings[0]) == {"url": "/sitemap.xml"}
    assert localised(check, "kk") == "сайт картасы бетіне сілтеме жоқ"
    assert localised(TaskResult(id="x", status="error", message="English"), "kk") == "English"
