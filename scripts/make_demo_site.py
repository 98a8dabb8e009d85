"""Build the generated files of the demo site; the output is committed, so run it only after edits.

    .venv/bin/python scripts/make_demo_site.py                  # everything
    .venv/bin/python scripts/make_demo_site.py --pages          # HTML pages and sitemap.xml only
    .venv/bin/python scripts/make_demo_site.py --pages --out D  # the pages into D (for comparing)

It writes into ``tester/demo/site/`` (the site ashyq ships as package data):

* the HTML pages of ``/kk/``, ``/ru/`` and ``/en/``, ``/index.html`` (a byte-identical copy of the
  Russian home page) and ``/404.html``;
* ``sitemap.xml`` (absolute URLs through the ``{{ORIGIN}}`` placeholder the demo server fills in);
* ``assets/scan-order.png``: an order of the akim rendered INTO an image, i.e. a "scanned"
  document (a deliberate flaw), and ``docs/order-45-scan.pdf``, the same scan as an image-only PDF;
* ``docs/regulation.pdf`` and ``docs/development-plan-2026.pdf``: real text PDFs, printed by a
  local headless Chromium with networking disabled (without Chromium, a minimal Latin-only text
  PDF is written instead).

The content lives in ``scripts/demo_site/``: interface texts and menu (``texts.py``), news
(``news.py``), shared blocks (``blocks.py``), the pages per language (``pages_*.py``), the page
template and sitemap (``layout.py``) and the scan and PDFs (``scan_and_pdfs.py``).

Hand-written files are left alone: ``assets/site.css``, ``assets/site.js``, ``assets/*.svg``,
``robots.txt`` and ``FLAWS.md`` (the list of the site's deliberate flaws; keep it in step with the
``FLAW`` comments in ``scripts/demo_site/``). ``tests/unit/test_demo_server.py`` fails when the
committed pages differ from what this script writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # demo_site/, when imported by path

from demo_site import SITE  # noqa: E402
from demo_site.layout import build_pages  # noqa: E402
from demo_site.scan_and_pdfs import build_scan, build_text_pdfs  # noqa: E402


def doc_sizes(site: Path = SITE) -> dict[str, str]:
    """Sizes of the PDFs in ``site/docs`` in whole KB, as the pages show them."""
    sizes = {}
    for path in sorted((site / "docs").glob("*.pdf")):
        kb = max(1, round(path.stat().st_size / 1024))
        sizes[path.name] = str(kb)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the demo site's generated files.")
    parser.add_argument("--pages", action="store_true", help="only the HTML pages and sitemap")
    parser.add_argument(
        "--out", type=Path, default=SITE, help=f"folder to write into (default {SITE})"
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    if not args.pages:
        build_scan(out / "assets" / "scan-order.png", out / "docs" / "order-45-scan.pdf")
        build_text_pdfs(out / "docs")
    # The pages show the PDFs' sizes: those just built, or else the committed ones.
    written = build_pages(doc_sizes(SITE if args.pages else out), out=out)
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {len(written)} pages/files; site size {total / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
