"""The Content-Security-Policy a page was served with, for the record.

Contexts bypass CSP (tester.browser) so that axe-core and the probes run on pages with
`script-src 'none'` or `sandbox`; the report says that the page had a policy, from the main
document's response header and its `<meta http-equiv="Content-Security-Policy">` tags.
"""

from __future__ import annotations

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Response

from tester.gather import isolated
from tester.textsafe import clean_text

MAX_CSP = 2_000
_META_JS = """() => Array.from(document.querySelectorAll('meta[http-equiv]'))
  .filter(m => (m.getAttribute('http-equiv') || '').trim().toLowerCase() ===
               'content-security-policy')
  .map(m => m.getAttribute('content') || '')"""


class CspHeader:
    """Listens to the page's main-frame navigations; `value` is the last document's CSP header.

    Start it before the page loads (the header is only seen as the response arrives).
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.value: str | None = None
        page.on("response", self._on_response)

    def _on_response(self, response: Response) -> None:
        try:
            main = response.frame == self.page.main_frame
            if not main or not response.request.is_navigation_request():
                return
        except PlaywrightError:
            return
        self.value = response.headers.get("content-security-policy")

    def stop(self) -> None:
        self.page.remove_listener("response", self._on_response)


async def page_csp(page: Page, header: str | None) -> str | None:
    """The header and the meta policies of the current document, joined; None without any."""
    try:
        metas = await isolated.evaluate(page, _META_JS)
    except PlaywrightError:
        metas = []
    parts = [p.strip() for p in [header or "", *(str(m) for m in metas or [])] if p.strip()]
    return clean_text(" ; ".join(parts), MAX_CSP, one_line=True) if parts else None
