"""Resize text (WCAG 1.4.4): text at 200 % must stay readable, nothing cut off or lost.

Two states are tried on the loaded page, each compared with the page as loaded so that
deliberate clipping (visually-hidden text, ellipsis already there) is not blamed on zoom:

* text-only zoom: every element's computed font size (and pixel line height) doubled, as a
  browser's "text size" setting or a reader's style sheet does; boxes sized in em/rem grow
  with it, boxes fixed in px do not, which is the failure people meet;
* page zoom 200 %: the viewport halved in CSS px, which is exactly what browser zoom does to
  layout (media queries included). 400 % zoom is the 320 px case of the reflow check.

A viewport meta that forbids zooming (user-scalable=no, maximum-scale < 2) is reported too.
What counts as loss is LV.layout()'s (see reflow): text cut by more than a sliver, text painted
over other text, controls cut off; not text in scroll boxes, hidden text, or menus folded shut.
"""

from __future__ import annotations

import re
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
    result_from,
    shoot_items,
    skipped,
)
from tester.checks.lowvision.reflow import layout_changes, layout_findings
from tester.env import PageEnv
from tester.gather import isolated
from tester.model import CheckResult, Finding

CHECK_ID = "resize-text"
WCAG = ["1.4.4"]

# Reads every computed size first, then writes, so em-sized children are not doubled twice.
# Writes go through CSSOM (allowed under a strict CSP) and are undone property by property.
SCALE_TEXT_JS = """(factor) => {
  const all = document.querySelectorAll('body, body *');
  const els = [document.documentElement, ...all].slice(0, 20000);
  const plan = [];
  for (const el of els) {
    if (!el.style) continue;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    if (!(size > 0)) continue;
    const lh = /px$/.test(s.lineHeight) ? parseFloat(s.lineHeight) : null;
    plan.push([el, size, lh]);
  }
  const saved = [];
  for (const [el, size, lh] of plan) {
    const st = el.style;
    saved.push([el, el.hasAttribute('style'), st.getPropertyValue('font-size'),
      st.getPropertyPriority('font-size'), st.getPropertyValue('line-height'),
      st.getPropertyPriority('line-height')]);
    st.setProperty('font-size', (size * factor) + 'px', 'important');
    if (lh) st.setProperty('line-height', (lh * factor) + 'px', 'important');
  }
  window.__ashyqUndoText = () => {
    for (const [el, had, fs, fsp, lh, lhp] of saved) {
      const st = el.style;
      if (fs) st.setProperty('font-size', fs, fsp); else st.removeProperty('font-size');
      if (lh) st.setProperty('line-height', lh, lhp); else st.removeProperty('line-height');
      if (!had && el.getAttribute('style') === '') el.removeAttribute('style');
    }
  };
  window.scrollTo(0, 0);
  return plan.length;
}"""

UNDO_TEXT_JS = """() => {
  if (window.__ashyqUndoText) { window.__ashyqUndoText(); delete window.__ashyqUndoText; }
}"""

VIEWPORT_META_JS = """() => {
  const m = document.querySelector('meta[name="viewport" i]');
  return m ? m.getAttribute('content') : null;
}"""


async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    state = await PageState(page).save()
    out: dict[str, Any] = {"applicable": True}
    try:
        out["viewport_meta"] = await isolated.evaluate(page, VIEWPORT_META_JS)
        base = await state.baseline()
        if not base["text_nodes"]:
            return {
                "applicable": False,
                "reason": "no-visible-text",
                "viewport_meta": out["viewport_meta"],
            }
        out["text_zoom"] = await _text_zoom(env, base, state)
        if state.viewport:
            width, height = state.viewport["width"], state.viewport["height"]
            await state.resize(max(1, width // 2), max(1, height // 2))
            zoomed = await probe(page, "LV.layout(false)")
            out["page_zoom"] = layout_changes(base, zoomed)
            await shoot_items(
                env, out["page_zoom"]["clipped"] + out["page_zoom"]["overlaps"], "zoom-200"
            )
    except PlaywrightError as exc:
        out["error"] = error_text(exc)
    finally:
        await state.restore()
    return out


async def _text_zoom(env: PageEnv, base: dict[str, Any], state: PageState) -> dict[str, Any]:
    page = env.page
    try:
        await isolated.evaluate(page, SCALE_TEXT_JS, 2)
        zoomed = await probe(page, "LV.layout(false)")
        changes = layout_changes(base, zoomed)
        await shoot_items(env, changes["clipped"] + changes["overlaps"], "text-200")
        return changes
    finally:
        await isolated.evaluate(page, UNDO_TEXT_JS)


def zoom_blocked(content: str | None) -> str | None:
    """Why a viewport meta blocks zoom ('user-scalable=no', 'maximum-scale=1'), or None."""
    if not content:
        return None
    values: dict[str, str] = {}
    for part in re.split(r"[,;]", content.lower()):
        if "=" in part:
            key, _, value = part.partition("=")
            values[key.strip()] = value.strip()
    scalable = values.get("user-scalable")
    if scalable in ("no", "0"):
        return f"user-scalable={scalable}"
    if scalable is not None:
        try:
            if -1 < float(scalable) < 1:
                return f"user-scalable={scalable}"
        except ValueError:
            pass
    if "maximum-scale" in values:
        try:
            if float(values["maximum-scale"]) < 2:
                return f"maximum-scale={values['maximum-scale']}"
        except ValueError:
            pass
    return None


def audit(data: dict[str, Any]) -> CheckResult:
    findings: list[Finding] = []
    reason = zoom_blocked(data.get("viewport_meta"))
    if reason:
        findings.append(
            make_finding(
                CHECK_ID,
                "zoom-blocked",
                {
                    "selector": 'meta[name="viewport"]',
                    "snippet": f'<meta name="viewport" content="{data["viewport_meta"]}">',
                },
                impact="critical",
                wcag=WCAG,
                content=data["viewport_meta"],
                data={"blocked_by": reason},
            )
        )
    if not data.get("applicable"):
        if findings:
            return result_from(
                CHECK_ID, findings, WCAG, {"viewport_meta": data.get("viewport_meta")}
            )
        return skipped(CHECK_ID, WCAG, note(data.get("reason", "not-applicable")))
    if data.get("error"):
        return errored(CHECK_ID, WCAG, data["error"], findings)
    for state_name, key in (("text-zoom", "text_zoom"), ("page-zoom", "page_zoom")):
        findings += layout_findings(CHECK_ID, WCAG, data.get(key) or {}, state_name)
    summary = {
        "viewport_meta": data.get("viewport_meta"),
        "zoom_blocked": reason,
        "text_zoom": _counts(data.get("text_zoom")),
        "page_zoom": _counts(data.get("page_zoom")),
    }
    return result_from(CHECK_ID, findings, WCAG, summary)


def _counts(changes: dict[str, Any] | None) -> dict[str, int] | None:
    if changes is None:
        return None
    return {name: len(changes.get(name, [])) for name in ("clipped", "overlaps", "lost_controls")}


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Text can be enlarged to 200 % without loss",
)
