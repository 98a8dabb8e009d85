"""`ashyq validate`: check scenario files without a browser."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = sub.add_parser("validate", help="check scenario files without a browser")
    validate.add_argument("paths", nargs="+", type=Path)
    validate.set_defaults(handler=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    from tester.scenarios.validate import validate_command

    return validate_command(args.paths)
