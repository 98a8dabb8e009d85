"""JUnit, SARIF and Markdown from the golden result; write_report and load_result."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tester.model import RunResult
from tester.report import (
    ReportError,
    file_names,
    load_result,
    render_junit,
    render_markdown,
    render_sarif,
    write_report,
)

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "result.json"


@pytest.fixture(scope="module")
def golden() -> RunResult:
    return load_result(GOLDEN)


def _cases(suite: ET.Element, kind: str) -> dict[str, ET.Element]:
    """The suite's cases of one kind; classname is "<site host>.<kind>"."""
    return {c.get("name", ""): c for c in suite.findall("testcase")
            if c.get("classname", "").endswith("." + kind)}


def test_junit_one_suite_per_site_with_matching_counts(golden: RunResult) -> None:
    root = ET.fromstring(render_junit(golden))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["Акимат Северной области"]
    suite = suites[0]
    # 3 tasks + 2 pages + 2 site checks; failures: 1 task, 2 pages, 1 check; errors: 1 task.
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"),
            suite.get("skipped")) == ("7", "4", "1", "0")
    assert root.get("tests") == "7" and root.get("failures") == "4" and root.get("errors") == "1"
    tasks = _cases(suite, "tasks")
    passed = tasks["find-contacts"]
    assert passed.find("*") is None and passed.get("time") == "4.800"
    assert tasks["switch-to-kazakh"].find("failure") is not None
    error = tasks["find-appeal-procedure"].find("error")
    assert error is not None and "did not finish loading" in (error.get("message") or "")


def test_junit_page_failure_lists_only_critical_and_serious(golden: RunResult) -> None:
    suite = ET.fromstring(render_junit(golden)).find("testsuite")
    assert suite is not None
    pages = _cases(suite, "pages")
    home = pages["http://127.0.0.1:8731/ru/"].find("failure")
    assert home is not None and home.get("message", "").startswith("3 critical or serious")
    body = home.text or ""
    assert "image-alt" in body and "color-contrast" in body and "[serious] reflow (WCAG" in body
    assert "region" not in body and "min-font-size" not in body  # moderate/minor: not failures
    assert "background image" not in body  # needs review never fails
    out = pages["http://127.0.0.1:8731/ru/"].find("system-out")
    assert out is not None and "needs-review=1" in (out.text or "")
    checks = _cases(suite, "site-checks")
    assert checks["broken-links"].find("failure") is not None
    assert checks["news-freshness"].find("*") is None


def test_junit_needs_review_alone_passes_and_skips_are_skipped(golden: RunResult) -> None:
    result = golden.model_copy(deep=True)
    site = result.sites[0]
    page = site.pages[1]
    page.findings = [f for f in page.findings if f.needs_review or f.impact == "moderate"]
    site.tasks[0].status = "skipped"
    site.checks[1].status = "error"
    suite = ET.fromstring(render_junit(result)).find("testsuite")
    assert suite is not None
    assert _cases(suite, "pages")[page.url].find("failure") is None
    assert _cases(suite, "tasks")["find-contacts"].find("skipped") is not None
    assert _cases(suite, "site-checks")["news-freshness"].find("error") is not None
    assert suite.get("skipped") == "1" and suite.get("errors") == "2"


def test_sarif_results_levels_and_rules(golden: RunResult) -> None:
    sarif = json.loads(render_sarif(golden))
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    run = sarif["runs"][0]
    results = run["results"]
    # 11 findings (incl. 2 needs-review) + the failed and the errored task.
    assert len(results) == 13
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    by_rule = {r["ruleId"]: r for r in results if not r["properties"].get("needsReview")}
    assert by_rule["image-alt"]["level"] == "error"
    assert by_rule["region"]["level"] == "warning" and by_rule["min-font-size"]["level"] == "note"
    assert by_rule["task/switch-to-kazakh"]["level"] == "error"
    assert by_rule["broken-link"]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"] == "http://127.0.0.1:8731/ru/docs/budget-2019.pdf"
    review = [r for r in results if r.get("kind") == "review"]
    assert len(review) == 2 and all(r["level"] == "note" for r in review)
    assert by_rule["color-contrast"]["locations"][0]["logicalLocations"][0][
        "fullyQualifiedName"] == ".news-date"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_markdown_summary_table(golden: RunResult) -> None:
    md = render_markdown(golden)
    lines = md.splitlines()
    assert lines[0] == "# Accessibility and usability report"
    assert "| Акимат Северной области | 1 | 1 | 1 | 1 | 5 | 2 | 1 | 2 | 0 | 2 |" in lines
    assert any(line.startswith("| Find the contact details | ✓ Passed | 2 | 4.8 s |")
               for line in lines)
    assert "Run time: 1 min 38 s" in md
    assert ("**Scores:** Citizen tasks 33/100 (Poor) · Accessibility (axe-core) 0/100 (Poor) · "
            "Low vision 50/100 (Needs work) · Rules for state bodies' sites 50/100 (Needs work)"
            ) in lines


def test_write_report_writes_every_format(golden: RunResult, tmp_path: Path) -> None:
    out = tmp_path / "run" / "nested"
    paths = write_report(golden, out, language="ru")
    assert set(paths) == set(file_names()) - {"csv"}  # one site: nothing to compare
    assert not (out / file_names()["csv"]).exists()
    for fmt, path in paths.items():
        assert path == out / file_names()[fmt] and path.stat().st_size > 100
    assert load_result(paths["json"]) == golden  # result.json round-trips
    assert '<html lang="ru">' in paths["html"].read_text(encoding="utf-8")
    ET.parse(paths["junit"])
    json.loads(paths["sarif"].read_text(encoding="utf-8"))


def test_write_report_subset_and_bad_options(golden: RunResult, tmp_path: Path) -> None:
    paths = write_report(golden, tmp_path, formats=["html", "junit"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "junit.xml"]
    assert set(paths) == {"html", "junit"}
    with pytest.raises(ReportError, match="unknown report format"):
        write_report(golden, tmp_path / "x", formats=["html", "pdf"])
    with pytest.raises(ReportError, match="language"):
        write_report(golden, tmp_path / "y", language="fr")
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ReportError, match="cannot write"):
        write_report(golden, blocker / "sub")


def test_load_result_accepts_a_run_folder(golden: RunResult, tmp_path: Path) -> None:
    (tmp_path / "result.json").write_text(golden.to_json(), encoding="utf-8")
    assert load_result(tmp_path) == golden


@pytest.mark.parametrize("content,reason", [
    (None, "no such file"),
    (b"\xff\xfe\x00garbage", "not a UTF-8 text file"),
    (b"{ not json", "not valid JSON (line 1"),
    (b"[1, 2]", "expected a JSON object"),
    (b'{"schema_version": "2.0", "sites": []}', "result schema 2.0 is not readable"),
    (b'{"sites": []}', "result schema missing"),
    (b'{"schema_version": "1.0", "sites": [{"url": "x", "tasks": [{"id": "a", '
     b'"status": "maybe"}]}]}', "sites.0.tasks.0.status"),
    (b'{"schema_version": "1.0", "surprise": 1}', "surprise"),
])
def test_load_result_errors_are_one_line(tmp_path: Path, content: bytes | None,
                                         reason: str) -> None:
    path = tmp_path / "result.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReportError) as caught:
        load_result(path)
    message = str(caught.value)
    assert reason in message and str(path) in message
    assert "\n" not in message and len(message) < 300
