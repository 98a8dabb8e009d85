"""OCR and PDF helpers of images-of-text on the committed fixture files. The tesseract and
poppler tests run only where Debian's tesseract-ocr / poppler-utils are installed."""

from __future__ import annotations

import asyncio
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from tester.checks.lowvision import images_of_text, ocr, ocr_text
from tester.checks.lowvision.images_of_text import decode_data_url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lowvision"
needs_tesseract = pytest.mark.skipif(
    not shutil.which("tesseract"), reason="tesseract not installed"
)
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils not installed"
)

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t900\t220\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t40\t39\t308\t37\t95.9\tАзаматтарды\n"
    "5\t1\t1\t1\t1\t2\t368\t38\t229\t39\t96.0\tқабылдау\n"
    "5\t1\t1\t1\t1\t3\t615\t38\t159\t30\t41.0\tкестесі\n"
    "5\t1\t2\t1\t1\t1\t40\t90\t10\t10\t93.0\t|\n"
    "5\t1\t2\t1\t1\t2\t60\t90\t10\t10\t91.0\t9:00\n"
    "5\t1\t2\t1\t1\t3\t80\t90\t10\t10\tx\tbroken\n"
)


def test_parse_tsv_and_confident_words() -> None:
    words = ocr.parse_tsv(TSV)
    assert [w.text for w in words] == ["Азаматтарды", "қабылдау", "кестесі", "|", "9:00"]
    # Low confidence, punctuation and numbers alone are not evidence of text.
    assert ocr.confident_words(words) == ["Азаматтарды", "қабылдау"]
    assert ocr.confident_words(words, min_confidence=40) == ["Азаматтарды", "қабылдау", "кестесі"]


def test_prepare_image_flattens_upscales_and_refuses_garbage() -> None:
    small = Image.new("RGBA", (200, 60), (0, 0, 0, 0))
    buf = io.BytesIO()
    small.save(buf, format="PNG")
    prepared = ocr.prepare_image(buf.getvalue())
    assert prepared is not None
    with Image.open(io.BytesIO(prepared)) as img:
        # Upscaled 2x (under 100 px high), a 12 px margin, greyscale.
        assert img.size == (424, 144) and img.mode == "L"
        assert img.getpixel((30, 30)) == 255  # transparency became white paper
    assert ocr.prepare_image(b"not an image") is None


def test_pdf_byte_heuristic_on_fixture_pdfs() -> None:
    assert ocr.pdf_bytes_have_text((FIXTURES / "docs" / "schedule.pdf").read_bytes())
    assert not ocr.pdf_bytes_have_text((FIXTURES / "docs" / "scan.pdf").read_bytes())
    assert not ocr.pdf_bytes_have_text(b"%PDF-1.4 nothing here")


def test_decode_data_url() -> None:
    assert decode_data_url("data:image/png;base64,aGVsbG8=") == b"hello"
    assert decode_data_url("data:text/plain,caf%C3%A9") == "café".encode()
    assert decode_data_url("data:image/png;base64,***") is None


@needs_tesseract
def test_ocr_reads_kazakh_and_russian_from_the_banner() -> None:
    words = asyncio.run(ocr.ocr_image((FIXTURES / "img" / "banner-text.png").read_bytes()))
    assert words is not None
    text = " ".join(ocr.confident_words(words))
    assert "қабылдау" in text and "граждан" in text
    assert not ocr.confident_words(
        asyncio.run(ocr.ocr_image((FIXTURES / "img" / "photo.png").read_bytes())) or []
    )


@needs_tesseract
def test_ocr_without_tesseract_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)
    assert asyncio.run(ocr.ocr_image(b"whatever")) is None


@needs_poppler
def test_pdf_text_layer_with_poppler() -> None:
    text = asyncio.run(ocr.pdf_text((FIXTURES / "docs" / "schedule.pdf").read_bytes()))
    assert text is not None and "citizen reception" in text
    scan = asyncio.run(ocr.pdf_text((FIXTURES / "docs" / "scan.pdf").read_bytes()))
    assert scan is not None and ocr.letters_in(scan) < 20


# --- images of text in headings, menus and buttons (tests/fixtures/barriers/images-of-text) ---

BARRIER_IMG = FIXTURES.parent / "barriers" / "images-of-text" / "img"


@pytest.mark.parametrize(
    ("word", "real"),
    [
        ("Жаңалықтар", True), ("e-Gov", True), ("«Новости»", True), ("беру,", True),
        ("алу", True), ("ab", False), ("2023", False), ("45%", False), ("Ш7Ж", False),
        ("ЩЖК", False), ("Pa3", False), ("Hоvости", False),  # mixed Latin H + Cyrillic
    ],
)
def test_real_word_rule(word: str, real: bool) -> None:
    assert ocr_text.is_real_word(word) is real


def test_language_of_words() -> None:
    assert ocr_text.language_of(["Бос", "жұмыс", "орындары"]) == "kk"
    assert ocr_text.language_of(["Отправить", "заявку"]) == "ru"
    assert ocr_text.language_of(["Open", "data"]) == "en"


def strip_image(words: list[str] | None, **extra: object) -> dict:
    base = {"selector": "#btn", "box": [0, 0, 120, 30], "words": words, "alt": "x",
            "context": "nav", "shape": "button", "kind": "img"}
    return base | extra


