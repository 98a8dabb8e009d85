(() => {
  // Helpers of the focus-visible walk that probe.js does not have. Evaluated with the probe
  // library bound to LV, in the tool's isolated world.
  const { rgba, ratio, backdropColour: backdrop } = LV;  // probe.js's colour helpers

  // The focused element's own outline: the browser ring ('auto'), or a solid outline of at
  // least 2 px whose colour has 3:1 against the backdrop, settles visibility without pixels.
  function ring(el) {
    const s = getComputedStyle(el);
    const width = parseFloat(s.outlineWidth) || 0;
    if (s.outlineStyle === 'none' || width <= 0) return { kind: 'none' };
    if (s.outlineStyle === 'auto') return { kind: 'auto', width };
    const colour = rgba(s.outlineColor);
    if (!colour || colour[3] < 0.99) return { kind: 'translucent', width };
    return { kind: 'solid', width, contrast: Math.round(ratio(colour, backdrop(el)) * 100) / 100 };
  }

  // Focus Not Obscured: every sample point of the focused element (clipped to the viewport)
  // is covered by something fixed or sticky that is neither the element nor its ancestor.
  function obscurer(el) {
    const r = el.getBoundingClientRect();
    const l = Math.max(0, r.left), t = Math.max(0, r.top);
    const rr = Math.min(innerWidth, r.right), b = Math.min(innerHeight, r.bottom);
    if (rr - l < 1 || b - t < 1) return null;
    let cover = null;
    for (const fx of [0.1, 0.5, 0.9]) {
      for (const fy of [0.2, 0.5, 0.8]) {
        const top = document.elementFromPoint(l + (rr - l) * fx, t + (b - t) * fy);
        if (!top || el === top || el.contains(top) || top.contains(el)) return null;
        let fixed = null;
        for (let n = top; n && n !== document.body; n = n.parentElement) {
          const pos = getComputedStyle(n).position;
          if (pos === 'fixed' || pos === 'sticky') { fixed = n; break; }
        }
        if (!fixed) return null;
        cover = cover || fixed;
      }
    }
    return cover ? { selector: LV.selectorOf(cover), snippet: LV.snippetOf(cover) } : null;
  }

  function styleKey(el) {
    return el.localName + '.' + Array.from(el.classList).sort().join('.') + '|' +
      (el.parentElement ? el.parentElement.localName : '');
  }

  // Controls the Tab walk did not reach (it stopped at its cap), one per style not yet judged,
  // in document order: they are focused by script (keyboard modality is kept, so
  // :focus-visible applies as after Tab).
  function unreached(known, limit) {
    const reg = window.__ashyqFocus;
    if (!reg) return [];
    const judged = new Set(known);
    const out = [];
    const all = document.querySelectorAll(LV.CONTROL_SEL);
    for (let i = 0; i < all.length && i < 5000 && out.length < limit; i++) {
      const el = all[i];
      if (reg.seen.has(el) || el.disabled || el.tabIndex < 0) continue;
      const key = styleKey(el);
      if (judged.has(key)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1 || LV.cs(el).visibility !== 'visible' || LV.opacityOf(el) < 0.1) continue;
      judged.add(key);
      reg.extra = reg.extra || [];
      out.push(reg.extra.push(el) - 1);
    }
    return out;
  }

  function focusExtra(i) {
    const reg = window.__ashyqFocus;
    const el = reg && reg.extra && reg.extra[i];
    if (!el || !el.isConnected) return false;
    el.focus();
    return LV.deepActive() === el;
  }

  // A wider area where an indicator drawn on an ancestor (`:focus-within` on a form, a card or
  // a toolbar) shows: the largest of the four nearest ancestors that covers at most 40 % of
  // the viewport, plus a margin; in viewport coordinates, null when it adds nothing.
  function wideRegion(el, region) {
    const MARGIN = 8;
    let best = null;
    let n = el.parentElement;
    for (let depth = 0; n && n !== document.body && depth < 4; depth++, n = n.parentElement) {
      const r = n.getBoundingClientRect();
      if (r.width * r.height > 0.4 * innerWidth * innerHeight) break;
      best = r;
    }
    if (!best) return null;
    const l = Math.max(0, Math.floor(Math.min(best.left - MARGIN, region[0])));
    const t = Math.max(0, Math.floor(Math.min(best.top - MARGIN, region[1])));
    const r = Math.min(innerWidth, Math.ceil(Math.max(best.right + MARGIN, region[0] + region[2])));
    const b = Math.min(innerHeight, Math.ceil(Math.max(best.bottom + MARGIN, region[1] + region[3])));
    if ((r - l) * (b - t) <= region[2] * region[3] * 1.05) return null;
    return [l, t, r - l, b - t];
  }

  return { ring, obscurer, unreached, focusExtra, wideRegion };
})()
