"""The `ashyq` argument parser, assembled from the command modules listed in COMMAND_MODULES."""

from __future__ import annotations

import argparse
import sys
from types import ModuleType
from typing import NoReturn

from tester import __version__
from tester.cli import (
    audit,
    baseline_command,
    config_command,
    dashboard_command,
    db_command,
    demo,
    diff_command,
    fleet_command,
    history_command,
    report,
    schema,
    validate,
)
from tester.cli.exits import EXIT_TOOL
from tester.cli.helptext import explain, value_error

# Each sub-command lives in a module with `register(sub)`, which adds its parser(s) and sets
# `handler` (a function args -> exit code). To add a command, write such a module and list it
# here; `ashyq --help` shows the commands in this order.
COMMAND_MODULES: tuple[ModuleType, ...] = (
    audit, report, demo, validate, schema, config_command, db_command, baseline_command,
    diff_command, history_command, dashboard_command, fleet_command,
)


class Parser(argparse.ArgumentParser):
    """argparse exits 2 on a usage error; ashyq keeps 2 for a crossed threshold, so 1 here.

    A bad value (`--max-pages x`) is one line naming the flag; other usage errors (an unknown
    flag, a missing argument) print the usage first. Sub-command parsers are made from this
    class too (add_subparsers uses type(parser)).
    """

    def error(self, message: str) -> NoReturn:
        line = value_error(message)
        if line is None:
            self.print_usage(sys.stderr)
        self.exit(EXIT_TOOL, f"{self.prog}: error: {line or message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="ashyq",
        description="Audit government websites as a citizen would: tasks, axe-core, low-vision "
        "and Kazakh-rules checks, with JSON/HTML/JUnit reports.",
    )
    parser.add_argument("--version", action="version", version=f"ashyq {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    explain(parser)  # defaults, examples and exit codes under every command's help
    return parser
