// orientation (WCAG 1.3.4): what the page shows in the current viewport, measured for one of
// the two orientations. Evaluated by probe() with the probe library as `LV`; reads only.
// arg: { maxElements }.
(() => {
  const ROTATE_WORDS = new RegExp([
    'rotat', 'turn your (device|phone)', 'landscape', 'portrait',
    'поверн', 'переверн', 'разверн', 'альбомн', 'книжн', 'горизонтальн', 'вертикальн',
    'бұрыңыз', 'бұрып', 'айналдыр', 'көлденең', 'тігінен',
  ].join('|'), 'i');
  const vw = innerWidth, vh = innerHeight, area = vw * vh;
  const letters = s => ((s || '').match(/\p{L}/gu) || []).length;

  const angleOf = el => {
    const s = LV.cs(el);
    let deg = 0;
    const m = /matrix(3d)?\(([^)]+)\)/.exec(s.transform || '');
    if (m) {
      const v = m[2].split(',').map(parseFloat);
      deg += Math.atan2(v[1], v[0]) * 180 / Math.PI;
    }
    const r = /(-?[\d.]+)(deg|turn|rad|grad)\s*$/.exec(s.rotate || '');
    if (r) {
      const n = parseFloat(r[1]);
      deg += { deg: n, turn: n * 360, rad: n * 180 / Math.PI, grad: n * 0.9 }[r[2]];
    }
    return Math.round(((deg % 360) + 540) % 360 - 180);
  };
  const quarter = deg => Math.abs(Math.abs(deg) - 90) <= 10;
  const cover = el => {
    const r = el.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0));
    const h = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
    return area ? (w * h) / area : 0;
  };
  const shown = el => LV.cs(el).display !== 'none' && LV.cs(el).visibility === 'visible' &&
    LV.opacityOf(el) >= 0.5;
  const opaque = c => {
    const m = /rgba?\(([^)]+)\)/.exec(c || '');
    if (!m) return false;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean);
    return p.length < 4 || parseFloat(p[3]) >= 0.85;
  };

  const body = document.body;
  if (!body) return { width: vw, height: vh, chars: 0, rotated: [], overlays: [], rotate_text: '' };

  // Rotated containers: html, body and the big boxes of the first levels below it.
  const rotated = [];
  const big = [document.documentElement, body];
  let level = Array.from(body.children);
  for (let depth = 0; depth < 3 && level.length; depth++) {
    const next = [];
    for (const el of level.slice(0, 80)) {
      if (cover(el) >= 0.5) { big.push(el); next.push(...Array.from(el.children)); }
    }
    level = next;
  }
  for (const el of big) {
    const deg = angleOf(el);
    if (quarter(deg) && shown(el)) rotated.push(LV.describe(el, { angle: deg, cover: Math.round(cover(el) * 100) / 100 }));
  }

  // Overlays: fixed or absolute boxes covering most of the viewport, opaque or on top.
  const overlays = [];
  const centre = document.elementFromPoint(vw / 2, vh / 2);
  const all = body.getElementsByTagName('*');
  for (let i = 0; i < all.length && i < arg.maxElements; i++) {
    const el = all[i];
    const s = LV.cs(el);
    if (s.position !== 'fixed' && s.position !== 'absolute') continue;
    if (!shown(el) || cover(el) < 0.8) continue;
    const onTop = !!centre && (el === centre || el.contains(centre));
    if (!onTop && !opaque(s.backgroundColor)) continue;
    const text = LV.clean(el.innerText || '');
    if (!ROTATE_WORDS.test(text)) continue;
    overlays.push(LV.describe(el, { message: text.slice(0, 160), cover: Math.round(cover(el) * 100) / 100 }));
    if (overlays.length >= 3) break;
  }
  // A full-screen message drawn by a pseudo-element of html or body.
  for (const el of [document.documentElement, body]) {
    for (const which of ['::before', '::after']) {
      const s = getComputedStyle(el, which);
      const content = (s.content || '').replace(/^["']|["']$/g, '');
      if (!content || content === 'none' || content === 'normal' || !ROTATE_WORDS.test(content)) continue;
      const w = parseFloat(s.width) || 0, h = parseFloat(s.height) || 0;
      if (s.position === 'fixed' && w * h >= 0.8 * area) {
        overlays.push(LV.describe(el, { message: content.slice(0, 160), cover: 1, pseudo: which }));
      }
    }
  }

  // Visible text, and whether a "rotate your device" message is part of it.
  let chars = 0, rotateChars = 0, rotateText = '';
  for (const it of LV.textItems()) {
    chars += it.chars;
    if (!ROTATE_WORDS.test(it.node.nodeValue)) continue;
    rotateChars += it.chars;
    if (!rotateText) rotateText = LV.clean(it.node.nodeValue).slice(0, 160);
  }
  return { width: vw, height: vh, chars, rotate_chars: rotateChars, rotated: rotated.slice(0, 5),
    overlays, rotate_text: rotateText };
})()
