// Candidate images of text for images-of-text (WCAG 1.4.5), ranked so the likely ones are read
// first within the OCR budget. Reads layout only. `arg` = [maxImages, maxElements].
// An image is a candidate by size (large), shape (a wide short strip, a button-sized box) and
// context (inside a heading, link, button, nav or menu list; <input type=image>; a CSS
// background of a link, button or heading, above all one whose own text is hidden).
(() => {
  const [maxImages, maxElements] = arg;
  const MIN_W = 40, MIN_H = 12; // smaller boxes hold no readable text (icons, bullets)
  const isHome = a => {
    try {
      const u = new URL(a.href, location.href);
      return u.origin === location.origin && !u.search &&
        /^\/((index|default|main|home)(\.\w+)?|kk|kz|ru|en|qq)?\/?$/i.test(u.pathname);
    } catch (e) { return false; }
  };
  const MENU = /(^|[\s_-])(nav|navbar|menu|main-menu|topmenu|mainmenu|sidebar-menu)([\s_-]|$)/i;
  const inNav = el => {
    if (el.closest('nav, [role=navigation], [role=menu], [role=menubar], [role=menuitem]')) return true;
    for (let n = el.parentElement, depth = 0; n && depth < 6; n = n.parentElement, depth++) {
      if ((n.localName === 'ul' || n.localName === 'ol' || n.localName === 'div') &&
          MENU.test((typeof n.className === 'string' ? n.className : '') + ' ' + (n.id || ''))) return true;
    }
    return false;
  };
  // Its own text is hidden on purpose: the image replaces it (text-indent:-9999px and kin).
  const textHidden = el => {
    const s = LV.cs(el);
    const indent = parseFloat(s.textIndent) || 0;
    const text = (el.textContent || '').trim();
    if (!text) return false; // an empty box with a background is decoration or a link's icon
    return indent < -500 || parseFloat(s.fontSize) < 2 || s.color === 'transparent' ||
      /rgba\(.*,\s*0\)$/.test(s.color) || (s.overflow === 'hidden' && parseFloat(s.lineHeight) === 0);
  };
  const parseRgb = v => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(v || '');
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  // What a transparent image is seen on: the nearest opaque background colour.
  const backdrop = el => {
    for (let n = el, depth = 0; n && n.nodeType === 1 && depth < 30; n = n.parentElement, depth++) {
      const c = parseRgb(LV.cs(n).backgroundColor);
      if (c && c[3] > 0.5) return c.slice(0, 3).map(Math.round);
    }
    return [255, 255, 255];
  };
  const contextOf = (el, kind) => {
    if (el.closest('h1, h2, h3, h4, h5, h6, [role=heading]')) return 'heading';
    if (kind === 'input') return 'button';
    if (inNav(el)) return 'nav';
    if (el.closest('a[href], button, [role=button], [role=link]')) return 'link';
    return 'none';
  };
  const out = [], groups = [], seen = new Set(); // groups[i]: the list holding out[i]
  let small = 0;
  const consider = (el, src, kind) => {
    if (!src || seen.has(src) || /^(blob|about):/.test(src)) return;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return;
    if (LV.cs(el).visibility !== 'visible' || LV.opacityOf(el) < 0.1) return;
    if (r.width < MIN_W || r.height < MIN_H) { small += 1; return; }
    const w = r.width, h = r.height;
    const context = contextOf(el, kind);
    const hidden = kind === 'css' && textHidden(el);
    const strip = w / h >= 2.5 && h <= 80; // a heading or menu strip, not a wide banner
    const buttonSized = w >= 50 && w <= 360 && h >= 16 && h <= 90;
    const large = w >= 150 && h >= 60;
    if (!large && !((strip || buttonSized) && (context !== 'none' || hidden))) { small += 1; return; }
    seen.add(src);
    // Context speaks for strips and buttons; a large block is a banner or a photo wherever it is.
    let score = (strip || buttonSized ? { heading: 6, button: 6, nav: 5, link: 3, none: 1 }
      : { heading: 4, button: 4, nav: 3, link: 2, none: 2 })[context];
    if (hidden) score += 4;
    if (strip) score += 2; else if (buttonSized) score += 1;
    const link = el.closest('a[href]');
    const cls = typeof el.className === 'string' ? el.className : '';
    const hint = [el.id, cls, src.slice(0, 300), el.getAttribute('alt') || ''].join(' ');
    const logoHint = /logo|brand|emblem|герб|логотип|елтаңба/i.test(hint);
    if (logoHint || (link && isHome(link) && context !== 'nav')) score -= 3;
    groups.push(el.closest('ul, ol, nav, table, [role=menu], [role=menubar]') ||
      Math.round(w) + 'x' + Math.round(h)); // a grid of same-sized thumbnails is one group too
    out.push(LV.describe(el, {
      src, kind, alt: kind === 'css' ? null : el.getAttribute('alt'), role: el.getAttribute('role'),
      aria_hidden: !!el.closest('[aria-hidden="true"]'), in_home_link: !!(link && isHome(link)),
      logo_hint: logoHint, context, text_hidden: hidden, shape: strip ? 'strip' : buttonSized ? 'button' : 'block',
      backdrop: backdrop(el), score,
      area: Math.round(w * h), rendered: [Math.round(w), Math.round(h)],
    }));
  };
  // Lazy loaders keep the real picture in data-src until scrolled to; the src is a placeholder.
  const sourceOf = el => {
    const src = el.currentSrc || el.src;
    const lazy = el.getAttribute('data-src') || el.getAttribute('data-lazy-src') ||
      el.getAttribute('data-original');
    if (lazy && (!src || src.startsWith('data:') || (el.complete && el.naturalWidth <= 2))) {
      try { return new URL(lazy, location.href).href; } catch (e) {}
    }
    return src;
  };
  const pictures = document.querySelectorAll('img, input[type=image]');
  for (let i = 0; i < pictures.length && i < maxElements; i++) {
    consider(pictures[i], sourceOf(pictures[i]), pictures[i].localName);
  }
  const all = document.body ? document.body.getElementsByTagName('*') : [];
  for (let i = 0; i < all.length && i < maxElements; i++) {
    const bg = LV.cs(all[i]).backgroundImage;
    if (!bg || bg === 'none' || bg.indexOf('url(') < 0) continue;
    const m = /url\(["']?([^"')]+)["']?\)/.exec(bg);
    try { if (m) consider(all[i], new URL(m[1], location.href).href, 'css'); } catch (e) {}
  }
  const order = out.map((_, i) => i)
    .sort((i, j) => (out[j].score - out[i].score) || (out[j].area - out[i].area));
  const sorted = order.map(i => out[i]), sortedGroups = order.map(i => groups[i]);
  // A menu of 40 image buttons is one barrier: candidates are taken in rounds of up to 4 per
  // group (list, or same-sized images), so headings and banners elsewhere are still read.
  const perGroup = new Map();
  sorted.forEach((item, i) => {
    const n = perGroup.get(sortedGroups[i]) || 0;
    perGroup.set(sortedGroups[i], n + 1);
    item.round = Math.floor(n / 4);
  });
  sorted.sort((a, b) => a.round - b.round); // stable: score order kept within a round
  const pdfs = [], seenPdf = new Set();
  for (const a of document.querySelectorAll('a[href]')) {
    let u;
    try { u = new URL(a.href, location.href); } catch (e) { continue; }
    if (!/\.pdf$/i.test(u.pathname) || seenPdf.has(u.href)) continue;
    seenPdf.add(u.href);
    let name = u.pathname.split('/').pop();
    try { name = decodeURIComponent(name); } catch (e) {}
    pdfs.push(LV.describe(a, { href: u.href, name }));
    if (pdfs.length >= 20) break;
  }
  const more = Math.max(0, sorted.length - maxImages);
  return { images: sorted.slice(0, maxImages), more_images: more, small, pdfs };
})()
