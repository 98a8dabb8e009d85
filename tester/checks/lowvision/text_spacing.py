"""Text spacing (WCAG 1.4.12): no loss of content when a reader widens text spacing.

Applies the values of the WCAG text-spacing bookmarklet (line height 1.5, paragraph spacing
2 em, letter spacing 0.12 em, word spacing 0.16 em, all !important) as a constructed style
sheet (allowed under a strict CSP and removed without a trace), then reports text that is
clipped or overlaps other text only in that state.

The values are minimums: spacing an author already sets at or above them in a style attribute
is kept (the override must not narrow it and then blame the page). An inline `!important`
below them blocks any reader's override on that text, which is reported by itself.
"""

from __future__ import annotations

from contextlib import suppress
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
from tester.checks.lowvision.reflow import layout_changes, layout_findings
from tester.env import PageEnv
from tester.gather import isolated
from tester.model import CheckResult, Finding

CHECK_ID = "text-spacing"
WCAG = ["1.4.12"]
MAX_STYLED = 2000  # elements with a style attribute examined

SPACING_CSS = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)

APPLY_JS = """(css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  window.__ashyqSpacingSheet = sheet;
  window.scrollTo(0, 0);
}"""

# Inline spacing (style attributes, bounded): kept when it already meets a value, reported
# when `!important` pins it below one. Values are compared in px against the font size.
PLAN_JS = r"""
(() => {
  const [maxElements] = arg;
  const MINIMUMS = [['line-height', 1.5], ['letter-spacing', 0.12], ['word-spacing', 0.16],
    ['margin-bottom', 2]];
  const measure = (prop, value, size) => {
    if (value === 'normal') return prop === 'line-height' ? 1.2 * size : 0;
    return parseFloat(value) || 0;
  };
  const ownText = el => Array.from(el.childNodes).some(
    n => n.nodeType === 3 && /\S/.test(n.nodeValue));
  const keep = [], blocked = [];
  const els = document.querySelectorAll('body [style], body[style]');
  for (let i = 0; i < els.length && i < maxElements; i++) {
    const el = els[i], inline = el.style, s = LV.cs(el);
    const size = parseFloat(s.fontSize) || 16;
    const kept = [], below = [];
    for (const [prop, factor] of MINIMUMS) {
      if (prop === 'margin-bottom' && el.localName !== 'p') continue;
      const declared = inline.getPropertyValue(prop);
      if (!declared) continue;
      const value = measure(prop, s.getPropertyValue(prop), size);
      const meets = value >= factor * size - 0.5;
      if (inline.getPropertyPriority(prop) === 'important') {
        // Line height only matters between lines: a one-line label loses nothing by it.
        const oneLine = prop === 'line-height' && el.getBoundingClientRect().height < 1.8 * value;
        if (!meets && !oneLine) below.push(prop);
      } else if (meets) {
        kept.push(prop + ': ' + declared + ' !important');
      }
    }
    if (kept.length && keep.length < 500) keep.push([LV.selectorOf(el), kept.join('; ')]);
    const r = el.getBoundingClientRect();
    if (below.length && ownText(el) && r.width > 0 && r.height > 0 && s.visibility === 'visible'
        && !LV.hiddenOnPurpose(el) && blocked.length < 60) {
      blocked.push(LV.describe(el, { properties: below }));
    }
  }
  return { keep, blocked };
})()
"""

REMOVE_JS = """() => {
  const sheet = window.__ashyqSpacingSheet;
  if (!sheet) return;
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter(s => s !== sheet);
  delete window.__ashyqSpacingSheet;
}"""


def spacing_css(keep: list[list[str]]) -> str:
    """The override sheet, with the author's inline spacing kept where it already meets the
    minimums (a later rule naming the element outranks the universal one)."""
    kept = "".join(f" {selector} {{ {declarations}; }}" for selector, declarations in keep)
    return SPACING_CSS + kept


async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    state = await PageState(page).save()
    try:
        base = await state.baseline()
        if not base["text_nodes"]:
            return {"applicable": False, "reason": "no-visible-text"}
        plan = await probe(page, PLAN_JS, [MAX_STYLED])
        await isolated.evaluate(page, APPLY_JS, spacing_css(plan["keep"]))
        spaced = await probe(page, "LV.layout(false)")
        changes = layout_changes(base, spaced, controls=False)
        blocked = rebox(plan["blocked"])
        await shoot_items(env, blocked + changes["clipped"] + changes["overlaps"], "text-spacing")
        return {"applicable": True, "blocked": blocked, **changes}
    except PlaywrightError as exc:
        return {"applicable": True, "error": error_text(exc)}
    finally:
        with suppress(PlaywrightError):
            await isolated.evaluate(page, REMOVE_JS)
        await state.restore()


def audit(data: dict[str, Any]) -> CheckResult:
    if not data.get("applicable"):
        return skipped(CHECK_ID, WCAG, note(data.get("reason", "not-applicable")))
    if data.get("error"):
        return errored(CHECK_ID, WCAG, data["error"])
    findings = [blocked_finding(item) for item in data.get("blocked", [])]
    findings += layout_findings(CHECK_ID, WCAG, data, "text-spacing")
    summary = {
        "clipped": len(data.get("clipped", [])),
        "overlaps": len(data.get("overlaps", [])),
        "blocked": len(data.get("blocked", [])),
    }
    return result_from(CHECK_ID, findings, WCAG, summary)


def blocked_finding(item: dict[str, Any]) -> Finding:
    properties = [str(p) for p in item.get("properties", [])]
    return make_finding(
        CHECK_ID,
        "spacing-blocked",
        item,
        impact="serious",
        wcag=WCAG,
        properties=", ".join(properties),
        data={"properties": properties},
    )


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Text stays readable with wider spacing",
)
