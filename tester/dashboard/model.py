"""The dashboard as data (pure): one row per site from its recorded runs and latest document.

A site's headline score is the mean of the four report scores its latest run measured
(tester/scores.py: tasks, accessibility, low vision, Kazakh rules), rounded to one decimal;
a score not measured is left out, never counted as 0 or 100. A site whose latest run could not
audit it (SiteResult.error_code) has no score at all and shows why: it is never ranked as good.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tester.dashboard.facts import SiteFacts, site_facts
from tester.history.dashboard_query import RecordedSite
from tester.history.query import TREND_RUNS, TaskRow

SCORE_KEYS = ("tasks", "accessibility", "low_vision", "kazakh_rules")
QUARTER = timedelta(days=91)
STATUS_RANK = {"passed": 0, "failed": 1, "error": 2, "skipped": 3}
# The built-in tasks first, in the order `ashyq run` runs them; others (plugins, scenarios) after.
TASK_ORDER = ("find-contacts", "find-appeal-procedure", "switch-to-kazakh",
              "find-low-vision-version", "find-sitemap", "site-search")


def headline_score(scores: Mapping[str, float], error_code: str | None) -> float | None:
    """The mean of the measured report scores; None when nothing was measured or the site
    could not be audited."""
    if error_code:
        return None
    values = [float(scores[key]) for key in SCORE_KEYS if key in scores]
    return round(sum(values) / len(values), 1) if values else None


@dataclass(frozen=True)
class RunLine:
    """One recorded run of a site, as its page's history table shows it."""

    run: RecordedSite
    score: float | None
    report_href: str | None  # relative to the dashboard folder; None: the folder is gone


@dataclass(frozen=True)
class SiteRow:
    key: str  # the normalised URL the history keys the site by
    slug: str  # its page: <lang>/sites/<slug>.html
    name: str
    url: str
    latest: RecordedSite
    score: float | None
    sparkline: list[float | None]  # headline scores of the last runs, oldest first
    change_previous: float | None  # score now minus the previous run's
    change_quarter: float | None  # score now minus that of the run about a quarter ago
    quarter_run: datetime | None  # that run's start
    tasks: dict[str, TaskRow]  # task id -> the latest run's verdict and clicks
    facts: SiteFacts
    history: list[RunLine]  # newest first

    @property
    def audited(self) -> bool:
        return not self.latest.error_code

    @property
    def failed_tasks(self) -> int:
        return sum(1 for task in self.tasks.values() if task.status in ("failed", "error"))


@dataclass(frozen=True)
class Dashboard:
    today: date
    rows: list[SiteRow]  # by site name
    task_ids: list[str]  # the task columns
    task_titles: dict[str, str]  # a task's own recorded title (for ids the catalog lacks)


_SLUG_TEXT = re.compile(r"[^a-z0-9]+")


def site_slug(key: str) -> str:
    """A file name for the site's page: readable, ASCII, short, and unique by its hash."""
    readable = _SLUG_TEXT.sub("-", key.lower().split("://", 1)[-1]).strip("-")[:48].strip("-")
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{readable or 'site'}-{digest}"


def _change(now: float | None, then: float | None) -> float | None:
    return None if now is None or then is None else round(now - then, 1)


def _quarter_run(runs: Sequence[RecordedSite], today: date) -> RecordedSite | None:
    """The newest earlier run started at least a quarter before `today` (whole days). None
    when the latest run is itself that old: nothing moved within the last quarter to show."""
    limit = datetime.combine(today - QUARTER, datetime.max.time())
    if not runs or runs[0].started_at <= limit:
        return None
    return next((run for run in runs[1:] if run.started_at <= limit), None)


def site_row(key: str, runs: Sequence[RecordedSite], document: dict | None, today: date,
             report_href: Callable[[str | None], str | None]) -> SiteRow:
    """The row of one site from its runs (newest first) and its latest document."""
    latest = runs[0]
    scores = [headline_score(run.scores, run.error_code) for run in runs]
    quarter = _quarter_run(runs, today)
    quarter_score = (headline_score(quarter.scores, quarter.error_code)
                     if quarter is not None else None)
    return SiteRow(
        key=key, slug=site_slug(key), name=latest.name or latest.url, url=latest.url,
        latest=latest, score=scores[0],
        sparkline=list(reversed(scores[:TREND_RUNS])),
        change_previous=_change(scores[0], scores[1]) if len(scores) > 1 else None,
        change_quarter=_change(scores[0], quarter_score),
        quarter_run=quarter.started_at if quarter is not None else None,
        tasks={task.task_id: task for task in latest.tasks},
        facts=site_facts(document),
        history=[RunLine(run, score, report_href(run.report_dir))
                 for run, score in zip(runs, scores, strict=True)],
    )


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Numbers in a name count as numbers: «№2» before «№10», as a reader expects."""
    return tuple((0, int(part)) if part.isdecimal() else (1, part)
                 for part in re.split(r"(\d+)", text.casefold()) if part)


def sort_key(row: SiteRow) -> tuple[tuple[tuple[int, int | str], ...], str]:
    return (_natural(row.name), row.key)


def task_columns(rows: Sequence[SiteRow]) -> list[str]:
    """Every task id any site's latest run has: the built-in ones in run order, then others in
    the order they first appear."""
    seen = list(dict.fromkeys(task_id for row in rows for task_id in row.tasks))
    known = [task_id for task_id in TASK_ORDER if task_id in seen]
    return known + [task_id for task_id in seen if task_id not in TASK_ORDER]


def build_dashboard(sites: Mapping[str, Sequence[RecordedSite]],
                    documents: Mapping[int, dict], today: date,
                    report_href: Callable[[str | None], str | None]) -> Dashboard:
    """The dashboard of every recorded site (`sites`: key -> runs, newest first;
    `documents`: the latest site rows' result documents). Pure: `report_href` says where a
    run's report is, relative to the dashboard, or None."""
    rows = sorted((site_row(key, runs, documents.get(runs[0].site_row), today, report_href)
                   for key, runs in sites.items() if runs), key=sort_key)
    titles: dict[str, str] = {}
    for row in rows:
        for task_id, title in row.facts.task_titles.items():
            titles.setdefault(task_id, title)
    return Dashboard(today=today, rows=rows, task_ids=task_columns(rows), task_titles=titles)
