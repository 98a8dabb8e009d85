"""Images of text (WCAG 1.4.5) and documents published as scanned images.

Candidates (<img>, <input type=image>, CSS background images; images_of_text.js) are large
images, and wide short strips or button-sized images inside a heading, button, link, nav or
menu list, or standing in for a link's hidden text; they are ranked so the likely ones are read
first within the OCR budget. OCR (tesseract, Kazakh + Russian + English) reads each on the
colour the page shows behind it. An image is reported when OCR finds real words (ocr_text:
two or more, or one long word in a text context), unless it is a logo: inside a link to the
home page, marked decorative (alt="", role=presentation) or named like a logo, *and* its text
is short. The finding says where (data.kind) and in which language (data.lang). Linked PDFs
in the audited site are fetched (size-capped) and reported when they have no text layer
(pdftotext, else a byte heuristic), with what OCR reads on page 1 as evidence.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes

from playwright.async_api import Error as PlaywrightError

from tester.checks.base import PageCheck
from tester.checks.lowvision import ocr, ocr_text
from tester.checks.lowvision.common import (
    error_text,
    errored,
    make_finding,
    note,
    probe,
    rebox,
    result_from,
    shoot_items,
    skipped,
)
from tester.env import PageEnv
from tester.fetch import Fetcher
from tester.i18n import Message, say
from tester.model import CheckResult, Finding

CHECK_ID = "images-of-text"
WCAG = ["1.4.5"]
PDF_WCAG = ["1.1.1", "1.4.5"]
ALT_MISSING = "lowvision.fragment.alt-missing"  # the image has no alt text at all
MAX_IMAGES = 16  # OCR of a button-sized image takes ~0.1 s; ranked, likely ones first
MAX_ELEMENTS = 5000  # pictures, and elements whose CSS background is looked at (hostile pages)
MAX_PDFS = 5
MAX_BYTES = 5 * 1024 * 1024
FETCH_TIMEOUT_MS = 8_000  # per request; lowered to half the navigation timeout when that is shorter
BUDGET_S = 25.0  # no new download or OCR starts after this; the rest is reported unchecked
_pdf_cache: OrderedDict[str, dict[str, Any]] = OrderedDict()
LOGO_MAX_WORDS = 4
LOGO_MAX_LETTERS = 40
SINGLE_WORD_LETTERS = 5
MAX_SECOND_LOOKS = 4  # per page: photos cost a second OCR pass (~0.2 s) only this often
TEXT_CONTEXTS = ("heading", "button", "nav", "link")
WHERE = {  # finding kind -> the fragment that says where the picture of text sits
    "heading-image": "lowvision.fragment.where-heading-image",
    "button-image": "lowvision.fragment.where-button-image",
    "nav-image": "lowvision.fragment.where-nav-image",
    "css-background-text": "lowvision.fragment.where-css-background-text",
}

FIND_JS = Path(__file__).with_name("images_of_text.js").read_text(encoding="utf-8").strip()


async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    try:
        found = await probe(page, FIND_JS, [MAX_IMAGES, MAX_ELEMENTS])
    except PlaywrightError as exc:
        return {"applicable": True, "error": error_text(exc)}
    in_scope = [p for p in found["pdfs"] if env.scope.contains(p["href"])]
    pdfs = rebox(in_scope[:MAX_PDFS])
    images = rebox(found["images"])
    if not images and not pdfs:
        return {
            "applicable": False,
            "reason": "no-large-images",
            "small_images": found["small"],
        }
    ocr_ready = ocr.tesseract_path() is not None
    timeout_ms = min(FETCH_TIMEOUT_MS, env.settings.navigation_timeout_ms // 2)
    deadline = time.monotonic() + BUDGET_S
    limit = asyncio.Semaphore(2)
    looks_left = [MAX_SECOND_LOOKS]

    async def read_image(image: dict[str, Any]) -> None:
        async with limit:
            if time.monotonic() > deadline:
                image["words"], image["unchecked"] = None, "time budget"
                return
            data = await fetch(env, image["src"], timeout_ms)
            words = await ocr.ocr_image(data, backdrop_of(image)) if data and ocr_ready else None
            image["words"] = ocr.confident_words(words) if words is not None else None
            if data and wants_second_look(image) and looks_left[0] and time.monotonic() < deadline:
                looks_left[0] -= 1
                again = await ocr.ocr_image(data, backdrop_of(image), second_look=True)
                better = ocr.confident_words(again or [])
                if len(ocr_text.real_words(better)) > len(ocr_text.real_words(image["words"])):
                    image["words"] = better

    async def read_pdf(pdf: dict[str, Any]) -> None:
        async with limit:
            if time.monotonic() > deadline:
                pdf["status"] = "unchecked"
                return
            pdf.update(await inspect_pdf(env, pdf["href"], timeout_ms))

    # Tasks end by their own timeouts; nothing is cancelled mid-call (Playwright forbids it).
    await asyncio.gather(*(read_image(i) for i in images), *(read_pdf(p) for p in pdfs))
    flagged = [i for i in images if image_verdict(i) == "text"]
    flagged += [p for p in pdfs if p.get("status") == "no-text"]
    await shoot_items(env, flagged, "image-text")
    return {
        "applicable": True,
        "ocr_available": ocr_ready,
        "ocr_languages": ocr.tesseract_languages() if ocr_ready else "",
        "images": images,
        "more_images": found["more_images"],
        "small_images": found["small"],
        "pdfs": pdfs,
        "pdfs_not_checked": len(found["pdfs"]) - len(pdfs),
    }


async def fetch(env: PageEnv, url: str, timeout_ms: int = FETCH_TIMEOUT_MS) -> bytes | None:
    """Bytes of an image or document, at most MAX_BYTES; None on any failure."""
    if url.startswith("data:"):
        return decode_data_url(url)
    if not url.startswith(("http://", "https://")):
        return None
    # Through tester.fetch: an image on another host gets its first answer only, and no hop may
    # leave the audited site or reach a forbidden address (the page chose these URLs).
    async with Fetcher.for_scope(env.scope, env.settings) as fetcher:
        head = await fetcher.fetch(url, method="HEAD", timeout_ms=timeout_ms)
        if head.content_length is not None and head.content_length > MAX_BYTES:
            return None
        if head.refused or head.error:
            return None  # the GET would be refused or fail the same way
        got = await fetcher.fetch(url, timeout_ms=timeout_ms, keep_body=True, max_body=MAX_BYTES)
    if not got.ok or got.truncated:
        return None
    return got.body


def decode_data_url(url: str) -> bytes | None:
    header, _, payload = url.partition(",")
    try:
        if header.endswith(";base64"):
            data = base64.b64decode("".join(unquote(payload).split()), validate=True)
        else:
            data = unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None
    return data if len(data) <= MAX_BYTES else None


async def inspect_pdf(env: PageEnv, url: str, timeout_ms: int = FETCH_TIMEOUT_MS) -> dict[str, Any]:
    """Text layer or not, cached by URL: sites link the same documents from many pages."""
    if url in _pdf_cache:
        return dict(_pdf_cache[url])
    result = await _inspect_pdf(env, url, timeout_ms)
    if result["status"] != "unavailable":
        _pdf_cache[url] = result
        while len(_pdf_cache) > 256:
            _pdf_cache.popitem(last=False)
    return dict(result)


async def _inspect_pdf(env: PageEnv, url: str, timeout_ms: int) -> dict[str, Any]:
    data = await fetch(env, url, timeout_ms)
    if data is None:
        return {"status": "unavailable"}
    if not data.startswith(b"%PDF"):
        return {"status": "not-pdf"}
    text = await ocr.pdf_text(data)
    has_text = ocr.letters_in(text) >= 20 if text is not None else ocr.pdf_bytes_have_text(data)
    if has_text:
        return {"status": "text", "method": "pdftotext" if text is not None else "bytes"}
    words = await ocr.ocr_pdf_first_page(data)
    return {
        "status": "no-text",
        "method": "pdftotext" if text is not None else "bytes",
        "ocr_words": ocr.confident_words(words)[:60] if words else [],
    }


def backdrop_of(image: dict[str, Any]) -> tuple[int, int, int]:
    """The page colour behind the image (from the probe), clamped; white when unknown."""
    colour = image.get("backdrop")
    if isinstance(colour, list) and len(colour) == 3:
        try:
            r, g, b = (max(0, min(255, int(c))) for c in colour)
            return r, g, b
        except (TypeError, ValueError):
            pass
    return ocr.WHITE


def wants_second_look(image: dict[str, Any]) -> bool:
    """A large picture (banner, slide) in which the first OCR pass found no text."""
    words = image.get("words")
    return words is not None and image.get("shape") == "block" and (
        len(ocr_text.real_words(words)) < 2
    )


def text_context(image: dict[str, Any]) -> bool:
    """A heading, button, nav item or link (or a background standing in for hidden text):
    where a confident word is already a picture of text. A large photo in a link or menu (a
    news thumbnail) is still a photo: words in it may be incidental."""
    if image.get("text_hidden"):
        return True
    if image.get("shape") in ("strip", "button"):
        return image.get("context") in TEXT_CONTEXTS
    return image.get("context") in ("heading", "button")


def image_verdict(image: dict[str, Any]) -> str:
    """'text' (report), 'logo' (short text in a logo-like image), 'none' or 'unknown' (no OCR).

    Text needs real words (ocr_text.is_real_word): two or more with 8+ letters, or, in a text
    context, one confident word of 5+ letters ('Жаңалықтар' on a menu button).
    """
    words = image.get("words")
    if words is None:
        return "unknown"
    real = ocr_text.real_words(words)
    letters = sum(ch.isalpha() for word in real for ch in word)
    single = (
        len(real) == 1
        and letters >= SINGLE_WORD_LETTERS
        and text_context(image)
        and image.get("shape") in ("strip", "button")
    )
    if not single and (len(real) < 2 or letters < 8):
        return "none"
    home_logo = image.get("in_home_link") and image.get("context") != "nav"
    logo_like = (
        home_logo
        or image.get("logo_hint")
        or image.get("aria_hidden")
        or image.get("alt") == ""
        or (image.get("role") or "").lower() in ("presentation", "none")
    )
    all_letters = sum(ch.isalpha() for word in words for ch in word)
    if logo_like and len(words) <= LOGO_MAX_WORDS and all_letters <= LOGO_MAX_LETTERS:
        return "logo"
    return "text"


def finding_kind(image: dict[str, Any]) -> str:
    """data.kind: where the picture of text sits (what a fixer looks for)."""
    if image.get("kind") == "css" and (image.get("text_hidden") or image.get("context") != "none"):
        return "css-background-text"
    context = str(image.get("context"))
    if context in ("link", "nav") and image.get("shape") not in ("strip", "button"):
        return "banner-text"  # a large linked banner, not a button
    return {
        "heading": "heading-image",
        "button": "button-image",
        "link": "button-image",
        "nav": "nav-image",
    }.get(context, "banner-text")


def is_certain(image: dict[str, Any]) -> bool:
    """Sure enough to fail without review: 3+ real words, or a text context."""
    return len(ocr_text.real_words(image["words"])) >= 3 or text_context(image)


def alt_note(alt: str | None, words: list[str]) -> Message | None:
    """Which fragment explains the alt text: missing, not covering the words, or fine (None)."""
    if not alt or not alt.strip():
        return say(ALT_MISSING)
    alt_words = {w.casefold().strip(".,:;!?«»\"'()") for w in alt.split()}
    ocr_words = [w.casefold().strip(".,:;!?«»\"'()") for w in words]
    covered = sum(1 for w in ocr_words if w in alt_words)
    return None if covered >= 0.6 * len(ocr_words) else say("lowvision.fragment.alt-partial")


def audit(data: dict[str, Any]) -> CheckResult:
    if not data.get("applicable"):
        return skipped(CHECK_ID, WCAG, note(data.get("reason", "not-applicable")))
    if data.get("error"):
        return errored(CHECK_ID, WCAG, data["error"])
    findings: list[Finding] = []
    verdicts: dict[str, int] = {}
    for image in data.get("images", []):
        verdict = image_verdict(image)
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
        if verdict != "text":
            continue
        words = image["words"]
        alt = alt_note(image.get("alt"), words)
        lang = ocr_text.language_of(ocr_text.real_words(words))
        kind = finding_kind(image)
        where = WHERE.get(kind)
        findings.append(
            make_finding(
                CHECK_ID,
                "image-of-text",
                image,
                impact="serious" if alt and alt.key == ALT_MISSING else "moderate",
                wcag=WCAG + (["1.1.1"] if alt else []),
                needs_review=not is_certain(image),
                ocr_text=" ".join(words)[:160],
                alt_note=alt,
                lang=say(f"lowvision.lang.{lang}"),
                where=say(where) if where else None,
                data={
                    "kind": kind,
                    "lang": lang,
                    "context": image.get("context") or "none",
                    "ocr_text": " ".join(words)[:500],
                    "src": image.get("src", "")[:500],
                },
            )
        )
    for pdf in data.get("pdfs", []):
        if pdf.get("status") != "no-text":
            continue
        said = " ".join(pdf.get("ocr_words") or [])[:120]
        findings.append(
            make_finding(
                CHECK_ID,
                "document-as-image",
                pdf,
                impact="serious",
                wcag=PDF_WCAG,
                name=pdf.get("name", ""),
                ocr_note=say("lowvision.fragment.ocr-found", text=said) if said else None,
                data={"href": pdf.get("href"), "ocr_text": said},
            )
        )
    summary = {
        "ocr_available": data.get("ocr_available"),
        "images_read": len(data.get("images", [])),
        "image_verdicts": verdicts,
        "small_images": data.get("small_images", 0),
        "pdfs": {p.get("name", ""): p.get("status") for p in data.get("pdfs", [])},
    }
    if not data.get("ocr_available") and data.get("images") and not findings:
        return skipped(CHECK_ID, WCAG, note("tesseract-missing"), summary)
    unread = verdicts.get("unknown", 0)
    if unread and not findings:
        # Images that were never read (time budget, a failed download, OCR timing out) are no
        # evidence of a pass: the check says it could not judge them.
        return skipped(CHECK_ID, WCAG, say("lowvision.note.images-unread", count=unread,
                                           total=len(data.get("images", []))), summary)
    message = "" if data.get("ocr_available") else note("tesseract-missing")
    return result_from(
        CHECK_ID,
        findings,
        sorted(set(f for x in findings for f in x.wcag)) or WCAG,
        summary,
        message,
    )


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=PDF_WCAG,
    title="Text is text, not a picture of text",
)
