"""What axe-core costs and how far it gets, per page: generated huge pages and demo pages.

    .venv/bin/python bench/axe_cost.py                 # 60k-element and 10k-link pages, demo
    .venv/bin/python bench/axe_cost.py --budget 60 --json out.json
    .venv/bin/python bench/axe_cost.py --pages huge    # only the generated pages

Each page is loaded in a fresh context and `run_axe` runs on it with the given budget (the
default is the configured `axe_timeout_ms`). Printed per page: seconds, axe status, and each
rule group's status and milliseconds. Also the cost of the isolated world itself: one snapshot
of the page through the isolated world next to the same script through `page.evaluate`.
Figures depend on whatever else the machine is doing: compare figures from the same run only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tester.browser import Scope, load, open_browser  # noqa: E402
from tester.checks.axe import run_axe  # noqa: E402
from tester.config import load_settings  # noqa: E402
from tester.demo import DEMO_ROOT, SiteServer  # noqa: E402
from tester.gather import isolated  # noqa: E402
from tester.gather.snapshot import _SNAPSHOT_JS, CUT_MARGIN, MAX_LINKS, MAX_TEXT  # noqa: E402

DEMO_PAGES = ["/", "/contacts/", "/services/", "/news/"]


def many_elements(total: int = 60_000) -> str:
    """Sections of headings, paragraphs, links and lists: `total` elements, a few barriers."""
    rows, count, i = [], 0, 0
    while count < total:
        rows.append(
            f"<section><h2>Section {i}</h2><div><p>Text <span>{i}</span> <b>bold</b> "
            f'<a href="/p{i}">link {i}</a></p><ul><li>a</li><li>b</li><li>c</li></ul></div>'
            "</section>"
        )
        count, i = count + 11, i + 1
    return _page("Many elements", "".join(rows))


def many_links(total: int = 10_000) -> str:
    items = "".join(f'<li><a href="/l{i}">Link number {i}</a></li>' for i in range(total))
    return _page("Many links", f"<ul>{items}</ul>")


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title></head><body><main>'
        f'<h1>{title}</h1><img src="x.png"><a href="/empty"></a><input type="text">'
        f'<p style="color:#aaa;background:#fff">low contrast</p>{body}</main></body></html>'
    )


async def measure_page(session, url: str, budget_s: float) -> dict:
    async with session.context(Scope.for_url(url)) as (context, _log):
        page = await context.new_page()
        await load(page, url, session.settings)
        started = time.monotonic()
        await page.evaluate(_SNAPSHOT_JS, [MAX_TEXT, MAX_LINKS, CUT_MARGIN])
        main_world = time.monotonic() - started
        started = time.monotonic()
        await isolated.evaluate(
            page, _SNAPSHOT_JS, [MAX_TEXT, MAX_LINKS, CUT_MARGIN], plain_json=True
        )
        isolated_world = time.monotonic() - started
        started = time.monotonic()
        outcome = await run_axe(page, budget_s)
        return {
            "url": url,
            "axe_s": round(time.monotonic() - started, 2),
            "status": outcome.status,
            "findings": len(outcome.findings),
            "groups": [(g.id, g.status, g.ms) for g in outcome.groups],
            "snapshot_main_world_ms": round(main_world * 1000),
            "snapshot_isolated_world_ms": round(isolated_world * 1000),
        }


async def main(pages: str, budget_s: float) -> list[dict]:
    settings = load_settings()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "elements.html").write_text(many_elements(), encoding="utf-8")
        (root / "links.html").write_text(many_links(), encoding="utf-8")
        with SiteServer(root) as huge, SiteServer(DEMO_ROOT) as demo:
            urls = [huge.url_for("/elements.html"), huge.url_for("/links.html")]
            if pages == "all":
                urls += [demo.url_for(p) for p in DEMO_PAGES]
            async with open_browser(settings, loopback_only=True) as session:
                for url in urls:
                    row = await measure_page(session, url, budget_s)
                    print(json.dumps(row), flush=True)
                    rows.append(row)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=load_settings().axe_timeout_ms / 1000)
    parser.add_argument("--pages", choices=("all", "huge"), default="all")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = asyncio.run(main(args.pages, args.budget))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
