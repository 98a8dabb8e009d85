"""The shape of a page check: a browser `gather` step and a pure `audit` step.

`gather` reads what it needs from the loaded page (and must leave the page as it found it:
viewport, styles, focus, scroll), returning plain data. `audit` turns that data into a
CheckResult and never touches the browser, so it is unit-tested without one.
A finding that carries `data["box"] = [x, y, w, h]` and `data["shot"] = "<relative path>"`
gets an outlined copy of that screenshot as its `screenshot` (done by the runner).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tester.env import PageEnv
from tester.model import CheckResult

Gather = Callable[[PageEnv], Awaitable[dict[str, Any]]]
Audit = Callable[[dict[str, Any]], CheckResult]


@dataclass(frozen=True)
class PageCheck:
    id: str  # kebab-case, unique
    group: str  # "axe" | "lowvision"
    gather: Gather
    audit: Audit
    wcag: list[str] = field(default_factory=list)
    title: str = ""
