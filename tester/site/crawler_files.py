"""robots.txt and sitemaps, the files a site keeps for crawlers: parsed from the bytes the fetch
layer brought (pure; no requests here, so every fetch stays in tester.fetch).

Sitemaps come from the site under audit, so the XML is treated as hostile: lxml with entities
left unresolved, no network, no DTD loading and its default size limits (no `huge_tree`), and a
document declaring a DTD is refused outright (billion laughs, external entities). Gzip sitemaps
(`sitemap.xml.gz`, served as a file rather than with Content-Encoding) are unpacked within the
same size cap. robots.txt is read by protego, the parser of the field (Scrapy's).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from lxml import etree
from protego import Protego

MAX_XML = 5_000_000
GZIP_MAGIC = b"\x1f\x8b"
# A path no site would allow only by name: if it and the home page are both refused, all is.
_PROBE_PATH = "/ashyq-robots-probe/page.html"
_XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>")


@dataclass
class ParsedSitemap:
    kind: str = ""  # urlset | sitemapindex
    locs: list[str] = field(default_factory=list)
    error: str | None = None


def unpack_sitemap(raw: bytes) -> tuple[bytes, bool]:
    """(bytes, too_large): a gzip sitemap unpacked to at most MAX_XML bytes; others unchanged.

    A body that is not gzip after all (or is damaged) is returned as it came, for the parser to
    judge.
    """
    if not raw.startswith(GZIP_MAGIC):
        return raw, False
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = unpacker.decompress(raw, MAX_XML + 1)  # a bomb stops here
    except zlib.error:
        return raw, False
    return data[:MAX_XML], len(data) > MAX_XML


def _safe_parser() -> etree.XMLParser:
    # One parser per call: lxml parsers must not be shared between threads.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def parse_sitemap(body: str, *, too_large: bool = False) -> ParsedSitemap:
    """Parse a sitemap or sitemap index; DTDs are refused (no entity expansion, ever).

    `too_large` says the body was cut at the size cap when it was fetched.
    """
    text = (body or "").lstrip("\ufeff \t\r\n")
    if not text:
        return ParsedSitemap(error="empty")
    if too_large or len(text) > MAX_XML:
        return ParsedSitemap(error="too large")
    head = text[:512].lower()
    if head.startswith("<!doctype html") or head.startswith("<html"):
        return ParsedSitemap(error="an HTML page, not XML")
    if "<!doctype" in text[:4096].lower() or "<!entity" in text.lower():
        return ParsedSitemap(error="a DTD is not allowed in a sitemap")
    try:
        # The text is decoded already: its declaration's encoding no longer applies.
        root = etree.fromstring(_XML_DECLARATION.sub("", text, count=1), _safe_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        return ParsedSitemap(error=f"not well-formed XML ({exc})")
    if root is None:
        return ParsedSitemap(error="empty")
    if root.getroottree().docinfo.internalDTD is not None:
        return ParsedSitemap(error="a DTD is not allowed in a sitemap")
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        return ParsedSitemap(kind=kind, error=f"root element <{kind}> is not urlset/sitemapindex")
    locs = [
        (el.text or "").strip()
        for el in root.iter()
        if isinstance(el.tag, str) and etree.QName(el).localname == "loc"
        and (el.text or "").strip()
    ]
    return ParsedSitemap(kind=kind, locs=locs)


def robots_sitemaps(body: str) -> list[str]:
    """The `Sitemap:` URLs of a robots.txt, as written."""
    return [url for url in Protego.parse(body or "").sitemaps if url.strip()]


def robots_disallows_all(body: str) -> bool:
    """Crawlers in general (`User-agent: *`) may fetch neither the home page nor any other."""
    rules = Protego.parse(body or "")
    return not any(rules.can_fetch("http://site.invalid" + path, "*")
                   for path in ("/", _PROBE_PATH))
