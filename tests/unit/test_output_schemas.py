"""junit.xml, results.sarif and result.json validate against their published schemas.

junit.xml against Jenkins' JUnit schema (xunit-plugin junit-10.xsd), results.sarif against the
SARIF 2.1.0 schema, result.json against schema/result.schema.json (tests/schemas/README.md says
where each schema came from). Each is run on the demo's result, a hostile one, an empty run and
a run whose site could not be audited; each validator is shown to reject a broken file.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from tester.baseline import baseline_from_result, compare
from tester.model import (
    CheckResult,
    Finding,
    PageResult,
    RunResult,
    SiteResult,
    TaskResult,
    Timings,
    ToolInfo,
)
from tester.report.junit import render_junit
from tester.report.sarif import render_sarif
from tester.report.sarif_rules import AXE_RULES_FILE, axe_rules

TESTS = Path(__file__).parents[1]
SCHEMAS = TESTS / "schemas"
DEMO = TESTS / "golden" / "demo" / "result.json"
GOLDEN = TESTS / "golden" / "result.json"
RESULT_SCHEMA = TESTS.parent / "schema" / "result.schema.json"
STARTED = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)

EVIL = "<script>alert(1)</script>]]>\x00\x01\x0b\x1b\x7f\x85\ufffe\ud800&amp;"
HUGE = "Ж" * 100_000
HOST = "http://127.0.0.1:9"
# XML 1.0 cannot carry these at all; C1 controls and U+FFFE/FFFF are stripped as well.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
DECIMAL = re.compile(r"\d+\.\d+")


@cache
def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


@cache
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


@cache
def result_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(RESULT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def demo_run() -> RunResult:
    return RunResult.from_json(DEMO.read_text(encoding="utf-8"))


def golden_run() -> RunResult:
    return RunResult.from_json(GOLDEN.read_text(encoding="utf-8"))


def _axe(message: str = EVIL + HUGE) -> Finding:
    return Finding(rule="color-contrast", source="axe", impact="serious", wcag=["1.4.3"],
                   selector=EVIL, snippet=EVIL + HUGE, message=message,
                   help_url="javascript:alert(1)")


def _page(url: str, variant: str = "") -> PageResult:
    small = Finding(rule="small-text", impact="minor", message=EVIL, data={EVIL: EVIL})
    return PageResult(
        url=url, variant=variant, title=EVIL + HUGE, axe_status="ok",
        timings=Timings(load_ms=math.nan), findings=[_axe(), _axe("second")],
        checks=[CheckResult(id="small-text", status="failed", findings=[small])],
    )


def _site(path: str) -> SiteResult:
    url = f"{HOST}{path}"
    page = f"{url}?q=<script>alert(1)</script>&x=\"'"
    return SiteResult(
        url=url, name=EVIL + HUGE, seconds=-3.0, languages={"kk": EVIL, EVIL: None},
        tasks=[
            TaskResult(id="find-contacts", status="failed", seconds=math.inf, message=EVIL),
            TaskResult(id="find-contacts", status="error", message=HUGE),
            TaskResult(id=EVIL, status="skipped", title=EVIL),
        ],
        # The same URL listed twice, its low-vision-mode variant and a language variant.
        pages=[_page(page), _page(page), _page(page, "low-vision-mode"),
               _page(page, "language-kk"), _page(f"{url}{HUGE}")],
        checks=[
            CheckResult(id="news-freshness", status="failed", message=EVIL,
                        findings=[Finding(rule="news-stale", message=EVIL,
                                          data={"url": "javascript:alert(1)"})]),
            CheckResult(id="sitemap", status="failed", message=EVIL),
            CheckResult(id="sitemap", status="error", message=EVIL),
            CheckResult(id="required-sections", status="skipped"),
        ],
    )


def hostile_run() -> RunResult:
    """What a hostile site can put in a result: script and control characters in every text,
    huge titles, duplicate pages and ids, a page and its variants, impossible times; two sites
    on one host, so their tasks and checks share names."""
    return RunResult(started_at=STARTED, tool=ToolInfo(name=EVIL, version="0.1.0"),
                     sites=[_site("/kk/"), _site("/ru/")])


def empty_run() -> RunResult:
    return RunResult(started_at=STARTED)


def unaudited_run() -> RunResult:
    site = SiteResult(url=f"{HOST}/", error="net::ERR_CONNECTION_REFUSED " + EVIL,
                      error_code="connection-refused")
    return RunResult(started_at=STARTED, finished_at=STARTED, sites=[site])


def offset_times_run() -> RunResult:
    """A start without an offset (an older or hand-made result.json) and an end in Astana time."""
    astana = timezone(timedelta(hours=5))
    return RunResult.model_validate({
        "started_at": "2026-12-03T09:00:00",
        "finished_at": datetime(2026, 12, 3, 14, 30, tzinfo=astana).isoformat(),
    })


RUNS: dict[str, Callable[[], RunResult]] = {
    "demo": demo_run, "golden": golden_run, "hostile": hostile_run, "empty": empty_run,
    "unaudited": unaudited_run, "offset-times": offset_times_run,
}


# --- junit.xml


def _junit(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


@pytest.mark.parametrize("name", RUNS)
def test_junit_validates_with_unique_cases_and_true_counts(name: str) -> None:
    text = render_junit(RUNS[name]())
    assert not NOT_IN_XML.search(text)
    root = _junit(text)
    assert junit_schema().validate(root), junit_schema().error_log
    cases = list(root.iter("testcase"))
    keys = Counter((c.get("classname"), c.get("name")) for c in cases)
    assert all(n == 1 for n in keys.values()), [k for k, n in keys.items() if n > 1]
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids))
    assert "skipped" not in root.attrib
    for element in root.iter("testsuites", "testsuite", "testcase"):
        assert DECIMAL.fullmatch(element.get("time", "")), element.attrib
    totals: Counter[str] = Counter()
    for suite in root.iter("testsuite"):
        own = suite.findall("testcase")
        counts = {"tests": len(own)} | {
            attr: sum(1 for c in own if c.find(tag) is not None)
            for tag, attr in (("failure", "failures"), ("error", "errors"),
                              ("skipped", "skipped"))}
        assert {k: int(suite.get(k, "-1")) for k in counts} == counts
        totals.update(counts)
    assert {k: int(root.get(k, "-1")) for k in ("tests", "failures", "errors")} == {
        k: totals[k] for k in ("tests", "failures", "errors")}


def test_hostile_junit_is_clipped_and_names_each_variant() -> None:
    text = render_junit(hostile_run())
    assert len(text) < 600_000  # 2 sites x (5 pages + 3 site names) of 100,000-letter text
    assert "<script>" not in text and "]]>" not in text  # escaped: &lt;script&gt;, ]]&gt;
    pages = [c.get("name", "") for c in _junit(text).iter("testcase")
             if c.get("classname") == "127.0.0.1:9.pages"]
    assert len(pages) == 10 and all(len(name) <= 320 for name in pages)
    assert sum(name.endswith(" [low-vision-mode]") for name in pages) == 2
    assert sum(name.endswith(" [language-kk]") for name in pages) == 2
    assert sum(name.endswith(" (2)") for name in pages) == 2  # each site lists a URL twice
    tasks = [c.get("name") for c in _junit(text).iter("testcase")
             if c.get("classname") == "127.0.0.1:9.tasks"]
    assert Counter(tasks)["find-contacts"] == 1 and "find-contacts (4)" in tasks


def test_two_sites_get_their_own_classnames() -> None:
    run = golden_run()
    other = run.sites[0].model_copy(deep=True)
    other.url = "https://gov.kz/memleket/"
    run.sites.append(other)
    root = _junit(render_junit(run))
    classnames = {c.get("classname") for c in root.iter("testcase")}
    assert {"127.0.0.1:8731.tasks", "gov.kz.tasks", "gov.kz.pages"} <= classnames
    assert not any(c.get("name", "").endswith(")") for c in root.iter("testcase"))


def test_the_junit_schema_rejects_what_ashyq_used_to_write() -> None:
    bad = _junit('<testsuites name="ashyq" tests="1" failures="0" errors="0" skipped="0">'
                 '<testsuite name="s" tests="1" failures="0" errors="0">'
                 '<testcase classname="pages" name="u"/></testsuite></testsuites>')
    assert not junit_schema().validate(bad)
    assert "skipped" in str(junit_schema().error_log)
    good = _junit('<testsuites name="ashyq" tests="1" failures="0" errors="0">'
                  '<testsuite name="s" tests="1" failures="0" errors="0" time="1.500">'
                  '<testcase classname="pages" name="u"/></testsuite></testsuites>')
    assert junit_schema().validate(good)
    good.find("testsuite").set("time", "-1.5")  # type: ignore[union-attr]
    assert not junit_schema().validate(good)


# --- results.sarif


def _sarif(run: RunResult, **kwargs: Any) -> dict[str, Any]:
    return json.loads(render_sarif(run, **kwargs))  # type: ignore[no-any-return]


def _errors(document: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message[:200]}"
            for e in sarif_validator().iter_errors(document)]


@pytest.mark.parametrize("name", RUNS)
def test_sarif_validates(name: str) -> None:
    sarif = _sarif(RUNS[name]())
    assert _errors(sarif) == []
    driver = sarif["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver  # no public home yet; never a placeholder link
    assert driver["version"] == driver["semanticVersion"] == "0.1.0"
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"], rule
        assert rule["properties"]["tags"], rule


def test_sarif_with_a_baseline_validates() -> None:
    before, after = golden_run(), golden_run()
    after.sites[0].pages[0].findings.pop(0)
    comparison = compare(after, baseline_from_result(before), date(2026, 12, 3))
    sarif = _sarif(after, comparison=comparison)
    assert _errors(sarif) == []
    states = {r.get("baselineState") for r in sarif["runs"][0]["results"]}
    assert {"absent", "unchanged"} <= states


def test_sarif_rules_say_what_the_rule_is_not_what_its_first_finding_said() -> None:
    sarif = _sarif(demo_run())
    run = sarif["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    contrast = rules["color-contrast"]
    axe = axe_rules()["color-contrast"]
    assert contrast["shortDescription"]["text"] == axe["help"]
    assert contrast["fullDescription"]["text"] == axe["description"]
    assert contrast["helpUri"].startswith("https://dequeuniversity.com/rules/axe/")
    assert {"accessibility", "wcag2aa", "WCAG 1.4.3"} <= set(contrast["properties"]["tags"])
    messages = {r["message"]["text"] for r in run["results"]}
    assert not messages & {rule["fullDescription"]["text"] for rule in rules.values()}
    stale = rules["news-stale"]
    assert stale["shortDescription"]["text"] == "News freshness: news-stale"
    assert stale["fullDescription"]["text"].startswith("The newest news item is at most")
    assert "helpUri" not in stale  # site health, no WCAG criterion: no page to point at
    parity = rules["wrong-language-content"]
    assert "WCAG 3.1.1" in parity["properties"]["tags"]
    assert parity["helpUri"] == "https://www.w3.org/WAI/WCAG22/Understanding/language-of-page.html"
    for index, result in enumerate(run["results"]):  # each result points at its own rule
        assert rules[result["ruleId"]] is run["tool"]["driver"]["rules"][result["ruleIndex"]], index


def test_hostile_sarif_locations_and_links_are_valid_uris() -> None:
    sarif = _sarif(hostile_run())
    assert _errors(sarif) == []
    text = json.dumps(sarif)
    assert "javascript:" not in text.lower()
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(len(rule["shortDescription"]["text"]) <= 300 for rule in rules)


def test_sarif_times_are_utc() -> None:
    invocation = _sarif(offset_times_run())["runs"][0]["invocations"][0]
    assert (invocation["startTimeUtc"], invocation["endTimeUtc"]) == (
        "2026-12-03T09:00:00Z", "2026-12-03T09:30:00Z")


def test_the_sarif_schema_rejects_a_broken_log() -> None:
    sarif = _sarif(demo_run())
    assert _errors(sarif) == []
    sarif["runs"][0]["results"][0]["level"] = "fatal"
    del sarif["runs"][0]["tool"]["driver"]["name"]
    errors = _errors(sarif)
    assert len(errors) == 2 and any("fatal" in e for e in errors)


def test_advisory_findings_stay_notes() -> None:
    run = demo_run()
    finding = run.sites[0].pages[0].findings[0]
    finding.advisory = True
    result = next(r for r in _sarif(run)["runs"][0]["results"]
                  if r["ruleId"] == finding.rule)
    assert (result["level"], result["kind"]) == ("note", "informational")


def test_axe_rule_table_is_of_the_injected_axe_core() -> None:
    from tester.checks.axe import axe_version

    table = json.loads(AXE_RULES_FILE.read_text(encoding="utf-8"))
    assert table["axe_version"] == axe_version(), "run `python scripts/axe_rules.py`"
    assert len(table["rules"]) > 80


# --- result.json


@pytest.mark.parametrize("name", RUNS)
def test_result_json_validates(name: str) -> None:
    document = json.loads(RUNS[name]().to_json())
    errors = [e.message[:200] for e in result_validator().iter_errors(document)]
    assert errors == []


def test_the_result_schema_rejects_a_broken_result() -> None:
    document = json.loads(DEMO.read_text(encoding="utf-8"))
    assert result_validator().is_valid(document)
    document["sites"][0]["pages"][0]["findings"][0]["impact"] = "catastrophic"
    del document["sites"][0]["tasks"][0]["status"]
    document["sites"][0]["surprise"] = True
    document["started_at"] = "2026-12-03T09:00:00"  # RFC 3339 needs an offset
    assert len(list(result_validator().iter_errors(document))) == 4


def test_a_time_without_an_offset_is_read_as_utc() -> None:
    document = json.loads(offset_times_run().to_json())
    assert document["started_at"] == "2026-12-03T09:00:00Z"
    assert document["finished_at"] == "2026-12-03T14:30:00+05:00"
