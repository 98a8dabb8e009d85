"""The dashboard's pages as HTML (pure: a Dashboard in, strings out; jinja2, autoescaped).

Every text from the history is hostile (site names, URLs, task titles come from audited
pages): templates autoescape it, control characters are dropped, names are isolated in
<bdi> so bidi controls cannot reorder the page around them, and text placed in attributes or
<title> loses its bidi controls too. No inline script or style: the CSP allows 'self' only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from tester.dashboard.facts import Freshness, Links, LowVision, Parity
from tester.dashboard.model import SCORE_KEYS, Dashboard, SiteRow
from tester.history.dashboard_query import RecordedSite
from tester.history.query import TREND_RUNS, TaskRow, trend_points
from tester.i18n import LANGUAGES, Translator
from tester.report import summary as s
from tester.report.html import finalize
from tester.report.trends import render_trends

TEMPLATES = Path(__file__).parent / "templates"
ENDONYMS = {"kk": "Қазақша", "ru": "Русский", "en": "English"}  # each language in itself
STATUS_SYMBOL = {"passed": "✓", "failed": "✗", "error": "!", "skipped": "–"}
NAME_LIMIT = 160  # the front table cuts a site's name here; its own page shows it whole
AUDIT_ERROR = "audit-error"  # tester.runner.AUDIT_ERROR (not imported: the runner drives Chromium)
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SPARK_W, SPARK_H, SPARK_PAD = 96, 28, 3


def plain(text: object) -> str:
    """Text for an attribute or <title>: no control or bidi characters (still escaped later)."""
    return _BIDI.sub("", s.strip_controls(str(text)))


def plain_text(text: str) -> str:
    """Text for an element's content: control characters dropped (escaped when formatted)."""
    return s.strip_controls(text)


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, finalize=finalize, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["truncate_text"] = s.truncate
    env.filters["readable"] = s.readable_urls
    env.filters["plain"] = plain
    return env


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def signed(value: float | None) -> str | None:
    if value is None:
        return None
    return "±0" if value == 0 else f"{value:+.1f}".removesuffix(".0").replace("-", "−")


