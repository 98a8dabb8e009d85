"""A site's trend over its recorded runs as inline SVG charts (pure: SiteResult.trend in, HTML out).

Four charts: the scores (lines), findings by impact (stacked bars), clicks and seconds per task
(lines). No script and no external resource, so the report's strict CSP stays as it is. Each
chart is an <svg role="img"> named by its <title> and summarised by its <desc> (first and last
value of every series), every point has its own <title>, series differ by dash pattern as well
as colour, and a data table follows for anyone who cannot read a chart. Every text from the
result is escaped: audited sites and task titles are hostile input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from tester.i18n import Translator
from tester.model import TrendPoint

MIN_RUNS = 2  # one run is no trend: no chart at all
LEGEND_CHARS = 60  # a legend name fits beside its key at font-size 12 (Cyrillic included)
WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 14, 40
SCORE_KEYS = ("tasks", "accessibility", "low_vision", "kazakh_rules")
IMPACTS = ("critical", "serious", "moderate", "minor")
# Colours that keep 3:1 against white; dash patterns tell the series apart without colour.
COLOURS = ("#1f5fa8", "#b3261e", "#1b7a3a", "#7a4fa0", "#8a5a00", "#00707a")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
IMPACT_COLOURS = {"critical": "#7f1d1d", "serious": "#c2410c", "moderate": "#a16207",
                  "minor": "#4b5563"}


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]


def x_of(index: int, count: int) -> float:
    """The x of run `index` of `count` (count ≥ 2), the first at the left edge of the plot."""
    return LEFT + index * (WIDTH - LEFT - RIGHT) / (count - 1)


def y_of(value: float, top: float) -> float:
    """The y of `value` on an axis from 0 (bottom) to `top`."""
    plot = HEIGHT - TOP - BOTTOM
    return TOP + plot - (value / top) * plot if top > 0 else TOP + plot


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _dates(trend: Sequence[TrendPoint]) -> list[str]:
    return [point.started_at.strftime("%Y-%m-%d") for point in trend]


@dataclass(frozen=True)
class Key:
    """A legend entry: a line (with its dash pattern) or a box, and the series' name."""

    name: str
    colour: str
    dash: str | None  # None: a box (bars)

    def svg(self, y: float) -> str:
        if self.dash is None:
            mark = (f'<rect x="{LEFT}" y="{y - 6:.0f}" width="14" height="10" '
                    f'fill="{self.colour}"/>')
        else:
            dashed = f' stroke-dasharray="{self.dash}"' if self.dash else ""
            mark = (f'<line x1="{LEFT}" x2="{LEFT + 28}" y1="{y:.0f}" y2="{y:.0f}" '
                    f'stroke="{self.colour}" stroke-width="2"{dashed}/>')
        # A long name (a plugin's task id) would run past the chart's edge and be cut off
        # mid-letter: shortened here, in full in its <title> and in the table below.
        short = self.name if len(self.name) <= LEGEND_CHARS else (
            self.name[:LEGEND_CHARS - 1].rstrip() + "…")
        full = f"<title>{escape(self.name)}</title>" if short != self.name else ""
        return (f'{mark}<text x="{LEFT + 34}" y="{y:.0f}" dy="4" font-size="12">'
                f"{full}{escape(short)}</text>")


def _frame(chart_id: str, title: str, desc: str, top: float, dates: list[str],
           body: list[str], legend: list[Key]) -> str:
    """The <svg>: its text alternatives, the y grid (0, half, top), dates under the x axis."""
    height = HEIGHT + 18 * len(legend)
    lines = [f'<svg class="trend-chart" role="img" viewBox="0 0 {WIDTH} {height}"'
             f' width="100%" aria-labelledby="{chart_id}-t {chart_id}-d">',
             f'<title id="{chart_id}-t">{escape(title)}</title>',
             f'<desc id="{chart_id}-d">{escape(desc)}</desc>']
    for fraction in (0.0, 0.5, 1.0):
        y = y_of(top * fraction, top)
        lines.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     'stroke="#767676" stroke-width="0.5"/>')
        lines.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
                     f'{_number(top * fraction)}</text>')
    step = max(1, len(dates) // 6)  # at most ~6 date labels, so they never overlap
    for index, day in enumerate(dates):
        if index % step == 0 or index == len(dates) - 1:
            lines.append(f'<text x="{x_of(index, len(dates)):.1f}" y="{HEIGHT - BOTTOM + 16}" '
                         f'text-anchor="middle" font-size="11">{escape(day[5:])}</text>')
    lines += body
    for row, key in enumerate(legend):
        lines.append(key.svg(HEIGHT + row * 18))
    lines.append("</svg>")
    return "\n".join(lines)


def line_chart(chart_id: str, title: str, series: list[Series], dates: list[str],
               t: Translator, top: float | None = None) -> str:
    """Lines over the runs; a missing value breaks its line (nothing is made up)."""
    known = [v for s in series for v in s.values if v is not None]
    top = top if top is not None else max([*known, 1.0])
    body: list[str] = []
    for index, one in enumerate(series):
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        for run in _runs_of_values(one.values):
            points = " ".join(f"{x_of(i, len(dates)):.1f},{y_of(v, top):.1f}" for i, v in run)
            body.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dashed} '
                        f'points="{points}"/>')
        for i, value in enumerate(one.values):
            if value is not None:
                body.append(f'<circle cx="{x_of(i, len(dates)):.1f}" cy="{y_of(value, top):.1f}" '
                            f'r="3" fill="{colour}"><title>{escape(one.name)}, {dates[i]}: '
                            f"{_number(value)}</title></circle>")
    desc = _changes(series, t)
    legend = [Key(one.name, COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)])
              for i, one in enumerate(series)]
    return _frame(chart_id, title, desc, top, dates, body, legend)


