"""A plain-data snapshot of a loaded page: what goals and site checks reason about.

`take_snapshot` is the only browser call; everything downstream is a pure function of
`PageSnapshot`, so goals and checks are unit-tested on hand-made snapshots.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

MAX_TEXT = 200_000
MAX_LINKS = 2_000


@dataclass
class Link:
    href: str  # absolute URL as the browser resolved it ('' for none)
    text: str = ""  # visible text (innerText), trimmed
    aria_label: str = ""
    title: str = ""
    img_alt: str = ""  # alt of images inside the link
    rel: str = ""
    target: str = ""
    download: bool = False
    visible: bool = True
    region: str = ""  # header | nav | main | footer | aside | '' (nearest landmark)


@dataclass
class Image:
    src: str
    alt: str | None  # None when the attribute is missing
    width: int = 0  # rendered CSS px
    height: int = 0
    natural_width: int = 0
    natural_height: int = 0
    in_link: bool = False


@dataclass
class PageSnapshot:
    url: str
    title: str = ""
    lang: str = ""
    text: str = ""  # body innerText
    main_text: str = ""  # innerText of <main>/[role=main]/<article>, else body
    headings: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    hreflang: dict[str, str] = field(default_factory=dict)
    meta_viewport: str | None = None
    http_status: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageSnapshot:
        data = dict(data)
        data["links"] = [Link(**x) for x in data.get("links", [])]
        data["images"] = [Image(**x) for x in data.get("images", [])]
        return cls(**data)


_SNAPSHOT_JS = """([maxText, maxLinks]) => {
  const clean = s => (s || '').replace(/\\s+/g, ' ').trim();
  const visible = el => {
    const r = el.getBoundingClientRect();
    const st = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none';
  };
  const regionOf = el => {
    const l = el.closest('header,nav,main,footer,aside,' +
      '[role=banner],[role=navigation],[role=main],[role=contentinfo]');
    if (!l) return '';
    const role = l.getAttribute('role');
    const map = {banner: 'header', navigation: 'nav', main: 'main', contentinfo: 'footer'};
    return role && map[role] ? map[role] : l.tagName.toLowerCase();
  };
  const mainEl = document.querySelector('main,[role=main]') ||
    document.querySelector('article') || document.body;
  const links = [];
  for (const a of Array.from(document.querySelectorAll('a[href], area[href]')).slice(0, maxLinks)) {
    links.push({
      href: a.href || '', text: clean(a.innerText || a.textContent).slice(0, 300),
      aria_label: clean(a.getAttribute('aria-label')), title: clean(a.getAttribute('title')),
      img_alt: clean(Array.from(a.querySelectorAll('img[alt]')).map(i => i.alt).join(' ')),
      rel: a.getAttribute('rel') || '', target: a.getAttribute('target') || '',
      download: a.hasAttribute('download'), visible: a.tagName === 'AREA' ? true : visible(a),
      region: regionOf(a),
    });
  }
  const images = Array.from(document.images).slice(0, 500).map(i => {
    const r = i.getBoundingClientRect();
    return {src: i.currentSrc || i.src || '', alt: i.getAttribute('alt'),
            width: Math.round(r.width), height: Math.round(r.height),
            natural_width: i.naturalWidth || 0, natural_height: i.naturalHeight || 0,
            in_link: !!i.closest('a')};
  });
  const hreflang = {};
  for (const l of document.querySelectorAll('link[rel=alternate][hreflang], a[hreflang]')) {
    if (l.href) hreflang[l.getAttribute('hreflang').toLowerCase()] = l.href;
  }
  const vp = document.querySelector('meta[name=viewport]');
  return {
    url: location.href, title: clean(document.title).slice(0, 500),
    lang: (document.documentElement.getAttribute('lang') || '').trim(),
    text: (document.body ? document.body.innerText : '').slice(0, maxText),
    main_text: (mainEl ? mainEl.innerText : '').slice(0, maxText),
    headings: Array.from(document.querySelectorAll('h1,h2,h3')).slice(0, 200)
      .map(h => clean(h.innerText).slice(0, 300)),
    links, images, hreflang,
    meta_viewport: vp ? vp.getAttribute('content') : null,
  };
}"""


async def take_snapshot(page: Page, http_status: int | None = None) -> PageSnapshot:
    """Snapshot the current document; an empty snapshot if the page cannot be read."""
    try:
        data = await page.evaluate(_SNAPSHOT_JS, [MAX_TEXT, MAX_LINKS])
    except PlaywrightError:
        return PageSnapshot(url=page.url, http_status=http_status)
    snap = PageSnapshot.from_dict(data)
    snap.http_status = http_status
    return snap
