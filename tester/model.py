"""The result contract: typed models serialised to `result.json`.

Everything the report shows is derived from these models alone, so a saved
`result.json` can be re-rendered (`ashyq report`) without a browser.
Bump SCHEMA_VERSION on any incompatible change and regenerate `schema/`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticSerializationError

from tester.textsafe import encodable, encodable_data, holds_lone_surrogate

SCHEMA_VERSION = "1.0"

Status = Literal["passed", "failed", "error", "skipped"]
Impact = Literal["critical", "serious", "moderate", "minor"]
Source = Literal["axe", "ashyq"]

IMPACT_ORDER: dict[str, int] = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}


# `message` stays English and `messages` holds ru/kk; `message_key` and `message_values` say the
# same as a catalog key (tester/i18n) with its values, so a report can tell it in any language.
# The report renders from the key when there is one, else messages.get(language, message).
MESSAGES_ABOUT = "the message in other report languages, keyed by language code 'kk'/'ru'"
MESSAGE_KEY_ABOUT = "catalog key of `message` (tester/i18n/<lang>.json); null for a plain text"
MESSAGE_VALUES_ABOUT = (
    "values of the key's placeholders; a nested message is {message_key, message_values}"
)


# Validation context key: the caller guarantees the input holds no lone surrogate, so the
# per-model check is skipped (tester/report/files.py: what its JSON parser refuses).
SURROGATE_FREE = "surrogate_free"

# JSON has no NaN or infinity: pydantic would write them as null, which the schema's "number"
# refuses. A duration that is not finite (a page's NaN timing) is unknown: 0 s, or no value.
Seconds = Annotated[float, AfterValidator(lambda v: v if math.isfinite(v) else 0.0)]
Millis = Annotated[float | None,
                   AfterValidator(lambda v: v if v is None or math.isfinite(v) else None)]
Scores = Annotated[dict[str, float], AfterValidator(
    lambda scores: {key: value for key, value in scores.items() if math.isfinite(value)})]
# The schema says "date-time" (RFC 3339), which needs an offset: a moment read without one (an
# older or hand-made result) is taken as UTC, as ashyq has always written UTC.
Moment = Annotated[datetime, AfterValidator(
    lambda moment: moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC))]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@cache
def _nested_fields(model: type[BaseModel]) -> frozenset[str]:
    """Names of `model`'s fields whose type holds a result model (`pages: list[PageResult]`)."""
    return frozenset(name for name, field in model.model_fields.items()
                     if _holds_model(field.annotation))


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in get_args(annotation))


class _Model(BaseModel):
    # Unknown keys are rejected so a typo in a producer fails loudly in tests.
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _encodable_strings(cls, data: Any, info: ValidationInfo) -> Any:
        # Page text is cleaned where it is gathered (tester/textsafe.py); this catches any path
        # that was missed, and a hand-edited result.json: no lone surrogate can make the report
        # unwritable. Control characters stay: each renderer escapes them for its format.
        # Once per model, over the fields that hold no model: a nested model repairs its own
        # fields, so a 20,000-finding result is walked once, not once per level of nesting.
        if not isinstance(data, dict):
            return data  # a model instance: repaired when it was built
        if info.context and info.context.get(SURROGATE_FREE):
            return data  # the whole input is known to hold none (SURROGATE_FREE)
        nested = _nested_fields(cls)
        if not holds_lone_surrogate([value for key, value in data.items() if key not in nested]):
            return data
        return {key: value if key in nested else encodable_data(value)
                for key, value in data.items()}

    def __setattr__(self, name: str, value: Any) -> None:
        # Assignment skips validation, and `page.error = str(exc)` may quote the page. Only plain
        # strings are repaired here: a list or dict keeps its identity (callers append to it).
        super().__setattr__(name, encodable(value) if isinstance(value, str) else value)


class Finding(_Model):
    """One problem (or possible problem) on one element of one page."""

    rule: str
    source: Source = "ashyq"
    impact: Impact = "moderate"
    needs_review: bool = False
    # Set by the run's standard (tester.wcag), never by a check. Left out when false, as older
    # readers expect.
    advisory: bool = Field(
        default=False, exclude_if=lambda value: not value,
        description="every WCAG criterion it names is above the run's conformance level or not "
        "in its WCAG version (settings wcag, wcag_level): shown, never counted as a failure")
    wcag: list[str] = Field(default_factory=list)
    selector: str = ""
    snippet: str = ""
    message: str = ""
    messages: dict[str, str] = Field(default_factory=dict, description=MESSAGES_ABOUT)
    message_key: str | None = Field(default=None, description=MESSAGE_KEY_ABOUT)
    message_values: dict[str, Any] = Field(default_factory=dict, description=MESSAGE_VALUES_ABOUT)
    help_url: str = ""
    screenshot: str | None = None  # relative to the run folder, element outlined
    data: dict[str, Any] = Field(default_factory=dict)


