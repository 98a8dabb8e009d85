"""Finding texts of the low-vision battery (lowvision.* in tester/i18n): what a person
experiences and how to fix it, the state and fragments told in the reader's language."""

from __future__ import annotations

import pytest

from tester.checks.lowvision.common import finding_message, note, skipped
from tester.i18n import catalog, say

ENGLISH = catalog("en")
KINDS = sorted(key.removeprefix("lowvision.") for key in ENGLISH
               if key.startswith("lowvision.") and key.count(".") == 1)


def test_every_finding_kind_says_how_to_fix_it() -> None:
    assert {"reflow-offender", "small-text", "no-focus-indicator", "image-of-text"} <= set(KINDS)
    for kind in KINDS:
        assert "Fix" in ENGLISH[f"lowvision.{kind}"] or kind == "contrast-unclear", kind


def test_state_and_fragments_are_told_in_each_language() -> None:
    message = finding_message("image-of-text", {"ocr_text": "Приём",
                                                "alt_note": say("lowvision.fragment.alt-missing")})
    texts = message.texts()
    assert "has none" in texts["en"] and "его нет" in texts["ru"] and "ол жоқ" in texts["kk"]
    clipped = finding_message("text-clipped", {"state": "text-spacing", "clipped_text": "Новости"})
    assert clipped.render("en").startswith("With wider text spacing")
    assert clipped.render("kk").startswith("Мәтін аралықтарын")
    assert finding_message("document-as-image", {"name": "a.pdf", "ocr_note": None}).render(
        "en").count("{") == 0


def test_a_finding_keeps_only_the_values_its_text_names() -> None:
    message = finding_message("small-text", {"selector": "p.note", "box": [1, 2, 3, 4],
                                             "chars": 12, "size_px": 9, "min_px": 12})
    assert message.key == "lowvision.small-text"
    assert message.data() == {"chars": 12, "size_px": 9, "min_px": 12}


def test_an_unfilled_placeholder_stays_visible_instead_of_failing_the_check() -> None:
    assert "{overflow_px}" in finding_message("reflow-page", {"state": "reflow"}).render("en")


@pytest.mark.parametrize("name", ["no-visible-text", "no-focusable-elements", "already-narrow",
                                  "no-text-over-images", "tesseract-missing", "not-applicable"])
def test_notes_of_checks_that_did_not_apply_are_keyed(name: str) -> None:
    result = skipped("reflow", ["1.4.10"], note(name))
    assert result.message_key == f"lowvision.note.{name}"
    assert result.message == ENGLISH[f"lowvision.note.{name}"]
    assert set(result.messages) == {"ru", "kk"}


def test_a_note_the_catalog_does_not_know_stays_plain_text() -> None:
    result = skipped("reflow", ["1.4.10"], note("a plug-in's own reason"))
    assert result.message == "a plug-in's own reason" and result.message_key is None
    assert result.messages == {}
