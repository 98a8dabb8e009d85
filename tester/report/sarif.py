"""render_sarif: SARIF 2.1.0 for code-scanning UIs.

Each violation or needs-review finding becomes a result located at its page URL (a logical
location carries the CSS selector); failed or errored citizen tasks, a task's own findings
(TaskResult.findings) and failed site checks without findings become results at the site
URL, so nothing that fails the citizen is lost.

Every result carries `partialFingerprints["ashyq/v<N>"]`: for a finding its stable fingerprint
(tester/fingerprint.py), which survives a redeploy, so code-scanning UIs de-duplicate across
runs. Given a baseline comparison (`ashyq run --baseline`), each result also says its
`baselineState` (new, unchanged, updated), and the baseline's findings this run no longer has
on the pages it audited come as results of state `absent` (kind `pass`).

Rules (`tool.driver.rules`) are described in their own words, never by a finding's message
(tester/report/sarif_rules.py); location URIs are percent-encoded into valid URI references.
The log validates against the SARIF 2.1.0 schema (tests/unit/test_output_schemas.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from tester import __version__
from tester.fingerprint import SARIF_KEY, located_findings, page_key
from tester.gate import confirmed
from tester.i18n import Translator
from tester.model import CheckResult, Finding, RunResult, SiteResult, TaskResult
from tester.report import sarif_rules
from tester.report import summary as s
from tester.report.base import ReportFormat
from tester.report.sarif_rules import Rules

if TYPE_CHECKING:
    from tester.baseline import Comparison

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "note"}
TASK_LEVELS = {"failed": "error", "error": "warning"}
ENGLISH = "en"  # code-scanning tools show English; the catalog still owns the words
_URI_SAFE = ":/?#[]@!$&'()*+,;=%-._~"  # RFC 3986 reserved and unreserved characters, and %
_SEMVER = re.compile(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _clean(value: Any) -> Any:
    """Control characters out of every string (JSON could carry them; viewers choke on them)."""
    if isinstance(value, str):
        return s.strip_controls(value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _uri(url: str) -> str:
    """A URI reference of `url`: what RFC 3986 does not allow (spaces, quotes, angle brackets,
    Cyrillic) percent-encoded, escapes already there kept, control characters dropped."""
    return quote(s.strip_controls(url), safe=_URI_SAFE)


def _location(uri: str, selector: str = "") -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": _uri(uri)}}}
    if selector:
        location["logicalLocations"] = [
            {"fullyQualifiedName": selector, "kind": "element"}
        ]
    return location


class _Identity:
    """Each finding's fingerprint, and its baseline state when a comparison was given."""

    def __init__(self, result: RunResult, comparison: Comparison | None) -> None:
        # Keyed by object identity: two equal findings on one page are still two results.
        self.prints = {id(x.finding): x.fingerprint for x in located_findings(result)}
        self.states = comparison.states() if comparison is not None else {}
        self.regressed = (
            {(r.site, r.task) for r in comparison.task_regressions} if comparison else set()
        )
        self.comparing = comparison is not None

    def mark(
        self, sarif_result: dict[str, Any], fingerprint: str, state: str | None = None
    ) -> None:
        """Set the fingerprint, and the baseline state: `state`, else the comparison's verdict
        on the fingerprint; "" when the baseline cannot say (it keeps no site-check verdicts)."""
        sarif_result["partialFingerprints"] = {SARIF_KEY: fingerprint}
        if self.comparing and state != "":
            sarif_result["baselineState"] = state or self.states.get(fingerprint, "new")


def _finding_result(
    finding: Finding, uri: str, rules: Rules, identity: _Identity, t: Translator,
    owner: CheckResult | TaskResult | None = None, site_check: bool = False,
) -> dict[str, Any]:
    index = rules.index(finding.rule, sarif_rules.finding_rule(finding, owner, t, site_check))
    properties: dict[str, Any] = {
        "impact": finding.impact,
        "needsReview": finding.needs_review,
        "advisory": finding.advisory,
        "source": finding.source,
        "wcag": finding.wcag,
    }
    if finding.snippet:
        properties["snippet"] = s.truncate(finding.snippet, 2000)
    if finding.screenshot and s.safe_asset(finding.screenshot):
        properties["screenshot"] = finding.screenshot
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        # Advisory (above the run's WCAG level or version) is information, not a failure.
        "level": LEVELS[finding.impact] if confirmed(finding) else "note",
        "kind": "review" if finding.needs_review else "informational" if finding.advisory
        else "fail",
        "message": {"text": s.localised(finding, ENGLISH) or finding.rule},
        "locations": [_location(uri, finding.selector)],
        "properties": properties,
    }
    identity.mark(out, identity.prints[id(finding)])
    return out


