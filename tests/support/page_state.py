"""What "the page is left as found" means for a page check, as one in-page snapshot.

Inline style attributes are compared apart from the markup (a check may add and remove one), and
the snapshot takes adopted style sheets, style elements, scroll, focus, the tool's globals and
the location hash: everything a check could forget to put back.
"""

STATE_JS = """() => {
  const clone = document.documentElement.cloneNode(true);
  clone.querySelectorAll('[style]').forEach(e => e.removeAttribute('style'));
  return {
    html: clone.outerHTML,
    inline: Array.from(document.querySelectorAll('[style]')).map(e => e.style.cssText),
    sheets: document.adoptedStyleSheets.length,
    styleElements: document.querySelectorAll('style, link[rel=stylesheet]').length,
    scroll: [scrollX, scrollY],
    active: document.activeElement ? document.activeElement.tagName : null,
    globals: Object.keys(window).filter(k => k.startsWith('__ashyq')),
    hash: location.hash,
  };
}"""
