"""use-of-color (WCAG 1.4.1): the pure verdicts on hand-made gathered data. No browser."""

from __future__ import annotations

from typing import Any

from tester.checks.lowvision import use_of_color
from tester.checks.lowvision.use_of_color import field_kind, link_groups, link_verdict


def link(selector: str = "#news > p > a", **extra: Any) -> dict[str, Any]:
    return {"selector": selector, "snippet": "<a href='/x'>", "text": "электронную приёмную",
            "link_colour": "#0056b3", "text_colour": "#333333", "ratio": 1.79, "cues": [],
            "style_key": "#0056b3|#333333||p", "page_box": [0, 0, 80, 20], **extra}


def field(selector: str, **extra: Any) -> dict[str, Any]:
    return {"selector": selector, "snippet": "<input>", "label": "Фамилия", "group": "#form",
            "label_colour": "#222222", "label_reddish": False, "label_weight": False,
            "label_italic": False, "required": False, "required_text": False, "invalid": False,
            "aria_invalid": False, "red_cue": None, "message": False, "icon": False, **extra}


def test_g183_under_three_to_one_fails_whatever_hover_does() -> None:
    assert link_verdict(link()) == "fail"
    assert link_verdict(link(hover_cues=["underline"])) == "fail"


def test_g183_at_three_to_one_passes_with_a_hover_cue_and_is_reviewed_without() -> None:
    assert link_verdict(link(ratio=4.5, hover_cues=["underline"])) is None
    assert link_verdict(link(ratio=4.5, hover_cues=[])) == "review"
    assert link_verdict(link(ratio=4.5)) == "review"  # hover not measured


def test_any_non_colour_cue_passes() -> None:
    for cue in ("underline", "border", "shadow", "background", "weight", "icon", "family"):
        assert link_verdict(link(cues=[cue])) is None


def test_links_of_one_style_are_one_finding_with_a_count() -> None:
    data = {"applicable": True, "links": 40, "in_text": 3,
            "bare_links": [link("#a") | {"count": 3, "same_style": ["#b", "#c"]},
                           link("#d", ratio=4.5, style_key="other", hover_cues=["underline"])],
            "fields": []}
    result = use_of_color.audit(data)
    assert result.status == "failed" and len(result.findings) == 1
    finding = result.findings[0]
    assert finding.rule == "use-of-color" and finding.wcag == ["1.4.1"]
    assert finding.data["kind"] == "link-colour-only" and finding.data["count"] == 3
    assert "#0056b3" in finding.message and "1.79:1" in finding.message
    assert "приёмную" in finding.messages["ru"] and finding.messages["kk"]
    assert len(link_groups([link("#a"), link("#b"), link("#c", style_key="x")])) == 2


def test_a_reviewed_link_leaves_the_check_passed() -> None:
    result = use_of_color.audit({"applicable": True, "bare_links": [link(ratio=4.5)],
                                 "fields": []})
    assert result.status == "passed" and result.findings[0].needs_review
    assert result.findings[0].data["kind"] == "link-colour-only"


def test_required_marked_by_a_red_label_only() -> None:
    fields = [field("#name", required=True, label_colour="#d0021b", label_reddish=True),
              field("#mail", required=True, label_colour="#d0021b", label_reddish=True),
              field("#phone")]
    assert field_kind(fields[0], fields) == ("required-colour-only", "fail")
    assert field_kind(fields[2], fields) is None
    result = use_of_color.audit({"applicable": True, "bare_links": [], "fields": fields})
    assert len(result.findings) == 1 and result.findings[0].data["count"] == 2
    assert result.findings[0].data["kind"] == "required-colour-only"


def test_required_with_an_asterisk_or_a_word_or_no_colour_is_not_colour_only() -> None:
    starred = field("#a", required=True, label_reddish=True, label_colour="#d00",
                    required_text=True)
    assert field_kind(starred, [starred, field("#b")]) is None
    plain = field("#c", required=True)
    assert field_kind(plain, [plain, field("#d")]) is None
    bold = field("#e", required=True, label_colour="#0000aa", label_weight=True)
    assert field_kind(bold, [bold, field("#f")]) is None  # bold sets it apart, not colour


def test_red_labels_without_markup_need_a_legend_to_be_certain() -> None:
    fields = [field("#a", label_colour="#cc0000", label_reddish=True), field("#b")]
    assert field_kind(fields[0], fields) == ("required-colour-only", "review")
    assert field_kind(fields[0], fields, "Поля, выделенные красным цветом, обязательны") == (
        "required-colour-only", "fail")


def test_error_shown_by_a_red_border_only() -> None:
    bare = field("#iin", invalid=True, aria_invalid=True, red_cue="border")
    assert field_kind(bare, [bare]) == ("error-colour-only", "fail")
    assert field_kind(bare | {"message": True}, [bare]) is None
    assert field_kind(bare | {"icon": True}, [bare]) is None
    assert field_kind(bare | {"red_cue": None}, [bare]) is None  # no colour either: not 1.4.1
    label_only = field("#x", invalid=True, red_cue="label")
    assert field_kind(label_only, [label_only]) == ("error-colour-only", "review")
    finding = use_of_color.audit({"applicable": True, "fields": [bare]}).findings[0]
    assert "red border" in finding.message and "красная рамка" in finding.messages["ru"]
    assert "қызыл жиек" in finding.messages["kk"]
