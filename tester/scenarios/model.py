"""Scripted scenarios as plain data: what the loader produces and the runner executes.

No Playwright here, so the validator and its tests run without a browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

STEP_KINDS = ("goto", "click", "fill", "press", "select", "hover", "expect", "snapshot", "wait")
TARGET_KINDS = ("role", "text", "label", "css", "placeholder")
EXPECT_KEYS = ("text", "url", "lang", "title", "visible")
LANGUAGES = ("kk", "ru", "en")
MAX_WAIT_MS = 10_000
MAX_STEPS = 200

# The roles Playwright's get_by_role accepts (ARIA 1.2 plus a few HTML-AAM ones).
_ROLE_NAMES = """alert alertdialog application article banner blockquote button caption cell
    checkbox code
    columnheader combobox complementary contentinfo definition deletion dialog directory document
    emphasis feed figure form generic grid gridcell group heading img insertion link list listbox
    listitem log main marquee math menu menubar menuitem menuitemcheckbox menuitemradio meter
    navigation none note option paragraph presentation progressbar radio radiogroup region row
    rowgroup rowheader scrollbar search searchbox separator slider spinbutton status strong
    subscript superscript switch tab table tablist tabpanel term textbox time timer toolbar
    tooltip tree treegrid treeitem"""
ARIA_ROLES = frozenset(_ROLE_NAMES.split())


@dataclass
class ScenarioError:
    """A problem in a scenario file, pointing at the line to fix."""

    file: str
    line: int
    message: str
    warning: bool = False  # warnings are printed but do not make the file invalid

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


def has_errors(problems: list[ScenarioError]) -> bool:
    """True when at least one problem is an error (not just a warning)."""
    return any(not p.warning for p in problems)


@dataclass(frozen=True)
class TextMatch:
    """A substring (case-insensitive, spaces normalised) or a `/regex/` (optionally `/regex/i`)."""

    raw: str
    regex: re.Pattern[str] | None = None

    @property
    def pattern(self) -> str | re.Pattern[str]:
        """What Playwright's get_by_* accepts: the plain string or the compiled regex."""
        return self.regex if self.regex is not None else self.raw

    def matches(self, text: str) -> bool:
        if self.regex is not None:
            return self.regex.search(text) is not None
        return normalise_space(self.raw).casefold() in normalise_space(text).casefold()

    def __str__(self) -> str:
        return self.raw


def normalise_space(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def parse_text_match(raw: str) -> TextMatch:
    """'/…/' or '/…/i' compiles to a regex (re.error propagates); anything else is a substring."""
    match = re.fullmatch(r"/(.+)/(i?)", raw, flags=re.DOTALL)
    if match:
        flags = re.IGNORECASE if match.group(2) else 0
        return TextMatch(raw, re.compile(match.group(1), flags))
    return TextMatch(raw)


@dataclass(frozen=True)
class Target:
    """How a person would point at an element: by role and name, text, label, placeholder or CSS."""

    by: str  # one of TARGET_KINDS
    value: str  # the role, or the CSS selector; for text/label/placeholder the raw text
    match: TextMatch | None = None  # role: accessible name (optional); text/label/placeholder
    exact: bool = False

    def describe(self) -> str:
        if self.by == "role":
            return f"{self.value} '{self.match}'" if self.match else self.value
        if self.by == "css":
            return f"css '{self.value}'"
        return f"{self.by} '{self.match}'"


@dataclass(frozen=True)
class Expectation:
    text: TextMatch | None = None
    url: TextMatch | None = None
    lang: str | None = None
    title: TextMatch | None = None
    visible: Target | None = None

    def describe(self) -> str:
        parts = []
        for key in ("text", "url", "lang", "title"):
            value = getattr(self, key)
            if value is not None:
                parts.append(f"{key} '{value}'")
        if self.visible is not None:
            parts.append(f"visible {self.visible.describe()}")
        return ", ".join(parts)


@dataclass(frozen=True)
class ScenarioStep:
    kind: str  # one of STEP_KINDS
    line: int
    name: str | None = None
    url: str | None = None  # goto
    target: Target | None = None  # click, fill, press (optional), select, hover
    value: str | None = None  # fill value, press key, select option, snapshot name
    expect: Expectation | None = None
    ms: int | None = None  # wait

    def describe(self) -> str:
        """Short text used in messages: "click link 'Байланыс'", "expect text 'Телефон'"."""
        if self.kind == "goto":
            return f"goto {self.url}"
        if self.kind == "expect" and self.expect is not None:
            return f"expect {self.expect.describe()}"
        if self.kind == "wait":
            return f"wait {self.ms} ms"
        if self.kind == "snapshot":
            return f"snapshot '{self.value}'"
        if self.kind == "fill" and self.target is not None:
            return f"fill {self.target.describe()}"
        if self.kind == "press":
            where = f" in {self.target.describe()}" if self.target else ""
            return f"press {self.value}{where}"
        if self.kind == "select" and self.target is not None:
            return f"select '{self.value}' in {self.target.describe()}"
        return f"{self.kind} {self.target.describe() if self.target else ''}".strip()

    @property
    def label(self) -> str:
        return self.name or self.describe()


@dataclass(frozen=True)
class Scenario:
    id: str
    name: str
    file: str
    steps: tuple[ScenarioStep, ...]
    line: int = 1
    start: str | None = None
    language: str | None = None
    description: str = ""
    warnings: tuple[ScenarioError, ...] = field(default_factory=tuple)
