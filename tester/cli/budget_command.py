"""The budget file of `ashyq run` / `ashyq check` (--budget, config budget, env ASHYQ_BUDGET):
read before the browser starts, so a broken file costs no audit."""

from __future__ import annotations

from pathlib import Path

from tester.budget import Budget
from tester.budget_file import BudgetError, known_ids, load_budget
from tester.cli.exits import UsageError
from tester.config import Settings


def read_budget(settings: Settings) -> Budget | None:
    """The settings' budget file, validated against this installation's ids; None without one.
    A broken file is a UsageError (exit 1) naming the file, the key and its line."""
    if not settings.budget:
        return None
    from tester.checks.axe_source import axe_script

    checklist = settings.options.get("checklist")
    # The rules of the axe-core that will run: --axe-source may name a newer one.
    axe = axe_script(settings.axe_source, settings.npm_registry).source
    try:
        return load_budget(Path(settings.budget),
                           known_ids(Path(checklist) if checklist else None, axe))
    except BudgetError as exc:
        raise UsageError(str(exc)) from None
