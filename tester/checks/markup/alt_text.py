"""Image alt text that only looks like a text alternative.

axe-core's `image-alt` passes any non-empty alt and any alt="" (decorative). Two shapes get
through it on gov sites:
- the alt is a file name ("IMG_2034.jpg", "banner-1.png", "DSC0001", the src's own basename),
  as CMS upload forms fill it: a screen reader reads out the file name (1.1.1, failure);
- alt="" with a non-empty title: the author marks the image decorative while its title says it
  carries information. Needs review; when the image is all a link or button has to say, the
  control has no name at all (1.1.1 and 2.4.4 for a link, 4.1.2 for a button: failure); in a
  link or button named otherwise (text, aria-label) the icon is decoration, as marked.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urlsplit

from tester.checks.base import PageCheck
from tester.checks.markup.facts import clipped, markup_finding, meta, page_facts, result_of
from tester.env import PageEnv
from tester.model import CheckResult, Finding

CHECK_ID = "alt-text-quality"
WCAG = ["1.1.1", "2.4.4", "4.1.2"]
FILE_NAME = "alt-file-name"
EMPTY_ALT_TITLE = "empty-alt-title"
EMPTY_ALT_TITLE_CONTROL = "empty-alt-title-in-control"

_IMAGE_EXTENSION = re.compile(
    r"\.(?:jpe?g|jfif|png|gif|webp|svg|bmp|tiff?|avif|ico|heic)$", re.IGNORECASE)
# Names cameras, phones and messengers give files: IMG_2034, DSC0001, photo_2023-05-12 ...
_CAMERA_NAME = re.compile(
    r"^(?:img|dsc[nf]?|dcim|pict?|photo|foto|image|scan|screenshot|pxl|mvimg|gopr|"
    r"whatsapp image|снимок экрана|фото|сурет)[\s_-]*\d{3,}(?:[\d\s_.:()-]|\bat\b)*$",
    re.IGNORECASE)
_HASH_NAME = re.compile(r"^(?:[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f-]{12,})$",
                        re.IGNORECASE)


async def gather(env: PageEnv) -> dict[str, Any]:
    facts = await page_facts(env)
    return {"images": facts.get("images", []), **meta(facts)}


def src_basename(src: str) -> str:
    """The file name of an image URL, decoded ("" for data: URLs)."""
    if not src or src.startswith("data:"):
        return ""
    return unquote(urlsplit(src).path.rsplit("/", 1)[-1])


def is_file_name(alt: str, src: str = "") -> bool:
    """Does this alt read as a file name rather than words?"""
    alt = " ".join(str(alt or "").split())
    if not alt:
        return False
    if _IMAGE_EXTENSION.search(alt) or _CAMERA_NAME.match(alt) or _HASH_NAME.match(alt):
        return True
    base = src_basename(src)
    if not base:
        return False
    stem = base.rsplit(".", 1)[0]
    folded = alt.lower()
    # "gerb" for gerb.png may be a poor word but is a word; "banner-1" or "slide_03" is a file.
    return folded == base.lower() or (
        folded == stem.lower() and " " not in alt and bool(re.search(r"[-_\d]", alt)))


def audit(data: dict[str, Any]) -> CheckResult:
    findings: list[Finding] = []
    counts = {FILE_NAME: 0, EMPTY_ALT_TITLE: 0, EMPTY_ALT_TITLE_CONTROL: 0}
    for image in data.get("images", []):
        alt = image.get("alt")
        if alt is None or image.get("aria_label"):
            continue
        if is_file_name(alt, image.get("src") or ""):
            counts[FILE_NAME] += 1
            findings.append(markup_finding(
                CHECK_ID, FILE_NAME, "markup.alt-file-name", image, impact="serious",
                wcag=["1.1.1"], alt=clipped(alt, 80), data={"alt": clipped(alt, 160)}))
            continue
        title = str(image.get("title") or "").strip()
        if not image.get("alt_raw_empty") or not title:
            continue
        control = str(image.get("in_control") or "")
        if control and str(image.get("control_name") or "").strip():
            continue  # the link or button says it in its own words: the icon is decoration
        if control:
            counts[EMPTY_ALT_TITLE_CONTROL] += 1
            wcag = ["1.1.1", "2.4.4"] if control in ("a", "") else ["1.1.1", "4.1.2"]
            item = {**image, "selector": image.get("control_selector") or image.get("selector")}
            findings.append(markup_finding(
                CHECK_ID, EMPTY_ALT_TITLE_CONTROL, "markup.empty-alt-title-in-control", item,
                impact="serious", wcag=wcag, title=clipped(title, 80),
                data={"title": clipped(title, 160), "control": control}))
        else:
            counts[EMPTY_ALT_TITLE] += 1
            findings.append(markup_finding(
                CHECK_ID, EMPTY_ALT_TITLE, "markup.empty-alt-title", image, impact="moderate",
                wcag=["1.1.1"], needs_review=True, title=clipped(title, 80),
                data={"title": clipped(title, 160)}))
    findings.sort(key=lambda f: f.needs_review)  # failures first, before MAX_FINDINGS
    return result_of(CHECK_ID, WCAG, data, findings,
                     {"images": len(data.get("images", [])), **counts})


CHECK = PageCheck(
    id=CHECK_ID,
    group="markup",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Image alt text is words, not a file name or an empty alt beside a title",
)
