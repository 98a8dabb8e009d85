"""Reports in kk and ru carry no English sentence of ashyq's own: a run built from the real
producers (site checks, low-vision findings and notes, goal verdicts, task verdicts, step
labels, notices) is rendered and scanned; a sentence planted in the Kazakh catalog is caught.

The same scan runs on a full demo run in tests/e2e/test_demo_flaws.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from support.language_scan import english_in_report, visible_text

from tester import i18n
from tester.checks.lowvision.common import make_finding, note, skipped
from tester.goals.appeal import recognise_appeal
from tester.goals.contacts import recognise_contacts
from tester.goals.language import recognise_kazakh
from tester.i18n import message_fields, say
from tester.model import (
    CheckResult,
    Finding,
    Notice,
    PageResult,
    RunResult,
    SiteResult,
    Step,
    TaskResult,
)
from tester.navigator.tasks import clicks
from tester.report import render_html, render_markdown
from tester.site import FetchResult, SiteArtifacts, audit_site
from tester.snapshot import Link, PageSnapshot

SITE = "http://gov.test"
STATES = ["reflow", "text-zoom", "page-zoom", "text-spacing"]
SAMPLE = {"overflow_px": 212, "kind": "таблица", "clipped_text": "Қабылдау кестесі",
          "other_text": "Жаңалықтар", "content": "width=device-width, user-scalable=no",
          "chars": 140, "size_px": 10, "min_px": 12, "count": 3, "ocr_text": "Приём граждан",
          "alt_note": say("lowvision.fragment.alt-missing"), "name": "Бұйрық №12.pdf",
          "ocr_note": say("lowvision.fragment.ocr-found", text="БҰЙРЫҚ"), "ratio": 2.1,
          "needed": 4.5, "low": 1.9, "high": 6.2}


def _lowvision_page() -> PageResult:
    kinds = sorted(key.removeprefix("lowvision.") for key in i18n.catalog("en")
                   if key.startswith("lowvision.") and key.count(".") == 1)
    findings = [make_finding("reflow", kind, {"selector": "div.menu"}, impact="serious",
                             wcag=["1.4.10"], state=STATES[n % len(STATES)], **SAMPLE)
                for n, kind in enumerate(kinds)]
    notes = [skipped("contrast-review", ["1.4.3"], note("no-text-over-images")),
             skipped("images-of-text", ["1.4.5"], note("tesseract-missing"))]
    check = CheckResult(id="reflow", status="failed", findings=findings, wcag=["1.4.10"])
    return PageResult(url=f"{SITE}/ru/", title="Басты бет", checks=[check, *notes])


def _site_checks() -> list[CheckResult]:
    pages = [
        PageSnapshot(url=f"{SITE}/ru/", lang="ru", title="Главная", http_status=200,
                     text="Новости министерства " * 20, main_text="Новости министерства " * 20,
                     links=[Link(f"{SITE}/ru/gone.html", "Отчёт"),
                            Link(f"{SITE}/kk/", "Қазақша"), Link("#", "")]),
        PageSnapshot(url=f"{SITE}/ru/data.html", lang="kz", title="Данные", http_status=200,
                     text="Данные по состоянию на 01.02.2020 " * 5,
                     main_text="Данные по состоянию на 01.02.2020 " * 5),
    ]
    artifacts = SiteArtifacts(
        home_url=f"{SITE}/ru/", scope_hosts=["gov.test"],
        links={f"{SITE}/ru/gone.html": FetchResult(f"{SITE}/ru/gone.html", status=404),
               f"{SITE}/kk/": FetchResult(f"{SITE}/kk/", status=404)},
        sitemap=FetchResult(f"{SITE}/sitemap.xml", status=404))
    return audit_site(artifacts, pages, date(2026, 11, 27))


def _tasks() -> list[TaskResult]:
    contacts = recognise_contacts(PageSnapshot(url=f"{SITE}/kk/", text="Тел.: 8 7172 55 01 01"))
    appeal = recognise_appeal(PageSnapshot(url=f"{SITE}/ru/", headings=["Новости"]))
    kazakh = recognise_kazakh(PageSnapshot(url=f"{SITE}/kk/", lang="kz",
                                           text="Новости министерства и объявления " * 20))
    verdicts = [
        ("find-contacts", "failed", say(
            "task.not-found", what=say("task.find-contacts.what"),
            why=say("task.why-exhausted", clicks=clicks(4)),
            miss=say("task.closest-miss", url=f"{SITE}/kk/", reason=contacts.reason))),
        ("find-appeal-procedure", "failed", say(
            "task.not-found", what=say("task.find-appeal-procedure.what"),
            why=say("task.why-time", seconds="60", clicks=clicks(7, always_plural=True)),
            miss=say("task.closest-miss", url=f"{SITE}/ru/", reason=appeal.reason))),
        ("switch-to-kazakh", "passed", say(
            "task.switch-to-kazakh.reached", where=say("task.after-clicks", clicks=clicks(1)),
            url=f"{SITE}/kk/", note=[say("task.switch-to-kazakh.drops-page"), say(
                "task.switch-to-kazakh.lang-problem", problem=kazakh.reason)])),
        ("find-low-vision-version", "failed", say(
            "task.find-low-vision-version.incomplete", label="Нашар көретіндерге",
            what=say("task.find-low-vision-version.larger-text"),
            missing=say("task.find-low-vision-version.no-way-back"))),
        ("site-search", "error", say("task.budget-stopped", seconds="90")),
    ]
    steps = [Step(action="goto", label="home page", **_label(say("step.home-page"))),
             Step(action="search", label="search: Әкімдік",
                  **_label(say("step.search", text="Әкімдік")))]
    return [TaskResult(id=task_id, status=status, steps=steps,  # type: ignore[arg-type]
                       **message_fields(message)) for task_id, status, message in verdicts]


def _label(message: i18n.Message) -> dict[str, object]:
    return {"label_key": message.key, "label_values": message.data()}


def _run() -> RunResult:
    site = SiteResult(url=f"{SITE}/", name="Әкімдік", tasks=_tasks(), checks=_site_checks(),
                      pages=[_lowvision_page()])
    notices = [Notice(id="stopped", message="The run was stopped (SIGINT)",
                      data={"signal": "SIGINT"}, message_key="notice.stopped",
                      message_values={"signal": "SIGINT"})]
    return RunResult(sites=[site], notices=notices)


def _ours(run: RunResult) -> list[Finding | CheckResult | TaskResult]:
    site = run.sites[0]
    checks = [*site.checks, *site.pages[0].checks]
    return [*site.tasks, *checks, *(f for check in checks for f in check.findings)]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_reports_in_kazakh_and_russian_carry_no_english_of_ours(language: str) -> None:
    run = _run()
    assert all(item.message_key for item in _ours(run) if item.message)
    for output in (render_html(run, language), render_markdown(run, language)):
        assert english_in_report(visible_text(output), run) == []


def test_the_scan_catches_english_planted_in_a_kazakh_entry(
        monkeypatch: pytest.MonkeyPatch) -> None:
    run = _run()
    monkeypatch.setitem(i18n._load("kk"), "lowvision.state.text-zoom",
                        "When the text is enlarged to 200 %")
    hits = english_in_report(visible_text(render_html(run, "kk")), run)
    assert hits and all("When the text is enlarged" in hit for hit in hits)
    # The English report is English, of course: the scan is what tells the languages apart.
    assert english_in_report(visible_text(render_html(run, "en")), run)
