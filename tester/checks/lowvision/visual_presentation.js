// Visual presentation (WCAG 1.4.8): measures blocks of running text. Reads layout only.
// Called as (this function)(arg) inside the probe, with the probe library bound to LV.
// arg: { mode: 'base' | 'zoom', maxTextNodes, maxBlocks, budgetMs, limits } (see visual_presentation.py)
(arg) => {
  const started = performance.now();
  const L = arg.limits;
  // Not running text: navigation, controls, headings, code, hidden-from-everyone content.
  const EXCLUDE = 'nav, [role=navigation], [role=menu], [role=menubar], [role=tablist], ' +
    '[role=toolbar], button, [role=button], select, textarea, label, legend, h1, h2, h3, h4, ' +
    'h5, h6, [role=heading], pre, code, samp, kbd, math, svg, [aria-hidden=true]';
  const LETTER = /\p{L}/gu;
  const WORD = /\p{L}{2,}/gu;
  const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
  const count = (text, re) => (text.match(re) || []).length;
  const median = values => {
    if (!values.length) return 0;
    const sorted = values.slice().sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const round = (v, d) => Math.round(v * Math.pow(10, d)) / Math.pow(10, d);

  // Pass 1, cheap: text nodes grouped by the block that lays them out, in document order.
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'title', 'option', 'head']);
  const groups = new Map();
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  let node, visited = 0;
  while ((node = walker.nextNode()) && visited < arg.maxTextNodes) {
    visited += 1;
    if (!/\S/.test(node.nodeValue)) continue;
    const el = node.parentElement;
    if (!el || SKIP.has(el.localName)) continue;
    const block = LV.blockOf(el);
    if (!block || block === document.documentElement) continue;
    let g = groups.get(block);
    if (!g) { g = { chars: 0, nodes: [] }; groups.set(block, g); }
    g.chars += node.nodeValue.replace(/\s+/g, ' ').length;
    g.nodes.push(node);
  }

  // Pass 2, for long blocks only: the visible text and its line boxes (viewport coordinates).
  const shown = new Map();
  const visible = el => {
    if (!shown.has(el)) {
      shown.set(el, LV.cs(el).visibility === 'visible' && LV.opacityOf(el) >= 0.1 &&
        (typeof el.checkVisibility !== 'function' || el.checkVisibility()));
    }
    return shown.get(el);
  };
  // A block of thousands of text nodes is measured on its first ones (its lines look alike).
  const NODES_PER_BLOCK = 400;
  function measureText(g) {
    const m = { text: '', linkChars: 0, rects: [], styles: new Map() };
    for (const n of g.nodes.slice(0, NODES_PER_BLOCK)) {
      const el = n.parentElement;
      if (!visible(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = Array.from(range.getClientRects()).filter(r => r.width > 0.5 && r.height > 0.5);
      if (!rects.length) continue;
      const text = n.nodeValue.replace(/\s+/g, ' ');
      m.text += text;
      if (el.closest('a[href]')) m.linkChars += text.trim().length;
      m.styles.set(el, (m.styles.get(el) || 0) + text.length);
      for (const r of rects) m.rects.push(r);
    }
    return m;
  }

  // Line boxes of a block: text rects that share most of their height and sit side by side
  // are one line (rects a column gap apart, as in `column-count` layouts, are two lines).
  function linesOf(rects) {
    const sorted = rects.slice().sort((a, b) => a.top - b.top || a.left - b.left);
    const lines = [];
    for (const r of sorted) {
      let line = null;
      for (let i = lines.length - 1; i >= 0 && i >= lines.length - 8; i--) {
        const c = lines[i];
        const shared = Math.min(c.bottom, r.bottom) - Math.max(c.top, r.top);
        const near = r.left <= c.right + r.height && r.right >= c.left - r.height;
        if (shared > 0.5 * Math.min(c.bottom - c.top, r.height) && near) { line = c; break; }
      }
      if (line) {
        line.left = Math.min(line.left, r.left); line.right = Math.max(line.right, r.right);
        line.top = Math.min(line.top, r.top); line.bottom = Math.max(line.bottom, r.bottom);
        line.width += r.width;
      } else {
        lines.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width });
      }
    }
    return lines;
  }

  // The width a line can use without sideways scrolling: the viewport, or a narrower
  // ancestor that scrolls. A narrower ancestor that clips (overflow: hidden) cuts the text
  // off instead: resize-text reports that as clipped text (1.4.4), so it is noted, not flagged.
  function room(block) {
    const se = document.scrollingElement || document.documentElement;
    let scroll = se.clientWidth || innerWidth, clip = Infinity;
    for (let n = block; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
      const o = LV.cs(n).overflowX;
      if (o === 'visible' || n.clientWidth <= 0) continue;
      if (o === 'hidden' || o === 'clip') clip = Math.min(clip, n.clientWidth);
      else scroll = Math.min(scroll, n.clientWidth);
    }
    return { scroll, clip };
  }

  // Line spacing as read: the line box is at least the block's strut and the inline boxes of
  // its text, so an inline span's own line-height counts (the one holding most characters).
  const pxHeight = (style, size) =>
    style.lineHeight === 'normal' ? null : (parseFloat(style.lineHeight) || size * L.normalRatio);
  function spacing(block, styles) {
    let main = block, most = -1;
    for (const [el, chars] of styles) if (chars > most) { most = chars; main = el; }
    const own = LV.cs(block), text = LV.cs(main);
    const size = parseFloat(text.fontSize) || parseFloat(own.fontSize) || 0;
    const strut = pxHeight(own, parseFloat(own.fontSize) || 0);
    const inline = pxHeight(text, size);
    if (strut === null && inline === null) return { size, height: null };
    const normal = size * L.normalRatio;
    return { size, height: Math.max(strut === null ? normal : strut, inline === null ? normal : inline) };
  }

  // Clipped away by an ancestor (a slide parked outside its carousel) or off the page's edge.
  function outOfSight(block, box) {
    const se = document.scrollingElement || document.documentElement;
    if (box.right + scrollX <= 0 || box.bottom + scrollY <= 0 || box.left + scrollX >= se.scrollWidth) return true;
    let depth = 0;
    for (let n = block.parentElement; n && n !== document.body && depth < 30; n = n.parentElement, depth++) {
      const st = LV.cs(n);
      if (st.overflowX === 'visible' && st.overflowY === 'visible') continue;
      const r = n.getBoundingClientRect();
      if (box.right <= r.left || box.left >= r.right || box.bottom <= r.top || box.top >= r.bottom) return true;
    }
    return false;
  }

  // Overlays (cookie banners, chat widgets) sit in fixed boxes: not the page's running text.
  const fixedMemo = new Map();
  function overlay(el) {
    if (!el || el === document.body || el === document.documentElement) return false;
    if (fixedMemo.has(el)) return fixedMemo.get(el);
    const value = LV.cs(el).position === 'fixed' || overlay(el.parentElement);
    fixedMemo.set(el, value);
    return value;
  }
  const FINE_PRINT = 'footer, [role=contentinfo]';

  const out = [];
  let running = 0, examined = 0, truncated = false;
  const pageCpl = [];
  let widest = 0;
  const measuring = performance.now();
  for (const [block, pending] of groups) {
    if (pending.chars < L.minChars || block.closest(EXCLUDE) || overlay(block)) continue;
    // Footer fine print (an address, a copyright line), as small-text decides for its size.
    if (pending.chars <= L.finePrintChars && block.closest(FINE_PRINT)) continue;
    if (examined >= arg.maxBlocks || performance.now() - measuring > arg.budgetMs) {
      truncated = true;
      break;
    }
    examined += 1;
    const box = block.getBoundingClientRect();
    // Visually hidden (1 px clip boxes) or parked off-screen: nobody reads it there.
    if (box.width < 20 || box.height < 8 || outOfSight(block, box)) continue;
    const g = measureText(pending);
    const text = g.text.trim();
    if (text.length < L.minChars) continue;
    const letters = count(text, LETTER);
    const nonSpace = text.replace(/\s+/g, '').length;
    const cjk = letters > 0 && count(text, CJK) / letters > 0.5;
    const words = cjk ? Math.round(letters / 2) : count(text, WORD);
    const lines = linesOf(g.rects);
    if (lines.length < L.minLines || words < L.minWords || letters < L.minLetterShare * nonSpace ||
        g.linkChars > L.maxLinkShare * text.length) continue;
    running += 1;
    const widestLine = Math.max(...lines.map(line => line.right - line.left));
    widest = Math.max(widest, widestLine);
    const inkWidth = lines.reduce((sum, line) => sum + line.width, 0);
    const glyph = inkWidth / Math.max(1, g.text.replace(/\s+/g, ' ').trim().length);
    const full = lines.slice(0, -1).map(line => (line.right - line.left) / Math.max(0.1, glyph));
    const lh = spacing(block, g.styles);
    // Lines the browser wrapped (they reach across the block) tell a paragraph from a stack of
    // short lines broken by <br> (an address, a list of phones): justify does not stretch those.
    const st = LV.cs(block);
    const inner = (block.clientWidth || box.width) - (parseFloat(st.paddingLeft) || 0) -
      (parseFloat(st.paddingRight) || 0);
    const wrapped = lines.slice(0, -1).filter(line => line.right - line.left >= 0.8 * inner).length;
    const m = {
      chars: text.length, words, lines: lines.length, wrapped, cjk,
      align: st.textAlign, font_px: round(lh.size, 1),
      line_height_px: lh.height === null ? null : round(lh.height, 1),
      cpl_median: Math.round(median(full)), cpl_max: Math.round(Math.max(0, ...full)),
    };
    pageCpl.push(m.cpl_median);
    if (arg.mode === 'zoom') {
      const { scroll, clip } = room(block);
      m.visible_width = Math.round(Math.min(scroll, clip));
      m.overflow_px = Math.round(widestLine - scroll);
      m.clipped = widestLine > clip + 2;
    }
    const ratio = m.line_height_px === null ? L.normalRatio : m.line_height_px / Math.max(1, lh.size);
    const flagged = (arg.mode === 'zoom') ? m.overflow_px > L.overflowPx && !m.clipped :
      (wrapped > 0 && (/^justify/.test(m.align) || ratio < L.lineHeight - L.lineHeightSlack)) ||
      m.cpl_median > (cjk ? L.cjkChars : L.chars);
    if (flagged && out.length < L.maxReported) out.push(LV.describe(block, m));
  }
  return { running, examined, truncated, blocks: out, page_cpl_median: Math.round(median(pageCpl)),
    widest_line: Math.round(widest), text_nodes: visited, ms: Math.round(performance.now() - started) };
}
