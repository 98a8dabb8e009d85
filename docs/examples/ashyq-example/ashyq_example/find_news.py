"""find-news: reach the news section from the home page, as a citizen would.

A task is an async function of an Explorer (tester/navigator/explorer.py), which clicks like a
person, counts the clicks and keeps to the click and time budgets. It returns an Outcome.
"""

from __future__ import annotations

from tester.goals.base import GoalCheck
from tester.navigator.actions import Control
from tester.navigator.explorer import Explorer
from tester.navigator.tasks import Outcome, TaskSpec, check_then_seek, open_start
from tester.snapshot import PageSnapshot

WORDS = ("news", "новости", "жаңалықтар")


def score(control: Control, _page_url: str) -> list[tuple[float, str]]:
    """How promising a link or button is: 1 when its label names the news."""
    label = " ".join(control.labels).lower()
    return [(1.0 if any(word in label for word in WORDS) else 0.0, "")]


def is_news_page(page: PageSnapshot, _from_url: str) -> GoalCheck:
    heading = " ".join([page.title, *page.headings[:3]]).lower()
    return GoalCheck(met=any(word in heading for word in WORDS), evidence={"title": page.title})


async def find_news(x: Explorer) -> Outcome:
    start = await open_start(x)
    if isinstance(start, Outcome):  # the home page did not load: that outcome ends the task
        return start
    found = await check_then_seek(x, start, score, is_news_page)
    if found is None:
        return Outcome("failed", f"No news section was found ({x.clicks} clicks).",
                       evidence={"tried": x.tried_labels[:20]})
    return Outcome("passed", f"The news section was found at {found.url}.", found.url,
                   found.check.evidence)


SPEC = TaskSpec(
    id="find-news",
    title="Find the news section",
    run=find_news,
    measures_path=True,  # the target is a page: ashyq measures the shortest path to it
    rules=("S08",),  # shared/reference/kz-gov-sites.md: news, published daily
)
