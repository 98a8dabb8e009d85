"""Use of colour (WCAG 1.4.1): information told by colour alone, in links and form states.

Links in running text (a link with real words around it in its paragraph, list item or table
cell, and on a line it shares with them; not menus, navigation, breadcrumbs, buttons, a link
that is its block's whole text, or a news title on a line of its own) must differ from
the surrounding text by more than colour: an underline or other line (also from an inline
wrapper), a border, a box-shadow, a background, another weight, style, size, family or case, or
an icon. A link with none of these is judged by WCAG technique G183: under 3:1 contrast with the
surrounding text it fails; at 3:1 or more it passes when hover or focus adds a non-colour cue,
measured on a few links per style with DevTools' forced :hover/:focus (CSS.forcePseudoState,
removed afterwards). Decision: at 3:1 or more with no such cue found (or none measurable: a
script-driven hover is invisible to forced states) the finding needs review, not a failure.

Form fields: "required" told only by the label's colour (a required field whose label is red or
coloured unlike the form's other labels, with no asterisk or word such as «обязательно»,
«міндетті», "required" near it; aria-required alone is not seen by a sighted person), and an
error state told only by colour (a field marked invalid, by aria-invalid or an error class,
shown with a red border, background or label and no message or icon near it). Both are
conservative: a form with no clear evidence gives nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from contextlib import suppress
from pathlib import Path
from typing import Any

from playwright.async_api import CDPSession
from playwright.async_api import Error as PlaywrightError

from tester.checks.base import PageCheck
from tester.checks.lowvision.common import (
    MAX_FINDINGS,
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
from tester.i18n import say
from tester.model import CheckResult, Finding

CHECK_ID = "use-of-color"
WCAG = ["1.4.1"]
MAX_LINKS = 2000  # links examined per page
MAX_FIELDS = 300
MAX_HOVER_STYLES = 4  # link styles whose hover/focus is measured with forced pseudo-states
MIN_RATIO = 3.0  # G183: link vs surrounding text contrast
RED_CUES = {  # how the error shows, told in the reader's language
    "border": "lowvision.fragment.red-border",
    "background": "lowvision.fragment.red-background",
    "shadow": "lowvision.fragment.red-shadow",
    "label": "lowvision.fragment.red-label",
}
SCAN_JS = (Path(__file__).with_name("use_of_color.js")).read_text(encoding="utf-8").strip()


async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    try:
        scan = await probe(page, SCAN_JS, {"mode": "scan", "maxLinks": MAX_LINKS,
                                           "maxFields": MAX_FIELDS})
        if not scan["in_text"] and not scan["fields"]:
            return {"applicable": False, "reason": "no-links-or-fields"}
        groups = link_groups(scan["bare"])
        await measure_hover(env, [g[0] for g in groups if g[0]["ratio"] >= MIN_RATIO])
        links = rebox(g[0] | {"count": len(g), "same_style": [m["selector"] for m in g[1:11]]}
                      for g in groups)
        fields = rebox(scan["fields"])
        flagged = [*links, *(f for f in fields if field_kind(f, fields, scan["colour_legend"]))]
        await shoot_items(env, flagged[:MAX_FINDINGS], "use-of-color")
    except PlaywrightError as exc:
        return {"applicable": True, "error": error_text(exc)}
    return {
        "applicable": True,
        "links": scan["links"],
        "links_in_text": scan["in_text"],
        "bare_links": links,
        "fields": fields,
        "colour_legend": scan["colour_legend"],
    }


def link_groups(bare: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Bare links of one style (colours, class, block) are one finding, judged once."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in bare:
        groups[str(link.get("style_key"))].append(link)
    return list(groups.values())


async def measure_hover(env: PageEnv, links: list[dict[str, Any]]) -> None:
    """Set `hover_cues` on a few links: the non-colour cues shown under forced :hover/:focus.

    The forced states are removed again before returning, whatever happens."""
    sample = links[:MAX_HOVER_STYLES]
    if not sample:
        return
    cdp: CDPSession | None = None
    forced: list[int] = []
    try:
        cdp = await env.page.context.new_cdp_session(env.page)
        await cdp.send("DOM.enable")
        await cdp.send("CSS.enable")
        root = (await cdp.send("DOM.getDocument", {"depth": 0}))["root"]["nodeId"]
        for link in sample:
            node = (await cdp.send("DOM.querySelector",
                                   {"nodeId": root, "selector": link["selector"]}))["nodeId"]
            if not node:
                continue
            await cdp.send("CSS.forcePseudoState",
                           {"nodeId": node, "forcedPseudoClasses": ["hover", "focus"]})
            forced.append(node)
            cues = (await probe(env.page, SCAN_JS, {"mode": "cues",
                                                    "selectors": [link["selector"]]}))[0]
            await cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": []})
            forced.remove(node)
            if cues is not None:
                link["hover_cues"] = [c for c in cues if c not in link.get("cues", [])]
    except PlaywrightError:
        return  # unmeasured links stay "needs review"
    finally:
        if cdp is not None:
            with suppress(PlaywrightError):
                for node in forced:
                    await cdp.send("CSS.forcePseudoState",
                                   {"nodeId": node, "forcedPseudoClasses": []})
                await cdp.send("CSS.disable")
                await cdp.send("DOM.disable")
            with suppress(PlaywrightError):
                await cdp.detach()


def link_verdict(link: dict[str, Any]) -> str | None:
    """"fail", "review" or None (passes) for a link that differs from its text by colour only."""
    if link.get("cues"):
        return None
    if float(link.get("ratio", 1)) < MIN_RATIO:
        return "fail"
    return None if link.get("hover_cues") else "review"


def field_kind(
    field: dict[str, Any], fields: list[dict[str, Any]], legend: str = ""
) -> tuple[str, str] | None:
    """(kind, "fail" | "review") when this field's state is told by colour alone."""
    if field.get("invalid") and field.get("red_cue"):
        if field.get("message") or field.get("icon"):
            return None
        return "error-colour-only", "fail" if field.get("aria_invalid") or field.get(
            "red_cue") != "label" else "review"
    if field.get("required_text") or field.get("invalid"):
        return None
    others = [f for f in fields if f.get("group") == field.get("group") and f is not field
              and not f.get("required") and not f.get("invalid")]
    plain = [f for f in others if not f.get("label_reddish")]
    usual = Counter(f.get("label_colour") for f in plain).most_common(1)
    # Told apart by colour only: the plain labels look the same apart from their colour.
    coloured = bool(usual) and field.get("label_colour") != usual[0][0] and not any(
        f.get("label_weight") != field.get("label_weight")
        or f.get("label_italic") != field.get("label_italic") for f in plain)
    if field.get("required"):
        if field.get("label_reddish") or coloured:
            return "required-colour-only", "fail"
        return None
    # No required mark in the markup: a red label among plain ones means "required" when the
    # page says so in words ("fields in red are required"); otherwise it may be anything.
    if field.get("label_reddish") and coloured:
        return "required-colour-only", "fail" if legend else "review"
    return None


