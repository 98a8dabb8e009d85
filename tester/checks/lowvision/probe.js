// In-page measuring library of the low-vision checks. Evaluated as an expression that returns
// an object of functions; it reads layout only (no DOM writes) unless a function says so.
// Every walk is bounded so a hostile, huge page cannot hang the check.
(() => {
  const MAX_ELEMENTS = 15000;
  const MAX_TEXT_NODES = 6000;
  const MAX_RECTS = 6000;
  const MAX_ITEMS = 60;
  const SLACK = 2; // px of tolerance for rounding and anti-aliasing
  const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'title', 'option', 'head']);

  const styles = new Map();
  const cs = el => {
    let s = styles.get(el);
    if (!s) { s = getComputedStyle(el); styles.set(el, s); }
    return s;
  };
  const opacities = new Map();
  const opacityOf = el => {
    if (!el || el.nodeType !== 1) return 1;
    if (opacities.has(el)) return opacities.get(el);
    const value = parseFloat(cs(el).opacity || '1') * opacityOf(el.parentElement);
    opacities.set(el, value);
    return value;
  };
  const esc = s => (window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/[^\w-]/g, '\\$&'));
  const unique = sel => { try { return document.querySelectorAll(sel).length === 1; } catch (e) { return false; } };

  function ownKey(el) {
    if (el.id && unique('#' + esc(el.id))) return '#' + esc(el.id);
    const classes = Array.from(el.classList || []).slice(0, 3).map(c => '.' + esc(c)).join('');
    if (classes && unique(el.localName + classes)) return el.localName + classes;
    return null;
  }

  // A short unique CSS selector: id, tag.class, or a nth-of-type path up to such an anchor.
  function selectorOf(el) {
    if (!el || el.nodeType !== 1) return '';
    if (el === document.documentElement) return 'html';
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1 && node !== document.documentElement) {
      const key = ownKey(node);
      if (key) { parts.unshift(key); break; }
      let part = node.localName;
      const parent = node.parentElement;
      if (parent) {
        const same = Array.from(parent.children).filter(c => c.localName === node.localName);
        if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(node) + 1) + ')';
      }
      parts.unshift(part);
      node = parent;
      if (node === document.documentElement) parts.unshift('html');
    }
    return parts.join(' > ');
  }

  const snippetOf = el => (el && el.outerHTML ? el.outerHTML.slice(0, 300) : '');
  const clean = s => (s || '').replace(/\s+/g, ' ').trim();
  const sampleOf = el => clean(el && (el.innerText || el.textContent)).slice(0, 120);
  const docBox = r => [Math.round(r.left + scrollX), Math.round(r.top + scrollY),
    Math.round(r.width), Math.round(r.height)];
  const describe = (el, extra) => Object.assign({
    selector: selectorOf(el), snippet: snippetOf(el), box: docBox(el.getBoundingClientRect()),
    text: sampleOf(el),
  }, extra || {});

  const isBlock = el => !/^inline/.test(cs(el).display) && cs(el).display !== 'contents';
  const blockOf = el => { let n = el; while (n && n.parentElement && !isBlock(n)) n = n.parentElement; return n; };

  // Chromium lays out what a closed <details> or `content-visibility: hidden` holds (its boxes
  // are real) without ever showing it: measured, it would sit on top of what follows.
  const rendered = el => typeof el.checkVisibility !== 'function' || el.checkVisibility();

  // Visible, non-blank text nodes with their line boxes (viewport coordinates).
  function textItems() {
    const items = [];
    const root = document.body || document.documentElement;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node, visited = 0, rectCount = 0;
    while ((node = walker.nextNode()) && visited < MAX_TEXT_NODES * 3 && items.length < MAX_TEXT_NODES) {
      visited += 1;
      if (!/\S/.test(node.nodeValue)) continue;
      const el = node.parentElement;
      if (!el || SKIP_TAGS.has(el.localName)) continue;
      const style = cs(el);
      if (style.visibility !== 'visible' || opacityOf(el) < 0.1 || !rendered(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = Array.from(range.getClientRects()).filter(r => r.width > 0.5 && r.height > 0.5);
      if (!rects.length || rectCount > MAX_RECTS) continue;
      rectCount += rects.length;
      items.push({ node, el, rects, chars: node.nodeValue.replace(/\s+/g, '').length });
    }
    return items;
  }

  const clipping = v => v === 'hidden' || v === 'clip';
  const clipChains = new Map();
  // Ancestors (html/body excluded: their overflow belongs to the viewport) that clip content.
  function clipChain(el) {
    if (!el || el === document.body || el === document.documentElement) return [];
    if (clipChains.has(el)) return clipChains.get(el);
    const style = cs(el);
    const own = clipping(style.overflowX) || clipping(style.overflowY) ? [el] : [];
    const chain = own.concat(clipChain(el.parentElement));
    clipChains.set(el, chain);
    return chain;
  }

  // Boxes with overflow hidden/clip whose text is partly outside them (i.e. cut off).
  function clippedText(items) {
    const found = new Map();
    for (const item of items) {
      for (const box of clipChain(item.el)) {
        if (box.clientWidth <= SLACK || box.clientHeight <= SLACK) continue; // visually-hidden text
        const r = box.getBoundingClientRect();
        const left = r.left + box.clientLeft, top = r.top + box.clientTop;
        const right = left + box.clientWidth, bottom = top + box.clientHeight;
        const style = cs(box);
        let hidden = 0, total = 0;
        for (const t of item.rects) {
          total += t.width * t.height;
          const x0 = clipping(style.overflowX) ? Math.max(t.left, left) : t.left;
          const x1 = clipping(style.overflowX) ? Math.min(t.right, right) : t.right;
          const y0 = clipping(style.overflowY) ? Math.max(t.top, top) : t.top;
          const y1 = clipping(style.overflowY) ? Math.min(t.bottom, bottom) : t.bottom;
          // A sliver (a descender, half a glyph's side bearing) hides nothing readable.
          const tolX = Math.max(SLACK, 0.3 * t.height), tolY = Math.max(SLACK, 0.25 * t.height);
          const outX = t.left < left - tolX || t.right > right + tolX;
          const outY = t.top < top - tolY || t.bottom > bottom + tolY;
          if ((outX && clipping(style.overflowX)) || (outY && clipping(style.overflowY))) {
            hidden += t.width * t.height - Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
          }
        }
        if (hidden <= 0 || total <= 0) continue;
        const entry = found.get(box) || { hiddenChars: 0, texts: [] };
        entry.hiddenChars += Math.max(1, Math.round(item.chars * hidden / total));
        if (entry.texts.length < 3) entry.texts.push(clean(item.node.nodeValue).slice(0, 60));
        found.set(box, entry);
      }
    }
    return Array.from(found.entries())
      .sort((a, b) => b[1].hiddenChars - a[1].hiddenChars).slice(0, MAX_ITEMS)
      .map(([box, e]) => describe(box, { hidden_chars: e.hiddenChars, clipped_text: e.texts.join(' … ') }));
  }

  const viewChains = new Map();
  // Ancestors that clip or scroll (overflow other than visible): what lies outside their
  // padding box is not painted there (scrolled away or cut off).
  function viewChain(el) {
    if (!el || el === document.body || el === document.documentElement) return [];
    if (viewChains.has(el)) return viewChains.get(el);
    const style = cs(el);
    const own = style.overflowX !== 'visible' || style.overflowY !== 'visible' ? [el] : [];
    const chain = own.concat(viewChain(el.parentElement));
    viewChains.set(el, chain);
    return chain;
  }

  // The parts of a text item's line boxes that are painted where they are: clipped to every
  // clipping or scrolling ancestor. Text scrolled out of a box is not over the text beside it.
  function paintedRects(item) {
    let rects = item.rects.map(r => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom,
      height: r.height }));
    for (const box of viewChain(item.el)) {
      const b = box.getBoundingClientRect();
      const left = b.left + box.clientLeft, top = b.top + box.clientTop;
      const style = cs(box);
      const cutX = style.overflowX !== 'visible', cutY = style.overflowY !== 'visible';
      rects = rects.map(r => ({
        left: cutX ? Math.max(r.left, left) : r.left,
        right: cutX ? Math.min(r.right, left + box.clientWidth) : r.right,
        top: cutY ? Math.max(r.top, top) : r.top,
        bottom: cutY ? Math.min(r.bottom, top + box.clientHeight) : r.bottom, height: r.height,
      })).filter(r => r.right - r.left > 0.5 && r.bottom - r.top > 0.5);
      if (!rects.length) break;
    }
    return rects;
  }

  const pinnedMemo = new Map();
  // Inside a fixed or sticky box: it covers other text by design, depending on scroll.
  function pinned(el) {
    if (!el || el.nodeType !== 1 || el === document.body) return false;
    if (pinnedMemo.has(el)) return pinnedMemo.get(el);
    const value = /^(fixed|sticky)$/.test(cs(el).position) || pinned(el.parentElement);
    pinnedMemo.set(el, value);
    return value;
  }

  // Pairs of line boxes of different text nodes that lie on top of each other.
  function overlaps(items) {
    items.forEach((item, index) => { item.index = index; });
    const rects = [];
    items.forEach((item, index) => {
      if (!pinned(item.el)) paintedRects(item).forEach(r => rects.push({ r, index }));
    });
    rects.sort((a, b) => a.r.top - b.r.top);
    const pairs = new Map();
    let active = [];
    for (const cur of rects) {
      active = active.filter(a => a.r.bottom > cur.r.top + 0.5);
      for (const other of active) {
        if (other.index === cur.index) continue;
        const iw = Math.min(cur.r.right, other.r.right) - Math.max(cur.r.left, other.r.left);
        const ih = Math.min(cur.r.bottom, other.r.bottom) - Math.max(cur.r.top, other.r.top);
        // Measured against the whole line height: a line half scrolled away still counts.
        if (iw <= SLACK || ih <= 0.35 * Math.min(cur.r.height, other.r.height)) continue;
        const a = items[Math.min(cur.index, other.index)], b = items[Math.max(cur.index, other.index)];
        const key = a.index + ':' + b.index;
        if (!pairs.has(key)) pairs.set(key, [a, b, cur.r.top < other.r.top ? cur.r : other.r]);
        if (pairs.size >= MAX_ITEMS) break;
      }
      if (pairs.size >= MAX_ITEMS) break;
      if (active.length < 400) active.push(cur);
    }
    const out = new Map();
    for (const [a, b] of pairs.values()) {
      // Name the box the text spills out of (often a fixed-height ancestor): the fix goes there.
      const ca = culpritOf(a), cb = culpritOf(b);
      const spilling = ca || !cb ? a : b;
      const other = spilling === a ? b : a;
      const culprit = (spilling === a ? ca : cb) || blockOf(spilling.el);
      const key = selectorOf(culprit) + ' | ' + selectorOf(blockOf(other.el));
      if (!out.has(key)) {
        out.set(key, describe(culprit, {
          other_selector: selectorOf(blockOf(other.el)), other_text: clean(other.node.nodeValue).slice(0, 60),
          clipped_text: clean(spilling.node.nodeValue).slice(0, 60),
        }));
      }
    }
    return Array.from(out.values());
  }

  // The nearest block ancestor (up to 6 levels) whose box the text's line boxes stick out of.
  function culpritOf(item) {
    let n = blockOf(item.el);
    for (let depth = 0; n && n !== document.body && depth < 6; depth++, n = n.parentElement) {
      const b = n.getBoundingClientRect();
      if (item.rects.some(r => r.bottom > b.bottom + SLACK || r.right > b.right + SLACK)) return n;
    }
    return null;
  }

  const CONTROL_SEL = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=link], [tabindex]:not([tabindex="-1"])';

  // Controls that are rendered and not fully cut off by a clipping ancestor or the page edge.
  function visibleControls() {
    const out = [];
    const controls = document.querySelectorAll(CONTROL_SEL);
    for (let i = 0; i < controls.length && i < 600; i++) {
      const el = controls[i];
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1 || cs(el).visibility !== 'visible' || opacityOf(el) < 0.1
          || !rendered(el) || folded(el)) continue;
      out.push({ selector: selectorOf(el), shown: !cutOff(el, r) });
    }
    return out;
  }

  // Inside a clipping box collapsed to nothing (a menu folded behind its toggle with
  // max-height: 0): hidden by design like display: none, not pushed out of reach.
  const folded = el => clipChain(el.parentElement).some(
    box => box.clientWidth <= SLACK || box.clientHeight <= SLACK);

  function cutOff(el, r) {
    if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0) return true;
    for (const box of clipChain(el.parentElement)) {
      const b = box.getBoundingClientRect();
      const style = cs(box);
      if (clipping(style.overflowX) && (r.left >= b.right - 1 || r.right <= b.left + 1)) return true;
      if (clipping(style.overflowY) && (r.top >= b.bottom - 1 || r.bottom <= b.top + 1)) return true;
    }
    return false;
  }

  const purposeMemo = new Map();
  // Visually-hidden text (1 px boxes, clip, clip-path) is hidden on purpose for screen readers.
  function hiddenOnPurpose(el) {
    if (!el || el.nodeType !== 1 || el === document.body) return false;
    if (purposeMemo.has(el)) return purposeMemo.get(el);
    const s = cs(el);
    const r = el.getBoundingClientRect();
    const own = (s.clip && s.clip !== 'auto') || /inset\((50|100)%|circle\(0/.test(s.clipPath || '') ||
      ((r.width <= 2 || r.height <= 2) && (clipping(s.overflowX) || clipping(s.overflowY)));
    const value = own || hiddenOnPurpose(el.parentElement);
    purposeMemo.set(el, value);
    return value;
  }

  // Content 1.4.10 lets scroll in two dimensions; tables only when they hold data.
  const EXEMPT_SEL = 'table, pre, code, samp, kbd, math, svg, canvas, video, iframe, object, embed, img, picture, map, [role=application], [role=grid], [role=img], [role=table]';
  // A table used for page layout: said so by its role, or without header cells and holding
  // page structure (headings, paragraphs, lists, forms, nested tables). A td-only table of
  // figures is still data.
  const layoutTable = t => /^(presentation|none)$/.test(t.getAttribute('role') || '') ||
    (!t.querySelector('th, caption, thead, [scope], [headers]') &&
     !!t.querySelector('table, h1, h2, h3, h4, h5, h6, p, ul, ol, form, nav, iframe'));
  function exemptOf(el) {
    let n = el.closest(EXEMPT_SEL);
    while (n && n.localName === 'table' && layoutTable(n)) {
      n = n.parentElement ? n.parentElement.closest(EXEMPT_SEL) : null;
    }
    return n;
  }

  // A control inside `root` that reaches past the right edge (an input has no text node).
  function controlPast(root, limit) {
    const controls = root.querySelectorAll(CONTROL_SEL);
    for (let i = 0; i < controls.length && i < 200; i++) {
      const r = controls[i].getBoundingClientRect();
      if (r.width >= 1 && r.height >= 1 && r.right > limit && cs(controls[i]).visibility === 'visible') return true;
    }
    return false;
  }

  const exemptMemo = new Map();
  // True when an ancestor scrolls or clips horizontally and itself fits in the viewport.
  function containedBy(el, limit) {
    if (!el || el === document.body || el === document.documentElement) return false;
    if (exemptMemo.has(el)) return exemptMemo.get(el);
    const own = cs(el).overflowX !== 'visible' && el.getBoundingClientRect().right <= limit;
    const value = own || containedBy(el.parentElement, limit);
    exemptMemo.set(el, value);
    return value;
  }

  // Elements (and long text) that stick out past the right edge of the viewport.
  function pageOverflow(items) {
    const se = document.scrollingElement || document.documentElement;
    const viewport = se.clientWidth || innerWidth;
    const limit = viewport + SLACK;
    // overflow-x: hidden on the root (or on body, which hands it to the viewport) means the
    // page cannot be scrolled sideways: what sticks out is cut off, not scrolled to.
    const html = document.documentElement, body = document.body;
    const rootStyle = cs(html);
    const viewportStyle = body && rootStyle.overflowX === 'visible' && rootStyle.overflowY === 'visible'
      ? cs(body) : rootStyle;
    const scrolls = se.scrollWidth > limit && !clipping(viewportStyle.overflowX);
    const offenders = new Set();
    const roots = [];
    const all = (document.body || document.documentElement).getElementsByTagName('*');
    const consider = (el, r, container) => {
      if (r.right <= limit || r.right <= 0) return false;
      if (r.left >= viewport - SLACK && !scrolls) return false; // parked off-canvas, hidden by design
      if (cs(el).visibility !== 'visible' || opacityOf(el) < 0.1 || hiddenOnPurpose(el)) return false;
      return !containedBy(container, limit);
    };
    for (let i = 0; i < all.length && i < MAX_ELEMENTS; i++) {
      const el = all[i];
      if (SKIP_TAGS.has(el.localName)) continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 0 || r.height <= 0 || !consider(el, r, el.parentElement)) continue;
      offenders.add(el);
      if (!offenders.has(el.parentElement)) roots.push([el, r.right - viewport]);
    }
    const farText = [];
    for (const item of items || textItems()) {
      const right = Math.max(...item.rects.map(r => r.right));
      const left = Math.min(...item.rects.map(r => r.left));
      // The text's own element may clip or scroll it, so containment starts there.
      if (right <= limit || !consider(item.el, { right, left }, item.el)) continue;
      farText.push(item.el);
      let anc = item.el, covered = false;
      while (anc) { if (offenders.has(anc)) { covered = true; break; } anc = anc.parentElement; }
      if (!covered) { offenders.add(item.el); roots.push([item.el, right - viewport]); }
    }
    roots.sort((a, b) => b[1] - a[1]);
    return {
      viewport_width: viewport, scroll_width: se.scrollWidth, page_scrolls: scrolls,
      offenders: roots.slice(0, MAX_ITEMS).map(([el, over]) => {
        const exempt = exemptOf(el);
        return describe(el, { overflow_px: Math.round(over), exempt: exempt ? exempt.localName : null,
          readable: farText.some(t => el.contains(t)) || controlPast(el, limit) });
      }),
    };
  }

  // Clipped text, overlapping text and visible controls; with `withOverflow`, also what sticks
  // out past the right edge (one text walk serves both).
  // Text a reader can see: not hidden for screen readers only, not parked off the canvas
  // (skip links at left: -9999px), which no zoom or spacing can make unreadable.
  const onCanvas = item => item.rects.some(r => r.right + scrollX > 0 && r.bottom + scrollY > 0);
  function shownText() {
    return textItems().filter(item => !hiddenOnPurpose(item.el) && onCanvas(item));
  }

  function layout(withOverflow) {
    const items = shownText();
    const out = {
      clipped: clippedText(items), overlaps: overlaps(items), controls: visibleControls(),
      text_nodes: items.length, scroll: [scrollX, scrollY],
    };
    if (withOverflow) out.overflow = pageOverflow(items);
    return out;
  }

  // A cheap fingerprint of the DOM, to know whether a cached baseline still describes the page.
  function signature() {
    const body = document.body;
    return [document.getElementsByTagName('*').length, body ? body.textContent.length : 0,
      innerWidth, innerHeight, location.href].join('|');
  }

  // Scroll an element into view and return its box in viewport coordinates (for screenshots).
  function reveal(selector) {
    let el = null;
    try { el = document.querySelector(selector); } catch (e) { return null; }
    if (!el) return null;
    // Scroll the window only: inner scroll containers keep their position (left as found).
    const first = el.getBoundingClientRect();
    const x = first.right > innerWidth ? Math.max(0, first.left + scrollX - 8) : 0;
    window.scrollTo(x,
      Math.max(0, first.top + scrollY - Math.max(8, (innerHeight - first.height) / 2)));
    // The part on screen: evidence must show the box, not point beside the screenshot.
    const r = el.getBoundingClientRect();
    const left = Math.max(0, r.left), top = Math.max(0, r.top);
    const right = Math.min(innerWidth, r.right), bottom = Math.min(innerHeight, r.bottom);
    if (right - left < 1 || bottom - top < 1) return null;
    return [left, top, right - left, bottom - top].map(Math.round);
  }

  function deepActive() {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a;
  }

  // Where keyboard focus is now, numbered by first visit (registry kept on window until done).
  function focusInfo() {
    const reg = window.__ashyqFocus;
    const el = deepActive();
    if (reg && reg.marker && el !== reg.marker) { reg.marker.remove(); reg.marker = null; }
    if (!reg || !el || el === document.body || el === document.documentElement) return { kind: 'none' };
    let index = reg.seen.get(el);
    if (index === undefined) { index = reg.list.length; reg.seen.set(el, index); reg.list.push(el); }
    const r = el.getBoundingClientRect();
    const main = document.querySelector('main, [role=main]');
    const onScreen = r.width >= 1 && r.height >= 1 && r.bottom > 0 && r.right > 0 &&
      r.top < innerHeight && r.left < innerWidth;
    const shown = onScreen && cs(el).visibility === 'visible' && opacityOf(el) >= 0.1 && !cutOff(el, r);
    let skip = false;
    const href = el.getAttribute('href') || '';
    if (main && el.localName === 'a' && href.length > 1 && href[0] === '#') {
      let target = null;
      try { target = document.getElementById(decodeURIComponent(href.slice(1))); } catch (e) {}
      skip = !!target && (target === main || main.contains(target) || target.contains(main));
    }
    return {
      kind: el.localName === 'iframe' ? 'frame' : 'element', index, selector: selectorOf(el),
      snippet: snippetOf(el), page_box: [r.left + scrollX, r.top + scrollY, r.width, r.height], shown,
      in_main: !!(main && main.contains(el)), in_modal: !!el.closest('dialog[open], [aria-modal="true"]'),
      style_key: el.localName + '.' + Array.from(el.classList).sort().join('.') + '|' +
        (el.parentElement ? el.parentElement.localName : ''),
      skip_link: skip, text: sampleOf(el).slice(0, 60), scroll: [scrollX, scrollY],
      region: focusRegion(el, shown), style: shown ? focusStyle(el) : null,
    };
  }

  const SIG_PROPS = ['outline-style', 'outline-width', 'outline-color', 'outline-offset',
    'box-shadow', 'background-color', 'background-image', 'color', 'border-top-color',
    'border-bottom-color', 'border-left-color', 'border-right-color', 'border-top-width',
    'border-bottom-width', 'text-decoration-line', 'text-decoration-color', 'opacity',
    'transform', 'filter'];
  const PSEUDO_PROPS = ['content', 'background-color', 'border-top-color', 'box-shadow',
    'opacity', 'transform', 'outline-style'];

  function styleSig(el) {
    const parts = [];
    for (const target of [el, el.parentElement]) {
      if (!target || target === document.body) continue;
      const s = getComputedStyle(target);
      parts.push(SIG_PROPS.map(p => s.getPropertyValue(p)).join('|'));
      for (const pseudo of ['::before', '::after']) {
        const ps = getComputedStyle(target, pseudo);
        parts.push(PSEUDO_PROPS.map(p => ps.getPropertyValue(p)).join('|'));
      }
    }
    return parts.join('#');
  }

  const rgba = c => {
    const m = /rgba?\(([^)]+)\)/.exec(c || '');
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  // WCAG contrast ratio of two [r, g, b(, a)] colours (the focus walk and use-of-color share it).
  const ratio = (a, b) => {
    const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  function backdropColour(el) {
    for (let n = el.parentElement; n; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c && c[3] >= 0.99) return c;
    }
    return [255, 255, 255, 1];
  }

  // Style signatures of the focusable elements before anything is focused: the "unfocused"
  // side of the comparison, taken without ever blurring (blurring an item of a :focus-within
  // menu would hide it and change the tab order being walked).
  function recordUnfocused(reg) {
    reg.pre = new Map();
    const all = document.querySelectorAll(CONTROL_SEL + ', summary, [contenteditable]');
    for (let i = 0; i < all.length && i < 400; i++) {
      const el = all[i];
      reg.pre.set(el, { sig: styleSig(el), outline: getComputedStyle(el).outlineStyle });
    }
  }

  // How focus changed the element's style. `outline` means a clear outline appeared (the
  // browser ring, or a solid outline that stands out from the background): visible without
  // comparing pixels.
  function focusStyle(el) {
    const reg = window.__ashyqFocus;
    const before = reg && reg.pre && reg.pre.get(el);
    if (!before) return null;
    const s = getComputedStyle(el);
    const style = s.outlineStyle, width = parseFloat(s.outlineWidth) || 0;
    const colour = rgba(s.outlineColor);
    let outline = false;
    if (style !== 'none' && style !== before.outline) {
      if (style === 'auto') outline = true;
      else if (width >= 1 && colour && colour[3] >= 0.5) {
        outline = ratio(colour, backdropColour(el)) >= 1.5;
      }
    }
    return { changed: styleSig(el) !== before.sig, outline };
  }

  // The area where a focus indicator of `el` can appear, in viewport coordinates: the element
  // (or, for a hidden input, its label) plus its parent when the parent is small, plus a margin.
  function focusRegion(el, shown) {
    const MARGIN = 8;
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    let [l, t, r, b] = box(el);
    const own = Math.max(1, (r - l) * (b - t));
    if (!shown && el.labels && el.labels.length) [l, t, r, b] = box(el.labels[0]);
    const p = el.parentElement;
    if (shown && p && p !== document.body) {
      const [pl, pt, pr, pb] = box(p);
      if ((pr - pl) * (pb - pt) <= 6 * own) {
        l = Math.min(l, pl); t = Math.min(t, pt); r = Math.max(r, pr); b = Math.max(b, pb);
      }
    }
    l = Math.max(0, Math.floor(l - MARGIN)); t = Math.max(0, Math.floor(t - MARGIN));
    r = Math.min(innerWidth, Math.ceil(r + MARGIN)); b = Math.min(innerHeight, Math.ceil(b + MARGIN));
    if (r - l < 2 || b - t < 2) return null;
    return [l, t, r - l, b - t];
  }

  function tabbableCount() {
    let n = 0;
    const all = document.querySelectorAll(CONTROL_SEL);
    for (let i = 0; i < all.length && i < 5000; i++) {
      const el = all[i];
      if (el.disabled || el.tabIndex < 0) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && cs(el).visibility === 'visible') n += 1;
    }
    return n;
  }

  return { signature, recordUnfocused, selectorOf, snippetOf, sampleOf, describe, textItems, clippedText, overlaps, layout,
    pageOverflow, visibleControls, reveal, shownText, hiddenOnPurpose, focusInfo, tabbableCount, deepActive, cs, opacityOf, blockOf, clean, CONTROL_SEL,
    rgba, lum, ratio, backdropColour };
})()
