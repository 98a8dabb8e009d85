"""Pure helpers shared by the renderers: counting, grouping, formatting, URL safety."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from tester.gate import HTTP_ERROR_FROM, blocking, confirmed
from tester.i18n import REFERENCE, Translator, UnknownLanguage, catalog
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
from tester.report.errors import ReportError
from tester.wcag import DEFAULT_LEVEL, DEFAULT_VERSION, standard_label

STATUSES = ("passed", "failed", "error", "skipped")
IMPACTS = ("critical", "serious", "moderate", "minor")

# C0/C1 controls except tab/newline/CR: invalid in XML and meaningless in HTML text.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Browsers drop tab/CR/LF inside URLs, so `java\tscript:` must be judged without them.
_URL_IGNORED = re.compile(r"[\t\r\n]")


def strip_controls(text: str) -> str:
    return _CONTROL_CHARS.sub("", text)


_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'«»]+")


def readable_urls(text: str) -> str:
    """Percent-escapes in URLs decoded for reading (Cyrillic paths and queries); display only.

    Hrefs keep the encoded form; escapes that would change a URL's meaning (%2F, %23, %3F,
    %25, %26, %3D) stay encoded, and undecodable bytes stay as they were.
    """

    def decode(match: re.Match[str]) -> str:
        url = match.group(0)
        if "%" not in url:
            return url
        return unquote(url, errors="strict") if _decodable(url) else url

    return _URL_IN_TEXT.sub(decode, text or "")


def _decodable(url: str) -> bool:
    if re.search(r"%(2[fF]|23|3[fF]|25|26|3[dD])", url):
        return False
    try:
        unquote(url, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def safe_href(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link, else None (show it as text instead)."""
    if not url:
        return None
    cleaned = _URL_IGNORED.sub("", url).strip(" \x00\x0c")
    if _CONTROL_CHARS.search(cleaned):
        return None
    lowered = cleaned.lower()
    if not (lowered.startswith("http://") or lowered.startswith("https://")):
        return None
    try:
        if not urlsplit(cleaned).netloc:
            return None
    except ValueError:
        return None
    return cleaned


def safe_asset(path: str | None) -> str | None:
    """A run-folder-relative file path as a relative URL, or None if it could escape the folder."""
    if not path or _CONTROL_CHARS.search(path) or any(c in path for c in "\t\r\n"):
        return None
    normalised = path.replace("\\", "/")
    if normalised.startswith("/") or ":" in normalised.split("/", 1)[0]:
        return None
    parts = normalised.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    return quote(normalised, safe="/")


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def site_findings(site: SiteResult) -> Iterator[Finding]:
    """Every finding of a site: task, page, page-check and site-check findings."""
    for task in site.tasks:
        yield from task.findings
    for page in site.pages:
        yield from page_findings(page)
    for check in site.checks:
        yield from check.findings


def page_findings(page: PageResult) -> Iterator[Finding]:
    yield from page.findings
    for check in page.checks:
        yield from check.findings


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Violations first (critical → minor), then advisory ones, then those to review."""
    return sorted(findings, key=lambda f: (f.needs_review, f.advisory, IMPACTS.index(f.impact),
                                           f.rule))


def group_by_impact(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Violations (neither needs-review nor advisory) grouped critical → minor; empty groups
    left out."""
    groups: dict[str, list[Finding]] = {impact: [] for impact in IMPACTS}
    for finding in findings:
        if confirmed(finding):
            groups[finding.impact].append(finding)
    return [(impact, items) for impact, items in groups.items() if items]


def needs_review(findings: Iterable[Finding]) -> list[Finding]:
    return sort_findings(f for f in findings if f.needs_review)


def advisory(findings: Iterable[Finding]) -> list[Finding]:
    """Advisory under the run's WCAG standard (needs-review ones are listed there instead)."""
    return sort_findings(f for f in findings if f.advisory and not f.needs_review)


def best_practice(finding: Finding) -> bool:
    """A finding that names no WCAG criterion: axe's best practices, the tool's own rules."""
    return not finding.wcag


def run_standard(result: RunResult) -> str:
    """The standard the run was judged by, as recorded in its settings ("WCAG 2.1 AA"); a
    result.json from before the setting was judged by the default."""
    version = str(result.settings.get("wcag") or DEFAULT_VERSION)
    level = str(result.settings.get("wcag_level") or DEFAULT_LEVEL)
    return standard_label(version, level)


def blocking_findings(page: PageResult) -> list[Finding]:
    """Blocking violations of a page and its checks, as tester.gate decides, sorted for display."""
    return sort_findings(blocking(page_findings(page)))


