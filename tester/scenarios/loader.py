"""Load and validate scenario files without a browser."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from tester.registry import task_ids
from tester.scenarios.model import Scenario, ScenarioError
from tester.scenarios.parse_steps import Problems, read_language, read_steps, read_string
from tester.scenarios.yamlmarks import MarkedDict, YamlSyntaxError, load_marked

TOP_KEYS = ("name", "id", "start", "language", "description", "steps")
SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 1_000_000
KEBAB_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def id_from_file(path: Path) -> str:
    """demo_Find Contacts.yaml -> demo-find-contacts; 'scenario' when nothing usable is left."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return cleaned or "scenario"


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[ScenarioError]]:
    """Files as given, folders as their *.yaml / *.yml files (sorted, not recursive)."""
    files: list[Path] = []
    errors: list[ScenarioError] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
            if not found:
                errors.append(ScenarioError(str(path), 0, "no *.yaml or *.yml files in folder",
                                            warning=True))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(ScenarioError(str(path), 0, "no such file or folder"))
    return files, errors


def load_scenario_file(path: Path) -> tuple[Scenario | None, list[ScenarioError]]:
    """One file -> a Scenario (None when it has errors) and all errors and warnings found."""
    problems = Problems(str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(0, f"cannot read file: {exc.strerror or exc}")
        return None, problems.items
    if len(data) > MAX_FILE_BYTES:
        problems.error(1, f"file is larger than {MAX_FILE_BYTES // 1000} kB")
        return None, problems.items
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(line, "file is not UTF-8 text")
        return None, problems.items
    try:
        doc = load_marked(text)
    except YamlSyntaxError as exc:
        problems.error(exc.line, exc.message)
        return None, problems.items
    scenario = parse_scenario(doc, path, problems)
    if any(not p.warning for p in problems.items):
        return None, problems.items
    return scenario, problems.items


def parse_scenario(doc: object, path: Path, problems: Problems) -> Scenario | None:
    if doc is None:
        problems.error(1, "file is empty: expected name: and steps:")
        return None
    if not isinstance(doc, MarkedDict):
        problems.error(1, "a scenario file must be a mapping with name: and steps:")
        return None
    problems.duplicates(doc)
    problems.unknown_keys(doc, TOP_KEYS, "scenario")
    for key in ("name", "steps"):
        if key not in doc:
            problems.error(doc.line, f"missing required key '{key}'")
    name = read_string(doc["name"], doc.value_line("name"), "name", problems) if "name" in doc \
        else None
    scenario_id = id_from_file(path)
    if "id" in doc:
        raw_id = read_string(doc["id"], doc.value_line("id"), "id", problems)
        if raw_id is not None and not KEBAB_RE.fullmatch(raw_id):
            problems.error(doc.value_line("id"), f"id '{raw_id}' must be kebab-case "
                                                 "(lowercase letters, digits and dashes)")
        elif raw_id is not None:
            scenario_id = raw_id
    if scenario_id in task_ids():
        problems.warn(doc.value_line("id") if "id" in doc else 1,
                      f"id '{scenario_id}' is also a built-in task id; reports will show both")
    start = _read_start(doc, problems)
    language = read_language(doc["language"], doc.value_line("language"), problems) \
        if "language" in doc else None
    description = ""
    if "description" in doc:
        description = read_string(doc["description"], doc.value_line("description"),
                                  "description", problems) or ""
    steps = read_steps(doc["steps"], doc.line_of("steps"), problems) if "steps" in doc else []
    if not name or not steps:
        return None
    return Scenario(
        id=scenario_id, name=name.strip(), file=str(path), steps=tuple(steps), line=doc.line,
        start=start, language=language, description=description.strip(),
        warnings=tuple(p for p in problems.items if p.warning),
    )


def _read_start(doc: MarkedDict, problems: Problems) -> str | None:
    if "start" not in doc:
        return None
    line = doc.value_line("start")
    start = read_string(doc["start"], line, "start", problems)
    if start is None:
        return None
    parts = urlsplit(start.strip())
    if parts.scheme and (parts.scheme not in ("http", "https") or not parts.netloc):
        problems.error(line, "start must be a path or an http(s) URL")
        return None
    return start.strip()


def load_scenarios(paths: list[Path]) -> tuple[list[Scenario], list[ScenarioError]]:
    """Load every scenario in `paths` (files or folders of *.yaml / *.yml).

    Returns the valid scenarios and all problems; problems with `warning=True` do not stop a
    scenario from loading (see `has_errors`).
    """
    files, problems = expand_paths(paths)
    scenarios: list[Scenario] = []
    seen: dict[str, Scenario] = {}
    for path in files:
        scenario, found = load_scenario_file(path)
        problems.extend(found)
        if scenario is None:
            continue
        first = seen.get(scenario.id)
        if first is not None:
            problems.append(ScenarioError(scenario.file, scenario.line,
                                          f"id '{scenario.id}' is already used by {first.file}"))
            continue
        seen[scenario.id] = scenario
        scenarios.append(scenario)
    return scenarios, problems
