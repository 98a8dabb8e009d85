"""`ashyq` command line.

Exit codes:
  0    done
  1    the tool could not run: a usage error (unknown flag, bad value, no command), a bad URL,
       config or scenario, no browser; or the history database could not record the run (the
       report folder is written all the same)
  2    a --fail-on threshold was crossed, or a --budget limit was not kept
  3    a site could not be audited (unreachable, DNS or TLS failure, a blocked port, a home page
       answering >= 400; for `check`, a host none of whose pages could be audited), with or
       without --fail-on. Distinct from 1 so CI can tell a site that was not ready (retry)
       from a misconfigured tool, and from 2 so it is never mistaken for a verdict on the site.
  130  stopped by Ctrl-C or SIGTERM; the report of what was gathered is written
When several apply, the first in this order wins: 130, 1, 3, 2.

Modules, each importing only those before it: exits (codes, UsageError, exit_code) -> args
(reading values) -> one module per command (audit, report, demo, validate, schema,
config_command, db_command, baseline_command, diff_command, history_command) -> parser
(assembles them; COMMAND_MODULES is where a new command is listed)
-> this module (main). An import-linter contract keeps the package free of cycles.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tester.cli.args import (
    FAIL_ON_CHOICES,
    parse_fail_on,
    parse_formats,
    read_urls_file,
    settings_from_args,
    validate_urls,
)
from tester.cli.audit import default_out_dir, point_latest
from tester.cli.exits import (
    EXIT_CODES_HELP,
    EXIT_NOT_AUDITED,
    EXIT_OK,
    EXIT_STOPPED,
    EXIT_THRESHOLD,
    EXIT_TOOL,
    UsageError,
    exit_code,
)
from tester.cli.parser import COMMAND_MODULES, Parser, build_parser
from tester.config import ConfigError
from tester.gate import sites_not_audited, threshold_crossed
from tester.terminal import say

__all__ = [
    "COMMAND_MODULES",
    "EXIT_CODES_HELP",
    "EXIT_NOT_AUDITED",
    "EXIT_OK",
    "EXIT_STOPPED",
    "EXIT_THRESHOLD",
    "EXIT_TOOL",
    "FAIL_ON_CHOICES",
    "Parser",
    "UsageError",
    "build_parser",
    "default_out_dir",
    "exit_code",
    "main",
    "parse_fail_on",
    "parse_formats",
    "point_latest",
    "read_urls_file",
    "settings_from_args",
    "sites_not_audited",
    "threshold_crossed",
    "validate_urls",
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_usage(sys.stderr)
        print("ashyq: error: a command is required (ashyq --help lists them)", file=sys.stderr)
        return EXIT_TOOL
    try:
        return int(args.handler(args))
    except (UsageError, ConfigError) as exc:
        say(f"ashyq: error: {exc}")
        return EXIT_TOOL
    except KeyboardInterrupt:
        say("ashyq: interrupted")
        return EXIT_STOPPED