@dataclass
class Counts:
    tasks: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    impacts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(IMPACTS, 0))
    needs_review: int = 0
    advisory: int = 0  # advisory under the run's standard, needs-review ones not among them
    pages: int = 0
    sites: int = 0

    def add_findings(self, findings: Iterable[Finding]) -> Counts:
        for finding in findings:
            if finding.needs_review:
                self.needs_review += 1
            elif finding.advisory:
                self.advisory += 1
            else:
                self.impacts[finding.impact] += 1
        return self

    def add_site(self, site: SiteResult) -> Counts:
        self.sites += 1
        self.pages += len(site.pages)
        for task in site.tasks:
            self.tasks[task.status] += 1
        return self.add_findings(site_findings(site))

    @property
    def violations(self) -> int:
        return sum(self.impacts.values())


def count_site(site: SiteResult) -> Counts:
    return Counts().add_site(site)


def count_page(page: PageResult) -> Counts:
    return Counts().add_findings(page_findings(page))


def count_run(result: RunResult) -> Counts:
    counts = Counts()
    for site in result.sites:
        counts.add_site(site)
    return counts


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def run_seconds(result: RunResult) -> float | None:
    if result.finished_at is not None:
        return max(0.0, (_as_utc(result.finished_at) - _as_utc(result.started_at)).total_seconds())
    if result.sites:
        return sum(site.seconds for site in result.sites)
    return None


def format_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return _as_utc(moment).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def site_label(site: SiteResult) -> str:
    return site.name or site.url


SCENARIO_PREFIX = "scenario:"  # tester/runner/scripted.py task ids


def task_title(task: TaskResult, t: Translator) -> str:
    """A task's title in the report language: catalog title, "Scenario: …", else its own."""
    if task.id.startswith(SCENARIO_PREFIX):
        return t("task.scenario", title=task.title or task.id.removeprefix(SCENARIO_PREFIX))
    return t.optional(f"task.title.{task.id}", task.title or task.id)


def check_title(check_id: str, t: Translator) -> str:
    """A check's title in the report language: catalog title, else the English title the check
    declares (a plugin's, tester/registry.py), else its id."""
    if t.has(f"check.title.{check_id}"):
        return t(f"check.title.{check_id}")
    from tester.registry import RegistryError
    from tester.registry import check_title as declared_title

    try:
        return declared_title(check_id) or check_id
    except RegistryError:  # a broken plugin is reported by the run, not by its report
        return check_id


# --- Views for the HTML report: which page/check is opened, shown in full or listed compactly.

FAILING_CHECK_STATUSES = ("failed", "error")
# Finding data the report already shows elsewhere (the localised message) or that only tools
# use (element boxes in screenshot pixels); left out of the "Details" list.
_HIDDEN_DATA_KEYS = {"box", "page_box"}
_MESSAGE_KEY = re.compile(r"message_[a-z]{2}")


@dataclass
class CheckGroups:
    """Checks split for display: `shown` in full; `passed` and `skipped` as one-line lists."""

    shown: list[tuple[int, CheckResult]]
    passed: list[tuple[int, CheckResult]]
    skipped: list[tuple[int, CheckResult]]


def group_checks(checks: Iterable[CheckResult]) -> CheckGroups:
    """Failed/errored checks and any check with findings in full; the rest compactly.

    Each check keeps its 1-based position, so its anchor id does not depend on the grouping.
    """
    groups = CheckGroups([], [], [])
    for number, check in enumerate(checks, 1):
        if check.status in FAILING_CHECK_STATUSES or check.findings:
            groups.shown.append((number, check))
        elif check.status == "skipped":
            groups.skipped.append((number, check))
        else:
            groups.passed.append((number, check))
    return groups


def failing_checks(checks: Iterable[CheckResult]) -> list[CheckResult]:
    return [check for check in checks if check.status in FAILING_CHECK_STATUSES]


def page_needs_attention(page: PageResult) -> bool:
    """Open a page's details by default: it failed to load, has critical/serious violations or a
    failed/errored check. Everything else starts collapsed so a 50-page report stays scannable."""
    return bool(page.error or blocking_findings(page) or failing_checks(page.checks))


def translator(language: str) -> Translator:
    """The report's `t` in `language`; ReportError for a language the catalog does not have."""
    try:
        return Translator(language)
    except UnknownLanguage as exc:
        raise ReportError(str(exc)) from None


def told(key: str | None, values: dict[str, Any], language: str) -> str | None:
    """A message stored as its catalog key and values, told in `language`; None when there is
    no key, or the catalog cannot tell it (a key from a newer or older ashyq)."""
    if not key:
        return None
    try:
        return Translator(language).message(key, values)
    except Exception:  # noqa: BLE001 - a hand-edited or foreign result must still render
        return None


