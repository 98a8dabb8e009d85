"""Where `--axe-source VERSION` keeps the axe-core versions it fetched from npm (and their
locale files): plain paths, no network, so the report can read the locales too."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def cache_root(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ashyq" / "axe"


def version_key(text: str) -> tuple[int, ...]:
    head = text.split("-", 1)[0]
    return tuple(int(p) for p in head.split(".") if p.isdigit())