class CheckResult(_Model):
    """A named check (page-level or site-level) and what it found."""

    id: str
    status: Status
    findings: list[Finding] = Field(default_factory=list)
    data: dict[str, Any] = Field(default_factory=dict)
    message: str = ""
    messages: dict[str, str] = Field(default_factory=dict, description=MESSAGES_ABOUT)
    message_key: str | None = Field(default=None, description=MESSAGE_KEY_ABOUT)
    message_values: dict[str, Any] = Field(default_factory=dict, description=MESSAGE_VALUES_ABOUT)
    wcag: list[str] = Field(default_factory=list)


class Step(_Model):
    """One action a task took, timed, with the screenshot after it."""

    action: str  # goto | click | open-menu | dismiss-overlay | back | fill | press | select | ...
    label: str = ""
    url: str = ""
    ms: int = 0
    screenshot: str | None = None
    counts_as_click: bool = False
    # `label` as a catalog key with values when the tool wrote it ("home page"); null when the
    # label is the page's own text (a link's label).
    label_key: str | None = Field(default=None, description=MESSAGE_KEY_ABOUT)
    label_values: dict[str, Any] = Field(default_factory=dict, description=MESSAGE_VALUES_ABOUT)


class TaskResult(_Model):
    id: str
    title: str = ""
    status: Status
    clicks: int = 0
    seconds: Seconds = 0.0
    target_url: str | None = None
    optimal_clicks: int | None = None
    within_three_clicks: bool | None = None
    steps: list[Step] = Field(default_factory=list)
    evidence: dict[str, Any] = Field(default_factory=dict)
    message: str = ""
    messages: dict[str, str] = Field(default_factory=dict, description=MESSAGES_ABOUT)
    message_key: str | None = Field(default=None, description=MESSAGE_KEY_ABOUT)
    message_values: dict[str, Any] = Field(default_factory=dict, description=MESSAGE_VALUES_ABOUT)
    # Problems the task saw that are not its verdict (the low-vision version has no way back):
    # first-class findings, located at the site URL. Left out when empty, as older readers expect.
    findings: list[Finding] = Field(
        default_factory=list, exclude_if=lambda value: not value,
        description="findings of the task beside its verdict, located at the site URL")


class Timings(_Model):
    ttfb_ms: Millis = None
    dom_content_loaded_ms: Millis = None
    load_ms: Millis = None


class AxeGroup(_Model):
    """One group of axe-core rules run on a page, and how it ended."""

    id: str
    rules: list[str] = Field(default_factory=list)
    # ok: finished; timeout: overran its share of the axe budget; not-run: no time or page left;
    # error: axe failed or its result was rejected (not from the axe-core the tool injected).
    status: Literal["ok", "timeout", "not-run", "error"] = "not-run"
    ms: int = 0
    message: str = ""


class PageResult(_Model):
    url: str
    # "" for the page as served; "low-vision-mode" when audited with the site's own version for
    # the visually impaired switched on (that version must pass the same checks).
    # "language-kk" (-ru, -en): audited in the language a cookie chose (the site's switch set
    # it), so the same URL audited in its default language is another page.
    variant: str = ""
    # The language version the page was audited as: kk, ru or en from its URL, the cookie it was
    # audited with, or the page itself (lang attribute, else its text); "" when none tells.
    language: str = ""
    final_url: str | None = None
    http_status: int | None = None
    title: str = ""
    lang: str = ""
    timings: Timings = Field(default_factory=Timings)
    screenshot: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    # "partial": some axe rule groups finished and others did not (see axe_groups); such a page
    # is never clean, its findings are only those of the groups that finished.
    axe_status: Literal["ok", "partial", "timeout", "error", "skipped"] = "skipped"
    # The axe-core version that ran on this page, read back from the isolated world it ran in.
    axe_version: str | None = None
    # axe runs in rule groups, each with its own share of the time budget; one entry per group.
    axe_groups: list[AxeGroup] = Field(default_factory=list)
    # The page's Content-Security-Policy (response header and <meta http-equiv>, joined by " ; "
    # when both), None without one; the audit bypasses it so axe and the probes can run.
    csp: str | None = None
    error: str | None = None
    # Stable key of `error` (e.g. "connection-refused", "http-status", "unresponsive"), so reports
    # can say it in the reader's language; None when there was no error.
    error_code: str | None = None


class TrendTask(_Model):
    id: str
    status: Status
    clicks: int = 0
    seconds: Seconds = 0.0


class TrendPoint(_Model):
    """One recorded run of a site, as the report's trend charts draw it."""

    started_at: Moment
    run: str = ""  # the run's report folder name
    scores: Scores = Field(default_factory=dict)
    findings: dict[str, int] = Field(default_factory=dict)  # by impact, needs-review left out
    tasks: list[TrendTask] = Field(default_factory=list)