@pytest.mark.parametrize(
    ("item", "verdict"),
    [
        (strip_image(["Жаңалықтар"]), "text"),  # one long word on a menu button
        (strip_image(["Жаңалықтар"], context="none"), "none"),  # ... but not anywhere
        (strip_image(["Жаңалықтар"], shape="block"), "none"),  # ... nor on a photo
        (strip_image(["Әкім"]), "none"),  # too short alone
        (strip_image(["2020", "2021", "46%"], context="none", shape="block"), "none"),  # chart
        (strip_image(["Басты", "бет"], in_home_link=True), "text"),  # a menu item linking home
        (strip_image(["Ұлытау", "облысы"], in_home_link=True, context="link"), "logo"),
        (strip_image(["Өтініш"], kind="css", context="none", text_hidden=True), "text"),
    ],
)
def test_verdict_by_context(item: dict, verdict: str) -> None:
    assert images_of_text.image_verdict(item) == verdict


def test_findings_say_where_and_in_which_language() -> None:
    images = [
        strip_image(["Новости", "акимата"], selector="#h", context="heading", shape="strip"),
        strip_image(["Жаңалықтар"], selector="#n"),
        strip_image(["Өтініш", "беру"], selector="#c", kind="css", text_hidden=True),
        strip_image(["Отправить", "заявку"], selector="#s", kind="input", context="button"),
        strip_image(["Open", "data", "portal"], selector="#b", context="none", shape="block"),
        strip_image(["Приём", "граждан"], selector="#r", context="none", shape="block"),
        strip_image(["Өңір", "жаңалықтары"], selector="#t", context="link", shape="block"),
    ]
    result = images_of_text.audit({"applicable": True, "ocr_available": True, "images": images})
    got = {f.selector: (f.data["kind"], f.data["lang"], f.needs_review) for f in result.findings}
    assert got == {
        "#h": ("heading-image", "ru", False),
        "#n": ("nav-image", "kk", False),
        "#c": ("css-background-text", "kk", False),
        "#s": ("button-image", "ru", False),
        "#b": ("banner-text", "en", False),
        "#r": ("banner-text", "ru", True),  # two words in a picture outside any text context
        "#t": ("banner-text", "kk", True),  # a large linked picture: maybe a photo with a sign
    }
    assert result.findings[0].message.startswith("This image in a heading carries text")
    assert "language: Russian" in result.findings[0].message


def test_prepare_image_flattens_onto_the_backdrop_and_inverts_dark() -> None:
    white_text = (BARRIER_IMG / "heading-kk-white.png").read_bytes()
    on_paper = ocr.prepare_image(white_text)
    on_blue = ocr.prepare_image(white_text, (18, 60, 110))
    assert on_paper is not None and on_blue is not None
    with Image.open(io.BytesIO(on_paper)) as paper, Image.open(io.BytesIO(on_blue)) as blue:
        assert paper.getextrema()[0] > 240  # white on white: nothing to read
        assert blue.getextrema()[0] < 60 and blue.getpixel((2, 2)) > 200  # dark text, light paper
        assert blue.size[1] == 44 * 2 + 24  # upscaled 2x with a margin


@needs_tesseract
def test_ocr_reads_small_heading_and_button_images() -> None:
    gif = asyncio.run(ocr.ocr_image((BARRIER_IMG / "heading-ru.gif").read_bytes()))
    assert ocr.confident_words(gif or []) == ["Новости", "акимата"]
    button = asyncio.run(ocr.ocr_image((BARRIER_IMG / "btn-kk-news.png").read_bytes()))
    assert ocr.confident_words(button or []) == ["Жаңалықтар"]
    white = asyncio.run(ocr.ocr_image((BARRIER_IMG / "heading-kk-white.png").read_bytes(),
                                      (18, 60, 110)))
    assert ocr_text.language_of(ocr.confident_words(white or [])) == "kk"
    for name in ("qr.png", "chart.png", "icon-arrow-wide.png", "texture-btn.png"):
        words = asyncio.run(ocr.ocr_image((BARRIER_IMG / name).read_bytes()))
        assert not ocr_text.real_words(ocr.confident_words(words or [])), name


def test_second_look_only_for_large_pictures_without_text() -> None:
    assert images_of_text.wants_second_look(strip_image([], shape="block"))
    assert images_of_text.wants_second_look(strip_image(["Ф"], shape="block"))
    assert not images_of_text.wants_second_look(strip_image([], shape="button"))
    assert not images_of_text.wants_second_look(strip_image(None, shape="block"))
    assert not images_of_text.wants_second_look(strip_image(["Бос", "жұмыс"], shape="block"))


@needs_tesseract
def test_second_look_reads_white_words_on_a_photo_and_nothing_in_photos() -> None:
    slide = (BARRIER_IMG / "slide-kk.jpg").read_bytes()
    first = asyncio.run(ocr.ocr_image(slide))
    again = asyncio.run(ocr.ocr_image(slide, second_look=True))
    assert not ocr_text.real_words(ocr.confident_words(first or []))
    assert {"Наурыз", "мейрамы"} <= set(ocr.confident_words(again or []))
    for path in (BARRIER_IMG / "photo.jpg", FIXTURES / "img" / "photo.png"):
        words = asyncio.run(ocr.ocr_image(path.read_bytes(), second_look=True))
        assert not ocr_text.real_words(ocr.confident_words(words or [])), path.name