def _site_results(
    site: SiteResult, rules: Rules, t: Translator, identity: _Identity
) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for task in site.tasks:
        if task.status not in TASK_LEVELS:
            continue
        rule_id = f"task/{task.id}"
        index = rules.index(rule_id, sarif_rules.task_rule(task, t))
        text = s.localised(task, t.language) or t(f"junit.task_{task.status}")
        task_result: dict[str, Any] = {
            "ruleId": rule_id, "ruleIndex": index, "level": TASK_LEVELS[task.status],
            "message": {"text": text},
            "locations": [_location(task.target_url or site.url)],
            "properties": {"status": task.status, "clicks": task.clicks},
        }
        regressed = (site.url, task.id) in identity.regressed
        identity.mark(task_result, _fingerprint(rule_id, page_key(site.url)),
                      "new" if regressed else "unchanged")
        results.append(task_result)
    for task in site.tasks:  # findings beside a task's verdict, located at the site URL
        for finding in s.sort_findings(task.findings):
            results.append(_finding_result(finding, site.url, rules, identity, t, task))
    for page in site.pages:
        owners = {id(f): check for check in page.checks for f in check.findings}
        for finding in s.sort_findings(s.page_findings(page)):
            results.append(_finding_result(finding, page.final_url or page.url, rules, identity,
                                           t, owners.get(id(finding))))
    for check in site.checks:
        for finding in s.sort_findings(check.findings):
            where = finding.data.get("url")  # the page a site check's finding is about
            located = (s.safe_href(where) if isinstance(where, str) else None) or site.url
            results.append(_finding_result(finding, located, rules, identity, t, check,
                                           site_check=True))
        if check.status == "failed" and not check.findings:
            rule_id = f"check/{check.id}"
            index = rules.index(
                rule_id, sarif_rules.check_rule(check.id, check.id, check.wcag, t, True))
            check_result: dict[str, Any] = {
                "ruleId": rule_id, "ruleIndex": index, "level": "error",
                "message": {"text": s.localised(check, t.language) or t("junit.check_failed")},
                "locations": [_location(site.url)],
            }
            fingerprint = _fingerprint(rule_id, page_key(site.url))
            identity.mark(check_result, fingerprint, "")
            results.append(check_result)
    return results


def _absent_rule(rule_id: str, t: Translator) -> dict[str, Any]:
    """A fixed finding's rule, known only by its id: axe-core's words if it is axe's."""
    if rule_id in sarif_rules.axe_rules():
        return sarif_rules.axe_rule(rule_id)
    return sarif_rules.finding_rule(Finding(rule=rule_id), None, t)


def _absent_results(
    comparison: Comparison, rules: Rules, t: Translator
) -> list[dict[str, Any]]:
    """The baseline's findings gone from the pages this run audited (fixed)."""
    results = []
    for old in comparison.fixed:
        index = rules.index(old.rule, _absent_rule(old.rule, t))
        results.append({
            "ruleId": old.rule, "ruleIndex": index, "level": "none", "kind": "pass",
            "message": {"text": t("sarif.absent", rule=old.rule)},
            "locations": [_location(old.page, old.selector)],
            "partialFingerprints": {SARIF_KEY: old.fingerprint},
            "baselineState": "absent",
            "properties": {"impact": old.impact},
        })
    return results


def _utc(moment: datetime) -> str:
    """SARIF's *TimeUtc: RFC 3339 in UTC, "Z" (a moment without an offset is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def render_sarif(result: RunResult, comparison: Comparison | None = None) -> str:
    """The SARIF log of `result`; with `comparison` (the run against a baseline), each result's
    baselineState and the fixed findings as `absent` results."""
    t = Translator(ENGLISH)
    rules = Rules()
    identity = _Identity(result, comparison)
    results: list[dict[str, Any]] = []
    for site in result.sites:
        results += _site_results(site, rules, t, identity)
    if comparison is not None:
        results += _absent_results(comparison, rules, t)
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(site.error for site in result.sites),
        "startTimeUtc": _utc(result.started_at),
    }
    if result.finished_at is not None:
        invocation["endTimeUtc"] = _utc(result.finished_at)
    errors = [f"{site.url}: {site.error}" for site in result.sites if site.error]
    if errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": e}} for e in errors
        ]
    version = result.tool.version or __version__
    driver: dict[str, Any] = {
        "name": result.tool.name or "ashyq",
        "version": version,
        "rules": rules.rules,
    }
    if _SEMVER.fullmatch(version):
        driver["semanticVersion"] = version
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "results": results,
        "properties": {"axeVersion": result.tool.axe_version, "browser": result.tool.browser},
    }
    sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(_clean(sarif), ensure_ascii=False, indent=2) + "\n"


FORMAT = ReportFormat("sarif", "results.sarif", lambda result, _language: render_sarif(result),
                      title="SARIF 2.1.0, for code-scanning dashboards")