class SiteResult(_Model):
    url: str
    name: str = ""
    languages: dict[str, str | None] = Field(default_factory=dict)
    tasks: list[TaskResult] = Field(default_factory=list)
    pages: list[PageResult] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    scores: Scores = Field(default_factory=dict)
    error: str | None = None
    # Stable key of `error`; a site with an error_code could not be audited (exit code says so).
    error_code: str | None = None
    seconds: Seconds = 0.0
    # Written after the run is recorded in the history: the site's last runs (at most 12,
    # oldest first, this one last), so the HTML report stays a pure function of result.json.
    # Left out when there is none, so a run without history stays readable by older readers.
    trend: list[TrendPoint] | None = Field(
        default=None, exclude_if=lambda value: value is None,
        description="the site's last recorded runs, oldest first, this run last")


class Notice(_Model):
    """Something about the run itself the reader must know (e.g. OCR not installed)."""

    id: str  # stable key, rendered through the report catalog as notice.<id>
    message: str = ""  # English fallback
    data: dict[str, Any] = Field(default_factory=dict)
    message_key: str | None = Field(default=None, description=MESSAGE_KEY_ABOUT)
    message_values: dict[str, Any] = Field(default_factory=dict, description=MESSAGE_VALUES_ABOUT)


class ToolInfo(_Model):
    name: str = "ashyq"
    version: str = ""
    axe_version: str = ""
    # Where that axe-core came from: "bundled" (axe-playwright-python's), "file:<path>" or
    # "npm:axe-core@<version>" (`axe_source`); empty in results written before it was recorded.
    axe_source: str = ""
    browser: str = ""


class BudgetOutcome(_Model):
    """One limit of the run's budget file (tester.budget) and what the run measured against it."""

    id: str = Field(description="budget.[page.]<kind>.<subject>, e.g. budget.rule.color-contrast")
    kind: Literal["rule", "impact", "task-clicks", "task-seconds", "score", "section"]
    subject: str = Field(description="the rule or check id, impact, task id, score area or "
                         "checklist section the limit is about")
    where: str = Field(default="", description="a page or site URL for a per-page, per-task, "
                       "per-site limit; empty: the whole run")
    measured: float | None = Field(description="what the run measured; null: nothing to measure "
                                   "(a task not run, a score not computed)")
    limit: float
    at_least: bool = Field(default=False, description="true: `limit` is a minimum (scores, "
                           "sections); false: a maximum")
    passed: bool
    counted: list[str] = Field(default_factory=list, description="what was counted: the "
                               "findings (page, rule, selector), capped at 20")


class RunResult(_Model):
    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo = Field(default_factory=ToolInfo)
    started_at: Moment = Field(default_factory=utc_now)
    finished_at: Moment | None = None
    command: str = "run"
    settings: dict[str, Any] = Field(default_factory=dict)
    sites: list[SiteResult] = Field(default_factory=list)
    notices: list[Notice] = Field(default_factory=list)
    # The --fail-on thresholds the run was given, so a report re-rendered from this file can say
    # what each one counts. Left out when empty, as older readers expect.
    fail_on: list[str] = Field(default_factory=list, exclude_if=lambda value: not value,
                               description="the --fail-on values the run was given")
    budget: str | None = Field(default=None, exclude_if=lambda value: value is None,
                               description="the budget file the run was judged by")
    budgets: list[BudgetOutcome] = Field(
        default_factory=list, exclude_if=lambda value: not value,
        description="each limit of the budget file and whether the run kept it")

    def to_json(self) -> str:
        try:
            return self.model_dump_json(indent=2)
        except PydanticSerializationError:
            # A string put into a dict after validation holds what UTF-8 cannot encode (a lone
            # surrogate): repair a plain copy rather than lose the whole report.
            return json.dumps(encodable_data(self.model_dump(mode="json")), indent=2,
                              ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> RunResult:
        return cls.model_validate_json(text)


def json_schema(
    task_ids: Sequence[str] = (), page_check_ids: Sequence[str] = (),
    site_check_ids: Sequence[str] = (),
) -> dict[str, Any]:
    """The JSON Schema of result.json. The published one (schema/result.schema.json) is
    `tester.registry.result_schema()`: this, given the built-in ids from the registry, which it
    lists as examples, not as an enum: a plugin's task or check id is just as valid."""
    schema = RunResult.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"ashyq result v{SCHEMA_VERSION}"
    if task_ids:
        schema["$defs"]["TaskResult"]["properties"]["id"].update(
            description="a registered citizen task (built-in: " + ", ".join(task_ids)
            + "; plugins add theirs through the `ashyq.tasks` entry point), or a scripted "
            "scenario's `scenario:<id>`",
            examples=list(task_ids),
        )
    if page_check_ids or site_check_ids:
        schema["$defs"]["CheckResult"]["properties"]["id"].update(
            description="a registered check (built-in page checks: " + ", ".join(page_check_ids)
            + "; site checks: " + ", ".join(site_check_ids) + "; plugins add theirs through the "
            "`ashyq.checks` entry point), or `site-checks` when the site checks could not run",
            examples=[*page_check_ids, *site_check_ids],
        )
    return schema
