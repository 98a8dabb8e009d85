"""Gather a snapshot of a loaded page: `take_snapshot` reads the document into a PageSnapshot.

`take_snapshot` is the only browser call; the snapshot's data classes live in tester.snapshot
(re-exported here), so goals and site checks reason about them without importing the browser.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from tester.gather import isolated
from tester.snapshot import DateMark, Image, Link, PageSnapshot
from tester.textsafe import clean_data, clean_text

__all__ = ["DateMark", "Image", "Link", "PageSnapshot", "clean_snapshot_data", "take_snapshot"]

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

  // Publication-date candidates where sites publish dates (tester/snapshot.py DateMark); the
  // Python side parses them and decides which are publication dates. Never fails the snapshot.
  const dates = [];
  let breadcrumb = '';
  try {
    const MAXD = 300;
    const mark = (source, text, extra) => {
      text = clean(text, 120);
      if (text && dates.length < MAXD) dates.push(Object.assign(
        {source, text, where: '', title: '', href: '', hint: '', group: 0}, extra || {}));
    };
    for (const m of document.querySelectorAll('meta[property$="published_time" i], ' +
        'meta[name$="published_time" i], meta[itemprop=datePublished], meta[name=pubdate i], ' +
        'meta[name=publishdate i], meta[name=publish-date i], meta[name="dc.date.issued" i], ' +
        'meta[name="dcterms.issued" i]')) {
      mark('meta', m.getAttribute('content'), {hint: clean(m.getAttribute('property') ||
        m.getAttribute('name') || m.getAttribute('itemprop'), 60)});
    }
    const walk = (node, depth) => {
      if (!node || typeof node !== 'object' || depth > 8 || dates.length >= MAXD) return;
      if (Array.isArray(node)) { for (const n of node.slice(0, 100)) walk(n, depth + 1); return; }
      const type = [].concat(node['@type'] || []).join(' ');
      const head = typeof node.headline === 'string' ? node.headline :
        (typeof node.name === 'string' ? node.name : '');
      if (typeof node.datePublished === 'string') {
        mark('jsonld', node.datePublished, {hint: clean(type, 60), title: clean(head, 300)});
      }
      for (const key of Object.keys(node).slice(0, 60)) walk(node[key], depth + 1);
    };
    for (const s of Array.from(
        document.querySelectorAll('script[type="application/ld+json" i]')).slice(0, 20)) {
      try { walk(JSON.parse((s.textContent || '').slice(0, 500000)), 0); } catch (e) { /* bad */ }
    }
    for (const el of Array.from(
        document.querySelectorAll('[itemprop=datePublished]:not(meta)')).slice(0, 20)) {
      mark('itemprop', el.getAttribute('datetime') || el.getAttribute('content') || el.innerText);
    }
    const bc = document.querySelector('[aria-label*=breadcrumb i], ' +
      '[aria-labelledby*=breadcrumb i], [itemtype*=BreadcrumbList], [class*=breadcrumb i], ' +
      '[id*=breadcrumb i], .crumbs');
    if (bc) {
      breadcrumb = cut((bc.innerText || '').split('\\n').map(x => x.replace(/\\s+/g, ' ').trim())
        .filter(Boolean).join(' › '), 500);
    }
    const h1 = Array.from(document.querySelectorAll('h1')).find(visible) || null;
    const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'OPTION']);
    const YEAR = /(?:19|20)\\d\\d/;
    const fullish = tx => {  // a year and another number: a whole date, not "© 2026"
      const m = tx.match(YEAR);
      return !!m && /\\d/.test(tx.replace(m[0], ''));
    };
    // One pass over the text: candidates (short elements holding a whole date, <time>s) and
    // their position in non-space characters, to tell which sit right beside the h1.
    const start = new Map();
    let pos = 0, h1Start = -1, h1End = -1, seen = 0, node;
    const tw = document.createTreeWalker(document.body || document.documentElement,
      NodeFilter.SHOW_TEXT);
    const big = new Set();  // elements too long to be a date or a card, found once each
    const isBig = el => {
      if (big.has(el)) return true;
      if ((el.textContent || '').length <= 2000) return false;  // cheap: no layout
      big.add(el);
      return true;
    };
    const until = Date.now() + 400;  // a time box: a hostile page of dates costs no more
    while ((node = tw.nextNode()) && seen++ < 40000 && start.size < MAXD) {
      if ((seen & 255) === 0 && Date.now() > until) break;
      const parent = node.parentElement;
      if (!parent || SKIP.has(parent.tagName)) continue;
      const v = node.nodeValue || '';
      if (h1 && h1.contains(node)) {
        if (h1Start < 0) h1Start = pos;
        h1End = pos + v.replace(/\\s+/g, '').length;
      }
      const time = parent.closest('time');
      if (time && !start.has(time)) start.set(time, pos);
      if (v.length <= 400 && YEAR.test(v)) {
        let el = parent;
        for (let i = 0; el && i < 3; i++) {
          if (isBig(el)) { el = null; break; }
          const tx = (el.innerText || '').trim();
          if (tx.length > 90) { el = null; break; }
          if (fullish(tx)) break;
          el = el.parentElement;
        }
        if (el && el !== document.body && !start.has(el)) start.set(el, pos);
      }
      pos += v.replace(/\\s+/g, '').length;
    }
    for (const t of Array.from(document.querySelectorAll('time')).slice(0, MAXD)) {
      if (!start.has(t) && start.size < MAXD) start.set(t, -1);
    }
    const chrome = el => {
      const c = el.closest('nav,[role=navigation],header,[role=banner],footer,[role=contentinfo],' +
        'aside,[role=complementary]');
      return !!c && !c.closest('article,main,[role=main]');
    };
    const homeLike = a =>
      /^\\/((ru|kk|kz|en|rus|kaz|eng)\\/?)?(index\\.\\w+)?$/i.test(a.pathname || '/');
    const titlesIn = (box, el) => {
      const links = (box.matches('a[href]') ? [box] : [])
        .concat(Array.from(box.querySelectorAll('a[href]')).slice(0, 20));
      const byHref = new Map();
      for (const a of links) {
        // A link around the date itself ("3 дня назад" in WordPress' posted-on) is no title.
        let tx = clean(a.innerText, 300);
        if (a.contains(el)) tx = tx.replace(clean(el.innerText, 300), '').trim();
        const href = (a.href || '').split('#')[0];
        if (tx.length < 12 || !/^https?:/i.test(href) || homeLike(a)) continue;
        if (!byHref.has(href) || byHref.get(href).length < tx.length) byHref.set(href, tx);
      }
      return byHref;
    };
    const cardOf = el => {
      let box = el, best = null;
      for (let i = 0; box && i < 6; i++) {
        if (box.matches('body,html,main,[role=main]') || (h1 && box.contains(h1))) break;
        if (isBig(box) || (box.innerText || '').length > 1500) break;
        const byHref = titlesIn(box, el);
        if (byHref.size > 1) break;
        if (byHref.size === 1) {
          const [[href, title]] = byHref;
          best = {box, href, title};
        } else if (!best) {
          const hs = box.querySelectorAll('h2,h3,h4,h5,h6');
          if (hs.length > 1) break;
          if (hs.length === 1) best = {box, href: '', title: clean(hs[0].innerText, 300)};
        }
        box = box.parentElement;
      }
      return best;
    };
    const found = [];
    for (const [el, at] of start) {
      if (chrome(el)) continue;
      const isTime = el.tagName === 'TIME' && el.hasAttribute('datetime');
      const text = isTime ? el.getAttribute('datetime') : el.innerText;
      const hint = clean([el, el.parentElement].map(e => e && typeof e.className === 'string' ?
        e.className : '').join(' '), 120);
      const extra = {hint, where: ''};
      // A card with one title around the date: a listing item. Else the date line right under
      // (or just above) the h1: the headline's date. Anything else is not a publication date.
      const card = cardOf(el);
      if (card) {
        Object.assign(extra,
          {where: 'listing', title: card.title, href: card.href, _box: card.box});
      } else if (h1 && (h1.contains(el) || (at >= 0 && at >= h1End && at - h1End <= 80) ||
          (at >= 0 && at < h1Start && h1Start - at <= 40 && !el.contains(h1)))) {
        extra.where = 'headline';
        extra.title = clean(h1.innerText, 300);
      }
      found.push([isTime ? 'time' : 'text', text, extra]);
    }
    const perParent = new Map();  // parent -> its dated cards (a news listing holds 2+)
    for (const [, , x] of found) {
      if (!x._box) continue;
      const p = x._box.parentElement;
      if (!perParent.has(p)) perParent.set(p, new Set());
      perParent.get(p).add(x._box);
    }
    for (const [source, text, x] of found) {
      if (x._box) { x.group = perParent.get(x._box.parentElement).size; delete x._box; }
      mark(source, text, x);
    }
  } catch (e) { /* dates are optional: the rest of the snapshot stands */ }
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
    dates, breadcrumb,
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
    for mark in out.get("dates") or []:
        for key in ("text", "title", "href", "hint", "where", "source"):
            mark[key] = clean_text(mark.get(key), LABEL_CAP)
        mark["group"] = int(mark.get("group") or 0)
    out["breadcrumb"] = clean_text(out.get("breadcrumb"), TITLE_CAP)
    if out.get("meta_viewport") is not None:
        out["meta_viewport"] = clean_text(out["meta_viewport"], TITLE_CAP)
    return out
