"""render_junit: JUnit XML for CI dashboards; one testsuite per site.

Test cases: one per task (failed → <failure>, error → <error>, skipped → <skipped>), one per
page (critical or serious violations → <failure>; needs-review never fails) and one per site
check. Built with ElementTree, so every value is escaped; control characters are removed
because XML 1.0 cannot carry them.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, indent, tostring

from tester.gate import confirmed
from tester.i18n import Translator
from tester.model import CheckResult, Finding, PageResult, RunResult, SiteResult, TaskResult
from tester.report import summary as s
from tester.report.base import ReportFormat
from tester.report.junit_budget import budget_suite

MAX_LISTED = 50  # findings written into one failure body

ENGLISH = "en"  # CI logs are read in English


def _clean(value: object) -> str:
    return s.strip_controls(str(value))


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
    node = SubElement(case, tag, message=_clean(s.truncate(message, 500)), type=kind)
    if body:
        node.text = _clean(body)


def _task_case(suite: Element, task: TaskResult, t: Translator) -> Element:
    case = SubElement(suite, "testcase", classname="tasks", name=_clean(task.id),
                      time=f"{task.seconds:.3f}")
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
        SubElement(case, "skipped", message=_clean(message or t("status.skipped")))
    if task.findings:  # beside the verdict, not a failure of the task: listed for the CI log
        out = SubElement(case, "system-out")
        out.text = _clean(_listing(s.sort_findings(task.findings)))
    return case


def _page_case(suite: Element, page: PageResult, t: Translator) -> Element:
    seconds = (page.timings.load_ms or 0) / 1000
    case = SubElement(suite, "testcase", classname="pages", name=_clean(page.url),
                      time=f"{seconds:.3f}")
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


def _check_case(suite: Element, check: CheckResult, t: Translator) -> Element:
    case = SubElement(suite, "testcase", classname="site-checks", name=_clean(check.id), time="0")
    findings = s.sort_findings(f for f in check.findings if confirmed(f))
    message = s.localised(check, t.language)
    if check.status == "failed":
        _outcome(case, "failure", message or t("junit.check_failed"), "check-failed",
                 _listing(findings))
    elif check.status == "error":
        _outcome(case, "error", message or t("junit.check_error"), "check-error")
    elif check.status == "skipped":
        SubElement(case, "skipped", message=_clean(message or t("status.skipped")))
    return case


def _tally(element: Element, cases: list[Element]) -> None:
    element.set("tests", str(len(cases)))
    for tag, attr in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
        element.set(attr, str(sum(1 for c in cases if c.find(tag) is not None)))


def _site_suite(root: Element, site: SiteResult, result: RunResult, t: Translator) -> list[Element]:
    suite = SubElement(root, "testsuite", name=_clean(s.site_label(site)),
                       time=f"{site.seconds:.3f}",
                       timestamp=result.started_at.strftime("%Y-%m-%dT%H:%M:%S"))
    props = SubElement(suite, "properties")
    SubElement(props, "property", name="url", value=_clean(site.url))
    for code, url in site.languages.items():
        SubElement(props, "property", name=f"language:{_clean(code)}", value=_clean(url or ""))
    cases = []
    reason = s.site_error_reason(site, t)
    if reason:
        # First, so a CI log shows why the site was not audited before anything else.
        case = SubElement(suite, "testcase", classname="site", name="audit", time="0")
        _outcome(case, "error", reason, site.error_code or "site-error",
                 s.error_detail(site, reason) or "")
        cases.append(case)
    cases += [_task_case(suite, task, t) for task in site.tasks]
    cases += [_page_case(suite, page, t) for page in site.pages]
    cases += [_check_case(suite, check, t) for check in site.checks]
    _tally(suite, cases)
    return cases


def render_junit(result: RunResult) -> str:
    t = Translator(ENGLISH)  # CI logs are read in English; the catalog still owns the words
    root = Element("testsuites", name=_clean(result.tool.name or "ashyq"))
    cases: list[Element] = []
    for site in result.sites:
        cases += _site_suite(root, site, result, t)
    cases += budget_suite(root, result)
    _tally(root, cases)
    total = s.run_seconds(result)
    root.set("time", f"{total or 0:.3f}")
    indent(root)
    body = tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


FORMAT = ReportFormat("junit", "junit.xml", lambda result, _language: render_junit(result),
                      title="JUnit XML: one test case per task, page and site check, for CI")
