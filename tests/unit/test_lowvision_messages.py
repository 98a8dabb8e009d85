"""Finding texts of the low-vision battery: every message in en, ru and kk, same placeholders."""

from __future__ import annotations

import re

import pytest

from tester.checks.lowvision.messages import FRAGMENTS, LANGUAGES, MESSAGES, STATES, render

PLACEHOLDER = re.compile(r"{(\w+)}")


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_exists_in_every_language_with_the_same_placeholders(key: str) -> None:
    texts = MESSAGES[key]
    assert set(texts) == set(LANGUAGES)
    names = {lang: set(PLACEHOLDER.findall(texts[lang])) for lang in LANGUAGES}
    assert names["en"] == names["ru"] == names["kk"], key
    assert "Fix" in texts["en"] or key == "contrast-unclear"


def test_states_and_fragments_cover_every_language() -> None:
    for table in (STATES, FRAGMENTS):
        for key, texts in table.items():
            assert set(texts) == set(LANGUAGES), key


def test_render_localises_state_and_fragments() -> None:
    texts = render("image-of-text", ocr_text="Приём", alt_note=("alt-missing", {}))
    assert "has none" in texts["en"] and "его нет" in texts["ru"] and "ол жоқ" in texts["kk"]
    texts = render("text-clipped", state="text-spacing", clipped_text="Новости")
    assert texts["en"].startswith("With wider text spacing")
    assert texts["kk"].startswith("Мәтін аралықтарын")
    assert render("document-as-image", name="a.pdf", ocr_note=None)["en"].count("{") == 0


def test_render_leaves_unknown_placeholders_visible_instead_of_crashing() -> None:
    assert "{overflow_px}" in render("reflow-page", state="reflow")["en"]
