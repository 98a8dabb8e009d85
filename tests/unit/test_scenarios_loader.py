"""The scenario validator, without a browser: every bad fixture file names its own errors.

Files in tests/fixtures/scenarios/bad/ carry trailing comments `# error: text` / `# warning: text`
on the line where the validator must report a problem whose message contains `text`. Lines
without such a comment must get no problem at all (no noise).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tester.scenarios import Scenario, ScenarioError, has_errors, load_scenario_file, load_scenarios
from tester.scenarios.loader import id_from_file
from tester.scenarios.validate import validate_command

FIXTURES = Path(__file__).parents[1] / "fixtures" / "scenarios"
BAD_FILES = sorted((FIXTURES / "bad").glob("*.y*ml"))
ANNOTATION = re.compile(r"#\s*(error|warning):\s*(.+?)\s*$")


def annotations(path: Path) -> list[tuple[int, bool, str]]:
    """(line, is_warning, expected text) from the file's trailing comments."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = ANNOTATION.search(line)
        if match:
            found.append((number, match.group(1) == "warning", match.group(2)))
    return found


def test_there_are_many_bad_fixtures() -> None:
    assert len(BAD_FILES) >= 15
    assert sum(len(annotations(p)) for p in BAD_FILES) >= 45


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_file_reports_each_annotated_problem_on_its_line(path: Path) -> None:
    scenario, problems = load_scenario_file(path)
    expected = annotations(path)
    assert expected, f"{path.name} has no annotations"
    assert scenario is None or not any(not w for _, w, _ in expected)
    for line, is_warning, text in expected:
        at_line = [p for p in problems if p.line == line and p.warning == is_warning]
        assert any(text in p.message for p in at_line), (
            f"{path.name}:{line}: expected {'warning' if is_warning else 'error'} containing "
            f"{text!r}, got {[str(p) for p in problems]}"
        )
    annotated_lines = {line for line, _, _ in expected}
    stray = [str(p) for p in problems if p.line not in annotated_lines]
    assert not stray, f"unexpected problems: {stray}"
    assert all(p.file == str(path) for p in problems)


def test_every_step_kind_and_target_form_loads_cleanly() -> None:
    scenario, problems = load_scenario_file(FIXTURES / "good" / "every-step.yaml")
    assert problems == []
    assert isinstance(scenario, Scenario)
    assert scenario.id == "every-step"
    assert scenario.start == "/ru/"
    assert scenario.language == "ru"
    kinds = [s.kind for s in scenario.steps]
    assert set(kinds) == {"goto", "click", "fill", "press", "select", "hover", "expect",
                          "snapshot", "wait"}
    first = scenario.steps[0]
    assert (first.kind, first.url, first.name, first.line) == (
        "goto", "/ru/index.html", "Open the home page", 9)
    role_click = scenario.steps[2]
    assert role_click.target is not None
    assert (role_click.target.by, role_click.target.value) == ("role", "link")
    assert role_click.target.match is not None and role_click.target.match.raw == "Байланыс"
    assert scenario.steps[3].target is not None and scenario.steps[3].target.by == "text"
    regex_click = scenario.steps[4].target
    assert regex_click is not None and regex_click.match is not None
    assert regex_click.match.regex is not None and regex_click.match.matches("Наши КОНТАКТЫ")
    fill = scenario.steps[6]
    assert fill.value == "050000"  # quoted: the leading zero survives
    assert scenario.steps[8].value == "Tab"  # `press: Tab` shorthand
    expect = scenario.steps[11].expect
    assert expect is not None and expect.lang == "kk"
    assert expect.visible is not None and expect.visible.exact is True
    assert expect.title is not None and expect.title.matches("Байланыс — Аким")
    assert scenario.steps[12].expect is not None
    assert scenario.steps[12].expect.url is not None
    assert scenario.steps[12].expect.url.matches("http://x/kk/index.html")
    assert not scenario.steps[12].expect.url.matches("http://x/ru/index.html")
    assert scenario.steps[-1].ms == 500


def test_id_defaults_from_file_name_and_minimal_file_loads() -> None:
    scenario, problems = load_scenario_file(FIXTURES / "good" / "minimal.yml")
    assert problems == [] and scenario is not None
    assert scenario.id == "minimal" and scenario.name == "Minimal" and scenario.start is None
    assert id_from_file(Path("Demo_Find Contacts.yaml")) == "demo-find-contacts"
    assert id_from_file(Path("байланыс.yaml")) == "scenario"


def test_warnings_do_not_stop_a_scenario_and_wait_is_capped() -> None:
    scenario, problems = load_scenario_file(FIXTURES / "good" / "with-warnings.yaml")
    assert scenario is not None
    assert problems and all(p.warning for p in problems) and not has_errors(problems)
    assert scenario.steps[1].ms == 10_000
    assert scenario.warnings == tuple(problems)


def test_load_scenarios_walks_folders_and_rejects_duplicate_ids() -> None:
    scenarios, problems = load_scenarios([FIXTURES / "dup", FIXTURES / "good"])
    ids = [s.id for s in scenarios]
    assert ids == ["same-id", "every-step", "minimal", "with-warnings"]
    errors = [p for p in problems if not p.warning]
    assert len(errors) == 1 and errors[0].file.endswith("b.yaml") and errors[0].line == 1


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    _, problems = load_scenarios([tmp_path / "nope.yaml", tmp_path])
    assert [(p.message, p.warning) for p in problems] == [
        ("no such file or folder", False),
        ("no *.yaml or *.yml files in folder", True),
    ]


def test_not_utf8_and_too_large(tmp_path: Path) -> None:
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"name: ok\nsteps:\n  - click: \xc0\xe4\n")
    big = tmp_path / "big.yaml"
    big.write_text("name: x\n" + "# padding\n" * 120_000, encoding="utf-8")
    (_, p1), (_, p2) = load_scenario_file(latin), load_scenario_file(big)
    assert [(p.line, p.message) for p in p1] == [(3, "file is not UTF-8 text")]
    assert "larger than" in p2[0].message


def test_error_str_format() -> None:
    assert str(ScenarioError("a.yaml", 3, "boom")) == "a.yaml:3: boom"
    assert str(ScenarioError("a.yaml", 3, "hm", warning=True)) == "a.yaml:3: warning: hm"


def test_validate_command_output_and_exit_codes() -> None:
    out = io.StringIO()
    assert validate_command([FIXTURES / "good"], out=out) == 0
    text = out.getvalue()
    assert "with-warnings.yaml:4: warning: goto leaves for host 'eotinish.kz'" in text
    assert text.strip().splitlines()[-1] == (
        "3 files: 3 valid scenarios with 18 steps, 0 errors in 0 files, 2 warnings"
    )
    out = io.StringIO()
    assert validate_command([FIXTURES / "bad" / "bad-regex.yaml"], out=out) == 1
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith(f"{FIXTURES / 'bad' / 'bad-regex.yaml'}:3: expect text: bad regular")
    assert lines[-1].endswith("3 errors in 1 file, 0 warnings")


def test_validate_command_fails_when_nothing_to_check(tmp_path: Path) -> None:
    out = io.StringIO()
    assert validate_command([tmp_path], out=out) == 1
    assert "0 files:" in out.getvalue()


def test_shipped_example_scenarios_are_valid() -> None:
    examples = Path(__file__).parents[2] / "scenarios"
    out = io.StringIO()
    assert validate_command([examples], out=out) == 0, out.getvalue()
    scenarios, _ = load_scenarios([examples])
    assert {s.id for s in scenarios} >= {"demo-find-contacts", "demo-appeal",
                                          "demo-switch-to-kazakh"}
