"""Scripted scenarios: YAML files of steps (goto, click, fill, expect, snapshot ...).

`load_scenarios` and `validate_command` need no browser; `run_scenario` drives one through a
TaskEnv. The format is documented in scenarios/README.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tester.scenarios.loader import load_scenario_file, load_scenarios
from tester.scenarios.model import (
    Expectation,
    Scenario,
    ScenarioError,
    ScenarioStep,
    Target,
    TextMatch,
    has_errors,
)

if TYPE_CHECKING:
    from tester.scenarios.runner import run_scenario

__all__ = [
    "Expectation",
    "Scenario",
    "ScenarioError",
    "ScenarioStep",
    "Target",
    "TextMatch",
    "has_errors",
    "load_scenario_file",
    "load_scenarios",
    "run_scenario",
]


def __getattr__(name: str) -> Any:
    # The runner imports Playwright; `ashyq validate` should not pay for that.
    if name == "run_scenario":
        from tester.scenarios.runner import run_scenario

        return run_scenario
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
