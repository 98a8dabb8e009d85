"""Reading a budget file (ashyq-budget.toml) strictly: every mistake is one line naming the file,
the key and its line, so CI fails on the file rather than on a budget that silently holds less.

    [findings]              # whole run: confirmed findings of exactly this impact (axe, as
    serious = 0             #   --fail-on counts them)
    [findings.rules]        # whole run: an axe-core rule id or an ashyq check id
    color-contrast = 5
    [findings.per_page]     # the same limits on each page
    critical = 0
    [findings.per_page.rules]
    image-alt = 0
    [tasks]                 # every task ...
    max_clicks = 5
    max_seconds = 60
    [tasks.find-contacts]   # ... or one task
    max_clicks = 3
    [scores]                # each site's score (0-100) at least
    accessibility = 90
    [sections]              # checklist ids or keys (tester/site/checklist.yaml) that must be found
    required = ["contacts", "S06"]
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tester.budget import Budget, FindingLimits, TaskLimits
from tester.model import IMPACT_ORDER

BUDGET_FILE = "ashyq-budget.toml"
TASK_KEYS = ("max_clicks", "max_seconds")


class BudgetError(ValueError):
    """A one-line reason the budget file cannot be used (the CLI exits 1 with it)."""


@dataclass(frozen=True)
class KnownIds:
    """What a budget may name; anything else is a typo to report, not a limit to ignore."""

    rules: frozenset[str]
    tasks: frozenset[str]
    areas: frozenset[str]
    sections: frozenset[str]


def known_ids(checklist: Path | None = None, axe_source: str | None = None) -> KnownIds:
    """The ids of this installation: the rules of the axe-core that will run (`axe_source`,
    its JavaScript; the bundled one by default), the registered checks and tasks (plugins'
    too), the score areas and the checklist's items (ids and keys)."""
    from tester.checks.axe import AXE_SOURCE, ENHANCED_CONTRAST_RULE
    from tester.registry import page_check_specs, site_check_specs, task_ids
    from tester.scores import SCORE_AREAS
    from tester.site.sections import DEFAULT_CHECKLIST, load_checklist

    axe_rules = axe_rule_ids(AXE_SOURCE if axe_source is None else axe_source)
    checks = {spec.id for spec in [*page_check_specs(), *site_check_specs()]}
    items = load_checklist(checklist or DEFAULT_CHECKLIST)
    return KnownIds(
        rules=frozenset(axe_rules | checks | {ENHANCED_CONTRAST_RULE}),
        tasks=frozenset(task_ids()),
        areas=frozenset(SCORE_AREAS),
        sections=frozenset({i.id for i in items} | {i.key for i in items}),
    )


def axe_rule_ids(script: str) -> set[str]:
    """The rule list of an axe-core script: its `rules:[…]`, up to its `checks:[…]` (minified
    `rules:[{id:"x",` and the readable build's `rules: [ { id: 'x',` alike)."""
    start = re.search(r"rules:\s*\[\s*\{\s*id:", script)
    if start is None:
        return set()
    end = re.compile(r"checks:\s*\[\s*\{\s*id:").search(script, start.start())
    body = script[start.start():end.start() if end else len(script)]
    return set(re.findall(r"\{\s*id:\s*[\"']([a-z0-9-]+)[\"']\s*,", body))


