"""An images-of-text page whose candidate images were not all read is not a pass."""

from __future__ import annotations

from tester.checks.lowvision.images_of_text import audit


def _data(*images: dict) -> dict:
    return {"applicable": True, "ocr_available": True, "images": list(images), "pdfs": []}


def test_an_unread_image_makes_the_check_skipped_not_passed() -> None:
    result = audit(_data({"src": "/a.png", "words": []}, {"src": "/b.png", "words": None,
                                                            "unchecked": "time budget"}))
    assert result.status == "skipped"
    assert result.message_values == {"count": 1, "total": 2}


def test_every_image_read_and_none_with_text_passes() -> None:
    result = audit(_data({"src": "/a.png", "words": []}, {"src": "/b.png", "words": ["лого"]}))
    assert result.status == "passed"
