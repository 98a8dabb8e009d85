"""Help that explains itself: each option's default (and the config key and variable behind it),
examples and the exit codes under every command, and value errors told as one line naming the flag.

The registry's ids (tasks, report formats) and the declared options' defaults are filled in only
when help is shown: listing them loads every task module, and with them the browser layer: about
0.2 s that every command (`ashyq diff` included) would pay at start-up for help nobody asked for.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from tester.cli.exits import EXIT_CODES_HELP

TASK_IDS = "{task_ids}"  # placeholders a help string may hold
FORMAT_IDS = "{format_ids}"

# A flag whose setting has another name than the flag's own (--max-pages sets max_pages itself).
FLAG_SETTINGS = {
    "lang": "report_language", "timeout": "navigation_timeout_ms", "max_links": "site_max_links",
    "delay": "delay_s",
}
# How a setting whose default is computed reads in help.
COMPUTED_DEFAULTS = {"tasks": "all", "today": "the real date"}

# Examples shown under each command's help ("ashyq baseline save" is "baseline save").
EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "": (("ashyq run https://akimat.example.kz/", "audit a site end to end"),
         ("ashyq check https://egov.kz/ --checks axe", "axe-core only, on exactly that page"),
         ("ashyq report reports/latest --lang kk", "the reports again, in Kazakh"),
         ("ashyq diff reports/before reports/after", "what changed between two runs"),
         ("ashyq config --max-pages 5", "the settings a run would use, and their sources")),
    "run": (("ashyq run", "audit the bundled demo site"),
            ("ashyq run https://akimat.example.kz/ --max-pages 5 --lang ru", ""),
            ("ashyq run --urls-file sites.txt --jobs 4 --fail-on serious", "exit 2 on serious"),
            ("ashyq run https://akimat.example.kz/ --baseline baseline.json "
             "--fail-on new:serious", "only new violations fail"),
            ("ashyq run https://akimat.example.kz/ --axe-source 4.10.2", "axe-core 4.10.2 "
             "from npm")),
    "check": (("ashyq check https://egov.kz/ https://egov.kz/services", "these two pages only"),
              ("ashyq check https://egov.kz/ --checks axe --formats html", ""),
              ("ashyq check --urls-file pages.txt --fail-on critical --quiet", ""),
              ("ashyq check https://egov.kz/ --axe-source ./axe.min.js", "your own axe-core")),
    "report": (("ashyq report reports/latest", "every report file again"),
               ("ashyq report reports/latest/result.json --lang kk --out /tmp/kk", "in Kazakh"),
               ("ashyq report reports/latest --formats html,pdf", "")),
    "diff": (("ashyq diff reports/before reports/after", "Markdown on stdout"),
             ("ashyq diff reports/before reports/after --out diff/ --fail-on new:serious", ""),
             ("ashyq diff --site https://akimat.example.kz/ --since 30d", "from the history")),
    "baseline save": (("ashyq baseline save reports/latest --out baseline.json", ""),
                      ("ashyq run https://akimat.example.kz/ --baseline baseline.json "
                       "--fail-on new:serious", "then: only what is new fails")),
    "config": (("ashyq config", ""), ("ashyq config --max-pages 5 --checks axe", ""),
               ("ashyq config --json", "for machines")),
    "history": (("ashyq history https://akimat.example.kz/", ""),
                ("ashyq history https://akimat.example.kz/ --since 4w --json", "")),
    "dashboard": (("ashyq dashboard", "reports/dashboard/ from the history"),
                  ("ashyq dashboard --out site/ --lang kk --pdf", "")),
}


class IdsHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Writes the registered ids into help text, and each option's default when its help does
    not say it: the argparse default, or the setting's (with its config key and variable)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        # A description or epilog laid out by hand (examples, exit codes) is kept as written;
        # one long sentence is wrapped to the terminal.
        if "\n" in text:
            return super()._fill_text(text, width, indent)
        return argparse.HelpFormatter._fill_text(self, text, width, indent)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = super()._get_help_string(action)
        if text and (TASK_IDS in text or FORMAT_IDS in text):
            from tester.registry import ids_for_help

            if TASK_IDS in text:
                text = text.replace(TASK_IDS, ", ".join(ids_for_help("tasks")))
            if FORMAT_IDS in text:
                text = text.replace(FORMAT_IDS, ",".join(ids_for_help("formats")))
        if text is None or "default" in text or not action.option_strings or action.nargs == 0:
            return text
        said = default_words(action, sources="config " not in text)
        return f"{text} ({said.replace('%', '%%')})" if said else text


def default_words(action: argparse.Action, sources: bool = True) -> str:
    """"default: X" for an option: its own default, else the setting it overrides (with its
    config key and variable when `sources`); "" if none."""
    if action.default not in (None, "", [], argparse.SUPPRESS):
        return f"default: {action.default}"
    setting = FLAG_SETTINGS.get(action.dest, action.dest)
    default = _setting_default(setting)
    if default is None:
        return ""
    where = f"; config {setting}, env ASHYQ_{setting.upper()}" if sources else ""
    return f"default: {default}{where}"


def _setting_default(name: str) -> str | None:
    from tester.config import CORE_KEYS, Settings, declared_options, plain_value

    if name in COMPUTED_DEFAULTS:
        return COMPUTED_DEFAULTS[name]
    if name in CORE_KEYS:
        value: Any = Settings.model_fields[name].default
    else:
        declared = declared_options()
        if name not in declared:
            return None
        value = declared[name][1].default
    value = plain_value(value)
    if value in ("", [], ()):
        return "none"
    return ",".join(map(str, value)) if isinstance(value, list) else str(value)


def explain(parser: argparse.ArgumentParser, command: str = "") -> None:
    """Give `parser` and every sub-command parser under it the defaults-showing formatter and
    an epilog of examples and exit codes (an epilog of its own is kept, above them)."""
    parser.formatter_class = IdsHelpFormatter
    own = (parser.epilog or "").replace(EXIT_CODES_HELP, "").strip()
    examples = EXAMPLES.get(command, ())
    parts = [own] if own else []
    if examples:
        parts.append("examples:\n" + "\n".join(
            f"  {example}" + (f"\n      # {comment}" if comment else "")
            for example, comment in examples))
    parser.epilog = "\n\n".join([*parts, EXIT_CODES_HELP])
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                if child is not parser:
                    explain(child, f"{command} {name}".strip())


_ARGUMENT = re.compile(r"argument (?P<flags>[^:]+): (?P<rest>.*)", re.DOTALL)
_BAD_VALUE = re.compile(r"invalid (?P<kind>\w+) value: (?P<value>.*)", re.DOTALL)
_BAD_CHOICE = re.compile(r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
                         re.DOTALL)
_KIND_WORDS = {"int": "a whole number", "float": "a number"}


def value_error(message: str) -> str | None:
    """argparse's complaint about a value told as `--flag must be …, not 'x'`; None when the
    message is about something else (an unknown flag, a missing argument)."""
    found = _ARGUMENT.fullmatch(message)
    if not found or not found["flags"].startswith("-"):  # a positional: the usage helps more
        return None
    flag = found["flags"].split("/")[-1]
    rest = found["rest"]
    if bad := _BAD_VALUE.fullmatch(rest):
        words = _KIND_WORDS.get(bad["kind"], "a valid value")
        return f"{flag} must be {words}, not {bad['value']}"
    if bad := _BAD_CHOICE.fullmatch(rest):
        choices = bad["choices"].replace("'", "")
        return f"{flag} must be one of {choices}, not {bad['value']}"
    return None
