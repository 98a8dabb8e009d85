// Markup facts for the markup checks, read in one pass (tester/checks/markup/facts.py).
// Evaluated through the low-vision probe (LV.signature keys the cache); reads only, writes
// nothing. Every list is capped and the whole walk is time-boxed: a huge or hostile page gives a
// partial answer (`truncated`), never a hang.
(() => {
  const [caps, budgetMs, bareTexts] = arg;
  const started = performance.now();
  const truncated = new Set();
  // Each part has its share of the budget: a slow one cannot starve the others.
  let deadline = 0;
  const section = share => { deadline = performance.now() + share * budgetMs; };
  const overTime = what => {
    if (performance.now() > deadline) { truncated.add(what); return true; }
    return false;
  };
  const clean = s => (s || '').replace(/\s+/g, ' ').trim();
  const clip = (s, n) => clean(s).slice(0, n || 200);
  const first = (sel, cap, what) => {
    const all = document.querySelectorAll(sel);
    if (all.length > cap) truncated.add(what);
    return Array.prototype.slice.call(all, 0, cap);
  };
  const styleOf = el => getComputedStyle(el);
  const hiddenEl = el => {
    if (el.closest('[hidden], [aria-hidden="true"], template')) return true;
    if (typeof el.checkVisibility === 'function') {
      return !el.checkVisibility({ visibilityProperty: true });
    }
    return el.getClientRects().length === 0 || styleOf(el).visibility === 'hidden';
  };
  // LV.selectorOf's shape (id, tag.class, else an nth-of-type path), with sibling positions
  // and uniqueness tests cached: on a page whose one layout cell holds 10,000 links, each
  // element's position is found once per parent, not once per link.
  const esc = s => CSS.escape(s);
  const uniqueCache = new Map();
  const unique = sel => {
    if (!uniqueCache.has(sel)) {
      let one = false;
      try { one = document.querySelectorAll(sel).length === 1; } catch (e) { one = false; }
      uniqueCache.set(sel, one);
    }
    return uniqueCache.get(sel);
  };
  const positions = new Map();
  const positionOf = node => {
    const parent = node.parentElement;
    let map = positions.get(parent);
    if (!map) {
      map = { index: new Map(), counts: new Map() };
      for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
        const n = (map.counts.get(c.localName) || 0) + 1;
        map.counts.set(c.localName, n);
        map.index.set(c, n);
      }
      positions.set(parent, map);
    }
    return [map.index.get(node), map.counts.get(node.localName)];
  };
  const ownKey = el => {
    if (el.id && unique('#' + esc(el.id))) return '#' + esc(el.id);
    const classes = Array.from(el.classList || []).slice(0, 3).map(c => '.' + esc(c)).join('');
    if (classes && unique(el.localName + classes)) return el.localName + classes;
    return null;
  };
  const selectorOf = el => {
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1 && node !== document.documentElement) {
      const key = ownKey(node);
      if (key) { parts.unshift(key); break; }
      let part = node.localName;
      if (node.parentElement) {
        const [index, count] = positionOf(node);
        if (count > 1) part += ':nth-of-type(' + index + ')';
      }
      parts.unshift(part);
      node = node.parentElement;
      if (node === document.documentElement) parts.unshift('html');
    }
    return parts.join(' > ') || 'html';
  };
  const describe = (el, extra) => Object.assign(
    { selector: selectorOf(el), snippet: (el.outerHTML || '').slice(0, 300) }, extra || {});
  const byIds = ids => clean((ids || '').split(/\s+/).filter(Boolean)
    .map(id => document.getElementById(id)).filter(Boolean)
    .map(n => n.textContent).join(' '));

  // Text a link or button speaks from its content: text nodes, image alts, hidden parts left out.
  // At most NAME_NODES nodes per name: a link wrapping a whole card or page stays cheap.
  const NAME_NODES = 300;
  let nameNodes = 0;
  function contentName(root, depth) {
    let out = '';
    for (const node of root.childNodes) {
      if (++nameNodes > NAME_NODES) break;
      if (node.nodeType === 3) { out += node.nodeValue; continue; }
      if (node.nodeType !== 1 || depth > 8) continue;
      const tag = node.localName;
      if (tag === 'script' || tag === 'style' || tag === 'template') continue;
      if (node.getAttribute('aria-hidden') === 'true') continue;
      const st = styleOf(node);
      if (st.display === 'none' || st.visibility === 'hidden') continue;
      const label = node.getAttribute('aria-label');
      if (label && clean(label)) { out += ' ' + label + ' '; continue; }
      if (tag === 'img' || (tag === 'input' && node.type === 'image')) {
        out += ' ' + (node.getAttribute('alt') || '') + ' ';
        continue;
      }
      if (tag === 'svg') {
        const title = node.querySelector('title');
        out += ' ' + (title ? title.textContent : '') + ' ';
        continue;
      }
      out += ' ' + contentName(node, depth + 1) + ' ';
    }
    return out;
  }
  const accName = el => {
    nameNodes = 0;
    const labelled = byIds(el.getAttribute('aria-labelledby'));
    if (labelled) return { name: labelled, how: 'aria-labelledby' };
    const label = clean(el.getAttribute('aria-label'));
    if (label) return { name: label, how: 'aria-label' };
    return { name: clean(contentName(el, 0)), how: 'content' };
  };

  // Links: name, title, description and the text around them in the same paragraph, list
  // item or table cell (or the cell's row), the context WCAG 2.4.4 accepts.
  const CONTEXT = 'p, li, td, th, dd, dt';
  // Only links whose folded name is one of the bare texts (words.py) are described: naming an
  // element (a unique selector) is the costly part on a page with thousands of links.
  const bare = new Set(bareTexts);
  const fold = s => clean(s).toLowerCase().replace(/ё/g, 'е')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const links = [];
  const scopeTexts = new Map();
  let linksSeen = 0;
  section(0.4);
  for (const a of first('a[href], [role="link"]', caps.links, 'links')) {
    if (overTime('links')) break;
    linksSeen += 1;
    const { name, how } = accName(a);
    if (!name || name.length > 60 || !bare.has(fold(name)) || hiddenEl(a)) continue;
    if (links.length >= caps.described) { truncated.add('links'); break; }
    const holder = a.closest(CONTEXT);
    let around = '';
    if (holder) {
      const scope = holder.localName === 'td' || holder.localName === 'th'
        ? (holder.closest('tr') || holder) : holder;
      // One read per container: a layout cell holding the whole page holds thousands of links.
      let text = scopeTexts.get(scope);
      if (text === undefined) {
        text = clean(scope.innerText || scope.textContent || '').slice(0, 2000);
        scopeTexts.set(scope, text);
      }
      around = clean(text.replace(clean(a.innerText || a.textContent || ''), ' '));
    }
    const pager = a.getAttribute('rel') === 'next' || a.getAttribute('rel') === 'prev' ||
      !!a.closest('[class*="pagin"], [class*="pager"], [class*="page-nav"], [class*="pagenav"], ' +
                  'nav[aria-label*="agin"], nav[aria-label*="траниц"], nav[aria-label*="бет"]');
    links.push(describe(a, {
      name: clip(name, 80), how, title: clip(a.getAttribute('title'), 120),
      described: clip(byIds(a.getAttribute('aria-describedby')), 120),
      around: clip(around, 120), container: holder ? holder.localName : '', pager,
    }));
  }

  // Text fields whose only label may be the placeholder.
  const fields = [];
  section(0.1);
  const TEXTUAL = /^(|text|search|email|tel|url|password|number|date)$/;
  for (const el of first('input[placeholder], textarea[placeholder]', caps.fields, 'fields')) {
    if (overTime('fields')) break;
    if (el.localName === 'input' && !TEXTUAL.test((el.getAttribute('type') || '').toLowerCase())) continue;
    if (!clean(el.getAttribute('placeholder')) || hiddenEl(el)) continue;
    if (fields.length >= caps.described) { truncated.add('fields'); break; }
    const labels = Array.from(el.labels || []).map(l => clean(l.innerText || l.textContent)).filter(Boolean);
    // A one-field form (site search) whose submit button has words: the button may label it.
    const form = el.form;
    let button = '';
    if (form && form.querySelectorAll('input:not([type]), input[type="text"], input[type="search"], ' +
                                     'input[type="email"], input[type="tel"], textarea').length === 1) {
      const submit = form.querySelector('button:not([type]), button[type="submit"], input[type="submit"]');
      if (submit) button = clean(submit.localName === 'input' ? submit.value : accName(submit).name);
    }
    fields.push(describe(el, {
      button: clip(button, 60),
      placeholder: clip(el.getAttribute('placeholder'), 120),
      label: clip(labels.join(' '), 120),
      aria_label: clip(el.getAttribute('aria-label'), 120),
      labelledby: clip(byIds(el.getAttribute('aria-labelledby')), 120),
      title: clip(el.getAttribute('title'), 120),
      role: (el.getAttribute('role') || '').toLowerCase(),
    }));
  }

  // Images: alt, title, file name, and whether they are all a link or button has to say.
  const images = [];
  section(0.2);
  for (const img of first('img[alt], img[title], input[type="image"]', caps.images, 'images')) {
    if (overTime('images')) break;
    const src = img.getAttribute('src') || '';
    const alt = img.getAttribute('alt');
    // Candidates only (audit decides): alt="" with a title, or an alt that could be a file name.
    const candidate = alt === '' ? !!clean(img.getAttribute('title'))
      : alt !== null && alt.length <= 160 && (/[._\d-]/.test(alt) || !/\s/.test(alt.trim()));
    if (!candidate || hiddenEl(img)) continue;
    if (images.length >= caps.described) { truncated.add('images'); break; }
    const control = img.closest('a[href], button, [role="button"], [role="link"]');
    let controlName = '';
    if (control) {
      controlName = accName(control).name;
      if (!controlName) controlName = clean(control.getAttribute('title'));
    }
    images.push(describe(img, {
      alt: img.hasAttribute('alt') ? clip(img.getAttribute('alt'), 160) : null,
      alt_raw_empty: img.getAttribute('alt') === '',
      title: clip(img.getAttribute('title'), 160),
      src: src.slice(0, 300), role: (img.getAttribute('role') || '').toLowerCase(),
      aria_label: clip(img.getAttribute('aria-label'), 120),
      in_control: control ? control.localName : '', control_name: clip(controlName, 120),
      control_selector: control ? selectorOf(control) : '',
    }));
  }

  // Fieldsets that group radio buttons or check boxes.
  const fieldsets = [];
  section(0.05);
  for (const fs of first('fieldset', caps.fieldsets, 'fieldsets')) {
    if (overTime('fieldsets')) break;
    const choices = fs.querySelectorAll('input[type="radio"], input[type="checkbox"]').length;
    if (choices < 2 || hiddenEl(fs)) continue;
    const legend = Array.from(fs.children).find(c => c.localName === 'legend');
    fieldsets.push(describe(fs, {
      choices, has_legend: !!legend,
      legend: legend ? clip(legend.textContent, 120) : '',
      aria_label: clip(fs.getAttribute('aria-label'), 120),
      labelledby: clip(byIds(fs.getAttribute('aria-labelledby')), 120),
    }));
  }

  // Tables: their own rows and cells only (a nested table is its own table).
  const BLOCKS = 'p, div, ul, ol, dl, h1, h2, h3, h4, h5, h6, blockquote, nav, section, article, form';
  const tables = [];
  section(0.25);
  for (const t of first('table', caps.tables, 'tables')) {
    if (overTime('tables')) break;
    if (hiddenEl(t)) continue;
    const rows = Array.from(t.rows || []).filter(r => r.closest('table') === t).slice(0, caps.rows);
    const shape = [];
    let cellsSeen = 0;
    for (const row of rows) {
      const cells = [];
      for (const cell of Array.from(row.cells).slice(0, caps.cells)) {
        cellsSeen += 1;
        const text = clean(cell.innerText || cell.textContent || '');
        const media = cell.querySelectorAll('img, svg, video, iframe, object, embed, canvas').length;
        const blocks = cell.querySelectorAll(BLOCKS).length;
        const linksIn = cell.querySelectorAll('a[href]');
        const linkText = clean(Array.from(linksIn).map(l => l.innerText || l.textContent).join(' '));
        cells.push([text.length, media, blocks, linkText.length >= text.length && text.length > 0 ? 1 : 0,
          cell.localName === 'th' ? 1 : 0, cell.colSpan || 1]);
      }
      shape.push(cells);
    }
    const role = (t.getAttribute('role') || '').toLowerCase();
    tables.push(describe(t, {
      role, rows: shape, row_count: (t.rows || []).length, cells_seen: cellsSeen,
      nested: !!t.querySelector('table'),
      controls: t.querySelectorAll('input:not([type="hidden"]), select, textarea, button').length,
      headers: t.querySelectorAll('th, [scope], td[headers], [role="columnheader"], ' +
                                  '[role="rowheader"]').length,
      caption: clip(t.caption ? t.caption.textContent : '', 120),
      width: Math.round(t.getBoundingClientRect().width), viewport: innerWidth,
      snippet: (t.outerHTML || '').slice(0, 200),
    }));
  }

  // Deprecated presentational elements and attributes (HTML namespace only).
  const counts = {};
  for (const tag of caps.deprecated) {
    const n = document.getElementsByTagName(tag).length;
    if (n) counts[tag] = n;
  }
  const attributes = {};
  for (const name of ['align', 'bgcolor']) {
    const n = document.querySelectorAll('[' + name + ']:not(svg *)').length;
    if (n) attributes[name] = n;
  }
  const firstDeprecated = caps.deprecated.map(t => document.getElementsByTagName(t)[0]).find(Boolean);
  return {
    links, links_seen: linksSeen, fields, images, fieldsets, tables,
    deprecated: { counts, attributes, example: firstDeprecated ? describe(firstDeprecated) : null },
    truncated: Array.from(truncated), ms: Math.round(performance.now() - started),
    signature: LV.signature(),
  };
})()
