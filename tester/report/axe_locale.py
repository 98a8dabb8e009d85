"""axe-core's own translations of its rule help, looked up by rule id when the report is written.

axe-core ships locales/<lang>.json files (ru among them, no kk) in its npm package, not in the
copy bundled by axe-playwright-python. A report in ru shows axe's help in Russian when such a
file is found: in the folders named by ASHYQ_AXE_LOCALES (e.g. node_modules/axe-core/locales),
else in those of the versions `--axe-source VERSION` fetched (newest first), else beside the
bundled axe.min.js. The browser run is unchanged (axe still reports in English);
without a file the English help is shown marked as English.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib.util import find_spec
from pathlib import Path

ENV_VARIABLE = "ASHYQ_AXE_LOCALES"
MAX_LOCALE_BYTES = 2_000_000  # axe-core's largest locale is ~70 kB


def locale_dirs() -> list[Path]:
    """Where axe-core locale files are looked for, first match wins."""
    named = [Path(part) for part in os.environ.get(ENV_VARIABLE, "").split(os.pathsep) if part]
    spec = find_spec("axe_playwright_python")  # finds the package without importing it
    bundled = [Path(spec.origin).parent / "locales"] if spec and spec.origin else []
    return named + fetched_locale_dirs() + bundled


def fetched_locale_dirs() -> list[Path]:
    """The locales of the axe-core versions --axe-source fetched from npm, newest first."""
    from tester.axe_cache import cache_root, version_key

    try:
        found = list(cache_root(os.environ).glob("*/locales"))
    except OSError:
        return []
    return sorted(found, key=lambda p: version_key(p.parent.name), reverse=True)


@cache
def _rules(language: str, dirs: tuple[Path, ...]) -> dict[str, str]:
    for folder in dirs:
        path = folder / f"{language}.json"
        try:
            if not path.is_file() or path.stat().st_size > MAX_LOCALE_BYTES:
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # an unreadable file is no locale: English help, marked
        rules = data.get("rules") if isinstance(data, dict) else None
        if isinstance(rules, dict):
            return {str(rule): text["help"].strip() for rule, text in rules.items()
                    if isinstance(text, dict) and isinstance(text.get("help"), str)
                    and text["help"].strip()}
    return {}


def rule_help(rule: str, language: str) -> str | None:
    """axe-core's help for `rule` in `language`, when a locale file has it."""
    if language == "en":
        return None  # axe's own text is English already
    return _rules(language, tuple(locale_dirs())).get(rule)
