"""False alarms of the reflow / resize / spacing audits: overflow that hides nothing readable is
no finding, and spacing the author pins is judged against the 1.4.12 minimums. No browser."""

from __future__ import annotations

from tester.checks.lowvision import reflow, text_spacing


def offender(selector: str, *, readable: bool, exempt: str | None = None) -> dict:
    return {"selector": selector, "snippet": "<div>", "page_box": [0, 0, 700, 90],
            "overflow_px": 380, "exempt": exempt, "readable": readable}


def test_overflow_without_text_or_controls_is_no_finding() -> None:
    data = {"applicable": True, "page_scrolls": True, "scroll_width": 700, "viewport_width": 320,
            "offenders": [offender("iframe.map", readable=False, exempt="iframe"),
                          offender("img.banner", readable=False, exempt="img")]}
    result = reflow.audit(data)
    # The pictures explain the scrollbar: no "page scrolls" finding either.
    assert result.status == "passed" and not result.findings
    assert result.data["harmless_offenders"] == 2 and result.data["offenders"] == 0


def test_overflow_with_text_still_fails_both_ways() -> None:
    text = offender("#t-container", readable=True)
    scrolls = reflow.audit({"applicable": True, "page_scrolls": True, "offenders": [text]})
    assert [f.data["kind"] for f in scrolls.findings] == ["reflow-offender"]
    cut = reflow.audit({"applicable": True, "page_scrolls": False, "offenders": [text]})
    assert cut.status == "failed" and cut.findings[0].data["kind"] == "reflow-cut-off"
    # Data gathered before `readable` existed keeps its old meaning.
    legacy = dict(text)
    del legacy["readable"]
    assert reflow.audit({"applicable": True, "page_scrolls": True,
                         "offenders": [legacy]}).status == "failed"


def test_spacing_pinned_below_the_minimums_is_reported() -> None:
    item = {"selector": "#t-text-7", "snippet": "<div id='t-text-7'>", "page_box": [0, 0, 300, 40],
            "properties": ["line-height", "letter-spacing"]}
    result = text_spacing.audit({"applicable": True, "blocked": [item], "clipped": [],
                                 "overlaps": []})
    (finding,) = result.findings
    assert result.status == "failed" and finding.data["kind"] == "spacing-blocked"
    assert finding.wcag == ["1.4.12"] and finding.data["properties"] == ["line-height",
                                                                         "letter-spacing"]
    for text in (finding.message, finding.messages["ru"], finding.messages["kk"]):
        assert "line-height, letter-spacing" in text and "!important" in text
    assert result.data["blocked"] == 1


def test_spacing_sheet_keeps_what_the_author_already_set() -> None:
    css = text_spacing.spacing_css([["#lead", "line-height: 1.8 !important"]])
    assert css.startswith(text_spacing.SPACING_CSS)
    assert css.endswith(" #lead { line-height: 1.8 !important; }")
    assert text_spacing.spacing_css([]) == text_spacing.SPACING_CSS
