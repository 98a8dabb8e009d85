"""Text spacing (WCAG 1.4.12): no loss of content when a reader widens text spacing.

Applies the values of the WCAG text-spacing bookmarklet (line height 1.5, paragraph spacing
2 em, letter spacing 0.12 em, word spacing 0.16 em, all !important) as a constructed style
sheet (allowed under a strict CSP and removed without a trace), then reports text that is
clipped or overlaps other text only in that state.
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
    note,
    probe,
    result_from,
    shoot_items,
    skipped,
)
from tester.checks.lowvision.reflow import layout_changes, layout_findings
from tester.env import PageEnv
from tester.gather import isolated
from tester.model import CheckResult

CHECK_ID = "text-spacing"
WCAG = ["1.4.12"]

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

REMOVE_JS = """() => {
  const sheet = window.__ashyqSpacingSheet;
  if (!sheet) return;
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter(s => s !== sheet);
  delete window.__ashyqSpacingSheet;
}"""


async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    state = await PageState(page).save()
    try:
        base = await state.baseline()
        if not base["text_nodes"]:
            return {"applicable": False, "reason": "no-visible-text"}
        await isolated.evaluate(page, APPLY_JS, SPACING_CSS)
        spaced = await probe(page, "LV.layout(false)")
        changes = layout_changes(base, spaced, controls=False)
        await shoot_items(env, changes["clipped"] + changes["overlaps"], "text-spacing")
        return {"applicable": True, **changes}
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
    findings = layout_findings(CHECK_ID, WCAG, data, "text-spacing")
    summary = {"clipped": len(data.get("clipped", [])), "overlaps": len(data.get("overlaps", []))}
    return result_from(CHECK_ID, findings, WCAG, summary)


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Text stays readable with wider spacing",
)
