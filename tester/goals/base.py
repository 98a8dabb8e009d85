"""What every goal recogniser returns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tester.i18n import Message
from tester.snapshot import PageSnapshot

NEWS_URL_TOKENS = {"news", "novosti", "novost", "zhanalyqtar", "janalyqtar", "press", "article",
                   "articles", "events", "media", "smi", "zhanalyktar", "habarlandyru"}
DATE_RE = re.compile(
    r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}\b|\b\d{1,2}\s+[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{3,}"
    r"\s+(?:19|20)\d{2}\b"
)


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
    """A dated news/press item (decoys: 'new order for appeals' is news, not the procedure)."""
    path = urlsplit(snap.url).path.lower()
    tokens = set(re.split(r"[/\-_.]+", path))
    if tokens & NEWS_URL_TOKENS:
        return True
    head = (snap.main_text or "")[:300]
    return bool(DATE_RE.search(head))
