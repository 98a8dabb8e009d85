"""Small text: body text rendered smaller than a readable minimum (default 12 px).

WCAG sets no minimum font size (Lighthouse had a check for it until v13). The check is mapped to
1.4.8 Visual Presentation (AAA), the criterion about reading blocks of text that low-vision
readers need, so under the default standard (WCAG 2.1 AA) its findings are advisory: shown, never
a failure (tester.wcag); at AAA they count. Text is measured as rendered (computed font size of
each visible text node) and grouped: sibling runs of small text merge into their common
container, level by level, so a page set in 10 px gives one finding for the page, not one per
paragraph or link. Superscripts, subscripts and one- or two-character marks are left out of the
groups (they still count in the histogram).

Decision on fine print: a short run (<= 200 characters) of small text inside the page footer
(`footer`, `[role=contentinfo]`) or a `<small>` element, such as an 11 px copyright line, is not
flagged. It is not body text, and flagging every site's copyright line would bury real
problems. It still counts in `share_under_14` and the size histogram.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Error as PlaywrightError

from tester.checks.base import PageCheck
from tester.checks.lowvision.common import (
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
from tester.model import CheckResult, Finding
from tester.options import Option

CHECK_ID = "small-text"
# No criterion sets a minimum size; 1.4.8 (AAA) is the nearest: advisory below AAA.
WCAG: list[str] = ["1.4.8"]
DEFAULT_MIN_PX = 12.0
MIN_GROUP_CHARS = 20  # a stray footnote mark or "(c)" is not body text
FINE_PRINT_CHARS = 200

OPTIONS: tuple[Option, ...] = (
    Option("min_font_px", DEFAULT_MIN_PX, float,
           "small-text: body text rendered under this size, in CSS px, is flagged", minimum=1),
)

SMALL_TEXT_JS = """
(() => {
  const [minPx, fineSel] = arg;
  const items = LV.textItems();
  const histogram = {};
  let total = 0;
  let groups = new Map();
  for (const it of items) {
    const size = parseFloat(LV.cs(it.el).fontSize) || 0;
    const bucket = String(Math.round(size * 2) / 2);
    histogram[bucket] = (histogram[bucket] || 0) + it.chars;
    total += it.chars;
    // Superscripts, subscripts and one-character marks (*, ©) are small by convention.
    if (size >= minPx || it.chars < 3 || it.el.closest('sup, sub')) continue;
    const block = LV.blockOf(it.el) || it.el;
    const g = groups.get(block) || { chars: 0, sizes: {} };
    g.chars += it.chars;
    g.sizes[size] = (g.sizes[size] || 0) + it.chars;
    groups.set(block, g);
  }
  // Merge sibling runs of small text into their common container, level by level.
  for (let round = 0; round < 8; round++) {
    const perParent = new Map();
    for (const el of groups.keys()) {
      const p = el.parentElement;
      if (p) perParent.set(p, (perParent.get(p) || 0) + 1);
    }
    const next = new Map();
    let changed = false;
    for (const [el, g] of groups) {
      let target = el;
      const p = el.parentElement;
      if (p && el !== document.body && el !== document.documentElement &&
          perParent.get(p) > 1) { target = p; changed = true; }
      const into = next.get(target);
      if (into) {
        into.chars += g.chars;
        for (const [s, c] of Object.entries(g.sizes)) into.sizes[s] = (into.sizes[s] || 0) + c;
      } else next.set(target, { chars: g.chars, sizes: Object.assign({}, g.sizes) });
    }
    groups = next;
    if (!changed) break;
  }
  const out = [];
  for (const [el, g] of groups) {
    const sizes = Object.entries(g.sizes).map(([s, c]) => [parseFloat(s), c])
      .sort((a, b) => b[1] - a[1]);
    out.push(LV.describe(el, {
      small_chars: g.chars, size_px: Math.round(sizes[0][0] * 10) / 10,
      smallest_px: Math.min(...sizes.map(s => s[0])), fine_print: !!el.closest(fineSel),
    }));
  }
  out.sort((a, b) => b.small_chars - a.small_chars);
  return { total_chars: total, histogram, groups: out.slice(0, 40) };
})()
"""

FINE_PRINT_SELECTOR = "footer, [role=contentinfo], small"


async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    min_px = float(env.settings.option("min_font_px"))
    threshold = max(min_px, 14.0)  # measure up to 14 px for the share, flag under min_px
    try:
        measured = await probe(page, SMALL_TEXT_JS, [threshold, FINE_PRINT_SELECTOR])
        if not measured["total_chars"]:
            return {"applicable": False, "reason": "no-visible-text"}
        groups = rebox(measured["groups"])
        flagged = [g for g in groups if is_flagged(g, min_px)]
        await shoot_items(env, flagged, "small-text")
    except PlaywrightError as exc:
        return {"applicable": True, "error": error_text(exc)}
    return {
        "applicable": True,
        "min_font_px": min_px,
        "total_chars": measured["total_chars"],
        "histogram": measured["histogram"],
        "groups": groups,
    }


def is_flagged(group: dict[str, Any], min_px: float) -> bool:
    """Small body text: enough characters under the minimum, and not footer fine print."""
    if group.get("size_px", min_px) >= min_px or group.get("small_chars", 0) < MIN_GROUP_CHARS:
        return False
    return not (group.get("fine_print") and group.get("small_chars", 0) <= FINE_PRINT_CHARS)


def share_under(histogram: dict[str, int], limit: float, total: int) -> float:
    if total <= 0:
        return 0.0
    small = sum(count for size, count in histogram.items() if float(size) < limit)
    return round(small / total, 3)


def audit(data: dict[str, Any]) -> CheckResult:
    if not data.get("applicable"):
        return skipped(CHECK_ID, WCAG, note(data.get("reason", "not-applicable")))
    if data.get("error"):
        return errored(CHECK_ID, WCAG, data["error"])
    min_px = float(data.get("min_font_px", DEFAULT_MIN_PX))
    total = int(data.get("total_chars", 0))
    histogram = {str(k): int(v) for k, v in (data.get("histogram") or {}).items()}
    share_min = share_under(histogram, min_px, total)
    findings: list[Finding] = []
    for group in data.get("groups", []):
        if not is_flagged(group, min_px):
            continue
        size = float(group.get("size_px", 0))
        findings.append(
            make_finding(
                CHECK_ID,
                "small-text",
                group,
                impact="serious" if size < 10 or share_min >= 0.5 else "moderate",
                wcag=WCAG,
                chars=group.get("small_chars"),
                size_px=_px(size),
                min_px=_px(min_px),
                data={"size_px": size, "small_chars": group.get("small_chars")},
            )
        )
    summary = {
        "min_font_px": min_px,
        "total_chars": total,
        "share_under_14": share_under(histogram, 14, total),
        "share_under_min": share_min,
        "histogram": dict(sorted(histogram.items(), key=lambda kv: float(kv[0]))),
        "fine_print_groups": sum(1 for g in data.get("groups", []) if g.get("fine_print")),
    }
    return result_from(CHECK_ID, findings, WCAG, summary)


def _px(value: float) -> str:
    return f"{value:g}"


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Body text is not too small (WCAG 1.4.8, AAA: advisory under AA)",
    options=OPTIONS,
)
