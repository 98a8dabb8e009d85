"""render_junit: JUnit XML for CI dashboards; one testsuite per site.

Test cases: one per task (failed → <failure>, error → <error>, skipped → <skipped>), one per
page (critical or serious violations → <failure>; needs-review never fails) and one per site
check. Built with ElementTree, so every value is escaped; control characters and lone
surrogates are removed because XML 1.0 cannot carry them, and what a site wrote is clipped.

The file validates against Jenkins' JUnit schema (xunit-plugin junit-10.xsd, vendored in
tests/schemas/): counts on <testsuite> and <testsuites> match the cases (no `skipped` on
<testsuites>, which the schema does not allow), times are plain decimals, and every test
case's (classname, name) is unique in the file, as CI dashboards key their history on it:
classname is `<site host>.<tasks|pages|site-checks>` and a page variant (low-vision mode, a
language chosen by cookie) is named after its URL with the variant in brackets.

Another suite joins the file by building its cases and calling `testsuite(...)`, then being
appended to the list `render_junit` hands to `testsuites(...)`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from tester.budget import describe
from tester.gate import confirmed
from tester.i18n import Translator
from tester.model import (
    BudgetOutcome,
    CheckResult,
    Finding,
    PageResult,
    RunResult,
    SiteResult,
    TaskResult,
)
from tester.report import summary as s
from tester.report.base import ReportFormat

MAX_LISTED = 50  # findings written into one failure body
MAX_NAME = 300  # characters of a test case or suite name (a URL can be megabytes long)
MAX_VALUE = 2000  # characters of an attribute value
MAX_BODY = 20_000  # characters of a failure body or system-out
BUDGET_SUITE = "budgets"  # one test case per limit of the run's budget file
OUTCOMES = (("failure", "failures"), ("error", "errors"), ("skipped", "skipped"))

ENGLISH = "en"  # CI logs are read in English
_SURROGATES = re.compile(r"[\ud800-\udfff]")  # a lone one cannot be written as UTF-8
_CLASS_UNSAFE = re.compile(r"[^0-9A-Za-z.:_-]+")


def _clean(value: object, limit: int = MAX_VALUE) -> str:
    return s.truncate(_SURROGATES.sub("", s.strip_controls(str(value))), limit)


def seconds(value: float | None) -> str:
    """A `time` attribute: a plain non-negative decimal, whatever the result holds."""
    number = value if value is not None and math.isfinite(value) else 0.0
    return f"{max(0.0, number):.3f}"


def _finding_line(finding: Finding) -> str:
    wcag = f" (WCAG {', '.join(finding.wcag)})" if finding.wcag else ""
    where = f" {finding.selector}" if finding.selector else ""
    text = s.localised(finding, ENGLISH)
    return f"[{finding.impact}] {finding.rule}{wcag}{where}: {text}".rstrip(": ")


def _listing(findings: list[Finding]) -> str:
    lines = [_finding_line(f) for f in findings[:MAX_LISTED]]
    if len(findings) > MAX_LISTED:
        lines.append(f"… +{len(findings) - MAX_LISTED}")
    return "\n".join(lines)


def _outcome(case: Element, tag: str, message: str, kind: str, body: str = "") -> None:
    node = SubElement(case, tag, message=_clean(message, 500), type=_clean(kind, 100))
    if body:
        node.text = _clean(body, MAX_BODY)


def _case(prefix: str, kind: str, name: str, time: float | None = None) -> Element:
    return Element("testcase", classname=f"{prefix}.{kind}", name=_clean(name, MAX_NAME),
                   time=seconds(time))


def _task_case(prefix: str, task: TaskResult, t: Translator) -> Element:
    case = _case(prefix, "tasks", task.id, task.seconds)
    details = [f"{t('task.clicks')}: {task.clicks}"]
    if task.optimal_clicks is not None:
        details.append(f"{t('task.optimal_clicks')}: {task.optimal_clicks}")
    if task.target_url:
        details.append(f"{t('task.target')}: {task.target_url}")
    details += [f"{n}. {step.action} {step.label} {step.url}".rstrip()
                for n, step in enumerate(task.steps, 1)]
    message = s.localised(task, t.language)
    if task.status == "failed":
        _outcome(case, "failure", message or t("junit.task_failed"), "task-failed",
                 "\n".join(details))
    elif task.status == "error":
        _outcome(case, "error", message or t("junit.task_error"), "task-error",
                 "\n".join(details))
    elif task.status == "skipped":
        SubElement(case, "skipped", message=_clean(message or t("status.skipped"), 500))
    if task.findings:  # beside the verdict, not a failure of the task: listed for the CI log
        out = SubElement(case, "system-out")
        out.text = _clean(_listing(s.sort_findings(task.findings)), MAX_BODY)
    return case


def _page_name(page: PageResult) -> str:
    """The page's URL; a variant of it (low-vision mode, a language by cookie) says so, as the
    same URL is then audited twice."""
    url = s.truncate(page.url, MAX_NAME - 40)
    return f"{url} [{page.variant}]" if page.variant else url


def _page_case(prefix: str, page: PageResult, t: Translator) -> Element:
    load_ms = page.timings.load_ms
    case = _case(prefix, "pages", _page_name(page), None if load_ms is None else load_ms / 1000)
    blocking = s.blocking_findings(page)
    reason = s.page_error_reason(page, t)
    if reason:
        _outcome(case, "error", reason, page.error_code or "page-error",
                 s.error_detail(page, reason) or "")
    elif blocking:
        _outcome(case, "failure", t("junit.page_failure", count=len(blocking)), "accessibility",
                 _listing(blocking))
    elif page.axe_status in ("timeout", "error", "partial"):
        _outcome(case, "error", t(f"axe.{page.axe_status}"), "axe-" + page.axe_status)
    counts = s.count_page(page)
    out = SubElement(case, "system-out")
    out.text = _clean(
        " ".join(f"{impact}={counts.impacts[impact]}" for impact in s.IMPACTS)
        + f" needs-review={counts.needs_review} advisory={counts.advisory}"
        + f" axe={page.axe_status}"
    )
    return case


def _check_case(prefix: str, check: CheckResult, t: Translator) -> Element:
    case = _case(prefix, "site-checks", check.id)
    findings = s.sort_findings(f for f in check.findings if confirmed(f))
    message = s.localised(check, t.language)
    if check.status == "failed":
        _outcome(case, "failure", message or t("junit.check_failed"), "check-failed",
                 _listing(findings))
    elif check.status == "error":
        _outcome(case, "error", message or t("junit.check_error"), "check-error")
    elif check.status == "skipped":
        SubElement(case, "skipped", message=_clean(message or t("status.skipped"), 500))
    return case


def _tally(element: Element, cases: list[Element], outcomes: Iterable[tuple[str, str]]) -> None:
    element.set("tests", str(len(cases)))
    for tag, attr in outcomes:
        element.set(attr, str(sum(1 for c in cases if c.find(tag) is not None)))


def testsuite(name: str, cases: list[Element], time: float | None = None,
              properties: dict[str, str] | None = None, **attributes: str) -> Element:
    """A <testsuite> of `cases` (built with `Element("testcase", ...)`), its counts from them."""
    suite = Element("testsuite", name=_clean(name, MAX_NAME), time=seconds(time),
                    **{key: _clean(value) for key, value in attributes.items()})
    if properties:
        props = SubElement(suite, "properties")
        for key, value in properties.items():
            SubElement(props, "property", name=_clean(key), value=_clean(value))
    suite.extend(cases)
    _tally(suite, cases, OUTCOMES)
    return suite


def testsuites(name: str, suites: list[Element], time: float | None = None) -> Element:
    """The file's root: `suites` numbered, counted (the schema has no `skipped` here) and every
    test case's (classname, name) made unique, so a CI dashboard keeps each its own history."""
    root = Element("testsuites", name=_clean(name, MAX_NAME))
    for number, suite in enumerate(suites):
        suite.set("id", str(number))
    root.extend(suites)
    cases = [case for suite in suites for case in suite.iter("testcase")]
    _unique_names(cases)
    _tally(root, cases, OUTCOMES[:2])
    root.set("time", seconds(time))
    return root


