"""`ashyq config`: the effective settings and where each came from.

Sources, lowest first: built-in defaults < playwright.config.toml < ASHYQ_* environment < flags.
The flags are those of `ashyq run` (parsed by its own parser), so `ashyq config --today
2026-12-03 --checks axe` shows what a run with those flags would use. The text output is valid
TOML: a line can be pasted into playwright.config.toml as it is.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from tester.cli.args import settings_from_args
from tester.cli.exits import EXIT_OK
from tester.config import Settings, declared_options, find_config_file, plain_value

SOURCE_WORDS = {"default": "default", "file": "", "env": "env", "flag": "flag",
                "override": "set by code"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = sub.add_parser(
        "config",
        parents=[_flags_of(sub.choices["run"])],  # audit registers `run` first (COMMAND_MODULES)
        help="print the effective settings and where each came from",
        description="Print every setting (built-in ones, then the options checks and tasks "
        "declare) with its value and source: default, the config file, an ASHYQ_* variable or "
        "a flag. Takes the flags of `ashyq run`, to show what such a run would use.",
    )
    config.add_argument("--json", action="store_true", help="JSON for machines")
    config.set_defaults(handler=cmd_config)


def _flags_of(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """A parent parser with `parser`'s flags, so `config` accepts exactly what `run` does.

    argparse has no public way to list a parser's actions; the actions are shared, not copied."""
    parent = argparse.ArgumentParser(add_help=False)
    for action in parser._actions:
        if action.option_strings and not isinstance(action, argparse._HelpAction):
            parent._add_action(action)
    return parent


def describe(settings: Settings) -> list[dict[str, Any]]:
    """One row per setting: name, value, source (kind and detail), owner and help."""
    declared = declared_options()
    rows = []
    for name, (kind, detail) in settings.sources().items():
        if name in declared:
            owner, option = declared[name]
            value, help_text = settings.option(name), option.help
        else:
            owner, value = "", getattr(settings, name)
            help_text = Settings.model_fields[name].description or ""
        if name == "db" and "://" in str(value):
            from tester.history.store import shown  # SQLAlchemy: imported only when needed

            value = shown(str(value))  # a database URL may carry a password: never print it
        rows.append({"name": name, "value": plain_value(value), "source": kind, "from": detail,
                     "owner": owner, "help": help_text, "raw": value})
    return rows


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, date):  # a TOML date, unquoted
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # text and paths


def render_text(rows: list[dict[str, Any]], config_file: str) -> str:
    lines = [
        "# Effective settings: built-in defaults < playwright.config.toml < ASHYQ_* environment"
        " < flags.",
        f"# Config file: {config_file or 'none found'}",
    ]
    for section, own in (("settings", False), ("options", True)):
        lines += ["", f"[{section}]"]
        if own:
            lines.append("# declared by checks, tasks and site gathering (their owner named)")
        for row in (r for r in rows if bool(r["owner"]) == own):
            source = " ".join(w for w in (SOURCE_WORDS[row["source"]], row["from"]) if w)
            owner = f"; {row['owner']}" if own else ""
            lines.append(f"# {row['help']}")
            lines.append(f"{row['name']} = {_toml(row['raw'])}  # {source}{owner}")
    return "\n".join(lines) + "\n"


def cmd_config(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    config_file = args.config or find_config_file()
    rows = describe(settings)
    if args.json:
        plain = [{k: v for k, v in row.items() if k != "raw"} for row in rows]
        print(json.dumps({"config_file": str(config_file) if config_file else None,
                          "settings": plain}, ensure_ascii=False, indent=2))
    else:
        print(render_text(rows, str(config_file or "")), end="")
    return EXIT_OK
