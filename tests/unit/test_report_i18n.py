"""The report's words: its key families match what ashyq produces, check descriptions cite
their rule, reports leak no key names and read in their language, unknown languages fail.

The catalog itself (every key in every language) is tested in tests/unit/test_i18n_catalog.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tester.browser import BROWSER_ERRORS, OTHER_ERROR, OWN_ERRORS
from tester.i18n import LANGUAGES, Translator, UnknownLanguage
from tester.i18n import catalog as messages
from tester.registry import page_check_specs, site_check_specs, task_ids
from tester.report import (
    ReportError,
    load_result,
    render_html,
    render_junit,
    render_markdown,
)
from tester.report.summary import IMPACTS, SCORE_BANDS, STATUSES
from tester.runner import AUDIT_ERROR
from tester.scenarios.model import STEP_KINDS
from tester.scores import score_site

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "result.json"


def test_kazakh_task_titles_read_kazakh() -> None:
    catalog = messages("kk")
    assert "Қазақша" in catalog["task.title.switch-to-kazakh"]
    assert catalog["task.title.find-appeal-procedure"].startswith("Өтініш")


def _family(catalog: dict[str, str], prefix: str) -> set[str]:
    return {key.removeprefix(prefix) for key in catalog
            if key.startswith(prefix) and "." not in key.removeprefix(prefix)}


def test_dynamic_key_families_match_what_ashyq_produces() -> None:
    catalog = messages("en")
    check_ids = {check.id for check in [*site_check_specs(), *page_check_specs()]}
    assert _family(catalog, "check.title.") == check_ids
    assert _family(catalog, "check.about.") == check_ids
    assert _family(catalog, "task.title.") == set(task_ids())
    assert set(STEP_KINDS) <= _family(catalog, "action.")
    # A site where every score is measurable yields exactly the catalog's score keys.
    site = load_result(GOLDEN).sites[0]
    assert set(score_site(site)) == {"tasks", "accessibility", "low_vision", "kazakh_rules"}
    assert _family(catalog, "score.") - {"heading", "not_measured", "none"} == set(score_site(site))
    assert _family(catalog, "score.about.") == set(score_site(site))
    assert _family(catalog, "score.band.") == {band for _, band in SCORE_BANDS}
    # Every error key the browser layer and the runner give a site or page has its words.
    codes = {key for _, key, _ in BROWSER_ERRORS} | set(OWN_ERRORS.values()) | {
        OTHER_ERROR, AUDIT_ERROR, "http-status", "unresponsive", "never-settled",
        "navigation-loop", "dialog-flood", "popup-flood"}
    assert codes <= _family(catalog, "site_error.") - {"heading", "summary", "detail"}
    assert {"ocr-missing", "stopped"} <= _family(catalog, "notice.")
    assert _family(catalog, "status.") == set(STATUSES) and _family(catalog, "impact.") == {
        *IMPACTS, "needs_review", "advisory"}


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_check_descriptions_cite_their_rule(language: str) -> None:
    catalog = messages(language)
    about = {key: text for key, text in catalog.items() if key.startswith("check.about.")}
    for check in page_check_specs("lowvision"):
        text = about[f"check.about.{check.id}"]
        # Every low-vision check names its WCAG criteria (small-text its nearest, 1.4.8 AAA).
        assert "WCAG" in text and all(c in text for c in check.wcag)
    assert "124-НҚ" in about["check.about.news-freshness"]
    assert all(len(text) < 240 for text in about.values())  # one line under the title


@pytest.mark.parametrize("language", LANGUAGES)
def test_rendered_reports_leak_no_key_names(language: str) -> None:
    result = load_result(GOLDEN)
    outputs = [render_html(result, language), render_markdown(result, language),
               render_junit(result)]
    keys = messages("en")
    for output in outputs:
        leaked = [key for key in keys if key in output]
        assert leaked == []
    html = outputs[0]
    assert f'<html lang="{language}">' in html
    assert messages(language)["report.title"] in html


def test_russian_and_kazakh_reports_read_in_their_language() -> None:
    result = load_result(GOLDEN)
    kk = render_html(result, "kk")
    assert "Байланыс деректерін табу" in kk and "Орындалды" in kk and "4,8 с" in kk
    assert "Find the contact details" not in kk and "Passed" not in kk
    ru = render_markdown(result, "ru")
    assert "Найти контактные данные" in ru and "✗ Не выполнено" in ru and "1 мин 38 с" in ru


def test_unknown_language_is_a_report_error() -> None:
    with pytest.raises(UnknownLanguage, match="unsupported report language 'de'"):
        messages("de")
    with pytest.raises(ReportError, match="unsupported report language 'de'"):
        render_html(load_result(GOLDEN), "de")


def test_translator_falls_back_to_english_and_fills_placeholders() -> None:
    t = Translator("kk")
    assert t("site.heading", name="X") == "Сайт: X"
    assert t.optional("task.title.unknown-task", "Some task") == "Some task"
    assert t.duration(98.0) == "1 мин 38 с" and t.milliseconds(41.2) == "41 мс"
    with pytest.raises(KeyError):
        t("no.such.key")


def test_task_evidence_of_a_real_run_has_labels() -> None:
    catalog = messages("kk")
    demo = load_result(GOLDEN.parent / "demo" / "result.json")
    keys = {key for site in demo.sites for task in site.tasks for key in task.evidence}
    assert keys and keys <= _family(catalog, "evidence."), keys - _family(catalog, "evidence.")
