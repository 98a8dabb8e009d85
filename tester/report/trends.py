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
LEGEND_CHARS = 60  # a longer name (a plugin's task id) is cut in the legend; the table has it all
# Drawn near 1:1 on a desktop and scaled down at most to about 0.75 on a 390 px phone, so the
# axis text (FONT) stays readable; legends are HTML, at the page's own text size.
WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 14, 32
INSET = 18  # the first and last runs sit this far inside the plot: their bars clear the axis
FONT = 13
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
    """The x of run `index` of `count` (count ≥ 2), the first INSET inside the plot's left."""
    return LEFT + INSET + index * (WIDTH - LEFT - RIGHT - 2 * INSET) / (count - 1)


def y_of(value: float, top: float) -> float:
    """The y of `value` on an axis from 0 (bottom) to `top`."""
    plot = HEIGHT - TOP - BOTTOM
    return TOP + plot - (value / top) * plot if top > 0 else TOP + plot


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _dates(trend: Sequence[TrendPoint]) -> list[str]:
    """Each run's date, with its time (UTC) when two runs share a day, so no label repeats."""
    for form in ("%Y-%m-%d", "%Y-%m-%d %H:%M"):
        dates = [point.started_at.strftime(form) for point in trend]
        if len(set(dates)) == len(dates):
            return dates
    return [point.started_at.strftime("%Y-%m-%d %H:%M:%S") for point in trend]


def _axis_label(date: str) -> str:
    """A date under the x axis: the year is left out (the table has it)."""
    return date[5:]


@dataclass(frozen=True)
class Key:
    """A legend entry: a line (with its dash pattern) or a box, and the series' name."""

    name: str
    colour: str
    dash: str | None  # None: a box (bars)

    def html(self) -> str:
        """A list item: the series' mark (decorative, the name says it all) and its name."""
        if self.dash is None:
            mark = f'<rect x="7" y="1" width="14" height="10" fill="{self.colour}"/>'
        else:
            dashed = f' stroke-dasharray="{self.dash}"' if self.dash else ""
            mark = (f'<line x1="0" x2="28" y1="6" y2="6" stroke="{self.colour}" '
                    f'stroke-width="2"{dashed}/>')
        short = self.name if len(self.name) <= LEGEND_CHARS else (
            self.name[:LEGEND_CHARS - 1].rstrip() + "…")
        return (f'<li><svg aria-hidden="true" focusable="false" width="28" height="12" '
                f'viewBox="0 0 28 12">{mark}</svg> {escape(short)}</li>')


def _frame(chart_id: str, title: str, desc: str, top: float, dates: list[str],
           body: list[str], legend: list[Key]) -> str:
    """The figure: a visible caption, the <svg> with its text alternatives, the y grid (0,
    half, top) and dates under the x axis, then the legend as an HTML list."""
    lines = [f'<figcaption id="{chart_id}-c">{escape(title)}</figcaption>',
             f'<svg class="trend-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}"'
             f' width="100%" aria-labelledby="{chart_id}-t {chart_id}-d">',
             f'<title id="{chart_id}-t">{escape(title)}</title>',
             f'<desc id="{chart_id}-d">{escape(desc)}</desc>']
    for fraction in (0.0, 0.5, 1.0):
        y = y_of(top * fraction, top)
        lines.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     'stroke="#767676" stroke-width="0.5"/>')
        lines.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
                     f'font-size="{FONT}">{_number(top * fraction)}</text>')
    lines += _date_labels(dates)
    lines += body
    lines.append("</svg>")
    lines.append('<ul class="trend-legend">' + "".join(key.html() for key in legend) + "</ul>")
    return "\n".join(lines)


def _date_labels(dates: list[str]) -> list[str]:
    """Dates under the x axis: at most 4 (5 short ones), the last always, so none overlap."""
    most = 4 if len(dates[0]) > 10 else 5
    step = -(-len(dates) // most)  # ceiling division
    shown = [i for i in range(len(dates)) if i % step == 0 and len(dates) - 1 - i >= step]
    labels = []
    last = len(dates) - 1
    for index in [*shown, last]:
        # The latest run's label ends at the chart's right edge, so a long one is not cut off;
        # the first starts at the axis, clear of the y labels even when text is enlarged 200 %.
        x, anchor = ((WIDTH - 2, "end") if index == last and len(dates[0]) > 10
                     else (LEFT, "start") if index == 0
                     else (x_of(index, len(dates)), "middle"))
        labels.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="{anchor}" '
                      f'font-size="{FONT}">{escape(_axis_label(dates[index]))}</text>')
    return labels


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
    span = (WIDTH - LEFT - RIGHT - 2 * INSET) / (len(trend) - 1)
    bar = min(2.0 * INSET - 4, span * 0.6)
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
    charts = [line_chart(f"{site_id}-trend-scores", t("trend.scores"), scores, dates, t,
                         top=100.0) if scores else "",
              findings_chart(f"{site_id}-trend-findings", trend, dates, t)]
    clicks = task_series(trend, lambda seconds, count: float(count), title_of)
    if clicks:
        seconds = task_series(trend, lambda seconds, count: seconds, title_of)
        charts.append(line_chart(f"{site_id}-trend-clicks", t("trend.clicks"), clicks, dates, t))
        charts.append(line_chart(f"{site_id}-trend-seconds", t("trend.seconds"), seconds,
                                 dates, t))
    figures = "\n".join(f'<figure class="trend">{chart}</figure>' for chart in charts if chart)
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
                "trend.task_cell", status=t("status." + task.status),
                clicks=t("task.n-clicks", count=task.clicks), seconds=t.seconds(task.seconds)))
        row = "".join(f"<td>{escape(c)}</td>" for c in cells)
        rows.append(f'<tr><th scope="row">{escape(dates[index])}</th>{row}</tr>')
    label = escape(t("trend.table"))
    return (f'<details class="trend-table"><summary>{label}</summary>'
            f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}" '
            f'data-scroll-hint="{escape(t("report.scroll_hint"))}">'
            f'<table><thead><tr>{head}</tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></div></details>")


def _cell(value: float | None) -> str:
    return "—" if value is None else _number(value)
