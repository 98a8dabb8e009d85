"""Sites side by side: the comparison section of index.html, summary.md and comparison.csv."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tester.model import CheckResult, Finding, PageResult, RunResult, SiteResult, TaskResult
from tester.report import (
    file_names,
    load_result,
    render_html,
    render_junit,
    render_markdown,
    render_sarif,
    write_report,
)
from tester.report.compare import build_comparison, csv_cell, render_csv

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "result.json"
HOSTILE_NAME = "=cmd|' /C calc'!A0"


def _page(url: str, *findings: Finding) -> PageResult:
    return PageResult(url=url, title="Home", findings=list(findings))


def two_sites() -> RunResult:
    first = SiteResult(
        url="https://akimat.example.kz/",
        name="Akimat, North",
        scores={"tasks": 50.0, "accessibility": 62.5, "low_vision": 100.0, "kazakh_rules": 40.0},
        tasks=[TaskResult(id="find-contacts", status="passed"),
               TaskResult(id="switch-to-kazakh", status="failed")],
        pages=[
            _page("https://akimat.example.kz/",
                  Finding(rule="image-alt", source="axe", impact="critical"),
                  Finding(rule="label", source="axe", impact="critical"),
                  Finding(rule="color-contrast", source="axe", impact="serious"),
                  Finding(rule="region", source="axe", impact="serious", needs_review=True),
                  Finding(rule="small-text", source="ashyq", impact="critical")),
            _page("https://akimat.example.kz/kk/"),
            _page("https://akimat.example.kz/ru/"),
        ],
        checks=[CheckResult(id="news-freshness", status="failed"),
                CheckResult(id="broken-links", status="error"),
                CheckResult(id="sitemap", status="passed")],
        seconds=75.25,
    )
    second = SiteResult(
        url="https://ministry.example.kz/path?a=1,b=\"2\"",
        name=HOSTILE_NAME,
        scores={"tasks": 0.0, "accessibility": 100.0},
        tasks=[TaskResult(id="find-contacts", status="error"),
               TaskResult(id="scenario:Pay a fine", title="Pay a fine", status="passed")],
        pages=[_page("https://ministry.example.kz/")],
        error="navigation timed out",
        seconds=12.0,
    )
    return RunResult(sites=[first, second])


@pytest.fixture(scope="module")
def result() -> RunResult:
    return two_sites()


def test_comparison_rows_follow_the_run_order(result: RunResult) -> None:
    comparison = build_comparison(result)
    assert comparison is not None
    assert [row.name for row in comparison.rows] == ["Akimat, North", HOSTILE_NAME]
    assert [row.number for row in comparison.rows] == [1, 2]
    # Task columns: every task id of the run, in order of first appearance.
    assert [task.id for task in comparison.tasks] == [
        "find-contacts", "switch-to-kazakh", "scenario:Pay a fine"]
    first, second = comparison.rows
    assert first.tasks == {"find-contacts": "passed", "switch-to-kazakh": "failed",
                           "scenario:Pay a fine": None}
    assert second.tasks["switch-to-kazakh"] is None and second.tasks["find-contacts"] == "error"
    # axe-core violations only: needs-review and ashyq's own findings are not counted.
    assert first.axe == {"critical": 2, "serious": 1} and second.axe == {"critical": 0,
                                                                        "serious": 0}
    assert (first.pages, first.failed_checks, second.pages, second.failed_checks) == (3, 1, 1, 0)
    assert second.scores["low_vision"] is None and second.score_text("kazakh_rules") is None
    assert first.score_text("accessibility") == "62" and second.score_text("tasks") == "0"


def test_one_site_has_nothing_to_compare(tmp_path: Path) -> None:
    golden = load_result(GOLDEN)
    assert len(golden.sites) == 1
    assert build_comparison(golden) is None and build_comparison(RunResult()) is None
    html = render_html(golden)
    assert 'id="compare"' not in html and 'href="#compare"' not in html
    assert "Sites compared" not in render_markdown(golden)
    assert render_csv(golden) == ""
    assert write_report(golden, tmp_path, formats=["csv", "html"]).keys() == {"html"}
    assert not (tmp_path / "comparison.csv").exists()


def _compare_section(html: str) -> str:
    match = re.search(r'<section id="compare".*?</section>', html, re.S)
    assert match, "no comparison section"
    return match.group(0)


def test_html_section_sits_after_the_summary_and_links_each_site(result: RunResult) -> None:
    html = render_html(result)
    assert html.index('id="summary"') < html.index('id="compare"') < html.index('id="site-1"')
    assert '<li><a href="#compare">Sites compared</a></li>' in html
    section = _compare_section(html)
    assert '<div class="table-scroll" role="region" tabindex="0" ' \
           'aria-labelledby="compare-caption" data-scroll-hint="Scroll sideways to see it all →">' \
        in section
    assert '<caption id="compare-caption">Sites side by side: 2</caption>' in section
    assert section.count('<th scope="row">') == 2
    assert section.count('scope="colgroup"') == 3 and '<th scope="col"' in section
    rows = re.findall(r"<tbody>(.*?)</tbody>", section, re.S)[0].split("</tr>")[:2]
    assert '<a href="#site-1">Akimat, North</a>' in rows[0]
    assert '<a href="https://akimat.example.kz/">https://akimat.example.kz/</a>' in rows[0]
    assert 'https://ministry.example.kz/path?a=1,b=&#34;2&#34;' in rows[1]
    assert f'<a href="#site-2">{HOSTILE_NAME.replace(chr(39), "&#39;")}</a>' in rows[1]
    # Verdicts carry words, not colour alone; a task the site did not run is "—".
    cells = re.findall(r"<td[^>]*>(.*?)</td>", rows[0], re.S)
    texts = [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]
    assert texts[0:4] == ["50", "62", "100", "40"]
    assert texts[4:7] == ["✓ Passed", "✗ Failed", "—"]
    assert texts[7:] == ["2", "1", "3", "1", "1 min 15 s"]
    second = [re.sub(r"<[^>]+>", "", c).strip()
              for c in re.findall(r"<td[^>]*>(.*?)</td>", rows[1], re.S)]
    assert second[0:4] == ["0", "100", "—", "—"]  # missing scores shown as "—"
    assert second[4:7] == ["! Error", "—", "✓ Passed"]
    assert "Audit stopped early" in rows[1]
    assert ">Pay a fine<" not in section and "Scenario" in section  # scenario title localised


def test_html_comparison_in_kazakh(result: RunResult) -> None:
    section = _compare_section(render_html(result, "kk"))
    assert "Сайттарды салыстыру" in section and "Орындалды" in section
    assert "Sites compared" not in section and "Passed" not in section


def test_markdown_comparison_table(result: RunResult) -> None:
    md = render_markdown(result)
    lines = md.splitlines()
    start = lines.index("## Sites compared")
    table = lines[start + 2:start + 6]
    assert table[0].startswith("| Site | Citizen tasks | Accessibility (axe-core) |")
    assert table[2] == ("| Akimat, North | 50 | 62 | 100 | 40 | ✓ Passed | ✗ Failed | — "
                        "| 2 | 1 | 3 | 1 | 1 min 15 s |")
    assert table[3].startswith(r"| =cmd\|' /C calc'!A0 | 0 | 100 | — | — | ! Error | — |")
    assert all(len(re.split(r"(?<!\\)\|", line)) == len(table[0].split("|")) for line in table)


def _read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # Excel needs the BOM to read Cyrillic as UTF-8
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_csv_rows_and_columns(result: RunResult) -> None:
    text = render_csv(result)
    assert "\r\n" in text
    header, first, second = _read_csv(text)
    assert header == [
        "site", "url", "score_tasks", "score_accessibility", "score_low_vision",
        "score_kazakh_rules", "task:find-contacts", "task:switch-to-kazakh",
        "task:scenario:Pay a fine", "axe_critical", "axe_serious", "pages",
        "failed_site_checks", "seconds", "error"]
    assert first == ["Akimat, North", "https://akimat.example.kz/", "50.0", "62.5", "100.0",
                     "40.0", "passed", "failed", "", "2", "1", "3", "1", "75.2", ""]
    assert second[1] == 'https://ministry.example.kz/path?a=1,b="2"'  # quoted and round-trips
    assert second[2:9] == ["0.0", "100.0", "", "", "error", "", "passed"]
    assert second[-1] == "navigation timed out"


def test_csv_defuses_formulas_in_hostile_names(result: RunResult) -> None:
    _, _, second = _read_csv(render_csv(result))
    assert second[0] == "'" + HOSTILE_NAME
    for hostile in ("=1+1", "+7 727", "-2+3", "@SUM(A1)", "\t=x", " =HYPERLINK(\"x\")"):
        assert csv_cell(hostile) == "'" + hostile
    assert csv_cell("Акимат\x00\x1b") == "Акимат" and csv_cell("a=b") == "a=b"
    assert csv_cell(3) == "3" and csv_cell(None) == "" and csv_cell(12.25) == "12.2"


def test_write_report_adds_comparison_csv_and_leaves_junit_sarif_alone(
    result: RunResult, tmp_path: Path
) -> None:
    paths = write_report(result, tmp_path)
    assert set(paths) == set(file_names())
    assert paths["csv"] == tmp_path / "comparison.csv"
    rows = _read_csv(paths["csv"].read_text(encoding="utf-8"))
    assert [row[0] for row in rows[1:]] == ["Akimat, North", "'" + HOSTILE_NAME]
    # JUnit and SARIF are the same documents with or without the comparison.
    assert paths["junit"].read_text(encoding="utf-8") == render_junit(result)
    assert paths["sarif"].read_text(encoding="utf-8") == render_sarif(result)
    junit = ET.parse(paths["junit"]).getroot()
    assert "compar" not in ET.tostring(junit, encoding="unicode").lower()
    sarif = json.loads(paths["sarif"].read_text(encoding="utf-8"))
    rule_ids = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert {"image-alt", "color-contrast", "task/switch-to-kazakh"} <= rule_ids
    assert not any("compar" in rule for rule in rule_ids)
    # The old call with an explicit subset still works and writes only what was asked.
    only = write_report(result, tmp_path / "subset", formats=["markdown"])
    assert set(only) == {"markdown"} and not (tmp_path / "subset" / "comparison.csv").exists()
