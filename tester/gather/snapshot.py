"""Gather a snapshot of a loaded page: `take_snapshot` reads the document into a PageSnapshot.

`take_snapshot` is the only browser call; the snapshot's data classes live in tester.snapshot
(re-exported here), so goals and site checks reason about them without importing the browser.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from tester.gather import isolated
from tester.snapshot import Image, Link, PageSnapshot
from tester.textsafe import clean_data, clean_text

__all__ = ["Image", "Link", "PageSnapshot", "clean_snapshot_data", "take_snapshot"]

MAX_TEXT = 200_000
MAX_LINKS = 2_000
# Caps in characters, applied in Python on grapheme boundaries (tester/textsafe.py). The script
# cuts a little beyond them (CUT_MARGIN UTF-16 units, never inside a pair) only to bound transfer.
LABEL_CAP = 300
TITLE_CAP = 500
ALT_CAP = 2_000
CUT_MARGIN = 32


_SNAPSHOT_JS = """([maxText, maxLinks, margin]) => {
  const cut = (s, n) => {
    if (s.length <= n + margin) return s;
    const end = n + margin, last = s.charCodeAt(end - 1);
    return s.slice(0, last >= 0xD800 && last <= 0xDBFF ? end - 1 : end);
  };
  const clean = (s, n) => cut((s || '').replace(/\\s+/g, ' ').trim(), n || 300);
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
      href: a.href || '', text: clean(a.innerText || a.textContent),
      aria_label: clean(a.getAttribute('aria-label')), title: clean(a.getAttribute('title')),
      img_alt: clean(Array.from(a.querySelectorAll('img[alt]')).map(i => i.alt).join(' ')),
      rel: a.getAttribute('rel') || '', target: a.getAttribute('target') || '',
      download: a.hasAttribute('download'), visible: a.tagName === 'AREA' ? true : visible(a),
      region: regionOf(a),
    });
  }
  const images = Array.from(document.images).slice(0, 500).map(i => {
    const r = i.getBoundingClientRect();
    const alt = i.getAttribute('alt');
    return {src: i.currentSrc || i.src || '', alt: alt === null ? null : cut(alt, 2000),
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
    url: location.href, title: clean(document.title, 500),
    lang: clean(document.documentElement.getAttribute('lang'), 100),
    text: cut(document.body ? document.body.innerText : '', maxText),
    main_text: cut(mainEl ? mainEl.innerText : '', maxText),
    headings: Array.from(document.querySelectorAll('h1,h2,h3')).slice(0, 200)
      .map(h => clean(h.innerText)),
    links, images, hreflang,
    meta_viewport: vp ? clean(vp.getAttribute('content'), 500) : null,
  };
}"""


async def take_snapshot(page: Page, http_status: int | None = None) -> PageSnapshot:
    """Snapshot the current document; an empty snapshot if the page cannot be read."""
    try:
        # In the isolated world: the page cannot replace the DOM methods the script reads with.
        data = await isolated.evaluate(
            page, _SNAPSHOT_JS, [MAX_TEXT, MAX_LINKS, CUT_MARGIN], plain_json=True
        )
    except PlaywrightError:
        return PageSnapshot(url=page.url, http_status=http_status)
    snap = PageSnapshot.from_dict(clean_snapshot_data(data))
    snap.http_status = http_status
    return snap


def clean_snapshot_data(data: dict[str, Any]) -> dict[str, Any]:
    """The script's result made safe: every string cleaned (lone surrogates, control characters)
    and capped on a grapheme boundary. Body text keeps its lines; every other field is one line.
    """
    out = clean_data(data, one_line=True)
    for key in ("text", "main_text"):
        out[key] = clean_text(data.get(key), MAX_TEXT)
    out["title"] = clean_text(out.get("title"), TITLE_CAP)
    out["lang"] = clean_text(out.get("lang"), 100)
    out["headings"] = [clean_text(h, LABEL_CAP) for h in out.get("headings") or []]
    for link in out.get("links") or []:
        for key in ("text", "aria_label", "title", "img_alt"):
            link[key] = clean_text(link.get(key), LABEL_CAP)
    for image in out.get("images") or []:
        if image.get("alt") is not None:
            image["alt"] = clean_text(image["alt"], ALT_CAP)
    if out.get("meta_viewport") is not None:
        out["meta_viewport"] = clean_text(out["meta_viewport"], TITLE_CAP)
    return out