class _Reader:
    def __init__(self, text: str, source: str, known: KnownIds) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.known = known

    def fail(self, key: str, problem: str) -> BudgetError:
        line = self._line_of(key)
        where = f"{self.source}:{line}" if line else self.source
        return BudgetError(f"{where}: {key}: {problem}")

    def _line_of(self, dotted: str) -> int | None:
        """The first line that sets or opens the key's last part (a good guess, not a parser)."""
        last = re.escape(dotted.rsplit(".", 1)[-1])
        pattern = re.compile(rf'^\s*(\[+[^\]]*\b{last}\b[^\]]*\]+|"?{last}"?\s*=)')
        return next((n for n, line in enumerate(self.lines, 1) if pattern.search(line)), None)

    def table(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table, not {_kind(value)}")
        return value

    def count(self, value: Any, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(key, f"must be a whole number 0 or more, not {value!r}")
        return value

    def number(self, value: Any, key: str, low: float, high: float | None = None) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < low or (
                high is not None and value > high):
            span = f"from {low:g} to {high:g}" if high is not None else f"{low:g} or more"
            raise self.fail(key, f"must be a number {span}, not {value!r}")
        return float(value)

    def unknown(self, key: str, name: str, choices: frozenset[str] | tuple[str, ...]) -> None:
        if name not in choices:
            near = difflib.get_close_matches(name, list(choices), n=1)
            hint = f"did you mean {near[0]!r}?" if near else (
                "use one of: " + ", ".join(sorted(choices)) if len(choices) <= 12 else
                "see README 'Budgets' for the ids")
            raise self.fail(key, f"unknown {name!r}; {hint}")


def _kind(value: Any) -> str:
    return {dict: "a table", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), type(value).__name__)


def _finding_limits(r: _Reader, raw: Any, key: str, nested: bool) -> FindingLimits:
    table = r.table(raw, key)
    impacts: dict[str, int] = {}
    rules: dict[str, int] = {}
    for name, value in table.items():
        here = f"{key}.{name}"
        if name == "rules":
            for rule, limit in r.table(value, here).items():
                r.unknown(f"{here}.{rule}", rule, r.known.rules)
                rules[rule] = r.count(limit, f"{here}.{rule}")
        elif name == "per_page" and nested:
            continue  # read by the caller
        else:
            r.unknown(here, name, (*IMPACT_ORDER, "rules", *(["per_page"] if nested else [])))
            impacts[name] = r.count(value, here)
    return FindingLimits(impacts, rules)


def _task_limits(r: _Reader, table: dict[str, Any], key: str) -> TaskLimits:
    clicks = table.get("max_clicks")
    seconds = table.get("max_seconds")
    return TaskLimits(
        max_clicks=None if clicks is None else r.count(clicks, f"{key}.max_clicks"),
        max_seconds=None if seconds is None else r.number(seconds, f"{key}.max_seconds", 0),
    )


def _tasks(r: _Reader, raw: Any) -> tuple[TaskLimits, dict[str, TaskLimits]]:
    table = r.table(raw, "tasks")
    per_task: dict[str, TaskLimits] = {}
    for name, value in table.items():
        if name in TASK_KEYS:
            continue
        r.unknown(f"tasks.{name}", name, r.known.tasks)
        own = r.table(value, f"tasks.{name}")
        for inner in own:
            r.unknown(f"tasks.{name}.{inner}", inner, TASK_KEYS)
        per_task[name] = _task_limits(r, own, f"tasks.{name}")
    return _task_limits(r, table, "tasks"), per_task


def _sections(r: _Reader, raw: Any) -> tuple[str, ...]:
    table = r.table(raw, "sections")
    for name in table:
        r.unknown(f"sections.{name}", name, ("required",))
    required = table.get("required", [])
    if not isinstance(required, list) or not all(isinstance(s, str) for s in required):
        raise r.fail("sections.required", "must be a list of checklist ids or keys")
    for section in required:
        r.unknown("sections.required", section, r.known.sections)
    return tuple(dict.fromkeys(required))


def parse_budget(text: str, source: str, known: KnownIds) -> Budget:
    """The budget in `text` (TOML), or BudgetError naming `source`, the key and its line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BudgetError(f"{source}: {exc}") from None
    r = _Reader(text, source, known)
    for name in data:
        r.unknown(name, name, ("findings", "tasks", "scores", "sections"))
    findings = data.get("findings", {})
    per_page = r.table(findings, "findings").get("per_page", {})
    all_tasks, tasks = _tasks(r, data.get("tasks", {}))
    scores: dict[str, float] = {}
    for area, minimum in r.table(data.get("scores", {}), "scores").items():
        r.unknown(f"scores.{area}", area, known.areas)
        scores[area] = r.number(minimum, f"scores.{area}", 0, 100)
    return Budget(
        source=source,
        findings=_finding_limits(r, findings, "findings", nested=True),
        per_page=_finding_limits(r, per_page, "findings.per_page", nested=False),
        all_tasks=all_tasks, tasks=tasks, scores=scores,
        sections=_sections(r, data.get("sections", {})),
    )


def load_budget(path: Path, known: KnownIds | None = None) -> Budget:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BudgetError(f"budget file not found: {path}") from None
    except OSError as exc:
        raise BudgetError(f"cannot read budget file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BudgetError(f"{path}: not UTF-8 text") from None
    return parse_budget(text, str(path), known or known_ids())