def sparkline(values: list[float | None], label: str) -> Markup:
    """A tiny line of scores (0-100) with its text alternative; empty below two known values."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return Markup("")
    step = (SPARK_W - 2 * SPARK_PAD) / max(1, len(values) - 1)
    points = [(SPARK_PAD + i * step, SPARK_H - SPARK_PAD - v / 100 * (SPARK_H - 2 * SPARK_PAD))
              for i, v in known]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last_x, last_y = points[-1]
    text = escape(plain(label))
    return Markup(
        f'<svg class="spark" role="img" aria-label="{text}" viewBox="0 0 {SPARK_W} {SPARK_H}" '
        f'width="{SPARK_W}" height="{SPARK_H}" focusable="false"><title>{text}</title>'
        f'<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{line}"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.5" fill="currentColor"/></svg>')


class CachedTranslator(Translator):
    """A Translator that remembers what it said: a dashboard says the same few words (verdicts,
    "3 clicks", table headings) hundreds of thousands of times."""

    def __init__(self, language: str) -> None:
        super().__init__(language)
        self._said: dict[tuple[str, tuple[tuple[str, Any], ...]], str] = {}

    def __call__(self, key: str, **values: Any) -> str:
        try:
            memo = (key, tuple(sorted(values.items())))
            found = self._said.get(memo)
        except TypeError:  # an unhashable value (a nested message): say it afresh
            return super().__call__(key, **values)
        if found is None:
            found = self._said[memo] = super().__call__(key, **values)
        return found


@cache
def translator(language: str) -> CachedTranslator:
    s.translator(language)  # ReportError for a language the catalog does not have
    return CachedTranslator(language)


@dataclass(frozen=True)
class Cell:
    """A table cell: its words (with a verdict badge when `status`) and the value it sorts by
    ("" sorts last whatever the direction: not measured is never best or worst)."""

    text: str
    sort: str = ""
    status: str | None = None
    note: str = ""


class Views:
    """The cells and words of one language (pure helpers the templates call)."""

    def __init__(self, dashboard: Dashboard, t: Translator) -> None:
        self.dashboard, self.t = dashboard, t
        self._cells: dict[tuple[Cell, str], Markup] = {}

    def badge(self, status: str) -> Markup:
        """A verdict as a badge: symbol (hidden from screen readers) and word."""
        return Markup(f'<span class="badge status-{escape(status)}"><span aria-hidden="true">'
                      f'{STATUS_SYMBOL.get(status, "")} </span>'
                      f'{escape(self.t("status." + status))}</span>')

    def td(self, cell: Cell, extra: str = "") -> Markup:
        """A <td> of a cell, built here and remembered rather than by a template macro: a big
        dashboard has tens of thousands of them, most alike ("Passed, 2 clicks")."""
        memo = (cell, extra)
        found = self._cells.get(memo)
        if found is None:
            sort = f' data-sort="{escape(cell.sort)}"' if cell.sort != "" else ""
            css = f' class="{escape(extra)}"' if extra else ""
            badge = f"{self.badge(cell.status)} " if cell.status else ""
            note = (f'<br><span class="small muted">{escape(plain_text(cell.note))}</span>'
                    if cell.note else "")
            found = self._cells[memo] = Markup(
                f'<td{sort}{css}>{badge}<span class="cell-text">{escape(plain_text(cell.text))}'
                f"</span>{note}</td>")
        return found

    def task_title(self, task_id: str) -> str:
        if task_id.startswith(s.SCENARIO_PREFIX):
            own = self.dashboard.task_titles.get(task_id) or task_id.removeprefix(
                s.SCENARIO_PREFIX)
            return self.t("task.scenario", title=own)
        return self.t.optional(f"task.title.{task_id}",
                               self.dashboard.task_titles.get(task_id) or task_id)

    def task(self, task: TaskRow | None) -> Cell:
        if task is None:
            return Cell(self.t("dashboard.not_run"))
        rank = {"passed": 0, "failed": 1000, "error": 2000, "skipped": 3000}.get(task.status, 4000)
        return Cell(self.t("dashboard.clicks", count=task.clicks), str(rank + task.clicks),
                    task.status)

    @staticmethod
    def find_task(run: RecordedSite, task_id: str) -> TaskRow | None:
        return next((task for task in run.tasks if task.task_id == task_id), None)

    def score(self, value: float | None) -> str:
        return self.t("value.none") if value is None else _number(value)

    def change(self, value: float | None) -> Cell:
        shown = signed(value)
        return Cell(shown or self.t("value.none"), "" if value is None else _number(value))

    def spark(self, row: SiteRow) -> Markup:
        known = [_number(v) for v in row.sparkline if v is not None]
        return sparkline(row.sparkline, self.t("dashboard.spark", count=len(known),
                                               values=", ".join(known)))

    def yes_no(self, flag: bool | None) -> str:
        return self.t("dashboard.unchecked") if flag is None else self.t(
            "value.yes" if flag else "value.no")

    def low_vision(self, fact: LowVision | None) -> Cell:
        if fact is None:
            return Cell(self.t("dashboard.not_run"))
        text = self.t("dashboard.low_vision_cell", found=self.yes_no(fact.found),
                      works=self.yes_no(fact.works), persists=self.yes_no(fact.persists))
        note = "" if fact.mode_blocking is None else self.t(
            "dashboard.low_vision_mode", count=fact.mode_blocking)
        return Cell(text, str(4 - fact.rank), fact.status, note)

    def parity(self, fact: Parity | None) -> Cell:
        if fact is None:
            return Cell(self.t("dashboard.not_run"))
        pages = " · ".join(f"{code} {fact.pages[code]}" for code in LANGUAGES[::-1]
                           if code in fact.pages)
        note = "" if fact.gap is None else self.t("dashboard.parity_gap",
                                                  percent=round(fact.gap * 100))
        return Cell(pages, "" if fact.gap is None else f"{fact.gap:.3f}", fact.status, note)

    def freshness(self, fact: Freshness | None) -> Cell:
        if fact is None:
            return Cell(self.t("dashboard.not_run"))
        if fact.newest is None:
            return Cell(self.t("dashboard.no_news"), "", fact.status)
        age = "" if fact.age_working_days is None else self.t(
            "dashboard.news_age", count=fact.age_working_days)
        return Cell(fact.newest, "" if fact.age_working_days is None else
                    str(fact.age_working_days), fact.status, age)

    def links(self, fact: Links | None) -> Cell:
        if fact is None or fact.broken is None:
            return Cell(self.t("dashboard.not_run"), "", fact.status if fact else None)
        return Cell(self.t("dashboard.broken_of", broken=fact.broken, checked=fact.checked or 0),
                    str(fact.broken), fact.status)

    def not_audited(self, error_code: str | None, error: str | None,
                    status: int | None = None) -> str | None:
        """Why a run could not audit the site, in this language; None: it could."""
        if not error_code:
            return None
        key = f"site_error.{error_code}"
        return self.t(key, status=status or "?") if self.t.has(key) else (error or error_code)

    def not_audited_badge(self, error_code: str | None) -> str:
        # audit-error: the audit broke off (a tool bug) and kept what it had, so "stopped"
        return self.t("compare.stopped" if error_code == AUDIT_ERROR else "compare.not_audited")


def _language_links(prefix_of: dict[str, str], page: str, language: str) -> list[dict[str, Any]]:
    return [{"code": code, "name": ENDONYMS[code], "href": prefix_of[code] + page,
             "current": code == language} for code in LANGUAGES]


def views_for(dashboard: Dashboard, language: str) -> Views:
    return Views(dashboard, translator(language))


def render_front(dashboard: Dashboard, language: str, *, at_root: bool = False) -> str:
    """The front page in `language`: DIR/<language>/index.html, or DIR/index.html (at_root)."""
    t = translator(language)
    here = f"{language}/" if at_root else ""
    root = "" if at_root else "../"
    prefix_of = {code: (f"{code}/" if at_root else f"../{code}/") for code in LANGUAGES}
    return _environment().get_template("front.html.jinja").render(
        dashboard=dashboard, language=language, t=t, v=Views(dashboard, t), root=root,
        here=here, languages=_language_links(prefix_of, "index.html", language),
        score_keys=SCORE_KEYS, safe_href=s.safe_href,
        name_limit=NAME_LIMIT, script=True)


def render_site(dashboard: Dashboard, row: SiteRow, language: str,
                views: Views | None = None) -> str:
    """A site's page in `language`: DIR/<language>/sites/<slug>.html. Pass one `views` of
    `views_for(dashboard, language)` to every site page: it remembers cells across pages."""
    t = translator(language)
    views = views or Views(dashboard, t)
    trend = trend_points([line.run.as_site_run() for line in row.history[:TREND_RUNS]])
    task_ids = list(dict.fromkeys(task.task_id for line in row.history for task in line.run.tasks))
    return _environment().get_template("site.html.jinja").render(
        dashboard=dashboard, row=row, language=language, t=t, v=views, root="../../",
        languages=_language_links({code: f"../../{code}/" for code in LANGUAGES},
                                  f"sites/{row.slug}.html", language),
        trends=render_trends(trend, t, "site"), task_ids=task_ids, score_keys=SCORE_KEYS,
        safe_href=s.safe_href, script=False)
