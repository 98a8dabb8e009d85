"""A setting that a check, task or report format declares for itself.

Every option lives in one namespace (the keys of `playwright.config.toml` and `ASHYQ_<NAME>`), so
names are snake_case and unique across the tool and its plugins; the registry refuses duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Option:
    name: str  # snake_case settings key, e.g. "min_font_px"
    default: Any
    kind: type  # int | float | bool | str | tuple (a tuple of strings)
    help: str  # one line, English, shown by `ashyq config` and in docs
    minimum: float | None = None  # for int/float: values below are a ConfigError
    choices: tuple[str, ...] = ()  # for str: the allowed values (empty: any)
