// Problems with a page's layout, as its reader would meet them; [] when it reads well:
// sideways page scroll, a table header or cell hidden or cut off (a card layout must label
// each value with its column's name), a sideways scroller that is no named keyboard region or
// does not say that it scrolls. Used by tests/e2e/test_report_readable.py.
() => {
  const problems = [];
  const root = document.documentElement;
  const viewport = root.clientWidth;
  if (root.scrollWidth > window.innerWidth) problems.push(`page scrolls sideways: ${root.scrollWidth}`);
  const name = el => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : el.classList.length
    ? `.${el.classList[0]}` : '');
  const shown = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  // Can the reader bring the element into view? Walking up, a scroller lets them reach its
  // whole scroll width (and must itself be reachable); anything else clipping shows its box.
  const reachable = el => {
    let box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return false;
    for (let up = el.parentElement; up && up !== root && up !== document.body; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow === 'visible') continue;
      const outer = up.getBoundingClientRect();
      const scrolls = ['auto', 'scroll'].includes(overflow);
      const start = scrolls ? outer.left - up.scrollLeft : outer.left;
      const end = scrolls ? start + up.scrollWidth : outer.right;
      if (box.left < start - 1 || box.right > end + 1) return false;
      if (scrolls) box = outer;
    }
    return box.left >= -1 && box.right <= viewport + 1;
  };
  const label = cell => getComputedStyle(cell, '::before').content;
  for (const table of document.querySelectorAll('table')) {
    const heads = table.tHead ? [...table.tHead.rows].flatMap(r => [...r.cells]) : [];
    const rows = [...table.tBodies].flatMap(b => [...b.rows]);
    const cards = rows.length && getComputedStyle(rows[0]).display !== 'table-row';
    const columns = table.tHead ? [...table.tHead.rows[0].cells].map(c => c.textContent.trim()) : [];
    if (!cards) {
      for (const cell of heads) {
        if (!shown(cell) || !reachable(cell)) problems.push(`${name(table)}: header "${cell.textContent.trim()}" hidden or cut off`);
      }
    }
    for (const row of rows) {
      for (const cell of row.cells) {
        const column = columns[cell.cellIndex] || '';
        if (!shown(cell) || !reachable(cell)) {
          problems.push(`${name(table)}: cell of column "${column}" hidden or cut off`);
        } else if (cards && cell.tagName === 'TD' && !label(cell).includes(column)) {
          problems.push(`${name(table)}: card value of column "${column}" has no visible label`);
        }
      }
    }
  }
  // Anything that scrolls sideways is reachable by keyboard, named, and says that it scrolls.
  for (const el of document.querySelectorAll('body *')) {
    const overflow = getComputedStyle(el).overflowX;
    if (!['auto', 'scroll'].includes(overflow) || el.scrollWidth <= el.clientWidth || !shown(el)) continue;
    const named = el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') || '')
      .split(' ').filter(id => document.getElementById(id)).length;
    if (el.tabIndex !== 0 || el.getAttribute('role') !== 'region' || !named) {
      problems.push(`${name(el)}: scrolls sideways but is not a named keyboard region`);
    }
    const hint = getComputedStyle(el, '::before');
    if (hint.display === 'none' || !hint.content || hint.content === 'none') {
      problems.push(`${name(el)}: scrolls sideways without saying so`);
    }
  }
  return problems;
}
