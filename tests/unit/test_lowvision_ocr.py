"""OCR and PDF helpers of images-of-text on the committed fixture files. The tesseract and
poppler tests run only where Debian's tesseract-ocr / poppler-utils are installed."""

from __future__ import annotations

import asyncio
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from tester.checks.lowvision import ocr
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
        assert img.size == (400, 120) and img.mode == "RGB"
        assert img.getpixel((5, 5)) == (255, 255, 255)  # transparency became white paper
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
