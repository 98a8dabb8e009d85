"""skip-link: the page offers a link to skip to its main content (WCAG 2.4.1 Bypass Blocks).

A page check is two steps: `gather` reads the loaded page (and leaves it as it found it),
`audit` turns what was read into a CheckResult without touching the browser.
"""

from __future__ import annotations

from typing import Any

from tester.checks.base import PageCheck
from tester.env import PageEnv
from tester.model import CheckResult, Finding
from tester.options import Option

OPTIONS = (
    Option("skip_link_within", 3, int,
           "skip-link: the skip link must be among this many first links of the page", minimum=1),
)

# The first links of the page, and whether each is an in-page link to an element that exists.
FIRST_LINKS_JS = """(count) => Array.from(document.querySelectorAll('a[href]')).slice(0, count)
  .map(a => {
    const href = a.getAttribute('href') || '';
    const id = href.startsWith('#') ? decodeURIComponent(href.slice(1)) : '';
    return {href, text: (a.textContent || '').trim().slice(0, 80),
            target_exists: id !== '' && document.getElementById(id) !== null};
  })"""


async def gather(env: PageEnv) -> dict[str, Any]:
    within = int(env.settings.option("skip_link_within"))
    return {"within": within, "links": await env.page.evaluate(FIRST_LINKS_JS, within)}


def audit(data: dict[str, Any]) -> CheckResult:
    skip = next((link for link in data["links"] if link["target_exists"]), None)
    if skip is not None:
        return CheckResult(id="skip-link", status="passed", wcag=["2.4.1"], data=data,
                           message=f"A skip link ({skip['text'] or skip['href']}) leads to the "
                                   "main content.")
    finding = Finding(rule="skip-link-missing", impact="moderate", wcag=["2.4.1"],
                      message=f"None of the first {data['within']} links skips to the main "
                              "content, so keyboard users tab through the whole menu on every "
                              "page. Fix: add <a href=\"#main\">Skip to content</a> first.")
    return CheckResult(id="skip-link", status="failed", wcag=["2.4.1"], data=data,
                       findings=[finding], message="No link skips to the main content.")


CHECK = PageCheck(
    id="skip-link",
    group="lowvision",  # runs with --checks lowvision and all
    gather=gather,
    audit=audit,
    wcag=["2.4.1"],
    title="A link skips to the main content",
    options=OPTIONS,
)
