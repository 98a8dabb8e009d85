"""Screenshot files of a run: names owned by each piece of work, and outlined copies cut to the
band that holds the marked elements."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tester.artifacts import BAND_MAX_HEIGHT, BAND_MIN_HEIGHT, RunDir, evidence_band


def test_a_band_holds_the_elements_with_context_and_a_viewport_at_least() -> None:
    assert evidence_band([(10, 3000, 50, 20), (400, 3400, 10, 10)], 1280, 8000) == (
        0, 2760, 1280, 3650)
    top_small = evidence_band([(10, 5, 30, 10)], 1280, 8000)
    assert top_small == (0, 0, 1280, BAND_MIN_HEIGHT)
    bottom_small = evidence_band([(10, 7990, 30, 5)], 1280, 8000)
    assert bottom_small == (0, 8000 - BAND_MIN_HEIGHT, 1280, 8000)
    assert evidence_band([(0, 100, 0, 0)], 1280, 500) == (0, 0, 1280, 500)  # nothing drawn
    assert evidence_band([(0, 100, 20, 20)], 1280, 500) == (0, 0, 1280, 500)  # short page
    # Elements all down a long page: two viewports from the first one, not the whole page.
    spread = [(10, y, 100, 20) for y in range(1000, 7000, 500)]
    assert evidence_band(spread, 1280, 8000) == (0, 760, 1280, 760 + BAND_MAX_HEIGHT)


def test_outlined_copies_are_bands_not_whole_pages(tmp_path: Path) -> None:
    run = RunDir(tmp_path)
    Image.new("RGB", (1280, 6000), "white").save(tmp_path / "screenshots" / "page.jpg")
    rel = run.outline("screenshots/page.jpg", [(100, 4000, 200, 40)], "axe-image-alt")
    assert rel is not None
    with Image.open(tmp_path / rel) as copy:
        assert copy.size == (1280, BAND_MIN_HEIGHT)
        assert copy.getpixel((100 - 3, 400 - 3 + 10)) != (255, 255, 255)  # the red mark


def test_children_name_their_own_files_from_one(tmp_path: Path) -> None:
    run = RunDir(tmp_path)
    page, task = run.child("s02").child("p003"), run.child("t01")
    names = [page.new_name("Главная page")[1], task.new_name("goto")[1],
             page.new_name("axe")[1], run.new_name("x")[1]]
    assert names == ["screenshots/s02-p003-01-page.jpg", "screenshots/t01-01-goto.jpg",
                     "screenshots/s02-p003-02-axe.jpg", "screenshots/0001-x.jpg"]