def audit(data: dict[str, Any]) -> CheckResult:
    if not data.get("applicable"):
        return skipped(CHECK_ID, WCAG, note(data.get("reason", "not-applicable")))
    if data.get("error"):
        return errored(CHECK_ID, WCAG, data["error"])
    findings: list[Finding] = []
    for link in data.get("bare_links", []):
        verdict = link_verdict(link)
        if verdict is None:
            continue
        findings.append(make_finding(
            CHECK_ID, "link-colour-only" if verdict == "fail" else "link-colour-only-review",
            link, impact="serious" if verdict == "fail" else "moderate", wcag=WCAG,
            needs_review=verdict == "review",
            data={"kind": "link-colour-only", "ratio": link.get("ratio"),
                  "link_colour": link.get("link_colour"), "text_colour": link.get("text_colour"),
                  "hover_cues": link.get("hover_cues"), "count": link.get("count", 1),
                  "same_style": link.get("same_style", [])},
        ))
    fields = data.get("fields", [])
    by_form: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for field in fields:
        judged = field_kind(field, fields, data.get("colour_legend", ""))
        if judged is not None:
            by_form[(*judged, str(field.get("group")))].append(field)
    # One finding per form and kind: a form with ten red labels has one problem, told once.
    for (kind, verdict, _), members in by_form.items():
        field = members[0]
        findings.append(make_finding(
            CHECK_ID, kind, field, impact="serious" if verdict == "fail" else "moderate",
            wcag=WCAG, needs_review=verdict == "review",
            red_cue=say(RED_CUES.get(str(field.get("red_cue")), RED_CUES["border"])),
            data={"label": field.get("label"), "label_colour": field.get("label_colour"),
                  "red_cue": field.get("red_cue"), "count": len(members),
                  "same_form": [m.get("selector") for m in members[1:11]]},
        ))
    summary = {
        "links": data.get("links", 0),
        "links_in_text": data.get("links_in_text", 0),
        "bare_link_styles": len(data.get("bare_links", [])),
        "fields": len(fields),
    }
    return result_from(CHECK_ID, findings, WCAG, summary)


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Links and form states are not told by colour alone",
)
