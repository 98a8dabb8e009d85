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
from typing import TYPE_CHECKING, Any

from tester.model import CheckResult
from tester.options import Option

if TYPE_CHECKING:  # the spec stays pure data: the registry reads it without the browser layer
    from tester.env import PageEnv

Gather = Callable[["PageEnv"], Awaitable[dict[str, Any]]]
Audit = Callable[[dict[str, Any]], CheckResult]


# Which check groups each `checks` depth (settings / --checks) runs. axe-core is the "axe" group
# (run by the runner itself, its findings go to PageResult.findings); every PageCheck has a group.
# A plugin's own group runs at depth "all".
DEPTH_GROUPS: dict[str, frozenset[str] | None] = {
    "axe": frozenset({"axe"}),
    "lowvision": frozenset({"lowvision"}),
    "all": None,  # every group
    "none": frozenset(),
}


def runs_group(depth: str, group: str) -> bool:
    """Does the `checks` depth run this group of checks?"""
    groups = DEPTH_GROUPS.get(depth, frozenset())
    return groups is None or group in groups


@dataclass(frozen=True)
class PageCheck:
    """A page check as it declares itself (in its module: `CHECK = PageCheck(...)`)."""

    id: str  # kebab-case, unique among page and site checks
    group: str  # "lowvision" for the built-ins; see DEPTH_GROUPS
    gather: Gather
    audit: Audit
    wcag: list[str] = field(default_factory=list)
    title: str = ""  # English, one line, for docs and for reports without a catalog entry
    options: tuple[Option, ...] = ()  # settings it reads with env.settings.option(name)
    title_key: str = ""  # report catalog key of the title; "" means check.title.<id>
    # Catalog key prefix of its messages; "" means "<group>." (the low-vision battery shares
    # lowvision.*: several checks report the same kind of finding).
    message_prefix: str = ""

    def __post_init__(self) -> None:
        if not self.title_key:
            object.__setattr__(self, "title_key", f"check.title.{self.id}")
        if not self.message_prefix:
            object.__setattr__(self, "message_prefix", f"{self.group}.")