def _unique_names(cases: list[Element]) -> None:
    """A second case of the same (classname, name), e.g. a URL listed twice, gets " (2)"."""
    taken = Counter((c.get("classname"), c.get("name")) for c in cases)
    seen: Counter[tuple[str | None, str | None]] = Counter()
    for case in cases:
        key = (case.get("classname"), case.get("name"))
        seen[key] += 1
        if seen[key] == 1:
            continue
        number = seen[key]
        while (key[0], f"{key[1]} ({number})") in taken:
            number += 1
        renamed = f"{key[1]} ({number})"
        taken[(key[0], renamed)] += 1
        case.set("name", renamed)


def site_prefix(site: SiteResult) -> str:
    """A site's classname prefix: its host (and port), as CI dashboards read it as a package."""
    try:
        host = urlsplit(site.url).netloc.lower()
    except ValueError:  # an unparseable URL still names its cases
        host = ""
    return _CLASS_UNSAFE.sub("_", host).strip("._") or "site"


def _site_suite(site: SiteResult, result: RunResult, t: Translator) -> Element:
    prefix = site_prefix(site)
    cases = []
    reason = s.site_error_reason(site, t)
    if reason:
        # First, so a CI log shows why the site was not audited before anything else.
        case = _case(prefix, "site", "audit")
        _outcome(case, "error", reason, site.error_code or "site-error",
                 s.error_detail(site, reason) or "")
        cases.append(case)
    cases += [_task_case(prefix, task, t) for task in site.tasks]
    cases += [_page_case(prefix, page, t) for page in site.pages]
    cases += [_check_case(prefix, check, t) for check in site.checks]
    properties = {"url": site.url}
    properties.update({f"language:{code}": url or "" for code, url in site.languages.items()})
    return testsuite(s.site_label(site), cases, site.seconds, properties,
                     timestamp=_stamp(result))


def _budget_case(outcome: BudgetOutcome) -> Element:
    """A limit of the budget file: a <failure> ("color-contrast 14 > 5") listing what was
    counted when not kept. Unique in its suite: a limit is judged once per site."""
    name = f"{outcome.id} {outcome.where}" if outcome.where else outcome.id
    case = Element("testcase", classname=BUDGET_SUITE, name=_clean(name, MAX_NAME), time="0.000")
    if not outcome.passed:
        failure = SubElement(case, "failure", type="budget", message=_clean(describe(outcome)))
        if outcome.counted:
            failure.text = _clean("\n".join(outcome.counted), MAX_BODY)
    return case


def _stamp(result: RunResult) -> str:
    return result.started_at.strftime("%Y-%m-%dT%H:%M:%S")


def render_junit(result: RunResult) -> str:
    t = Translator(ENGLISH)  # CI logs are read in English; the catalog still owns the words
    suites = [_site_suite(site, result, t) for site in result.sites]
    if result.budgets:
        suites.append(testsuite(BUDGET_SUITE, [_budget_case(o) for o in result.budgets], 0.0,
                                {"budget": result.budget or ""}, timestamp=_stamp(result)))
    root = testsuites(result.tool.name or "ashyq", suites, s.run_seconds(result))
    indent(root)
    body = tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


FORMAT = ReportFormat("junit", "junit.xml", lambda result, _language: render_junit(result),
                      title="JUnit XML: one test case per task, page and site check, for CI")
