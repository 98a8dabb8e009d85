"""find-low-vision-version: what counts as "works", the three-part verdict, and the way back
as a first-class finding (TaskResult.findings) through fingerprints, SARIF, JUnit and HTML."""

from __future__ import annotations

import json

from tester.fingerprint import located_findings
from tester.goals.lowvision import (
    WAY_BACK_RULE,
    compare_styles,
    greyscale,
    still_in_effect,
)
from tester.model import RunResult, SiteResult, TaskResult
from tester.registry import task_findings, task_spec
from tester.report.html import render_html
from tester.report.junit import render_junit
from tester.report.sarif import render_sarif
from tester.report.summary import count_site
from tester.tasks.find_low_vision_version import verdict

BASE = {"font_px": 16, "color": "rgb(51, 51, 51)", "background": "rgb(255, 255, 255)",
        "url": "https://a.kz/", "images_total": 3, "images_shown": 3, "images_hidden_share": 0,
        "filters": "", "letter_px": 0, "word_px": 0, "line_ratio": 1.2,
        "font_family": "Verdana, sans-serif"}


def changed(**after: object) -> list[str]:
    return compare_styles(BASE, {**BASE, **after}).kinds


def test_each_kind_of_change_counts_and_nothing_else_does() -> None:
    assert changed() == []
    assert changed(font_px=20) == ["larger_text"]
    assert changed(color="rgb(255, 255, 0)", background="rgb(0, 0, 0)") == ["high_contrast"]
    assert changed(images_shown=0, images_hidden_share=1.0) == ["images_off"]
    assert changed(images_total=0, images_shown=0) == ["images_off"]  # replaced by alt text
    assert changed(images_shown=2, images_hidden_share=1 / 3) == []  # one carousel slide hidden
    assert changed(filters="grayscale(1)") == ["greyscale"]
    assert changed(filters="grayscale(0)") == []
    assert changed(letter_px=1.6) == ["spacing"]
    assert changed(letter_px=0.3) == []
    assert changed(line_ratio=1.8) == ["line_height"]
    assert changed(line_ratio=1.3) == []
    assert changed(font_family="'PT Serif', serif") == ["font_family"]
    # Another page's template is no mode: spacing, lines and font count on the same page only.
    elsewhere = compare_styles(BASE, {**BASE, "url": "https://a.kz/about", "line_ratio": 1.8})
    assert elsewhere.kinds == ["line_height"] and not elsewhere.works
    assert compare_styles(BASE, {**BASE, "url": "https://a.kz/?special=1", "line_ratio": 1.8}).works


def test_images_off_on_another_page_needs_images_hidden_there() -> None:
    # An inner page without images proves nothing; one whose images are hidden does.
    inner = {**BASE, "url": "https://a.kz/docs", "images_total": 0, "images_shown": 0}
    assert not still_in_effect(BASE, inner, ["images_off"])
    hidden = {**inner, "images_total": 2, "images_hidden_share": 1.0}
    assert still_in_effect(BASE, hidden, ["images_off"])
    assert not still_in_effect(BASE, {**BASE, "font_family": "serif"}, ["larger_text"])


def test_greyscale_amounts() -> None:
    assert greyscale("grayscale(100%)") and greyscale("contrast(1.2) grayscale()")
    assert not greyscale("grayscale(0%)") and not greyscale("none")


def test_the_verdict_rests_on_persistence_not_on_the_way_back() -> None:
    done = {"changes": ["larger_text"], "larger_text": True, "font_ratio": 1.5}
    assert verdict("A", {**done, "persists": True, "way_back": False})[0] == "passed"
    assert verdict("A", {**done, "persists": None, "way_back": None})[0] == "passed"
    status, message = verdict("A", {**done, "persists": False, "way_back": True})
    assert status == "failed"
    texts = message.texts()
    assert "does not persist" in texts["en"] and "не сохраняется" in texts["ru"]
    assert "сақталмайды" in texts["kk"]
    _, message = verdict("A", {**done, "persists": None, "way_back": False})
    assert "could not be checked" in message.texts()["en"]
    assert "Отдельное замечание" in message.texts()["ru"]


def _task(way_back: object, works: bool = True, mode_url: str = "https://a.kz/?special=1"
          ) -> TaskResult:
    task = TaskResult(id="find-low-vision-version", status="passed", evidence={
        "works": works, "way_back": way_back, "control": "Для слабовидящих",
        "mode_url": mode_url})
    spec = task_spec("find-low-vision-version")
    assert spec is not None and spec.findings is not None
    task.findings = spec.findings(task)
    return task


def test_the_way_back_finding_only_when_a_working_mode_has_none() -> None:
    assert [f.rule for f in _task(False).findings] == [WAY_BACK_RULE]
    assert _task(True).findings == [] and _task(None).findings == []
    assert _task(False, works=False).findings == []
    finding = _task(False).findings[0]
    assert finding.data["rules"] == ["Q04"] and finding.wcag == []
    assert "Обычная версия" in finding.messages["ru"]
    assert "Қалыпты нұсқа" in finding.messages["kk"]


def test_the_registry_gives_each_finished_task_its_findings() -> None:
    """What the runner stores in TaskResult.findings once a task has ended."""
    task = TaskResult(id="find-low-vision-version", status="passed",
                      evidence={"works": True, "way_back": False, "control": "A"})
    assert [f.rule for f in task_findings(task)] == [WAY_BACK_RULE]
    assert task_findings(task.model_copy(update={"evidence": {"works": True,
                                                              "way_back": True}})) == []
    assert task_findings(TaskResult(id="find-contacts", status="passed")) == []
    assert task_findings(TaskResult(id="no-such-task", status="error")) == []


def _run(task: TaskResult) -> RunResult:
    return RunResult(sites=[SiteResult(url="https://a.kz/", tasks=[task])])


def test_the_way_back_finding_reaches_every_report_with_a_stable_fingerprint() -> None:
    result = _run(_task(False))
    located = located_findings(result)
    assert [(x.page, x.check, x.on_site) for x in located] == \
        [("https://a.kz/", "task/find-low-vision-version", True)]
    # The mode's URL (a session token in it, say) is no part of the finding's identity.
    other = located_findings(_run(_task(False, mode_url="https://a.kz/?special=1&sid=9")))
    assert other[0].fingerprint == located[0].fingerprint
    assert count_site(result.sites[0]).impacts["moderate"] == 1
    sarif = json.loads(render_sarif(result))
    rules = [r["ruleId"] for r in sarif["runs"][0]["results"]]
    assert WAY_BACK_RULE in rules
    assert WAY_BACK_RULE in render_junit(result)
    html = render_html(result, "kk")
    assert WAY_BACK_RULE in html and "кәдімгі нұсқаға қайту жолы жоқ" in html
    # Saved and read back, the finding is still there; a task without one writes no key.
    again = RunResult.from_json(result.to_json())
    assert again.sites[0].tasks[0].findings[0].rule == WAY_BACK_RULE
    assert '"findings"' not in _run(_task(True)).to_json().split('"tasks"')[1]
