"""The result contract: typed models serialised to `result.json`.

Everything the report shows is derived from these models alone, so a saved
`result.json` can be re-rendered (`ashyq report`) without a browser.
Bump SCHEMA_VERSION on any incompatible change and regenerate `schema/`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Status = Literal["passed", "failed", "error", "skipped"]
Impact = Literal["critical", "serious", "moderate", "minor"]
Source = Literal["axe", "ashyq"]

IMPACT_ORDER: dict[str, int] = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}


# `message` stays English; the report shows messages.get(language, message).
MESSAGES_ABOUT = "the message in other report languages, keyed by language code 'kk'/'ru'"


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class _Model(BaseModel):
    # Unknown keys are rejected so a typo in a producer fails loudly in tests.
    model_config = ConfigDict(extra="forbid")


class Finding(_Model):
    """One problem (or possible problem) on one element of one page."""

    rule: str
    source: Source = "ashyq"
    impact: Impact = "moderate"
    needs_review: bool = False
    wcag: list[str] = Field(default_factory=list)
    selector: str = ""
    snippet: str = ""
    message: str = ""
    messages: dict[str, str] = Field(default_factory=dict, description=MESSAGES_ABOUT)
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
    wcag: list[str] = Field(default_factory=list)


class Step(_Model):
    """One action a task took, timed, with the screenshot after it."""

    action: str  # goto | click | open-menu | dismiss-overlay | back | fill | press | select | ...
    label: str = ""
    url: str = ""
    ms: int = 0
    screenshot: str | None = None
    counts_as_click: bool = False


class TaskResult(_Model):
    id: str
    title: str = ""
    status: Status
    clicks: int = 0
    seconds: float = 0.0
    target_url: str | None = None
    optimal_clicks: int | None = None
    within_three_clicks: bool | None = None
    steps: list[Step] = Field(default_factory=list)
    evidence: dict[str, Any] = Field(default_factory=dict)
    message: str = ""
    messages: dict[str, str] = Field(default_factory=dict, description=MESSAGES_ABOUT)


class Timings(_Model):
    ttfb_ms: float | None = None
    dom_content_loaded_ms: float | None = None
    load_ms: float | None = None


class PageResult(_Model):
    url: str
    # "" for the page as served; "low-vision-mode" when audited with the site's own version for
    # the visually impaired switched on (that version must pass the same checks).
    variant: str = ""
    final_url: str | None = None
    http_status: int | None = None
    title: str = ""
    lang: str = ""
    timings: Timings = Field(default_factory=Timings)
    screenshot: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    axe_status: Literal["ok", "timeout", "error", "skipped"] = "skipped"
    error: str | None = None


class SiteResult(_Model):
    url: str
    name: str = ""
    languages: dict[str, str | None] = Field(default_factory=dict)
    tasks: list[TaskResult] = Field(default_factory=list)
    pages: list[PageResult] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    scores: dict[str, float] = Field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0


class ToolInfo(_Model):
    name: str = "ashyq"
    version: str = ""
    axe_version: str = ""
    browser: str = ""


class RunResult(_Model):
    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo = Field(default_factory=ToolInfo)
    started_at: datetime = Field(default_factory=utc_now)
    finished_at: datetime | None = None
    command: str = "run"
    settings: dict[str, Any] = Field(default_factory=dict)
    sites: list[SiteResult] = Field(default_factory=list)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)

    @classmethod
    def from_json(cls, text: str) -> RunResult:
        return cls.model_validate_json(text)


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of result.json (see schema/result.schema.json)."""
    schema = RunResult.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"ashyq result v{SCHEMA_VERSION}"
    return schema
