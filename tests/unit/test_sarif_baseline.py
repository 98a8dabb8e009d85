"""SARIF: every result carries the stable fingerprint; with a baseline, its baselineState."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tester.baseline import baseline_from_result, compare
from tester.fingerprint import SARIF_KEY, located_findings
from tester.model import Finding, RunResult
from tester.report.sarif import render_sarif

GOLDEN = Path(__file__).parents[1] / "golden" / "result.json"
TODAY = date(2026, 12, 3)


def golden() -> RunResult:
    return RunResult.from_json(GOLDEN.read_text(encoding="utf-8"))


def results(result: RunResult, **kwargs: object) -> list[dict]:
    return json.loads(render_sarif(result, **kwargs))["runs"][0]["results"]  # type: ignore[arg-type]


def test_every_result_has_a_partial_fingerprint_and_no_state_without_a_baseline() -> None:
    found = results(golden())
    assert found and all(set(r["partialFingerprints"]) == {SARIF_KEY} for r in found)
    assert not any("baselineState" in r for r in found)
    prints = {x.fingerprint for x in located_findings(golden())}
    finding_prints = {r["partialFingerprints"][SARIF_KEY] for r in found
                      if not r["ruleId"].startswith(("task/", "check/"))}
    assert finding_prints == prints  # the same identity baselines and diffs use


def test_states_against_a_baseline() -> None:
    before = golden()
    after = golden()
    page = after.sites[0].pages[0]
    fixed = page.findings.pop(0)
    page.findings.append(Finding(rule="button-name", source="axe", impact="critical",
                                 selector="#send", snippet='<button id="send"></button>'))
    page.findings[0].impact = "critical" if page.findings[0].impact != "critical" else "minor"
    comparison = compare(after, baseline_from_result(before), TODAY)
    found = results(after, comparison=comparison)
    by_state: dict[str, list[str]] = {}
    for r in found:
        if "baselineState" in r:
            by_state.setdefault(r["baselineState"], []).append(r["ruleId"])
    assert by_state["new"] == ["button-name"]
    assert by_state["absent"] == [fixed.rule]
    assert len(by_state["updated"]) == 1
    assert by_state["unchanged"]
    absent = next(r for r in found if r.get("baselineState") == "absent")
    assert absent["kind"] == "pass" and absent["level"] == "none"
    # Unchanged results keep the fingerprint they had without a baseline.
    plain = {r["partialFingerprints"][SARIF_KEY] for r in results(after)}
    assert {r["partialFingerprints"][SARIF_KEY] for r in found
            if r.get("baselineState") != "absent"} == plain
