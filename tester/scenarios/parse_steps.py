"""Validation of the `steps:` list: each step, target and expectation, with line numbers."""

from __future__ import annotations

import difflib
import re
from typing import Any
from urllib.parse import urlsplit

from tester.scenarios.model import (
    ARIA_ROLES,
    EXPECT_KEYS,
    LANGUAGES,
    MAX_STEPS,
    MAX_WAIT_MS,
    STEP_KINDS,
    TARGET_KINDS,
    Expectation,
    ScenarioError,
    ScenarioStep,
    Target,
    TextMatch,
    parse_text_match,
)
from tester.scenarios.yamlmarks import MarkedDict, MarkedList

# Playwright key names a person is likely to script; single characters are always allowed.
_KEY_NAMES = """Enter Tab Escape Backspace Delete Space Home End PageUp PageDown Insert
    ArrowUp ArrowDown
    ArrowLeft ArrowRight F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 Shift Control Alt Meta
    ControlOrMeta"""
KEY_NAMES = frozenset(_KEY_NAMES.split())
LANG_RE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


class Problems:
    """Collects errors and warnings for one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[ScenarioError] = []

    def error(self, line: int, message: str) -> None:
        self.items.append(ScenarioError(self.file, line, message))

    def warn(self, line: int, message: str) -> None:
        self.items.append(ScenarioError(self.file, line, message, warning=True))

    def unknown_keys(self, mapping: MarkedDict, allowed: tuple[str, ...], where: str) -> bool:
        """Report keys not in `allowed`; True when there were any."""
        unknown = False
        for key in mapping:
            if key not in allowed:
                hint = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.7)
                extra = f" (did you mean '{hint[0]}'?)" if hint else ""
                choices = ", ".join(allowed)
                self.error(mapping.line_of(key), f"unknown key '{key}' in {where}{extra}; "
                           f"expected one of: {choices}")
                unknown = True
        return unknown

    def duplicates(self, mapping: MarkedDict) -> None:
        for key, line in mapping.duplicates:
            self.error(line, f"key '{key}' appears twice")


def type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def read_string(value: Any, line: int, what: str, problems: Problems) -> str | None:
    """A non-empty string; numbers are refused (a quoted value keeps leading zeros)."""
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, str):
        problems.error(line, f"{what} is empty")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        problems.error(line, f"{what} must be text, got {type_name(value)}: put it in quotes")
    else:
        problems.error(line, f"{what} must be text, got {type_name(value)}")
    return None


def read_match(value: Any, line: int, what: str, problems: Problems) -> TextMatch | None:
    raw = read_string(value, line, what, problems)
    if raw is None:
        return None
    try:
        return parse_text_match(raw)
    except re.error as exc:
        problems.error(line, f"{what}: bad regular expression {raw}: {exc}")
        return None


def read_target(value: Any, line: int, where: str, problems: Problems) -> Target | None:
    """A plain string (text) or a mapping with exactly one of role/text/label/css/placeholder."""
    if isinstance(value, str):
        match = read_match(value, line, f"{where} target text", problems)
        return Target("text", value, match) if match else None
    if not isinstance(value, MarkedDict):
        problems.error(line, f"{where} target must be text or a mapping like "
                             f"{{role: link, name: \"...\"}}, got {type_name(value)}")
        return None
    problems.duplicates(value)
    kinds = [k for k in value if k in TARGET_KINDS]
    allowed: tuple[str, ...] = (*TARGET_KINDS, "exact", "name")
    unknown = problems.unknown_keys(value, allowed, f"{where} target")
    if len(kinds) > 1 or (not kinds and not unknown):
        found = ", ".join(kinds) if kinds else "none"
        problems.error(value.line, f"{where} target needs exactly one of "
                                   f"{', '.join(TARGET_KINDS)} (found {found})")
        return None
    if not kinds:
        return None
    by = kinds[0]
    by_line = value.value_line(by)
    exact = value.get("exact", False)
    if not isinstance(exact, bool):
        problems.error(value.line_of("exact"), "exact must be true or false")
        exact = False
    if "name" in value and by != "role":
        problems.error(value.line_of("name"), f"name is only used with role (this target is {by})")
    if by == "role":
        role = read_string(value[by], by_line, "role", problems)
        if role is None:
            return None
        if role not in ARIA_ROLES:
            hint = difflib.get_close_matches(role, sorted(ARIA_ROLES), n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.error(by_line, f"unknown ARIA role '{role}'{extra}")
            return None
        name = None
        if "name" in value:
            name = read_match(value["name"], value.value_line("name"), "role name", problems)
            if name is None:
                return None
        return Target("role", role, name, exact)
    if by == "css":
        css = read_string(value[by], by_line, "css selector", problems)
        return Target("css", css.strip()) if css else None
    match = read_match(value[by], by_line, f"{by}", problems)
    return Target(by, value[by], match, exact) if match else None


def read_expect(value: Any, line: int, problems: Problems) -> Expectation | None:
    if not isinstance(value, MarkedDict) or not value:
        problems.error(line, "expect needs a mapping with at least one of "
                             f"{', '.join(EXPECT_KEYS)}, got {type_name(value)}")
        return None
    problems.duplicates(value)
    problems.unknown_keys(value, EXPECT_KEYS, "expect")
    count_before = len([p for p in problems.items if not p.warning])
    found: dict[str, Any] = {}
    for key in ("text", "url", "title"):
        if key in value:
            found[key] = read_match(value[key], value.value_line(key), f"expect {key}", problems)
    if "lang" in value:
        lang = read_string(value["lang"], value.value_line("lang"), "expect lang", problems)
        if lang is not None and not LANG_RE.fullmatch(lang):
            problems.error(value.value_line("lang"), f"expect lang '{lang}' is not a language "
                                                     "code like kk, ru, en or kk-KZ")
        found["lang"] = lang
    if "visible" in value:
        found["visible"] = read_target(value["visible"], value.value_line("visible"),
                                       "expect visible", problems)
    if len([p for p in problems.items if not p.warning]) > count_before or not found:
        return None
    return Expectation(**found)


def read_goto(value: Any, line: int, problems: Problems) -> str | None:
    url = read_string(value, line, "goto", problems)
    if url is None:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        problems.error(line, f"goto must be a path or an http(s) URL, not {parts.scheme}:")
        return None
    if parts.scheme and not parts.netloc:
        problems.error(line, f"goto URL {url} has no host")
        return None
    if url.startswith("//") or parts.netloc:
        problems.warn(line, f"goto leaves for host '{parts.hostname}': allowed only when that is "
                            "the audited site; otherwise the run reports the step as failed")
    return url


def read_step(raw: Any, line: int, index: int, problems: Problems) -> ScenarioStep | None:
    where = f"step {index}"
    if isinstance(raw, str) and raw in STEP_KINDS:
        problems.error(line, f"{where}: '{raw}' needs a value, e.g. '- {raw}: ...'")
        return None
    if not isinstance(raw, MarkedDict):
        problems.error(line, f"{where} must be a mapping like '- click: ...', got {type_name(raw)}")
        return None
    problems.duplicates(raw)
    kinds = [k for k in raw if k in STEP_KINDS]
    unknown = problems.unknown_keys(raw, (*STEP_KINDS, "name"), where)
    if not kinds and unknown:
        return None
    if len(kinds) != 1:
        detail = f"found {', '.join(kinds)}" if kinds else "found none"
        at = raw.line_of(kinds[1]) if len(kinds) > 1 else line  # point at the extra action
        problems.error(at, f"{where} needs exactly one action of {', '.join(STEP_KINDS)} "
                           f"({detail})")
        return None
    kind = kinds[0]
    name = None
    if "name" in raw:
        name = read_string(raw["name"], raw.value_line("name"), f"{where} name", problems)
    value, vline = raw[kind], raw.value_line(kind)
    step_line = raw.line_of(kind)
    label = f"{where} ({kind})"
    if kind == "goto":
        url = read_goto(value, vline, problems)
        return ScenarioStep(kind, step_line, name, url=url) if url else None
    if kind in ("click", "hover"):
        target = read_target(value, vline, label, problems)
        return ScenarioStep(kind, step_line, name, target=target) if target else None
    if kind == "snapshot":
        title = read_string(value, vline, f"{label} name", problems)
        return ScenarioStep(kind, step_line, name, value=title) if title else None
    if kind == "expect":
        expect = read_expect(value, vline, problems)
        return ScenarioStep(kind, step_line, name, expect=expect) if expect else None
    if kind == "press" and isinstance(value, str):
        value = _shorthand_key(value, vline)
    if not isinstance(value, MarkedDict):
        problems.error(vline, f"{label} needs a mapping, got {type_name(value)}")
        return None
    problems.duplicates(value)
    return _read_keyed_step(kind, value, step_line, name, label, problems)


def _shorthand_key(key: str, line: int) -> MarkedDict:
    """`press: Enter` is read as `press: {key: Enter}`."""
    mapping = MarkedDict()
    mapping.line = line
    mapping["key"] = key
    mapping.key_lines["key"] = mapping.value_lines["key"] = line
    return mapping


def _read_keyed_step(kind: str, value: MarkedDict, line: int, name: str | None, label: str,
                     problems: Problems) -> ScenarioStep | None:
    fields = {"fill": ("target", "value"), "press": ("key", "target"),
              "select": ("target", "option"), "wait": ("ms",)}[kind]
    problems.unknown_keys(value, fields, label)
    required = [f for f in fields if not (kind == "press" and f == "target")]
    missing = [f for f in required if f not in value]
    if missing:
        problems.error(value.line, f"{label} is missing {', '.join(missing)}")
        return None
    if kind == "wait":
        ms = value["ms"]
        if isinstance(ms, bool) or not isinstance(ms, int) or ms < 0:
            problems.error(value.value_line("ms"), f"{label}: ms must be a whole number >= 0")
            return None
        if ms > MAX_WAIT_MS:
            problems.warn(value.value_line("ms"), f"{label}: {ms} ms is capped at {MAX_WAIT_MS} ms")
            ms = MAX_WAIT_MS
        return ScenarioStep(kind, line, name, ms=ms)
    target = None
    if "target" in value:
        target = read_target(value["target"], value.value_line("target"), label, problems)
        if target is None:
            return None
    text_key = {"fill": "value", "press": "key", "select": "option"}[kind]
    text = read_string(value[text_key], value.value_line(text_key), f"{label} {text_key}",
                       problems)
    if text is None:
        return None
    if kind == "press" and not _valid_key(text):
        problems.error(value.value_line("key"), f"{label}: unknown key '{text}' (use names like "
                                                "Enter, Tab, Escape, ArrowDown, or Control+A)")
        return None
    return ScenarioStep(kind, line, name, target=target, value=text)


def _valid_key(key: str) -> bool:
    parts = key.split("+")
    return all(len(p) == 1 or p in KEY_NAMES for p in parts) and all(parts)


def read_steps(raw: Any, line: int, problems: Problems) -> list[ScenarioStep]:
    if not isinstance(raw, MarkedList):
        problems.error(line, f"steps must be a list ('- goto: /'), got {type_name(raw)}")
        return []
    if not raw:
        problems.error(line, "steps is empty: a scenario needs at least one step")
        return []
    if len(raw) > MAX_STEPS:
        problems.error(line, f"too many steps ({len(raw)}); at most {MAX_STEPS}")
        return []
    steps = []
    for i, item in enumerate(raw):
        step = read_step(item, raw.line_of(i), i + 1, problems)
        if step is not None:
            steps.append(step)
    return steps


def read_language(value: Any, line: int, problems: Problems) -> str | None:
    lang = read_string(value, line, "language", problems)
    if lang is not None and lang not in LANGUAGES:
        problems.error(line, f"language must be one of {', '.join(LANGUAGES)}, not '{lang}'")
        return None
    return lang
