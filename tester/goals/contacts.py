"""find-contacts: the page shows a phone number and an e-mail or a postal address.

Confirmed from content, never from the link that led here: a "Контакты" page holding only a
feedback form, or the word "контакты" in a news story, is not contact information.
"""

from __future__ import annotations

import re

from tester.goals.base import GoalCheck, page_text
from tester.i18n import say
from tester.snapshot import PageSnapshot

_DASH = r"[\s\-\u2010-\u2015().]*"
# KZ numbers: +7 / 8, then ten digits starting with 7 (7172…, 727…, 701…) or 8 (8 800 toll-free).
PHONE_RE = re.compile(r"(?<![\d+])(?:\+\s?7|8)" + _DASH + r"[78](?:" + _DASH + r"\d){9}(?!\d)")
# Local numbers are only trusted next to a phone label ("тел.: 55-01-01").
LOCAL_PHONE_RE = re.compile(
    r"(?:тел|телефон|телефондары|phone|tel|факс|fax|приемная|қабылдау)[^\d\n]{0,15}"
    r"(?<!\d)(\d{2,3}[\s\-]\d{2}[\s\-]\d{2})(?!\d)",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*\s?(?:@|\[at\]|\(at\))\s?"
    r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)
STREET_RE = re.compile(
    r"(?:\bул\.|\bулица\b|\bпр\.|\bпр-т\b|\bпроспект\w*|\bмкр\.?|\bмикрорайон\w*|\bбульвар\w*|"
    r"\bшоссе\b|\bпереул\w*|\bпер\.|\bплощад\w*|\bпл\.|\bкөшесі\b|\bкөш\.|\bдаңғылы\b|\bдаң\.|"
    r"\bшағын\s?аудан\w*|\bықшам\s?аудан\w*|\bалаңы\b|\bstreet\b|\bst\.|\bstr\.|\bavenue\b|"
    r"\bave\.|\bmicrodistrict\b|\bkóshesi\b|\bkoshesi\b|\bdańǵyly\b|\bdangyly\b)",
    re.IGNORECASE,
)
POSTCODE_RE = re.compile(r"(?<!\d)[01]\d{5}(?!\d)")
ADDRESS_LABEL_RE = re.compile(r"\b(?:адрес|мекенжай|мекен-жай\w*|мекенжайы|address)\b", re.I)
HOUSE_RE = re.compile(r"\d+\s?[А-Яа-яA-Za-z]?\b")
MIN_PICTURE_PX = (120, 24)  # width, height: smaller images are icons and bullets


def parse_phones(text: str) -> list[str]:
    """KZ phone numbers as written (+7 (7172) 55-01-01, 8 727 123 45 67, +7 701 123 4567)."""
    found: list[str] = []
    for m in PHONE_RE.finditer(text):
        found.append(re.sub(r"\s+", " ", m.group(0)).strip())
    for m in LOCAL_PHONE_RE.finditer(text):
        local = m.group(1)
        if not any(local.replace(" ", "-") in f.replace(" ", "-") for f in found):
            found.append(local)
    return _unique(found)


def phone_digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits[0] == "8":
        digits = "7" + digits[1:]
    return digits


def parse_emails(text: str) -> list[str]:
    out = []
    for m in EMAIL_RE.finditer(text):
        email = re.sub(r"\s?(?:\[at\]|\(at\))\s?", "@", m.group(0)).replace(" ", "")
        if not re.search(r"\.(?:png|jpe?g|gif|svg|webp)$", email, re.I):
            out.append(email)
    return _unique(out)


def find_address(text: str) -> str | None:
    """The first line that reads like a postal address (street word + number, or a postcode)."""
    for raw in text.splitlines():
        line = re.sub(r"\s+", " ", raw).strip()
        if not line or len(line) > 300:
            continue
        street = STREET_RE.search(line)
        if street and HOUSE_RE.search(line[street.end():street.end() + 40]):
            return line[:200]
        if POSTCODE_RE.search(line) and (street or ADDRESS_LABEL_RE.search(line) or "," in line):
            return line[:200]
    return None


def recognise_contacts(snap: PageSnapshot) -> GoalCheck:
    text = page_text(snap)
    phones = parse_phones(text)
    emails = parse_emails(text)
    address = find_address(text)
    evidence = {"phones": phones[:10], "emails": emails[:10], "address": address}
    if phones and (emails or address):
        what = ("goal.contacts.email-and-address" if emails and address
                else "goal.contacts.email" if emails else "goal.contacts.address")
        return GoalCheck(True, say("goal.contacts.found", what=say(what)), evidence)
    if phones:
        return GoalCheck(False, say("goal.contacts.phone-only"), evidence)
    if emails or address:
        pictures = unlabelled_pictures(snap)
        if pictures:  # phone lists published as a picture: a person sees them, text does not
            evidence["unlabelled_images"] = pictures[:3]
            return GoalCheck(False, say("goal.contacts.no-phone-pictures", count=len(pictures)),
                             evidence)
        return GoalCheck(False, say("goal.contacts.no-phone"), evidence)
    return GoalCheck(False, say("goal.contacts.nothing"), evidence)


def unlabelled_pictures(snap: PageSnapshot) -> list[str]:
    """Content-sized images (not link icons) without alt text: where a phone list may hide."""
    return [image.src for image in snap.images
            if not (image.alt or "").strip() and not image.in_link
            and image.width >= MIN_PICTURE_PX[0] and image.height >= MIN_PICTURE_PX[1]]


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
