"""render_diff_html: `ashyq diff` as a page for people. Per site and page the new, fixed and
persisting findings (persisting ones folded), the task verdict and click changes, the score
changes, and the before and after screenshots side by side, per page and per task step.

Pure: it touches no file. `wanted_screenshots` lists the screenshots the page can show, as
(side, path in that run's folder); the CLI copies those it finds into the diff folder at
`shot_path(side, path)` and passes the ones it copied, so a missing file is a short note, never
a broken image. Self-contained like index.html: the stylesheet inlined, the same strict CSP.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from tester.diff import PageDiff, RunDiff, rebase_url, task_cell
from tester.fingerprint import Located, page_key
from tester.i18n import Translator
from tester.model import IMPACT_ORDER, PageResult, RunResult, Step, TaskResult
from tester.report import summary as s
from tester.report.html import _css, _environment

BEFORE, AFTER = "before", "after"
SIDES = (BEFORE, AFTER)
SHOTS_DIR = "screenshots"  # in the diff folder: screenshots/before/…, screenshots/after/…
LISTED = {"new": 100, "fixed": 100, "persisting": 30}  # rows per page and kind; JSON has all
ROW_BUDGET = 1_500  # rows in the whole page, so a 20,000-finding diff stays a readable page
# Bidi controls in page text (a URL, a title, a selector) would reorder the page around them:
# dropped, as the Cc controls are by the report's finalize.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PageKey = tuple[str, str, str]  # page_key(site), page_key(page), variant
Shot = tuple[str, str]  # (side, the screenshot's path in that run's folder, as recorded)


def plain(text: str, limit: int = 300) -> str:
    """Page-made text as the diff page shows it: no bidi controls, cut to `limit`."""
    return s.truncate(BIDI_CONTROLS.sub("", text), limit)


def shot_path(side: str, recorded: str) -> str | None:
    """Where a run's screenshot goes in the diff folder; None for a path that could leave its
    run folder or is no image (a hostile result.json)."""
    if side not in SIDES or not s.safe_asset(recorded):
        return None
    normalised = recorded.replace("\\", "/")
    if not normalised.lower().endswith((".jpg", ".jpeg", ".png", ".webp")):
        return None
    inner = normalised.removeprefix(f"{SHOTS_DIR}/")
    return f"{SHOTS_DIR}/{side}/{inner}"


@dataclass(frozen=True)
class ShotView:
    src: str | None  # a relative URL in the diff folder; None: `note` says why there is none
    alt: str
    note: str = ""


@dataclass
class PageView:
    site: str
    url: str
    variant: str
    rows: dict[str, list[dict[str, str]]]
    counts: dict[str, int]
    shots: tuple[ShotView, ShotView] | None  # None: neither run audited it as a page


@dataclass
class TaskView:
    site: str
    title: str
    before: str
    after: str
    changed: bool
    regression: bool
    steps: list[tuple[str, ShotView, ShotView]] = field(default_factory=list)


def _page_index(result: RunResult,
                origins: dict[str, str]) -> dict[PageKey, tuple[str, PageResult]]:
    """The run's audited pages (with their site's URL), keyed as the diff keys its pages."""
    pages: dict[PageKey, tuple[str, PageResult]] = {}
    for site in result.sites:
        site_key = page_key(rebase_url(site.url, origins))
        for page in site.pages:
            url = rebase_url(page.final_url or page.url, origins)
            pages.setdefault((site_key, page_key(url), page.variant), (site.url, page))
    return pages


def _task_index(result: RunResult, origins: dict[str, str]) -> dict[tuple[str, str],
                                                                      tuple[str, TaskResult]]:
    return {(page_key(rebase_url(site.url, origins)), task.id): (site.url, task)
            for site in result.sites for task in site.tasks}


def _steps(before: TaskResult | None, after: TaskResult | None) -> list[tuple[Step | None,
                                                                             Step | None]]:
    """Steps paired by their place; a step with a screenshot on neither side is left out."""
    old, new = (before.steps if before else []), (after.steps if after else [])
    pairs = [(old[i] if i < len(old) else None, new[i] if i < len(new) else None)
             for i in range(max(len(old), len(new)))]
    return [(a, b) for a, b in pairs if (a and a.screenshot) or (b and b.screenshot)]


def wanted_screenshots(diff: RunDiff, before: RunResult, after: RunResult) -> set[Shot]:
    """Every screenshot the diff page shows, as (side, path in that run's folder)."""
    wanted: set[Shot] = set()
    for side, result, origins in ((BEFORE, before, diff.rebased), (AFTER, after, {})):
        wanted |= {(side, p.screenshot) for _, p in _page_index(result, origins).values()
                   if p.screenshot}
        wanted |= {(side, step.screenshot) for _, task in _task_index(result, origins).values()
                   for step in task.steps if step.screenshot}
    return wanted


class _Shots:
    """ShotViews for one render: which screenshots were copied, in the reader's language."""

    def __init__(self, copied: Collection[Shot], t: Translator) -> None:
        self.copied, self.t = set(copied), t

    def view(self, side: str, present: bool, recorded: str | None, what: str,
             absent: str = "diff.page_absent") -> ShotView:
        alt = self.t(f"diff.col_{side}") + ": " + what
        if not present:
            return ShotView(None, alt, self.t(absent))
        if not recorded:
            return ShotView(None, alt, self.t("diff.shot_none"))
        target = shot_path(side, recorded)
        if target is None or (side, recorded) not in self.copied:
            return ShotView(None, alt, self.t("diff.shot_missing"))
        return ShotView(quote(target, safe="/"), alt)


def _rows(findings: Iterable[Located], limit: int, t: Translator) -> list[dict[str, str]]:
    if limit <= 0:  # the page's row budget is spent: only counted
        return []
    ordered = sorted(findings, key=lambda x: (x.finding.needs_review, x.finding.advisory,
                                              IMPACT_ORDER.get(x.finding.impact, 9),
                                              x.finding.rule))
    rows = []
    for x in ordered[:limit]:
        review, advisory = x.finding.needs_review, x.finding.advisory
        tone = "review" if review else "advisory" if advisory else x.finding.impact
        rows.append({
            "impact": t("impact.needs_review" if review else f"impact.{tone}"),
            "tone": tone,
            "rule": plain(x.finding.rule, 80),
            "element": plain(x.finding.selector, 200) if x.finding.selector else "—",
        })
    return rows


def _page_views(diff: RunDiff, before: RunResult, after: RunResult,
                shots: _Shots) -> list[PageView]:
    old, new = _page_index(before, diff.rebased), _page_index(after, {})
    diffs: dict[PageKey, PageDiff] = {
        (page_key(p.site), page_key(p.page), p.variant): p for p in diff.pages}
    budget = ROW_BUDGET
    views = []
    for key in sorted(old.keys() | new.keys() | diffs.keys()):
        page_diff = diffs.get(key)
        if page_diff is not None:
            site, url = page_diff.site, page_diff.page
        else:  # a page with no finding in either run: shown for its screenshots
            site, page = new.get(key) or old[key]
            url = page.final_url or page.url
        rows: dict[str, list[dict[str, str]]] = {}
        counts: dict[str, int] = {}
        for kind, limit in LISTED.items():
            found = getattr(page_diff, kind) if page_diff else []
            counts[kind] = len(found)
            rows[kind] = _rows(found, max(0, min(limit, budget)), shots.t)
            budget -= len(rows[kind])
        pair = None
        if key in old or key in new:  # else a site check's URL, not a page either run audited
            what = plain(url) + (f" ({plain(key[2], 60)})" if key[2] else "")
            before_page, after_page = old.get(key), new.get(key)
            pair = (shots.view(BEFORE, before_page is not None,
                               before_page[1].screenshot if before_page else None, what),
                    shots.view(AFTER, after_page is not None,
                               after_page[1].screenshot if after_page else None, what))
        views.append(PageView(plain(site), plain(url), plain(key[2], 60), rows, counts, pair))
    return views


def _task_views(diff: RunDiff, before: RunResult, after: RunResult,
                shots: _Shots) -> list[TaskView]:
    old, new = _task_index(before, diff.rebased), _task_index(after, {})
    changes = {(page_key(c.site), c.task): c for c in diff.tasks}
    language = shots.t.language
    views = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k not in changes, k)):
        site, task = new.get(key) or old[key]
        a, b = (old[key][1] if key in old else None), (new[key][1] if key in new else None)
        change = changes.get(key)
        view = TaskView(plain(site), plain(s.task_title(task, shots.t), 160),
                        task_cell(a, shots.t),
                        task_cell(b, shots.t), change is not None,
                        bool(change and change.regression))
        for number, (x, y) in enumerate(_steps(a, b), start=1):
            step = y if y is not None else x
            assert step is not None  # `_steps` pairs hold at least one step
            label = shots.t.optional(f"action.{step.action}", step.action)
            text = s.step_label(step, language)
            label = f"{number}. {plain(label, 60)}" + (f": {plain(text, 80)}" if text else "")
            what = f"{view.title}, {label}"
            view.steps.append((label, *(
                shots.view(side, z is not None, z.screenshot if z else None, what,
                           "diff.step_absent") for side, z in ((BEFORE, x), (AFTER, y)))))
        views.append(view)
    return views


def render_diff_html(diff: RunDiff, before: RunResult, after: RunResult,
                     copied: Collection[Shot] = (), language: str = "en") -> str:
    """The diff page in `language` (en, ru or kk). `copied`: the screenshots the diff folder
    holds, as `wanted_screenshots` names them; the others show a note."""
    t = s.translator(language)
    shots = _Shots(copied, t)
    scores = [{"site": plain(c.site), "score": plain(t.optional(f"score.{c.score}", c.score)),
               "before": "—" if c.before is None else t.number(c.before, 1),
               "after": "—" if c.after is None else t.number(c.after, 1)} for c in diff.scores]
    context: dict[str, Any] = {
        "t": t, "language": language, "css": _css(), "diff": diff,
        "rebased": [(plain(old), plain(new)) for old, new in diff.rebased.items()],
        "runs": (s.format_time(before.started_at), s.format_time(after.started_at)),
        "totals": {"new": len(diff.new), "fixed": len(diff.fixed),
                   "persisting": len(diff.persisting),
                   "regressions": len(diff.task_regressions)},
        "tasks": _task_views(diff, before, after, shots), "scores": scores,
        "pages": _page_views(diff, before, after, shots),
    }
    return _environment().get_template("diff.html.jinja").render(**context)
