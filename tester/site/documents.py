"""`documents-as-images`: an order or decision published as a picture instead of text
(R25 requires hypertext documents; WCAG 1.4.5 images of text). PDFs are checked elsewhere."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from tester.i18n import message_fields, say
from tester.lexicon.letters import count_letters
from tester.lexicon.matching import match_term
from tester.model import CheckResult, Finding
from tester.site.base import SiteCheck, SiteContext
from tester.site.common import clip, page_ok, result, short_url, skipped
from tester.site.urls import match_url_token, path_and_query
from tester.snapshot import Image, PageSnapshot

CHECK_ID = "documents-as-images"
DOC_TERMS = [
    "скан", "приказ", "постановлени", "решени", "распоряжени", "указ", "протокол", "документ",
    "бұйрық", "қаулы", "шешім", "өкім", "жарлық", "хаттама", "құжат",
    "scan", "order", "resolution", "decision", "decree", "document",
]
DOC_FILE_TOKENS = [
    "scan", "skan", "prikaz", "buyryq", "buiryq", "buyryk", "order", "postanov", "reshen",
    "sheshim", "qauly", "kauly", "rasporyazh", "protokol", "doc", "document", "decree",
]
DOC_PAGE_TOKENS = [
    "document", "docs", "doc", "npa", "prikaz", "order", "legal", "zakon", "acts", "normativ",
    "buyryq", "qauly", "postanov", "reshen", "decision",
]
MIN_SIDE = 300  # px: a readable page of a document is at least this big
LITTLE_TEXT = 300  # letters of HTML text below which the image must carry the document
SOME_TEXT = 800  # up to this, a named document image beside the text is worth a look


def _size(image: Image) -> tuple[int, int]:
    if image.width and image.height:
        return image.width, image.height
    return image.natural_width, image.natural_height


def _file_name(src: str) -> str:
    try:
        return unquote(urlsplit(src).path.rsplit("/", 1)[-1]).lower()
    except ValueError:
        return ""


def is_document_page(snap: PageSnapshot) -> bool:
    if match_url_token(path_and_query(snap.url), DOC_PAGE_TOKENS):
        return True
    return any(match_term(t, DOC_TERMS) for t in [snap.title, *snap.headings[:3]])


def audit_documents_as_images(snapshots: list[PageSnapshot]) -> CheckResult:
    findings: list[Finding] = []
    considered = doc_pages = 0
    for snap in snapshots:
        if not page_ok(snap):
            continue
        doc_page = is_document_page(snap)
        doc_pages += doc_page
        letters = count_letters(snap.main_text or snap.text)
        for image in snap.images:
            width, height = _size(image)
            if image.in_link or width < MIN_SIDE or height < MIN_SIDE:
                continue  # logos, banners, thumbnails and icons
            considered += 1
            named = match_term(image.alt or "", DOC_TERMS) or match_url_token(
                _file_name(image.src), DOC_FILE_TOKENS
            )
            portrait = height >= 1.2 * width
            if letters >= SOME_TEXT or not (named or (doc_page and portrait)):
                continue  # the document is text, or the picture is not a document
            if letters >= LITTLE_TEXT and not named:
                continue
            # Confirmed only when the image is named as a document and the page has hardly any
            # text; a named image beside some text may be the scan next to its full text.
            confirmed = bool(named) and letters < LITTLE_TEXT
            why = (say("check.documents-as-images.named", name=named) if named
                   else say("check.documents-as-images.portrait"))
            key = ("check.documents-as-images.image" if confirmed
                   else "check.documents-as-images.image-review")
            findings.append(Finding(
                rule="document-as-image", impact="serious" if confirmed else "moderate",
                needs_review=not confirmed, wcag=["1.4.5"],
                snippet=clip(f'<img src="{_file_name(image.src)}" alt="{image.alt or ""}">', 200),
                **message_fields(say(key, page=short_url(snap.url), why=why, width=width,
                                     height=height, letters=letters)),
                data={"page": snap.url, "src": image.src[:300], "alt": image.alt,
                      "width": width, "height": height, "text_letters": letters}))
    if not considered and not doc_pages:
        return skipped(CHECK_ID, say("check.documents-as-images.none"))
    data = {"documents_pages": doc_pages, "large_images": considered,
            "images_of_documents": sum(not f.needs_review for f in findings),
            "to_review": sum(f.needs_review for f in findings)}
    review = say("site.to-review", count=data["to_review"]) if data["to_review"] else None
    message = say("check.documents-as-images.summary", images=data["images_of_documents"],
                  review=review, considered=considered, pages=len(snapshots))
    return result(CHECK_ID, findings, data, message, wcag=["1.4.5"])


def _audit(ctx: SiteContext) -> CheckResult:
    return audit_documents_as_images(ctx.snapshots)


SITE_CHECK = SiteCheck(
    id=CHECK_ID,
    audit=_audit,
    title="Documents as images",
    wcag=("1.4.5",),
    rules=("Q01",),  # documents in hypertext, not images (order 124-НҚ)
)
