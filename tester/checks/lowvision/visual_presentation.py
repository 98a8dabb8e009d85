"""Visual presentation (WCAG 1.4.8, AAA): how blocks of running text are laid out.

Four kinds, each judged on running text only: blocks with at least two rendered lines and
120 characters of real words (navigation, controls, headings, code, link lists, tables of
figures, footer fine print, fixed overlays such as cookie banners, hidden and off-screen text
are not running text):

* `justified`: text-align: justify, whose uneven word gaps make lines hard to track;
* `line-length`: the median full line is longer than 80 characters (40 for CJK scripts),
  counted on the rendered lines (line width over the block's average glyph width, both
  measured from the text's own line boxes);
* `line-height`: computed line height under 1.5 times the font size (`normal` counts as 1.2);
* `no-reflow`: with the page zoomed to 200 %, a line is wider than what can be seen without
  scrolling sideways (the viewport, or a narrower ancestor that scrolls). A line cut off by a
  narrower box with overflow: hidden is left to resize-text, which reports it as clipped text.

Zoom is emulated as the browser does it: the viewport halved in CSS px (1280 -> 640), so
media queries apply and every length, px or em, grows alike; the viewport is then put back.
Rewriting font sizes (text-only zoom) would touch every element's inline style and miss
px-fixed columns, which are what forces sideways scrolling in practice. The reflow check
(1.4.10, 320 px) names the outermost element that overflows and resize-text (1.4.4) names
clipped or overlapping text; this check names only text blocks whose lines cannot be read
without horizontal scrolling at 200 %, so an element gets at most one 1.4.8 finding.

One finding per kind and page, on the worst block, with the next worst in `data.elements`.
The criterion is level AAA: findings turn advisory under an AA standard from their `wcag`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from playwright.async_api import Error as PlaywrightError

from tester.checks.base import PageCheck
from tester.checks.lowvision.common import (
    PageState,
    error_text,
    errored,
    make_finding,
    note,
    probe,
    rebox,
    result_from,
    shoot_items,
    skipped,
)
from tester.env import PageEnv
from tester.model import CheckResult, Finding, Impact

CHECK_ID = "visual-presentation"
WCAG = ["1.4.8"]
KINDS = ("justified", "line-length", "line-height", "no-reflow")

MAX_CHARS_PER_LINE = 80
MAX_CJK_CHARS_PER_LINE = 40
MIN_LINE_HEIGHT = 1.5
LINE_HEIGHT_SLACK = 0.01  # 23.9 px on 16 px text is 1.5 as written, rounded by the engine
NORMAL_LINE_HEIGHT = 1.2  # what `line-height: normal` gives in common fonts
MIN_OVERFLOW_PX = 8  # sideways scrolling of a few px is rounding, not a hidden line end
MAX_TEXT_NODES = 20000  # text nodes grouped into blocks (characters only, cheap)
MAX_BLOCKS = 300  # long blocks measured (line boxes) per state
BUDGET_MS = 1500  # in-page measuring time per state; blocks left after it: `truncated`
SHOWN_ELEMENTS = 5  # worst blocks listed in a finding's data

LIMITS: dict[str, Any] = {
    "minChars": 120,
    "minWords": 12,
    "minLines": 2,
    "minLetterShare": 0.6,  # tables of figures, dates and codes are not running text
    "maxLinkShare": 0.5,  # a list of links (menus, "see also") is not running text
    "finePrintChars": 300,  # up to this long, a block in the page footer is fine print
    "chars": MAX_CHARS_PER_LINE,
    "cjkChars": MAX_CJK_CHARS_PER_LINE,
    "lineHeight": MIN_LINE_HEIGHT,
    "lineHeightSlack": LINE_HEIGHT_SLACK,
    "normalRatio": NORMAL_LINE_HEIGHT,
    "overflowPx": MIN_OVERFLOW_PX,
    "maxReported": 60,
}

MEASURE_JS = Path(__file__).with_name("visual_presentation.js").read_text(encoding="utf-8")
EXPRESSION = f"({MEASURE_JS.strip()})(arg)"


def _arg(mode: str) -> dict[str, Any]:
    return {"mode": mode, "maxTextNodes": MAX_TEXT_NODES, "maxBlocks": MAX_BLOCKS,
            "budgetMs": BUDGET_MS, "limits": LIMITS}


async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    started = time.monotonic()
    state = await PageState(page).save()
    out: dict[str, Any] = {"applicable": True}
    try:
        base = await probe(page, EXPRESSION, _arg("base"))
        if not base["running"]:
            return {"applicable": False, "reason": "no-running-text"}
        out["base"] = _measured(base)
        await shoot_items(env, worst_items(out["base"]["blocks"], KINDS[:3]), CHECK_ID)
        if state.viewport and may_overflow_zoomed(out["base"], state.viewport["width"]):
            width, height = state.viewport["width"], state.viewport["height"]
            await state.resize(max(1, width // 2), max(1, height // 2))
            zoomed = await probe(page, EXPRESSION, _arg("zoom"))
            out["zoom"] = _measured(zoomed)
            await shoot_items(env, worst_items(out["zoom"]["blocks"], ("no-reflow",)),
                              f"{CHECK_ID}-zoom")
    except PlaywrightError as exc:
        out["error"] = error_text(exc)
    finally:
        await state.restore()
    out["seconds"] = round(time.monotonic() - started, 3)
    return out


def may_overflow_zoomed(base: dict[str, Any], width: int) -> bool:
    """Whether the zoomed state is worth its relayout: lines narrower than half the window
    already fit it (zoom halves the viewport; only a media query that widens text in a
    narrower window could push them out, which is rare and not looked for)."""
    return float(base.get("widest_line") or 0) > width / 2 + MIN_OVERFLOW_PX


def _measured(probed: dict[str, Any]) -> dict[str, Any]:
    return {**probed, "blocks": rebox(probed.get("blocks") or [])}


def line_ratio(block: dict[str, Any]) -> float:
    """Line height over font size; `normal` (None) counts as 1.2."""
    height, size = block.get("line_height_px"), float(block.get("font_px") or 0)
    if height is None or size <= 0:
        return NORMAL_LINE_HEIGHT
    return float(height) / size


def char_limit(block: dict[str, Any]) -> int:
    return MAX_CJK_CHARS_PER_LINE if block.get("cjk") else MAX_CHARS_PER_LINE


def is_running_text(block: dict[str, Any]) -> bool:
    """Long enough to read as running text (the probe applies the same floor in-page)."""
    return (int(block.get("chars", 0)) >= LIMITS["minChars"]
            and int(block.get("lines", 0)) >= LIMITS["minLines"]
            and int(block.get("words", 0)) >= LIMITS["minWords"])


def has_kind(block: dict[str, Any], kind: str) -> bool:
    if not is_running_text(block):
        return False
    paragraph = int(block.get("wrapped", 0)) > 0  # not a stack of short lines cut by <br>
    if kind == "justified":
        return paragraph and str(block.get("align", "")).startswith("justify")
    if kind == "line-length":
        return int(block.get("cpl_median", 0)) > char_limit(block)
    if kind == "line-height":
        return paragraph and line_ratio(block) < MIN_LINE_HEIGHT - LINE_HEIGHT_SLACK
    if kind == "no-reflow":  # cut off by a clipping box instead: resize-text's text-clipped
        return int(block.get("overflow_px", 0)) > MIN_OVERFLOW_PX and not block.get("clipped")
    raise ValueError(f"unknown kind {kind!r}")


def severity(block: dict[str, Any], kind: str) -> float:
    """How bad a block is for its kind (higher is worse), to pick the worst ones."""
    if kind == "line-length":
        return float(block.get("cpl_median", 0))
    if kind == "line-height":
        return -line_ratio(block)
    if kind == "no-reflow":
        return float(block.get("overflow_px", 0))
    return float(block.get("chars", 0))


def worst(blocks: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    flagged = [b for b in blocks if has_kind(b, kind)]
    return sorted(flagged, key=lambda b: (severity(b, kind), b.get("chars", 0)), reverse=True)


def worst_items(blocks: list[dict[str, Any]], kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    """The worst block of each kind, once each (they get the evidence screenshots)."""
    chosen: list[dict[str, Any]] = []
    for kind in kinds:
        found = worst(blocks, kind)
        if found and all(found[0] is not c for c in chosen):
            chosen.append(found[0])
    return chosen


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _element(block: dict[str, Any], kind: str) -> dict[str, Any]:
    keys = {
        "justified": ("align", "lines"),
        "line-length": ("cpl_median", "cpl_max", "font_px"),
        "line-height": ("line_height_px", "font_px"),
        "no-reflow": ("overflow_px", "visible_width"),
    }[kind]
    shown = {"selector": block.get("selector", ""), "text": str(block.get("text", ""))[:80]}
    shown.update({key: block.get(key) for key in keys})
    if kind == "line-height":
        shown["ratio"] = round(line_ratio(block), 2)
    return shown


def kind_finding(kind: str, blocks: list[dict[str, Any]]) -> Finding | None:
    """One finding for the page: the worst block, the next worst listed in data."""
    found = worst(blocks, kind)
    if not found:
        return None
    top = found[0]
    values: dict[str, Any] = {"count": len(found)}
    impact: Impact = "moderate"
    if kind == "line-length":
        values.update(chars=top.get("cpl_median"), max_chars=top.get("cpl_max"),
                      limit=char_limit(top))
    elif kind == "line-height":
        values["ratio"] = _number(line_ratio(top))
    elif kind == "no-reflow":
        values.update(state="page-zoom", overflow_px=top.get("overflow_px"))
        impact = "serious"
    data = {
        "count": len(found),
        "elements": [_element(b, kind) for b in found[:SHOWN_ELEMENTS]],
    }
    return make_finding(CHECK_ID, kind, top, impact=impact, wcag=WCAG, data=data, **values)


def audit(data: dict[str, Any]) -> CheckResult:
    if not data.get("applicable"):
        return skipped(CHECK_ID, WCAG, note(data.get("reason", "not-applicable")))
    if data.get("error"):
        return errored(CHECK_ID, WCAG, data["error"])
    base = data.get("base") or {}
    zoom = data.get("zoom") or {}
    findings: list[Finding] = []
    for kind in KINDS:
        source = zoom if kind == "no-reflow" else base
        finding = kind_finding(kind, source.get("blocks") or [])
        if finding is not None:
            findings.append(finding)
    summary = {
        "running_blocks": base.get("running", 0),
        "examined": base.get("examined", 0),
        "truncated": bool(base.get("truncated") or zoom.get("truncated")),
        "median_chars_per_line": base.get("page_cpl_median"),
        "zoom_checked": bool(zoom),
        "seconds": data.get("seconds"),
    }
    return result_from(CHECK_ID, findings, WCAG, summary)


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Running text is easy to follow: left-aligned, short lines, 1.5 line spacing",
)
