"""Exit codes of `ashyq`, the usage error, and the exit code of an audit.

A leaf of the CLI package: the parser and every command module import it, it imports none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tester.budget import describe, failed_budgets
from tester.gate import sites_not_audited, threshold_crossed
from tester.i18n import counted
from tester.model import RunResult
from tester.terminal import say

if TYPE_CHECKING:
    from tester.budget import describe, failed_budgets
from tester.gate import Compared

EXIT_OK, EXIT_TOOL, EXIT_THRESHOLD, EXIT_NOT_AUDITED, EXIT_STOPPED = 0, 1, 2, 3, 130

EXIT_CODES_HELP = """exit codes:
  0    done
  1    the tool could not run (usage error, bad URL, config or scenario, no browser), or the
       history database could not record the run (its report folder is written all the same)
  2    a --fail-on threshold was crossed, or a --budget limit was not kept
  3    a site could not be audited (unreachable, DNS or TLS failure, blocked port, home page
       answering >= 400), with or without --fail-on
  130  stopped by Ctrl-C or SIGTERM (the report of what was gathered is written)
  when several apply, the first of 130, 1, 3, 2 wins"""


class UsageError(Exception):
    """A one-line reason shown as `ashyq: error: …` with exit code 1."""


def exit_code(
    result: RunResult, fail_on: list[str], comparison: Compared | None = None
) -> int:
    """3 when a site could not be audited (whatever --fail-on says), else 2 when a threshold
    was crossed (`new:` ones against `comparison`, the run against a --baseline) or a budget
    limit (result.budgets, judged before the report) was not kept, else 0; each reason on its
    own line on stderr."""
    broken = sites_not_audited(result)
    for reason in broken:
        say(f"ashyq: site not audited: {reason}")
    reasons = threshold_crossed(result, fail_on, comparison)
    for reason in reasons:
        say(f"ashyq: threshold crossed: {reason}")
    over_budget = failed_budgets(result)
    for outcome in over_budget:
        say(f"ashyq: budget failed: {describe(outcome)}")
    if result.budgets and not over_budget:
        say(f"ashyq: budget kept: {counted('limit', len(result.budgets))} of {result.budget}")
    for notice in result.notices:
        if notice.id == "budget-not-judged":
            say(f"ashyq: {notice.message}")
    if broken:
        return EXIT_NOT_AUDITED
    return EXIT_THRESHOLD if reasons or over_budget else EXIT_OK
