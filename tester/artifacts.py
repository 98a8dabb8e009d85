"""Screenshots of a run: taken into the run folder's screenshots/ with safe, unique file names,
and outlined copies that mark the elements a finding is about.

result.json and the reports beside it are written by tester.report.files, not here.
"""

from __future__ import annotations

import io
import re
import threading
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from tester.gather import isolated

SCREENSHOT_QUALITY = 72
MAX_FULL_PAGE_HEIGHT = 8_000  # Chromium tiles above ~16k px; long pages are clipped


def slug(text: str, limit: int = 40) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return cleaned[:limit] or "x"


BAND_MARGIN = 240  # px of context above and below the marked elements
BAND_MIN_HEIGHT = 800  # a viewport's worth, so a lone small element keeps its surroundings
BAND_MAX_HEIGHT = 1600  # two viewports: elements further down are named by the report's list
OUTLINE_QUALITY = 60  # the copies are evidence of where, not of how the page looks


def evidence_band(boxes: list[tuple[float, float, float, float]], width: int, height: int
                  ) -> tuple[int, int, int, int]:
    """The crop (left, top, right, bottom) an outlined copy keeps. A copy of the whole page per
    rule made a page cost megabytes; the band around the first marked elements is what a
    reader looks at (the report lists every element), and the page screenshot has the rest."""
    drawn = sorted((y, y + h) for _x, y, w, h in boxes if w > 0 and h > 0 and y <= height)
    if not drawn:
        return 0, 0, width, height
    top = max(0, int(drawn[0][0]) - BAND_MARGIN)
    bottom = min(height, int(max(b for _, b in drawn)) + BAND_MARGIN, top + BAND_MAX_HEIGHT)
    short = BAND_MIN_HEIGHT - (bottom - top)
    if short > 0:
        top = max(0, top - short // 2)
        bottom = min(height, top + BAND_MIN_HEIGHT)
        top = max(0, bottom - BAND_MIN_HEIGHT)
    return 0, top, width, bottom


@dataclass
class RunDir:
    """The run folder. Work that runs side by side names its files through its own `child`, so a
    file's name says whose it is and does not depend on what finished first."""

    root: Path
    prefix: str = ""
    _counter: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.screenshots.mkdir(parents=True, exist_ok=True)

    @property
    def screenshots(self) -> Path:
        return self.root / "screenshots"

    def child(self, part: str) -> RunDir:
        """The same folder for one piece of work (a site, a page, a task): its names start
        with `part`, numbered from 1."""
        return RunDir(self.root, f"{self.prefix}{slug(part, 24)}-")

    def new_name(self, stem: str, ext: str = "jpg") -> tuple[Path, str]:
        """An unused file path in screenshots/ and its path relative to the run folder."""
        with self._lock:
            self._counter += 1
            number = f"{self._counter:02d}" if self.prefix else f"{self._counter:04d}"
            name = f"{self.prefix}{number}-{slug(stem)}.{ext}"
        return self.screenshots / name, f"screenshots/{name}"

    async def shoot(self, page: Page, stem: str, *, full_page: bool = False) -> str | None:
        """Viewport JPEG (or a height-capped full page); None when the page cannot be captured."""
        path, rel = self.new_name(stem)
        try:
            if full_page:
                # Read in the tool's isolated world: a page cannot lie about its own height.
                height = await isolated.evaluate(
                    page, "() => document.documentElement.scrollHeight"
                )
                width = page.viewport_size["width"] if page.viewport_size else 1280
                clip = {
                    "x": 0,
                    "y": 0,
                    "width": width,
                    "height": min(int(height), MAX_FULL_PAGE_HEIGHT),
                }
                data = await page.screenshot(
                    type="jpeg",
                    quality=SCREENSHOT_QUALITY,
                    full_page=True,
                    clip=clip,
                    scale="css",
                    animations="disabled",
                    caret="initial",  # "hide" leaves style="" on the audited page's inputs
                    timeout=15_000,
                )
            else:
                data = await page.screenshot(
                    type="jpeg",
                    quality=SCREENSHOT_QUALITY,
                    scale="css",
                    animations="disabled",
                    caret="initial",  # "hide" leaves style="" on the audited page's inputs
                    timeout=10_000,
                )
        except PlaywrightError:
            return None
        path.write_bytes(data)
        return rel

    def outline(
        self, source_rel: str, boxes: list[tuple[float, float, float, float]], stem: str
    ) -> str | None:
        """The part of a screenshot that holds the elements (x, y, w, h in px), each marked with
        a red rectangle: the full width, and the rows from a little above the first element
        (see `evidence_band`)."""
        return self.outline_band(source_rel, boxes, stem)[0]

    def outline_band(
        self, source_rel: str, boxes: list[tuple[float, float, float, float]], stem: str
    ) -> tuple[str | None, tuple[int, int]]:
        """`outline`, and the rows (top, bottom) of the page the copy holds."""
        from PIL import Image, ImageDraw  # local import: pillow is only needed for evidence

        src = self.root / source_rel
        if not boxes or not src.is_file():
            return None, (0, 0)
        with suppress(OSError), Image.open(src) as img:
            img = img.convert("RGB")
            draw = ImageDraw.Draw(img)
            for x, y, w, h in boxes:
                if w <= 0 or h <= 0 or y > img.height:
                    continue
                for inset in range(3):
                    draw.rectangle(
                        [x - 3 + inset, y - 3 + inset, x + w + 3 - inset, y + h + 3 - inset],
                        outline=(220, 0, 40),
                    )
            band = evidence_band(boxes, img.width, img.height)
            img = img.crop(band)
            out_path, rel = self.new_name(stem)
            buf = io.BytesIO()
            img.save(buf, format="JPEG", quality=OUTLINE_QUALITY)
            out_path.write_bytes(buf.getvalue())
            return rel, (band[1], band[3])
        return None, (0, 0)
