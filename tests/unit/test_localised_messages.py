"""Keyed messages: producers store a catalog key with its values (and the texts in en/ru/kk),
the report tells them again in its own language, and results written before keys still render."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from tester.checks.lowvision.common import make_finding, result_from
from tester.cli import main
from tester.goals.contacts import recognise_contacts
from tester.goals.language import recognise_kazakh
from tester.i18n import (
    KAZAKH_LETTERS,
    Message,
    catalog,
    join,
    message_fields,
    plural_form,
    say,
    stored,
)
from tester.model import CheckResult, Finding, RunResult, SiteResult, TaskResult
from tester.navigator.tasks import Outcome, clicks
from tester.report import load_result, render_html, render_markdown
from tester.report.summary import finding_details, localised
from tester.site import FetchResult, SiteArtifacts, audit_site
from tester.snapshot import Link, PageSnapshot

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "result.json"
SITE_URL = "http://gov.test"
CYRILLIC = re.compile(r"[а-яәғқңөұүһі]", re.IGNORECASE)


def test_a_message_is_told_in_every_language_with_nested_values() -> None:
    message = say("task.find-contacts.found", where=say("task.on-start-page"),
                  url="http://gov.test/kk/", reason=say("goal.contacts.found",
                                                        what=say("goal.contacts.address")))
    texts = message.texts()
    assert texts["en"] == ("Contact information was found on the start page at "
                           "http://gov.test/kk/: the page shows a phone number and an address.")
    assert texts["kk"] == ("Байланыс ақпараты бастапқы бетте табылды (http://gov.test/kk/): "
                           "бетте телефон нөмірі мен мекенжай бар.")
    assert texts["ru"].startswith("Контактная информация найдена на стартовой странице")
    assert str(message) == texts["en"]


def test_stored_values_tell_the_same_message_again() -> None:
    message = say("task.find-low-vision-version.incomplete", label="Версия для слабовидящих",
                  what=say("task.find-low-vision-version.larger-text"),
                  missing=join([say("task.find-low-vision-version.not-persistent"),
                                say("task.find-low-vision-version.no-way-back")],
                               say("task.find-low-vision-version.and")))
    data = message.data()
    assert data["what"] == {"message_key": "task.find-low-vision-version.larger-text",
                            "message_values": {}}
    again = stored(message.key, data)
    assert again.texts() == message.texts()
    assert " and there is no way back" in again.render("en")
    assert " және кәдімгі нұсқаға қайту" in again.render("kk")


def test_plural_forms_follow_each_language() -> None:
    assert [plural_form("ru", n) for n in (1, 2, 5, 11, 21, 22, 25, 111, 112, 1.5)] == [
        "one", "few", "many", "many", "one", "few", "many", "many", "many", "other"]
    assert [plural_form("en", n) for n in (0, 1, 2, 21)] == ["other", "one", "other", "other"]
    assert [plural_form("kk", n) for n in (1, 2, 5)] == ["one", "other", "other"]
    assert [clicks(n).render("ru") for n in (1, 2, 5)] == ["1 клик", "2 клика", "5 кликов"]
    assert [clicks(n).render("en") for n in (1, 2)] == ["1 click", "2 clicks"]
    assert clicks(1, always_plural=True).render("en") == "1 click"  # "1 clicks" no more
    assert clicks(7).render("kk") == "7 басу"
    assert say("site.n-working-days", count=5).render("ru") == "5 рабочих дней"
    assert say("site.n-days", count=1).render("en") == "1 day"


@pytest.mark.parametrize(("count", "russian"), [
    (1, "1 документ"), (2, "2 документа"), (5, "5 документов"), (11, "11 документов"),
    (21, "21 документ"), (22, "22 документа"), (25, "25 документов"), (111, "111 документов")])
def test_russian_counts_take_the_cldr_form(count: int, russian: str) -> None:
    assert say("noun.document", count=count).render("ru") == russian
    assert say("noun.document", count=count).render("kk") == f"{count} құжат"  # never changes


def test_a_counted_value_in_a_sentence_agrees_with_its_noun() -> None:
    one = say("check.documents-as-images.summary", images=1, review="", considered=1, pages=1)
    assert one.render("en") == "1 document published as images (1 large image on 1 page)."
    many = say("check.documents-as-images.summary", images=5, review="", considered=21, pages=2)
    assert many.render("en") == "5 documents published as images (21 large images on 2 pages)."
    summary = say("check.broken-links.summary", broken=0, checked=21, review="", inactive="",
                  unchecked="")
    assert "из 21 проверенной ссылки сайта" in summary.render("ru")
    assert "из 5 проверенных" in stored(summary.key, {**summary.values, "checked": 5}).render("ru")
    # A value that is not a number (a hand-edited result) takes the general form, never fails.
    assert say("noun.page", count="many").render("en") == "many pages"


def test_a_missing_translation_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    kazakh = catalog("kk")  # a copy; patch the loaded one
    assert "task.stopped" in kazakh
    from tester import i18n

    loaded = i18n._load("kk")
    monkeypatch.delitem(loaded, "task.stopped")
    message = say("task.stopped", reason="closed", clicks="2")
    assert message.render("kk") == message.render("en")
    nested = say("task.stopped", reason="closed", clicks=clicks(2))
    assert "2 басу" in nested.render("kk")  # each part falls back on its own
    monkeypatch.setitem(loaded, "task.stopped", "{no_such_value:d}")  # a broken translation
    assert message.render("kk") == message.render("en")


def test_unknown_keys_fail_where_they_are_said() -> None:
    with pytest.raises(KeyError, match="task.no-such-thing"):
        say("task.no-such-thing")


def test_model_fields_keep_english_add_translations_and_the_key() -> None:
    fields = message_fields(say("task.switch-to-kazakh.already"))
    assert fields["message"] == "The site opens in Kazakh; no switch was needed (0 clicks)."
    assert fields["messages"]["kk"].startswith("Сайт қазақ тілінде ашылады")
    assert fields["message_key"] == "task.switch-to-kazakh.already"
    assert fields["message_values"] == {}
    plain = message_fields("TimeoutError: page closed")
    assert plain == {"message": "TimeoutError: page closed", "messages": {}}
    outcome = Outcome.said("passed", say("task.switch-to-kazakh.already"), "http://x.test/kk/")
    assert outcome.message.key == "task.switch-to-kazakh.already" and outcome.evidence == {}


def _goal_reason_calls() -> list[ast.expr]:
    """The reason argument of every GoalCheck(...) the recognisers and the explorer build."""
    reasons = []
    paths = sorted((ROOT / "tester/goals").glob("*.py")) + [ROOT / "tester/navigator/explorer.py"]
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "GoalCheck" \
                    and len(node.args) >= 2:
                reasons.append(node.args[1])
    return reasons


def test_goal_verdicts_are_keyed_messages_not_english_strings() -> None:
    reasons = _goal_reason_calls()
    assert len(reasons) >= 15
    for reason in reasons:
        assert isinstance(reason, ast.Call) and getattr(reason.func, "id", None) == "say", \
            ast.unparse(reason)
        assert isinstance(reason.args[0], ast.Constant) and reason.args[0].value.startswith(
            "goal."), ast.unparse(reason)
    goal_keys = [k for k in catalog("kk") if k.startswith("goal.")]
    kazakh = {key: say(key).render("kk") for key in goal_keys}
    assert all(CYRILLIC.search(text) or text == "e-mail" for text in kazakh.values()), kazakh
    assert sum(bool(KAZAKH_LETTERS & set(text)) for text in kazakh.values()) > 0.8 * len(kazakh)


def test_recognisers_explain_themselves_in_kazakh() -> None:
    contacts = recognise_contacts(PageSnapshot(
        url=f"{SITE_URL}/kk/contacts", text="Тел.: +7 (7172) 55-01-01\nE-mail: info@gov.kz\n"
        "Мекенжайы: Астана қ., Бейбітшілік көшесі, 11"))
    assert contacts.met and isinstance(contacts.reason, Message)
    assert contacts.reason.render("kk") == "бетте телефон нөмірі мен e-mail және мекенжай бар"
    assert str(contacts.reason) == "the page shows a phone number and an e-mail and an address"
    russian = recognise_kazakh(PageSnapshot(url=f"{SITE_URL}/kk/", lang="ru",
                                            text="Новости министерства и объявления " * 20))
    assert not russian.met and russian.reason is not None
    assert russian.reason.render("kk") == "бет қазақ тілінде емес (қазақ әріптері 0.0%)"


def test_lowvision_findings_and_checks_carry_their_keys() -> None:
    finding = make_finding("small-text", "small-text", {"selector": "p"}, impact="serious",
                           wcag=["1.4.4"], chars=12, size_px=9, min_px=12)
    assert finding.message.startswith("Text here (12 characters)")
    assert "message_kk" not in finding.data
    assert "таңба" in finding.messages["kk"] and "символов" in finding.messages["ru"]
    assert finding.message_key == "lowvision.small-text"
    assert finding.message_values == {"chars": 12, "size_px": 9, "min_px": 12}
    assert finding.data["kind"] == "small-text"
    done = result_from("small-text", [finding], ["1.4.4"], {}, "")
    assert done.message == "" and done.messages == {} and done.message_key is None


def test_every_site_finding_and_check_message_is_keyed_with_ru_and_kk() -> None:
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
        assert item.message and item.message_key, item
        assert set(item.messages) == {"ru", "kk"}, (item.message, item.messages)
        assert stored(item.message_key, item.message_values).render("en") == item.message
    kazakh = " ".join(item.messages["kk"] for item in [*results, *findings])
    assert len(KAZAKH_LETTERS & set(kazakh)) >= 5
    broken = next(f for f in findings if f.rule == "broken-link")
    assert broken.message == "Link “Отчёт” to /ru/gone.html answers HTTP 404 (on /ru/)"
    assert broken.messages["kk"] == "«Отчёт» сілтемесі (/ru/gone.html) HTTP 404 қайтарады " \
        "(/ru/ бетінде)"


def _english_run() -> RunResult:
    """A run whose producers wrote keys: its `messages` are dropped, as if only English were
    kept, so whatever the report shows in kk comes from the key."""
    task = TaskResult(id="find-contacts", status="passed", **message_fields(say(
        "task.find-contacts.found", where=say("task.on-start-page"), url="http://gov.test/kk/",
        reason=say("goal.contacts.found", what=say("goal.contacts.address")))))
    finding = Finding(rule="sitemap-xml-empty", data={"kind": "empty", "url": "/sitemap.xml"},
                      **message_fields(say("check.sitemap.xml-empty", url="/sitemap.xml")))
    check = CheckResult(id="sitemap", status="failed", findings=[finding],
                        **message_fields(say("check.sitemap.summary",
                                             parts=[say("check.sitemap.not-linked")])))
    result = RunResult(sites=[SiteResult(url="http://gov.test/", tasks=[task], checks=[check])])
    for item in (task, check, finding):
        item.messages = {}
    return result


def test_report_tells_keyed_messages_in_its_language() -> None:
    result = _english_run()
    task, check = result.sites[0].tasks[0], result.sites[0].checks[0]
    kk_html, en_html = render_html(result, "kk"), render_html(result, "en")
    assert "Байланыс ақпараты бастапқы бетте табылды" in kk_html
    assert "телефон нөмірі мен мекенжай бар" in kk_html
    assert "сайт картасы бетіне сілтеме жоқ." in kk_html
    assert "/sitemap.xml ішінде бірде-бір мекенжай жоқ" in kk_html
    assert task.message not in kk_html and task.message in en_html
    assert "Контактная информация найдена" in render_html(result, "ru")
    assert "Байланыс ақпараты" in render_markdown(result, "kk")
    # The key and its values are not listed again among the finding's details.
    assert finding_details(check.findings[0]) == {"url": "/sitemap.xml"}
    assert localised(check, "kk") == "сайт картасы бетіне сілтеме жоқ."


def test_results_without_keys_or_with_unknown_keys_still_render() -> None:
    old = TaskResult(id="x", status="error", message="English", messages={"kk": "Қазақша"})
    assert localised(old, "kk") == "Қазақша" and localised(old, "ru") == "English"
    newer = old.model_copy(update={"message_key": "task.from-a-newer-ashyq"})
    assert localised(newer, "kk") == "Қазақша"
    golden = load_result(GOLDEN)  # written before keys existed
    kk = render_html(golden, "kk")
    assert golden.sites[0].tasks[0].message in kk  # its only text, shown as it is


def test_report_command_rerenders_an_english_run_in_kazakh(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    path = tmp_path / "result.json"
    path.write_text(_english_run().to_json(), encoding="utf-8")
    assert main(["report", str(path), "--lang", "kk", "--out", str(tmp_path / "kk")]) == 0
    capsys.readouterr()
    html = (tmp_path / "kk" / "index.html").read_text(encoding="utf-8")
    assert "Байланыс ақпараты бастапқы бетте табылды" in html
    assert "Contact information was found" not in html
