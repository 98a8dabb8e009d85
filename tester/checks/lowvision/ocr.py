"""OCR of images and text-layer detection of PDFs with Debian's tesseract and poppler-utils.

External tools run as subprocesses with timeouts and one OCR thread each; results are cached
by content hash, because sites repeat the same banner and logo on every page. When a tool is
missing the callers get None and report the check as skipped, never crash.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps, ImageStat

from tester.model import Notice

OCR_TIMEOUT_S = 20.0
PDF_TIMEOUT_S = 15.0
MIN_CONFIDENCE = 70.0
MAX_PIXELS = 25_000_000  # refuse decompression bombs
WANTED_LANGUAGES = ("kaz", "rus", "eng")
_CACHE_SIZE = 256
_ocr_cache: OrderedDict[str, list[Word]] = OrderedDict()


@dataclass(frozen=True)
class Word:
    text: str
    confidence: float


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


@lru_cache(maxsize=4)
def installed_languages(exe: str) -> frozenset[str]:
    """Language data `tesseract --list-langs` reports (empty when it cannot say)."""
    try:
        listed = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    # One code a line, after a header line with spaces ('List of available languages …:').
    return frozenset(
        line.strip() for line in listed.splitlines() if line.strip() and " " not in line.strip()
    )


def tesseract_languages() -> str:
    """'kaz+rus+eng', limited to the language data actually installed."""
    exe = tesseract_path()
    if not exe:
        return ""
    chosen = [lang for lang in WANTED_LANGUAGES if lang in installed_languages(exe)]
    return "+".join(chosen) or "eng"


# Debian/Ubuntu packages behind each part of OCR (scripts/ensure-system.sh installs them).
OCR_PACKAGES = {
    "tesseract": "tesseract-ocr",
    "kaz": "tesseract-ocr-kaz",
    "rus": "tesseract-ocr-rus",
    "pdftotext": "poppler-utils",
}


@dataclass(frozen=True)
class OcrCapabilities:
    """What this machine can read: images (tesseract and its languages) and PDFs (poppler)."""

    tesseract: str | None
    languages: frozenset[str]
    pdftotext: str | None
    pdftoppm: str | None

    @property
    def missing(self) -> list[str]:
        """Debian packages still needed to read Kazakh and Russian images and PDFs."""
        parts = []
        if not self.tesseract:
            parts += ["tesseract", "kaz", "rus"]
        else:
            parts += [lang for lang in ("kaz", "rus") if lang not in self.languages]
        if not (self.pdftotext and self.pdftoppm):
            parts.append("pdftotext")
        return [OCR_PACKAGES[part] for part in parts]


def ocr_capabilities() -> OcrCapabilities:
    exe = tesseract_path()
    return OcrCapabilities(
        tesseract=exe,
        languages=installed_languages(exe) if exe else frozenset(),
        pdftotext=shutil.which("pdftotext"),
        pdftoppm=shutil.which("pdftoppm"),
    )


def ocr_missing_notice(capabilities: OcrCapabilities | None = None) -> Notice | None:
    """The run-level notice `ocr-missing` when part of OCR is not installed, else None.

    Without it, images of text and scanned PDFs go unread (or are read without Kazakh and
    Russian), and a reader of the summary must know that before trusting a clean verdict.
    """
    missing = (capabilities or ocr_capabilities()).missing
    if not missing:
        return None
    return Notice(
        id="ocr-missing",
        message=(
            "OCR is not fully installed on this machine, so images of text and scanned PDFs "
            f"were not fully checked. Missing: {', '.join(missing)} "
            f"(install with: sudo apt-get install {' '.join(missing)}, or run `make setup`)."
        ),
        data={"missing": missing},
        message_key="notice.ocr-missing",
        message_values={"missing": ", ".join(missing)},
    )


def parse_tsv(tsv: str) -> list[Word]:
    """Words of tesseract's TSV output (level 5 rows), in reading order."""
    words = []
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        try:
            confidence = float(cols[10])
        except ValueError:
            continue
        if text:
            words.append(Word(text, confidence))
    return words


def confident_words(words: list[Word], min_confidence: float = MIN_CONFIDENCE) -> list[str]:
    """Words OCR is sure of that look like words (two letters or more), not photo noise."""
    out = []
    for word in words:
        letters = sum(ch.isalpha() for ch in word.text)
        if word.confidence >= min_confidence and letters >= 2 and letters >= len(word.text) * 0.5:
            out.append(word.text)
    return out


Rgb = tuple[int, int, int]
WHITE: Rgb = (255, 255, 255)
SMALL_HEIGHT = 100  # px; images of text lower than this are upscaled (tesseract wants ~30 px caps)


