"""Contrast of text over images and gradients, decided from rendered pixels.

axe-core cannot compute contrast when text sits on a background image, a gradient or a
picture placed behind it, and answers "needs review". This check finds such text itself
(the nearest backdrop of a text element is a `background-image` or an <img>/<video>/<canvas>
overlapping it, before any opaque background colour), captures the text box twice (as shown,
and with the text made transparent, which keeps text shadows), and lets the pure
`decide_contrast` judge the pixels behind the glyphs. Only clear answers become failures;
mixed ones are reported as needing review. Text without a letter or digit (icon-font glyphs,
arrows, bullets, emoji) is not text for 1.4.3 and is not measured.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from playwright.async_api import Error as PlaywrightError

from tester.checks.base import PageCheck
from tester.checks.lowvision.common import (
    Capturer,
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
from tester.checks.lowvision.pixels import decide_contrast, verdict_from_stats
from tester.env import PageEnv
from tester.gather import isolated
from tester.model import CheckResult, Finding

CHECK_ID = "contrast-review"
WCAG = ["1.4.3"]
MAX_CANDIDATES = 40  # text elements considered
MAX_MEASURED = 10  # distinct groups measured on pixels
PAD = 4

FIND_JS = r"""
(() => {
  const [maxItems] = arg;
  const byEl = new Map();
  for (const it of LV.textItems()) {
    const g = byEl.get(it.el) || { rects: [], chars: 0, text: '' };
    g.rects.push(...it.rects);
    g.chars += it.chars;
    g.text += it.node.nodeValue;
    byEl.set(it.el, g);
  }
  const opaque = c => {
    const m = /rgba?\(([^)]+)\)/.exec(c || '');
    if (!m) return false;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean);
    return p.length < 4 || parseFloat(p[3]) >= 0.99;
  };
  const mediaMemo = new Map();
  const mediaOf = n => {
    let found = mediaMemo.get(n);
    if (!found) {
      found = Array.from(n.querySelectorAll(
        ':scope > img, :scope > picture, :scope > video, :scope > canvas'));
      mediaMemo.set(n, found);
    }
    return found;
  };
  const overlaps = (a, b) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const backdrop = (el, box) => {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const s = LV.cs(n);
      if (s.backgroundImage && s.backgroundImage !== 'none') {
        return [s.backgroundImage.indexOf('url(') >= 0 ? 'background-image' : 'gradient', n];
      }
      if (n !== el) {
        for (const m of mediaOf(n)) {
          const behind = !m.contains(el) && overlaps(m.getBoundingClientRect(), box);
          if (behind) return ['picture-behind', n];
        }
      }
      if (opaque(s.backgroundColor)) return null;
    }
    return null;
  };
  // 1.4.3 asks contrast of text: a run of icon-font glyphs (Private Use Area), arrows,
  // bullets, stars or emoji has no letter or digit, and an icon font's ligature words
  // ("home" in Material Icons) are drawn as pictures. Both are left to 1.4.11.
  const ICON_FONT = /\bicons?\b|icomoon|awesome|glyphicons|material symbols|fontello|dashicons/i;
  const wording = (el, text) => /[\p{L}\p{N}]/u.test(text) && !ICON_FONT.test(LV.cs(el).fontFamily);
  const out = [];
  for (const [el, g] of byEl) {
    if (g.chars < 3 || !wording(el, g.text)) continue;
    const box = {
      left: Math.min(...g.rects.map(r => r.left)), top: Math.min(...g.rects.map(r => r.top)),
      right: Math.max(...g.rects.map(r => r.right)),
      bottom: Math.max(...g.rects.map(r => r.bottom)),
    };
    const found = backdrop(el, box);
    if (!found) continue;
    const [kind, holder] = found;
    const s = LV.cs(el);
    const size = parseFloat(s.fontSize) || 16;
    const weight = parseInt(s.fontWeight, 10) || 400;
    out.push(LV.describe(el, {
      backdrop: kind, color: s.color, font_px: size,
      large: size >= 24 || (size >= 18.66 && weight >= 700),
      text_box: [box.left + scrollX, box.top + scrollY, box.right - box.left, box.bottom - box.top],
      // Text carrying its own background (icons, bullets, buttons) repeats: one measurement
      // serves every element styled alike. Text over a shared backdrop is measured one by one.
      group: holder === el
        ? ['own', s.backgroundImage.slice(0, 300), s.color, s.fontSize, s.fontWeight].join('|')
        : 'text:' + out.length,
    }));
    if (out.length >= maxItems) break;
  }
  return out;
})()
"""

# Hides the text of an element (and its descendants) but not its shadows; undone exactly.
HIDE_TEXT_JS = """(selector) => {
  const root = document.querySelector(selector);
  if (!root) return false;
  const els = [root, ...root.querySelectorAll('*')].slice(0, 500);
  const saved = els.map(el => [el, el.hasAttribute('style'),
    ['color', '-webkit-text-fill-color'].map(p =>
      [p, el.style.getPropertyValue(p), el.style.getPropertyPriority(p)])]);
  for (const el of els) {
    el.style.setProperty('color', 'transparent', 'important');
    el.style.setProperty('-webkit-text-fill-color', 'transparent', 'important');
  }
  window.__ashyqUndoHide = () => {
    for (const [el, had, props] of saved) {
      for (const [p, v, prio] of props) {
        if (v) el.style.setProperty(p, v, prio); else el.style.removeProperty(p);
      }
      if (!had && el.getAttribute('style') === '') el.removeAttribute('style');
    }
  };
  return true;
}"""

UNDO_HIDE_JS = """() => {
  if (window.__ashyqUndoHide) { window.__ashyqUndoHide(); delete window.__ashyqUndoHide; }
}"""


async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    state = await PageState(page).save()
    capturer = Capturer(page)
    try:
        candidates = rebox(await probe(page, FIND_JS, [MAX_CANDIDATES]))
        if not candidates:
            return {"applicable": False, "reason": "no-text-over-images"}
        await capturer.open()
        measured: dict[str, dict[str, Any]] = {}
        for item in candidates:
            group = str(item.get("group"))
            if group in measured:
                item["stats"], item["inferred"] = measured[group], True
            elif len(measured) < MAX_MEASURED:
                item["stats"] = measured[group] = await _measure(env, capturer, item)
            else:
                item["stats"] = {"verdict": "unclear", "reason": "not measured (limit)"}
        failing = [
            c
            for c in candidates
            if not c.get("inferred")
            and c["stats"].get("verdict") in ("fail", "unclear")
            and "ratio_p05" in c["stats"]
        ]
        await shoot_items(env, failing, "contrast")
        return {"applicable": True, "candidates": candidates}
    except PlaywrightError as exc:
        return {"applicable": True, "error": error_text(exc)}
    finally:
        with suppress(PlaywrightError):
            await isolated.evaluate(page, UNDO_HIDE_JS)
        await capturer.close()
        await state.restore()


async def _measure(env: PageEnv, capturer: Capturer, item: dict[str, Any]) -> dict[str, Any]:
    page = env.page
    x, y, w, h = item["text_box"]
    viewport = page.viewport_size or {"width": 1280, "height": 800}
    top = max(0, y - max(PAD, (viewport["height"] - h) / 2))
    scroll = await isolated.evaluate(
        page, "([x, y]) => { window.scrollTo(x, y); return [scrollX, scrollY]; }", [0, top]
    )
    left, upper = max(0.0, x - PAD - scroll[0]), max(0.0, y - PAD - scroll[1])
    right = min(viewport["width"], x + w + PAD - scroll[0])
    bottom = min(viewport["height"], y + h + PAD - scroll[1])
    if right - left < 4 or bottom - upper < 4:
        return {"verdict": "unclear", "reason": "text is not on screen"}
    region = [left, upper, right - left, bottom - upper]
    shown = await capturer.capture(region, scroll)
    if not await isolated.evaluate(page, HIDE_TEXT_JS, item["selector"]):
        return {"verdict": "unclear", "reason": "element not found again"}
    try:
        backdrop = await capturer.capture(region, scroll)
    finally:
        await isolated.evaluate(page, UNDO_HIDE_JS)
    return decide_contrast(
        shown, item.get("color"), background=backdrop, large_text=bool(item.get("large"))
    )


EVIDENCE_KEYS = ("ratio_p05", "ratio_median", "ratio_p95", "below_share", "fg", "needed", "method")


def audit(data: dict[str, Any]) -> CheckResult:
    if not data.get("applicable"):
        return skipped(CHECK_ID, WCAG, note(data.get("reason", "not-applicable")))
    if data.get("error"):
        return errored(CHECK_ID, WCAG, data["error"])
    findings: list[Finding] = []
    verdicts: dict[str, int] = {}
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in data.get("candidates", []):
        groups.setdefault(str(item.get("group", id(item))), []).append(item)
    for members in groups.values():
        item = members[0]
        stats = item.get("stats") or {}
        verdict = verdict_from_stats(stats)
        verdicts[verdict] = verdicts.get(verdict, 0) + len(members)
        evidence: dict[str, Any] = {k: stats.get(k) for k in EVIDENCE_KEYS}
        evidence.update(
            backdrop=item.get("backdrop"),
            count=len(members),
            same_style=[m.get("selector") for m in members[1:11]],
        )
        if verdict == "fail":
            findings.append(
                make_finding(
                    CHECK_ID,
                    "contrast-low",
                    item,
                    impact="serious",
                    wcag=WCAG,
                    data=evidence,
                    ratio=_ratio(stats["ratio_median"]),
                    needed=_ratio(stats["needed"]),
                )
            )
        elif verdict == "unclear" and "ratio_p05" in stats:
            findings.append(
                make_finding(
                    CHECK_ID,
                    "contrast-unclear",
                    item,
                    impact="minor",
                    wcag=WCAG,
                    needs_review=True,
                    low=_ratio(stats["ratio_p05"]),
                    high=_ratio(stats["ratio_p95"]),
                    needed=_ratio(stats["needed"]),
                    data=evidence,
                )
            )
    summary = {"candidates": len(data.get("candidates", [])), "verdicts": verdicts}
    return result_from(CHECK_ID, findings, WCAG, summary)


def _ratio(value: float) -> str:
    return f"{value:.1f}"


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Text over images has enough contrast (pixel check)",
)
