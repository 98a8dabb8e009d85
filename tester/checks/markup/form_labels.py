"""Form labels axe-core lets through.

- A placeholder as a field's only label: axe's `label` rule accepts a non-empty placeholder as
  the name, but the placeholder vanishes as soon as the person types, is usually pale grey, and
  is no label element a screen reader or voice control can rely on (3.3.2 A, 1.3.1 A). A
  `<label>` (wrapping or for=), aria-label, aria-labelledby or title passes. The one field of a
  form with a worded submit button (site search: [Іздеу...] [Іздеу]) needs review instead:
  WCAG's technique G167 lets such a button label the field.
- A fieldset that groups radio buttons or check boxes with no legend (or an empty one) and no
  aria-label/labelledby: the question the choices answer is not tied to them (1.3.1 A). axe
  has no rule for it.
"""

from __future__ import annotations

from typing import Any

from tester.checks.base import PageCheck
from tester.checks.markup.facts import clipped, markup_finding, meta, page_facts, result_of
from tester.env import PageEnv
from tester.model import CheckResult, Finding

CHECK_ID = "form-labels"
WCAG = ["1.3.1", "3.3.2"]
PLACEHOLDER_ONLY = "placeholder-only-label"
FIELDSET_NO_LEGEND = "fieldset-no-legend"


async def gather(env: PageEnv) -> dict[str, Any]:
    facts = await page_facts(env)
    return {"fields": facts.get("fields", []), "fieldsets": facts.get("fieldsets", []),
            **meta(facts)}


def labelled(field: dict[str, Any]) -> bool:
    """Has the field a name of its own besides the placeholder?"""
    return any(str(field.get(key) or "").strip()
               for key in ("label", "aria_label", "labelledby", "title"))


def fieldset_named(fieldset: dict[str, Any]) -> bool:
    return any(str(fieldset.get(key) or "").strip()
               for key in ("legend", "aria_label", "labelledby"))


def audit(data: dict[str, Any]) -> CheckResult:
    findings: list[Finding] = []
    fieldsets = [fs for fs in data.get("fieldsets", []) if not fieldset_named(fs)]
    for fieldset in fieldsets:
        findings.append(markup_finding(
            CHECK_ID, FIELDSET_NO_LEGEND, "markup.fieldset-no-legend", fieldset,
            impact="serious", wcag=["1.3.1"], count=fieldset.get("choices", 0),
            data={"choices": fieldset.get("choices", 0),
                  "empty_legend": bool(fieldset.get("has_legend"))}))
    fields = [f for f in data.get("fields", [])
              if f.get("role") not in ("presentation", "none") and not labelled(f)]
    for field in fields:
        # G167: a lone field's adjacent button ("Іздеу") may serve as its label; a person
        # decides. Every other placeholder-only field fails.
        by_button = bool(str(field.get("button") or "").strip())
        findings.append(markup_finding(
            CHECK_ID, PLACEHOLDER_ONLY, "markup.placeholder-only-label", field,
            impact="moderate" if by_button else "serious", wcag=["1.3.1", "3.3.2"],
            needs_review=by_button,
            placeholder=clipped(field.get("placeholder"), 60),
            data={"placeholder": clipped(field.get("placeholder"), 120),
                  "button": clipped(field.get("button"), 60)}))
    findings.sort(key=lambda f: f.needs_review)  # failures first, before MAX_FINDINGS
    return result_of(CHECK_ID, WCAG, data, findings, {
        "placeholder_fields": len(data.get("fields", [])), PLACEHOLDER_ONLY: len(fields),
        "choice_fieldsets": len(data.get("fieldsets", [])), FIELDSET_NO_LEGEND: len(fieldsets),
    })


CHECK = PageCheck(
    id=CHECK_ID,
    group="markup",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Form fields have real labels and choice groups a legend",
)
