// Helpers injected into audited pages by tester/navigator/actions.py. Pure DOM reading plus
// data-ashyq-* marks so Python can address elements again; nothing else on the page changes.
(() => {
  if (window.__ashyq) return;
  const clean = s => (s || '').replace(/\s+/g, ' ').trim();
  const hiddenByStyle = el => {
    for (let n = el, depth = 0; n && n.nodeType === 1 && depth < 25; n = n.parentElement, depth++) {
      const st = getComputedStyle(n);
      if (st.display === 'none' || st.visibility === 'hidden' || parseFloat(st.opacity) === 0) return true;
      if (n !== el && st.overflow !== 'visible') {
        const r = n.getBoundingClientRect();
        if (r.height < 2 || r.width < 2) return true;
      }
    }
    return false;
  };
  const visible = el => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    if (r.right < 0 || r.left > window.innerWidth + 5 || r.bottom < -20000) return false;
    return !hiddenByStyle(el);
  };
  const region = el => {
    const l = el.closest('header,nav,main,footer,aside,[role=banner],[role=navigation],[role=main],[role=contentinfo]');
    if (!l) return '';
    const map = {banner: 'header', navigation: 'nav', main: 'main', contentinfo: 'footer'};
    const role = l.getAttribute('role');
    return role && map[role] ? map[role] : l.tagName.toLowerCase();
  };
  const labelledBy = el => clean((el.getAttribute('aria-labelledby') || '').split(/\s+/)
    .map(id => { const t = id && document.getElementById(id); return t ? t.textContent : ''; }).join(' '));
  // A picture's file name says what an unlabelled icon is (flags/kz.png, flag-kz.svg).
  const fileName = url => {
    const m = /([^\/?#()'"]+)\.(png|svg|gif|jpe?g|webp)(?=[?#)'"]|$)/i.exec(url || '');
    return m ? m[1] : '';
  };
  const hints = el => {
    const parts = [el.id, typeof el.className === 'string' ? el.className : '',
      fileName(getComputedStyle(el).backgroundImage)];
    for (const c of el.querySelectorAll('i,span,svg,img,use')) {
      const cls = c.getAttribute('class');
      if (cls) parts.push(cls);
      if (c.tagName === 'IMG') parts.push(fileName(c.getAttribute('src')));
      if (parts.length > 12) break;
    }
    return clean(parts.join(' ')).slice(0, 300);
  };
  const nonNavigating = a => {
    const h = (a.getAttribute('href') || '').trim().toLowerCase();
    return a.tagName !== 'A' || h === '' || h.startsWith('#') || h.startsWith('javascript:');
  };
  // A menu button: says "menu" (Открыть меню, Мәзір) or is an empty control drawn as bars.
  const MENU_WORDS = /(^|[^\p{L}])(меню|мәзір|мазир|menu|навигация|навигациясы)([^\p{L}]|$)/iu;
  const looksLikeBurger = b => {
    if (!nonNavigating(b)) return false;
    const label = clean(b.innerText || '') + ' ' + clean(b.getAttribute('aria-label') || '') +
      ' ' + clean(b.getAttribute('title') || '');
    if (clean(b.innerText || '').length <= 24 && MENU_WORDS.test(label)) return true;
    if (/burger|hamburger|navbar-toggl|menu-toggl|nav-toggl|toggle-menu|mobile-menu/i.test((typeof b.className === 'string' ? b.className : '') + ' ' + (b.id || ''))) return true;
    // Three bars: three or more empty <i>/<span>/<div> and nothing else drawn.
    return !clean(b.innerText || '') && b.querySelectorAll('i,span,div').length >= 3 && !b.querySelector('img,svg');
  };
  let seq = 0;
  const prefix = Math.random().toString(36).slice(2, 7);
  const mark = el => {
    if (!el.dataset.ashyqId) el.dataset.ashyqId = prefix + '-' + (++seq);
    return el.dataset.ashyqId;
  };
  const SELECTOR = 'a[href],button,[role=button],[role=link],[role=menuitem],[role=tab],[onclick],' +
    'input[type=submit],input[type=button],input[type=image],summary,select';

  const describe = el => {
    const tag = el.tagName.toLowerCase();
    const kind = tag === 'select' ? 'select' : (tag === 'a' ? 'link' : 'button');
    const imgAlt = clean(Array.from(el.querySelectorAll('img[alt]')).map(i => i.alt).join(' '));
    const text = tag === 'input' ? clean(el.value || el.alt) : clean(el.innerText || el.textContent);
    const d = {
      id: mark(el), tag, kind, href: tag === 'a' ? (el.getAttribute('href') || '') : '',
      abs: tag === 'a' ? (el.href || '') : '', text: text.slice(0, 200),
      aria: clean(el.getAttribute('aria-label') || labelledBy(el)).slice(0, 200),
      title: clean(el.getAttribute('title')).slice(0, 200), alt: imgAlt.slice(0, 200),
      hints: hints(el), visible: visible(el), region: region(el),
      target: el.getAttribute('target') || '', download: el.hasAttribute('download'),
      hreflang: (el.getAttribute('hreflang') || el.getAttribute('lang') || '').toLowerCase(),
      expanded: el.getAttribute('aria-expanded') || '', options: [],
      // A '#' / javascript: link heading a list of real links: it opens a menu, leads nowhere.
      // (a submenu: a sibling list or panel of real links, not sibling links in a row).
      opens: tag === 'a' && nonNavigating(el) && !!el.parentElement &&
        Array.from(el.parentElement.children).some(sib => sib !== el &&
          Array.from(sib.querySelectorAll('a[href]')).some(x => !nonNavigating(x))),
    };
    if (tag === 'select') {
      d.options = Array.from(el.options).slice(0, 50).map(o => ({value: o.value, text: clean(o.text)}));
      const own = clean(el.innerText);
      const outer = el.labels && el.labels[0] ? clean(el.labels[0].innerText).replace(own, '') : '';
      d.text = clean(el.getAttribute('aria-label') || outer || el.getAttribute('title') || el.name);
    }
    return d;
  };

  window.__ashyq = {
    collect(limit) {
      const out = [];
      for (const el of document.querySelectorAll(SELECTOR)) {
        if (out.length >= limit) break;
        if (el.closest('[data-ashyq-skip]')) continue;
        out.push(describe(el));
      }
      return out;
    },
    byId(id) { return document.querySelector(`[data-ashyq-id="${id}"]`); },
    isVisible(id) { const el = this.byId(id); return !!el && visible(el); },
    // The nearest visible ancestor (to hover) and a toggle inside it (to click), marked for Python.
    menuPath(id) {
      const el = this.byId(id);
      if (!el) return null;
      let host = el.parentElement;
      while (host && host !== document.body && !visible(host)) host = host.parentElement;
      if (!host) return null;
      // Hover the list item / menu item that contains the hidden submenu.
      let hoverEl = el.parentElement;
      while (hoverEl && hoverEl !== host && !(visible(hoverEl) && hoverEl.contains(el))) hoverEl = hoverEl.parentElement;
      hoverEl = hoverEl || host;
      const result = {hover: mark(hoverEl), toggle: null, toggleLabel: ''};
      const toggles = Array.from(hoverEl.querySelectorAll('button,a,[role=button],[aria-expanded],summary'))
        .filter(t => t !== el && !t.contains(el) && visible(t));
      // Never a link to another page when a real toggle (or a menu button) is at hand.
      const t = toggles.find(x => x.hasAttribute('aria-expanded') || x.tagName === 'BUTTON' || x.tagName === 'SUMMARY') ||
        toggles.find(looksLikeBurger) || toggles.find(nonNavigating) || toggles[0];
      if (t) { result.toggle = mark(t); result.toggleLabel = clean(t.innerText || t.getAttribute('aria-label') || t.title).slice(0, 80); }
      return result;
    },
    // Burger / menu buttons: collapsed toggles a person would try when a menu item is hidden.
    burgers() {
      return Array.from(document.querySelectorAll('button,[role=button],a[href],[aria-expanded],[onclick]'))
        .filter(b => visible(b) && (b.getAttribute('aria-expanded') === 'false' ||
          looksLikeBurger(b)))
        .slice(0, 8).map(describe);
    },
    // Cookie / consent overlays: buttons inside fixed, sticky or dialog containers.
    overlayButtons() {
      const out = [];
      for (const b of document.querySelectorAll('button,a,[role=button],input[type=button],input[type=submit]')) {
        if (!visible(b)) continue;
        let n = b, inOverlay = false;
        for (let depth = 0; n && n !== document.body && depth < 12; n = n.parentElement, depth++) {
          const st = getComputedStyle(n);
          const cls = ((typeof n.className === 'string' ? n.className : '') + ' ' + n.id).toLowerCase();
          if (st.position === 'fixed' || st.position === 'sticky' || n.getAttribute('role') === 'dialog' ||
              n.getAttribute('aria-modal') === 'true' || /cookie|consent|gdpr|overlay|modal|popup/.test(cls)) { inOverlay = true; break; }
        }
        if (inOverlay) out.push(describe(b));
        if (out.length > 30) break;
      }
      return out;
    },
    // Text size and colours of the main text, for the low-vision mode check.
    measure() {
      const scope = document.querySelector('main,[role=main],article') || document.body;
      let els = Array.from(scope.querySelectorAll('p,li,td,dd,a,span,div'))
        .filter(e => e.childElementCount < 4 && clean(e.innerText).length > 20 && visible(e)).slice(0, 150);
      if (!els.length) els = [scope];
      const sizes = els.map(e => parseFloat(getComputedStyle(e).fontSize)).sort((a, b) => a - b);
      const sample = els[0];
      let background = 'rgb(255, 255, 255)';
      for (let n = sample; n; n = n.parentElement) {
        const b = getComputedStyle(n).backgroundColor;
        if (b && b !== 'transparent' && !/^rgba\([^)]*,\s*0\)$/.test(b)) { background = b; break; }
      }
      // What a low-vision mode may also change: images hidden, a page filter (greyscale),
      // spacing, line height and font of the main text.
      const shown = el => {
        const r = el.getBoundingClientRect(), st = getComputedStyle(el);
        return r.width > 2 && r.height > 2 && st.visibility !== 'hidden' && st.display !== 'none' &&
          parseFloat(st.opacity || '1') > 0.05;
      };
      const st = getComputedStyle(sample);
      const font = parseFloat(st.fontSize) || 16;
      const line = st.lineHeight === 'normal' ? 1.2 * font : parseFloat(st.lineHeight) || 1.2 * font;
      // Capped: this runs every poll while a mode settles, on pages of any size.
      const images = Array.from(document.images).slice(0, 120);
      let imagesShown = 0;
      for (const i of images) {
        let on = shown(i), depth = 0;
        for (let n = i.parentElement; on && n && depth < 12; n = n.parentElement, depth++)
          if (parseFloat(getComputedStyle(n).opacity || '1') <= 0.05) on = false;
        if (on) imagesShown += 1;
      }
      const filters = [document.documentElement, document.body, scope]
        .filter(Boolean).map(e => getComputedStyle(e).filter).filter(f => f && f !== 'none');
      return {font_px: sizes[Math.floor(sizes.length / 2)] || 0,
              root_px: parseFloat(getComputedStyle(document.documentElement).fontSize) || 0,
              color: st.color, background, url: location.href,
              images_total: images.length, images_shown: imagesShown,
              images_hidden_share: images.length ? (images.length - imagesShown) / images.length : 0,
              filters: filters.join(' '), letter_px: parseFloat(st.letterSpacing) || 0,
              word_px: parseFloat(st.wordSpacing) || 0, line_ratio: line / font,
              font_family: st.fontFamily || ''};
    },
    // The first visible text field matching one of the selectors (search boxes).
    findField(selectors) {
      for (const s of selectors) {
        let found;
        try { found = document.querySelectorAll(s); } catch (e) { continue; }
        for (const el of found) {
          const type = (el.getAttribute('type') || 'text').toLowerCase();
          if (el.tagName === 'INPUT' && ['text', 'search'].includes(type) && !el.disabled && visible(el)) return mark(el);
        }
      }
      return null;
    },
    // Pages without h1-h3 (table layouts): bold or large lines that stand alone, as headings.
    visualHeadings(limit) {
      const base = parseFloat(getComputedStyle(document.body || document.documentElement).fontSize) || 16;
      const out = [];
      for (const el of document.querySelectorAll('b,strong,font,big,span,p,div,td')) {
        if (out.length >= limit) break;
        if (el.closest('a,button,select,script,style')) continue;
        const text = clean(el.innerText);
        if (text.length < 3 || text.length > 120 || out.includes(text) || !visible(el)) continue;
        const st = getComputedStyle(el);
        if (!(parseInt(st.fontWeight, 10) >= 600 || parseFloat(st.fontSize) >= 1.2 * base)) continue;
        let block = el;
        while (block.parentElement && !['block', 'table-cell', 'list-item'].includes(getComputedStyle(block).display)) block = block.parentElement;
        const firstLine = clean((block.innerText || '').split('\n').find(l => clean(l)) || '');
        if (firstLine === text) out.push(text);
      }
      return out;
    },
    stats() {
      return {links: document.querySelectorAll('a[href]').length, text: (document.body ? document.body.innerText.length : 0)};
    },
  };
})();
