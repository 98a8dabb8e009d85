"""What every goal recogniser returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tester.goals.news import is_news_item
from tester.i18n import Message
from tester.snapshot import PageSnapshot


@dataclass
class GoalCheck:
    """A verdict: met or not, why (a catalog message, goal.*), and what the page showed."""

    met: bool
    reason: Message | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    target_url: str | None = None  # set when the goal is an outbound link (never followed)


def page_text(snap: PageSnapshot) -> str:
    """The text a visitor reads: body text (includes headers/footers, where contacts often live)."""
    return snap.text or snap.main_text or ""


def looks_like_news_item(snap: PageSnapshot) -> bool:
    """A news/press item by its structure (tester/goals/news.py): a dated headline, article
    metadata, a news URL or breadcrumb. Dates in the text (a procedure citing laws) do not count.
    """
    return is_news_item(snap)