def prepare_image(data: bytes, backdrop: Rgb = WHITE, *, inverted: bool = False) -> bytes | None:
    """Greyscale PNG ready for OCR, or None if unreadable.

    First frame; palette and transparency flattened onto `backdrop` (the colour the page shows
    behind the image: white text in a transparent GIF heading is invisible on white paper);
    light-on-dark inverted to dark-on-light (`inverted`: the other way round, for a second
    look at light text over a mixed photo); small images upscaled 2-3x and given a margin.
    """
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.size[0] * img.size[1] > MAX_PIXELS:
                return None
            img.seek(0)
            frame = img.convert("RGBA")
    except Exception:  # noqa: BLE001 - any undecodable or hostile image is simply not OCR'd
        return None
    flat = Image.new("RGB", frame.size, backdrop)
    flat.paste(frame, mask=frame.split()[3])
    grey = flat.convert("L")
    if (ImageStat.Stat(grey).median[0] < 110) != inverted:
        grey = ImageOps.invert(grey)
    width, height = grey.size
    if max(width, height) > 2400:
        scale = 2400 / max(width, height)
        grey = grey.resize((max(1, int(width * scale)), max(1, int(height * scale))))
    elif height < SMALL_HEIGHT or width < 600:
        factor = 3 if height < 40 else 2
        factor = max(1, min(factor, 2400 // max(width, 1)))
        grey = grey.resize((width * factor, height * factor), Image.LANCZOS)
    if height < SMALL_HEIGHT:
        grey = ImageOps.expand(grey, border=12, fill=ImageStat.Stat(grey).median[0])
    out = io.BytesIO()
    grey.save(out, format="PNG")
    return out.getvalue()


async def _run(args: list[str], timeout: float, stdin: bytes | None = None) -> bytes | None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = await asyncio.create_subprocess_exec(
            *args,
            stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=env,
        )
    except OSError:
        return None
    try:
        out, _ = await asyncio.wait_for(proc.communicate(stdin), timeout)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        return None
    return out if proc.returncode == 0 else None


async def ocr_image(
    data: bytes, backdrop: Rgb = WHITE, *, second_look: bool = False
) -> list[Word] | None:
    """Words in an image; None when tesseract is missing, times out or the image is unusable.

    `second_look`: inverted, with local (Sauvola) thresholding instead of one global threshold,
    which reads white words over a photo whose sky and grass straddle any single threshold.
    """
    exe = tesseract_path()
    if not exe:
        return None
    key = hashlib.sha1(data + bytes(backdrop) + bytes([second_look])).hexdigest()
    if key in _ocr_cache:
        _ocr_cache.move_to_end(key)
        return _ocr_cache[key]
    png = await asyncio.to_thread(prepare_image, data, backdrop, inverted=second_look)
    if png is None:
        return None
    out = await _run(
        [exe, "stdin", "stdout", "-l", tesseract_languages(), "--psm", "3",
         *(["-c", "thresholding_method=2"] if second_look else []), "tsv"],
        OCR_TIMEOUT_S,
        stdin=png,
    )
    if out is None:
        return None
    words = parse_tsv(out.decode("utf-8", "replace"))
    _ocr_cache[key] = words
    while len(_ocr_cache) > _CACHE_SIZE:
        _ocr_cache.popitem(last=False)
    return words


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_TEXT_OPERATOR = re.compile(rb"\bBT\b.*?(?:\bTj\b|\bTJ\b|'|\")", re.S)


def pdf_bytes_have_text(data: bytes) -> bool:
    """Byte heuristic without poppler: a font resource plus a text-showing operator in a stream."""
    if b"/Font" not in data:
        return False
    for match in _STREAM.finditer(data[:20_000_000]):
        raw = match.group(1)
        for body in (raw, _inflate(raw)):
            if body and _TEXT_OPERATOR.search(body):
                return True
    return False


def _inflate(raw: bytes) -> bytes:
    try:
        return zlib.decompressobj().decompress(raw, 5_000_000)
    except zlib.error:
        return b""


def letters_in(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


async def pdf_text(data: bytes, pages: int = 5) -> str | None:
    """Text of the first pages via pdftotext; None when poppler is missing or fails."""
    exe = shutil.which("pdftotext")
    if not exe:
        return None
    with tempfile.TemporaryDirectory(prefix="ashyq-pdf-") as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(data)
        out = await _run([exe, "-q", "-l", str(pages), str(path), "-"], PDF_TIMEOUT_S)
    return out.decode("utf-8", "replace") if out is not None else None


async def ocr_pdf_first_page(data: bytes) -> list[Word] | None:
    """OCR of the top of page 1 at 110 dpi (what the scan says); None without the tools."""
    exe = shutil.which("pdftoppm")
    if not exe or not tesseract_path():
        return None
    with tempfile.TemporaryDirectory(prefix="ashyq-pdf-") as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(data)
        out = await _run([exe, "-f", "1", "-l", "1", "-r", "110", "-png", str(path)], PDF_TIMEOUT_S)
    if not out:
        return None
    top = await asyncio.to_thread(_top_part, out)
    return await ocr_image(top) if top else None


def _top_part(png: bytes, share: float = 0.45) -> bytes | None:
    """The upper part of a rendered page: enough words for evidence at half the OCR cost."""
    try:
        with Image.open(io.BytesIO(png)) as img:
            part = img.crop((0, 0, img.size[0], max(1, int(img.size[1] * share))))
            buf = io.BytesIO()
            part.save(buf, format="PNG")
            return buf.getvalue()
    except Exception:  # noqa: BLE001 - a broken render is just no evidence
        return None