def _runs_of_values(values: list[float | None]) -> list[list[tuple[int, float]]]:
    """Consecutive known values (index, value): one polyline each."""
    runs: list[list[tuple[int, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((index, value))
    return [run for run in runs if len(run) >= 1]


def _changes(series: list[Series], t: Translator) -> str:
    parts = []
    for one in series:
        known = [v for v in one.values if v is not None]
        if known:
            parts.append(t("trend.change", name=one.name, first=_number(known[0]),
                           last=_number(known[-1])))
    return "; ".join(parts)


def findings_chart(chart_id: str, trend: Sequence[TrendPoint], dates: list[str],
                   t: Translator) -> str:
    """One bar per run, stacked critical (bottom) to minor."""
    top = float(max([sum(p.findings.get(i, 0) for i in IMPACTS) for p in trend] + [1]))
    span = (WIDTH - LEFT - RIGHT) / (len(trend) - 1)
    bar = min(28.0, span * 0.6)
    body: list[str] = []
    for index, point in enumerate(trend):
        base = 0.0
        for impact in IMPACTS:
            count = point.findings.get(impact, 0)
            if count:
                y1, y0 = y_of(base + count, top), y_of(base, top)
                name = escape(t("impact." + impact))
                body.append(f'<rect x="{x_of(index, len(trend)) - bar / 2:.1f}" y="{y1:.1f}" '
                            f'width="{bar:.1f}" height="{y0 - y1:.1f}" '
                            f'fill="{IMPACT_COLOURS[impact]}"><title>{name}, {dates[index]}: '
                            f"{count}</title></rect>")
                base += count
    names = [Series(t("impact." + i), [float(p.findings.get(i, 0)) for p in trend])
             for i in IMPACTS]
    legend = [Key(t("impact." + i), IMPACT_COLOURS[i], None) for i in IMPACTS]
    return _frame(chart_id, t("trend.findings"), _changes(names, t), top, dates, body, legend)


def task_series(trend: Sequence[TrendPoint], value: Callable[[float, int], float],
                title_of: Callable[[str], str]) -> list[Series]:
    """One series per task (in order of first appearance); None where a run lacks the task."""
    ids = list(dict.fromkeys(task.id for point in trend for task in point.tasks))
    series = []
    for task_id in ids:
        values: list[float | None] = []
        for point in trend:
            found = next((task for task in point.tasks if task.id == task_id), None)
            values.append(None if found is None else value(found.seconds, found.clicks))
        series.append(Series(title_of(task_id), values))
    return series


def render_trends(trend: Sequence[TrendPoint] | None, t: Translator, site_id: str) -> Markup:
    """The trend section's charts and table for one site; empty below MIN_RUNS runs."""
    if not trend or len(trend) < MIN_RUNS:
        return Markup("")
    dates = _dates(trend)
    title_of = lambda task_id: t.optional(f"task.title.{task_id}", task_id)  # noqa: E731
    score_keys = [k for k in SCORE_KEYS if any(k in p.scores for p in trend)]
    scores = [Series(t.optional(f"score.{k}", k), [p.scores.get(k) for p in trend])
              for k in score_keys]
    charts = [(t("trend.scores"), line_chart(f"{site_id}-trend-scores", t("trend.scores"),
                                             scores, dates, t, top=100.0) if scores else ""),
              (t("trend.findings"), findings_chart(f"{site_id}-trend-findings", trend, dates, t))]
    clicks = task_series(trend, lambda seconds, count: float(count), title_of)
    if clicks:
        seconds = task_series(trend, lambda seconds, count: seconds, title_of)
        charts.append((t("trend.clicks"), line_chart(f"{site_id}-trend-clicks",
                                                     t("trend.clicks"), clicks, dates, t)))
        charts.append((t("trend.seconds"), line_chart(f"{site_id}-trend-seconds",
                                                      t("trend.seconds"), seconds, dates, t)))
    # A visible caption too: the clicks and seconds charts look alike, and <title> is not seen.
    figures = "\n".join(
        f'<figure class="trend"><figcaption>{escape(title)}</figcaption>{chart}</figure>'
        for title, chart in charts if chart
    )
    task_ids = list(dict.fromkeys(task.id for point in trend for task in point.tasks))
    return Markup(f"{figures}\n{_table(trend, dates, scores, task_ids, t)}")


def _table(trend: Sequence[TrendPoint], dates: list[str], scores: list[Series],
           task_ids: list[str], t: Translator) -> str:
    """The same numbers as a table: one row per run; a task's cell says verdict, clicks, time."""
    heads = [t("trend.date"), *(s.name for s in scores), *(t("impact." + i) for i in IMPACTS),
             *(t.optional(f"task.title.{task_id}", task_id) for task_id in task_ids)]
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
    rows = []
    for index, point in enumerate(trend):
        cells = [*(_cell(s.values[index]) for s in scores),
                 *(str(point.findings.get(i, 0)) for i in IMPACTS)]
        for task_id in task_ids:
            task = next((x for x in point.tasks if x.id == task_id), None)
            cells.append("—" if task is None else t(
                "trend.task_cell", status=t("status." + task.status), clicks=task.clicks,
                seconds=t.seconds(task.seconds)))
        row = "".join(f"<td>{escape(c)}</td>" for c in cells)
        rows.append(f'<tr><th scope="row">{escape(dates[index])}</th>{row}</tr>')
    label = escape(t("trend.table"))
    return (f'<details class="trend-table"><summary>{label}</summary>'
            f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}">'
            f'<table><thead><tr>{head}</tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></div></details>")


def _cell(value: float | None) -> str:
    return "—" if value is None else _number(value)
