// use-of-color (WCAG 1.4.1): links in running text and form states told apart by colour alone.
// Evaluated by probe() with the probe library as `LV`; reads styles only, writes nothing.
// arg: { mode: 'scan', maxLinks, maxFields } or { mode: 'cues', selectors: [...] }.
(() => {
  const LETTERS = /[\p{L}\p{N}]/gu;
  const NOT_IN_TEXT = 'nav, [role=navigation], [role=menu], [role=menubar], [role=tablist], ' +
    '[role=toolbar], [role=button], button, menu, [class*=breadcrumb], [class*=pagination], [class*=pager]';
  const REQUIRED_WORDS = /[*✱＊]|обязат|міндетті|қажетті|толтыр|required|mandatory/i;
  const INVALID_CLASS = /(^|[\s_-])(error|errors|invalid|has-error|is-invalid|has-danger|is-danger|danger|ui-state-error)($|[\s_-])/i;
  const REQUIRED_CLASS = /(^|[\s_-])(required|req|mandatory|obligatory)($|[\s_-])/i;
  const FIELD_SEL = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])' +
    ':not([type=image]), select, textarea';

  const { rgba: parse, ratio } = LV;  // probe.js's colour helpers
  const visibleColour = c => { const p = parse(c); return !!p && p[3] > 0.1; };
  // Red, crimson, orange-red: the colours pages use for "required" and "error".
  const reddish = c => {
    const p = parse(c);
    if (!p || p[3] < 0.3) return false;
    const [r, g, b] = p;
    const max = Math.max(r, g, b), min = Math.min(r, g, b);
    if (max !== r || max - min < 60) return false;
    const hue = (60 * (g - b) / (max - min) + 360) % 360;
    return hue <= 25 || hue >= 330;
  };
  const hex = c => {
    const p = parse(c);
    return p ? '#' + p.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('') : c;
  };
  const letters = s => ((s || '').match(LETTERS) || []).length;
  const shown = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && LV.cs(el).visibility === 'visible' && LV.opacityOf(el) >= 0.1;
  };
  const pseudo = (el, which) => {
    const s = getComputedStyle(el, which);
    const content = s.content;
    if (!content || content === 'none' || content === 'normal') return null;
    return { text: content.replace(/^["']|["']$/g, ''), image: s.backgroundImage !== 'none' };
  };

  // ---------------------------------------------------------------- links in running text
  const blockTexts = new Map();
  // Text nodes of a block that are not inside a link, a button or a control: the running text.
  function runningText(block) {
    if (blockTexts.has(block)) return blockTexts.get(block);
    const nodes = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode()) && seen++ < 400) {
      const el = node.parentElement;
      if (!el || !letters(node.nodeValue) || el.closest('a, button, [role=button], script, style')) continue;
      if (!shown(el)) continue;
      nodes.push(node);
    }
    blockTexts.set(block, nodes);
    return nodes;
  }

  // The non-link text closest before the link (else after it) in the same block.
  function referenceOf(link, block) {
    const nodes = runningText(block);
    let before = null, after = null;
    for (const n of nodes) {
      if (link.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING) before = n;
      else if (!after) after = n;
    }
    return before || after;
  }

  const nodeRects = new Map();
  const rectsOf = node => {
    let rects = nodeRects.get(node);
    if (!rects) {
      const range = document.createRange();
      range.selectNodeContents(node);
      rects = Array.from(range.getClientRects()).filter(r => r.width > 1 && r.height > 1);
      nodeRects.set(node, rects);
    }
    return rects;
  };
  // Running text on one of the link's lines: a title link on a line of its own above its
  // summary is set apart by where it stands, not by colour.
  function sharesLine(link, nodes) {
    const own = Array.from(link.getClientRects()).filter(r => r.width > 1 && r.height > 1);
    for (const node of nodes) {
      for (const r of rectsOf(node)) {
        for (const l of own) {
          const overlap = Math.min(r.bottom, l.bottom) - Math.max(r.top, l.top);
          if (overlap >= 0.5 * Math.min(r.height, l.height)) return true;
        }
      }
    }
    return false;
  }

  function chainBetween(el, stopAt) {
    const chain = [];
    for (let n = el; n && n !== stopAt && !n.contains(stopAt); n = n.parentElement) chain.push(n);
    return chain;
  }

  // Non-colour cues that set the link apart from its reference text (style as now rendered).
  function cuesOf(link, refEl) {
    const cues = new Set();
    const wrappers = chainBetween(link, refEl);
    const inner = Array.from(link.querySelectorAll('*')).slice(0, 12);
    for (const el of wrappers.concat(inner)) {
      const s = LV.cs(el);
      if (s.textDecorationLine && s.textDecorationLine !== 'none' && visibleColour(s.textDecorationColor)) cues.add('underline');
      for (const side of ['Bottom', 'Top', 'Left', 'Right']) {
        const w = parseFloat(s['border' + side + 'Width']) || 0;
        const style = s['border' + side + 'Style'];
        if (w >= 1 && style !== 'none' && style !== 'hidden' && visibleColour(s['border' + side + 'Color'])) cues.add('border');
      }
      if (s.boxShadow && s.boxShadow !== 'none') cues.add('shadow');
      if (s.backgroundImage && s.backgroundImage !== 'none') cues.add('background');
      if (visibleColour(s.backgroundColor)) cues.add('background');
      if (el.matches('img, svg, picture, i, [class*=icon], [class*=ico-]')) cues.add('icon');
    }
    for (const el of [link].concat(inner)) {
      if (pseudo(el, '::before') || pseudo(el, '::after')) cues.add('icon');
    }
    const a = LV.cs(inner.find(e => letters(e.textContent)) || link), b = LV.cs(refEl);
    const holders = [link].concat(inner.filter(e => letters(e.textContent)));
    for (const el of holders) {
      const s = LV.cs(el);
      if ((parseInt(s.fontWeight) >= 600) !== (parseInt(b.fontWeight) >= 600) ||
          Math.abs(parseInt(s.fontWeight) - parseInt(b.fontWeight)) >= 300) cues.add('weight');
      if ((s.fontStyle === 'normal') !== (b.fontStyle === 'normal')) cues.add('style');
    }
    const sa = parseFloat(a.fontSize) || 1, sb = parseFloat(b.fontSize) || 1;
    if (Math.max(sa, sb) / Math.min(sa, sb) >= 1.15) cues.add('size');
    const family = s => (s.fontFamily || '').split(',')[0].replace(/["']/g, '').trim().toLowerCase();
    if (family(a) !== family(b)) cues.add('family');
    if (a.textTransform !== b.textTransform || a.fontVariantCaps !== b.fontVariantCaps) cues.add('case');
    return Array.from(cues).sort();
  }

  // A link is in running text when its block has real words outside links around it.
  function textLink(link) {
    if (!shown(link) || link.closest(NOT_IN_TEXT)) return null;
    if (!/^inline$/.test(LV.cs(link).display)) return null;
    const text = LV.clean(link.innerText || link.textContent);
    if (letters(text) < 2) return null;
    const block = LV.blockOf(link.parentElement || link);
    if (!block || block === document.body || block === document.documentElement) return null;
    const nodes = runningText(block);
    const around = nodes.reduce((n, t) => n + letters(t.nodeValue), 0);
    if (around < 15) return null;
    if (!sharesLine(link, nodes)) return null;
    const ref = referenceOf(link, block);
    if (!ref) return null;
    return { text, block, refEl: ref.parentElement };
  }

  function linkInfo(link, found) {
    const { text, refEl } = found;
    const lc = LV.cs(link).color, rc = LV.cs(refEl).color;
    const pl = parse(lc), pr = parse(rc);
    if (!pl || !pr) return null;
    return LV.describe(link, {
      text: text.slice(0, 80),
      link_colour: hex(lc), text_colour: hex(rc),
      ratio: Math.round(ratio(pl, pr) * 100) / 100,
      cues: cuesOf(link, refEl),
      style_key: [hex(lc), hex(rc), link.className || '', found.block.localName].join('|'),
    });
  }

  function scanLinks(maxLinks) {
    const out = [];
    const all = document.querySelectorAll('a[href]');
    let inText = 0;
    for (let i = 0; i < all.length && i < maxLinks; i++) {
      const found = textLink(all[i]);
      if (!found) continue;
      inText += 1;
      const info = linkInfo(all[i], found);
      if (info && !info.cues.length) out.push(info);
    }
    return { links: all.length, in_text: inText, bare: out.slice(0, 200) };
  }

  // ------------------------------------------------------------------------ form fields
  // The smallest ancestor holding this one field only: its label, hints and messages.
  function fieldBox(field) {
    let box = field.parentElement;
    while (box && box.parentElement && box.parentElement !== document.body &&
           box.parentElement.querySelectorAll(FIELD_SEL).length === 1 &&
           letters(box.parentElement.textContent) < 400) box = box.parentElement;
    return box;
  }

  function labelOf(field, box) {
    const own = Array.from(field.labels || []).find(shown);
    if (own) return own;
    const ids = (field.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    for (const id of ids) { const el = document.getElementById(id); if (el && shown(el)) return el; }
    if (!box) return null;
    const candidates = box.querySelectorAll('label, legend, span, div, td, th, p, b, strong');
    for (const el of candidates) {
      if (el.contains(field) || !shown(el) || !letters(el.textContent)) continue;
      if (el.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING) return el;
    }
    return null;
  }

  // The element that draws the label's words (a <font color> or <span> inside a cell, say).
  function textHolder(label) {
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode()) && seen++ < 50) {
      if (letters(node.nodeValue) >= 2 && node.parentElement) return node.parentElement;
    }
    return label;
  }

  // Text shown around the field: its box's text with pseudo-element content and the placeholder.
  function shownText(root, skip) {
    let text = '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode()) && seen++ < 300) {
      const el = node.parentElement;
      if (!el || (skip && skip.contains(node)) || el.closest('script, style, option') || !shown(el)) continue;
      text += ' ' + node.nodeValue;
    }
    const els = [root].concat(Array.from(root.querySelectorAll('*')).slice(0, 60));
    for (const el of els) {
      if (skip && skip.contains(el)) continue;
      for (const p of ['::before', '::after']) { const c = pseudo(el, p); if (c) text += ' ' + c.text; }
    }
    return LV.clean(text);
  }

  function redCue(field, label) {
    const s = LV.cs(field);
    for (const side of ['Bottom', 'Top', 'Left', 'Right']) {
      if ((parseFloat(s['border' + side + 'Width']) || 0) >= 1 && reddish(s['border' + side + 'Color'])) return 'border';
    }
    if (reddish(s.backgroundColor)) return 'background';
    if (/rgba?\(/.test(s.boxShadow || '') && reddish((s.boxShadow.match(/rgba?\([^)]+\)/) || [''])[0])) return 'shadow';
    if (label && reddish(LV.cs(textHolder(label)).color)) return 'label';
    return null;
  }

  function iconNear(box, label) {
    for (const el of Array.from(box.querySelectorAll('img, svg, [class*=icon], i')).slice(0, 20)) {
      if (shown(el)) return true;
    }
    for (const el of [box].concat(Array.from(box.querySelectorAll('*')).slice(0, 60))) {
      if (label && label.contains(el)) continue;
      if (el.matches(FIELD_SEL)) {
        if (LV.cs(el).backgroundImage !== 'none') return true;
        continue;
      }
      for (const p of ['::before', '::after']) {
        const c = pseudo(el, p);
        if (c && (c.image || letters(c.text) || /[!✕✖×⚠]/.test(c.text))) return true;
      }
    }
    return false;
  }

  function describedText(field) {
    const ids = ((field.getAttribute('aria-describedby') || '') + ' ' +
      (field.getAttribute('aria-errormessage') || '')).split(/\s+/).filter(Boolean);
    let text = '';
    for (const id of ids) {
      const el = document.getElementById(id);
      if (el && shown(el)) text += ' ' + LV.clean(el.innerText);
    }
    return text.trim();
  }

  function scanFields(maxFields) {
    const fields = [];
    const all = document.querySelectorAll(FIELD_SEL);
    for (let i = 0; i < all.length && fields.length < maxFields; i++) {
      const field = all[i];
      if (!shown(field) && !(field.labels && field.labels.length)) continue;
      const box = fieldBox(field);
      const label = labelOf(field, box);
      if (!label) continue;
      const classes = [field, label].concat(box ? chainBetween(field, box.parentElement) : [])
        .map(e => (typeof e.className === 'string' ? e.className : '')).join(' ');
      const ls = LV.cs(textHolder(label));
      const labelText = shownText(label, null);
      const around = box ? shownText(box, label) : '';
      const extra = around.replace(labelText, '');
      const group = field.closest('form, fieldset') || document.body;
      fields.push(LV.describe(field, {
        label: labelText.slice(0, 80),
        label_selector: LV.selectorOf(label),
        label_colour: hex(ls.color), label_reddish: reddish(ls.color),
        label_weight: parseInt(ls.fontWeight) >= 600, label_italic: ls.fontStyle !== 'normal',
        group: LV.selectorOf(group),
        required: field.required || field.getAttribute('aria-required') === 'true' || REQUIRED_CLASS.test(classes),
        required_text: REQUIRED_WORDS.test(labelText + ' ' + around + ' ' + (field.placeholder || '')),
        invalid: field.getAttribute('aria-invalid') === 'true' || INVALID_CLASS.test(classes),
        aria_invalid: field.getAttribute('aria-invalid') === 'true',
        red_cue: redCue(field, label),
        message: letters(describedText(field) + ' ' + extra.replace(/[*✱＊]/g, '')) >= 3,
        icon: box ? iconNear(box, label) : false,
      }));
    }
    const legend = !fields.length ? null : LV.clean(document.body.innerText).slice(0, 200000).match(
      /[^.!?\n]{0,80}(красн|қызыл|\bin red\b|цветом|түспен)[^.!?\n]{0,80}/i);
    return { fields, colour_legend: legend ? legend[0].slice(0, 160) : '' };
  }

  // ----------------------------------------------------------------------- entry point
  if (arg.mode === 'cues') {
    return arg.selectors.map(sel => {
      let link = null;
      try { link = document.querySelector(sel); } catch (e) { return null; }
      const found = link && textLink(link);
      return found ? cuesOf(link, found.refEl) : null;
    });
  }
  return Object.assign(scanLinks(arg.maxLinks), scanFields(arg.maxFields));
})()
