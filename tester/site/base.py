"""The shape of a site check: a pure function of what the run gathered about the whole site.

A site check never touches the browser or the network: `gather_site` (tester/site/gather.py)
has already fetched what site checks read (link statuses, /sitemap.xml, other-language
versions), and the page snapshots come from the pages the run audited. So a site check is
unit-tested with hand-made artifacts, and re-run offline on saved ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tester.config import Settings
from tester.model import CheckResult
from tester.options import Option
from tester.site.data import SiteArtifacts
from tester.snapshot import PageSnapshot


@dataclass(frozen=True)
class SiteContext:
    """Everything a site check may read."""

    artifacts: SiteArtifacts
    snapshots: list[PageSnapshot]
    today: date  # the date verdicts are judged against (settings.today in a run)
    settings: Settings = field(default_factory=Settings)

    def option(self, name: str) -> Any:
        """A declared option's value (its default when unset)."""
        return self.settings.option(name)


SiteAudit = Callable[[SiteContext], CheckResult]


@dataclass(frozen=True)
class SiteCheck:
    """A site check as it declares itself (in its module: `SITE_CHECK = SiteCheck(...)`)."""

    id: str  # kebab-case, unique among page and site checks
    audit: SiteAudit
    title: str = ""  # English, one line, for docs and for reports without a catalog entry
    options: tuple[Option, ...] = ()  # settings it reads with ctx.option(name)
    wcag: tuple[str, ...] = ()
    # Items of the Kazakh rules' checklist it checks (shared/reference/kz-gov-sites.md §1.5,
    # e.g. Q02 broken links, S08 news daily) and the act behind them.
    rules: tuple[str, ...] = ()
    title_key: str = ""  # report catalog key of the title; "" means check.title.<id>
    message_prefix: str = ""  # catalog key prefix of its messages; "" means check.<id>.

    def __post_init__(self) -> None:
        if not self.title_key:
            object.__setattr__(self, "title_key", f"check.title.{self.id}")
        if not self.message_prefix:
            object.__setattr__(self, "message_prefix", f"check.{self.id}.")