def _told_in(item: Finding | CheckResult | TaskResult, language: str) -> tuple[str, str]:
    """The message of a finding, check or task in `language`, and the language it is really in:
    told from its catalog key when it has one, else the producer's translation (item.messages),
    else the English `message` (axe's help texts have no kk/ru)."""
    keyed = told(item.message_key, item.message_values, language)
    if keyed is not None:
        return keyed, language
    text = item.messages.get(language)
    if isinstance(text, str) and text.strip():
        return text, language
    if isinstance(item, Finding):
        # Results saved before `messages` existed carried low-vision texts in data.
        legacy = item.data.get(f"message_{language}")
        if isinstance(legacy, str) and legacy.strip():
            return legacy, language
    return item.message, "en"


def localised(item: Finding | CheckResult | TaskResult, language: str) -> str:
    """The message of a finding, check or task in `language` (see _told_in)."""
    return _told_in(item, language)[0]


def message_language(item: Finding | CheckResult | TaskResult, language: str) -> str:
    """The language `localised(item, language)` is really in."""
    return _told_in(item, language)[1]


def step_label(step: Step, language: str) -> str:
    """A step's label in `language` when the tool wrote it (a key, or for a result saved before
    keys one of its English labels such as "home page" or "inner page: Об акимате"), else as
    recorded."""
    key, values = step_key(step)
    keyed = told(key, values, language)
    return step.label if keyed is None else keyed


def step_key(step: Step) -> tuple[str | None, dict[str, Any]]:
    """The catalog key and values of a step label the tool wrote; (None, {}) for the site's."""
    if step.label_key:
        return step.label_key, step.label_values
    for pattern, key in _legacy_step_patterns():
        match = pattern.fullmatch(step.label)
        if match:
            return key, match.groupdict()
    return None, {}


@cache
def _legacy_step_patterns() -> list[tuple[re.Pattern[str], str]]:
    # Each English step label as a pattern: "inner page: {label}" -> r"inner page: (?P<label>.+)".
    patterns = []
    for key, entry in catalog(REFERENCE).items():
        if key.startswith("step.") and key != "step.click" and isinstance(entry, str):
            parts = re.split(r"\{([a-z_]+)\}", entry)
            pattern = "".join(re.escape(part) if n % 2 == 0 else f"(?P<{part}>.+)"
                              for n, part in enumerate(parts))
            patterns.append((re.compile(pattern, re.DOTALL), key))
    return patterns


def finding_details(finding: Finding) -> dict[str, Any]:
    """finding.data without the translations of its message and the tool-only fields."""
    data = finding.data
    localised_text = bool(finding.messages or finding.message_key) or any(
        _MESSAGE_KEY.fullmatch(str(key)) for key in data)
    return {
        key: value
        for key, value in data.items()
        if key not in _HIDDEN_DATA_KEYS
        and not _MESSAGE_KEY.fullmatch(str(key))
        and not (localised_text and key == "kind")  # the catalog key of a localised text
    }


SCORE_BANDS = ((90.0, "good"), (50.0, "fair"), (0.0, "poor"))


def score_band(value: float) -> str:
    """A word for a 0-100 score, so a tile never relies on colour alone."""
    for floor, band in SCORE_BANDS:
        if value >= floor:
            return band
    return "poor"


# --- Why a site or page could not be audited, and notices about the run, in the report language.


def _error_text(code: str | None, fallback: str | None, t: Translator, status: object) -> str:
    # The catalog's words for a known key, never the browser's raw `net::ERR_…` text.
    key = f"site_error.{code}"
    if code and t.has(key):
        return t(key, status=status if status is not None else "?")
    return fallback or t("site_error.browser-error")


def site_error_reason(site: SiteResult, t: Translator) -> str | None:
    """Why the site could not be (fully) audited, in the report language; None: it was."""
    if not site.error_code and not site.error:
        return None
    status = next(
        (p.http_status for p in site.pages
         if p.http_status is not None and p.http_status >= HTTP_ERROR_FROM),
        None,
    )
    return _error_text(site.error_code, site.error, t, status)


def page_error_reason(page: PageResult, t: Translator) -> str | None:
    if not page.error_code and not page.error:
        return None
    return _error_text(page.error_code, page.error, t, page.http_status)


def error_detail(item: SiteResult | PageResult, reason: str | None) -> str | None:
    """The recorded error text as a technical detail, unless it is what the reason says."""
    if not item.error or item.error == reason:
        return None
    return item.error


def sites_with_errors(result: RunResult) -> list[SiteResult]:
    """Sites that could not be audited or whose audit stopped early: the report leads with them."""
    return [site for site in result.sites if site.error_code or site.error]


def notice_text(notice: Notice, t: Translator) -> str:
    """A run notice in the report language (its message key, else catalog `notice.<id>`), else
    its English message."""
    keyed = told(notice.message_key, notice.message_values, t.language)
    if keyed is not None:
        return keyed
    key = f"notice.{notice.id}"
    if t.has(key):
        try:
            return t(key, **{str(k): v for k, v in notice.data.items()})
        except (KeyError, IndexError, ValueError):
            pass  # the catalog wants a value this notice does not carry
    return notice.message or notice.id
