"""Writing the dashboard folder: every page in kk, ru and en, the default language's front page
at the top, and the shared style and script files (the only file-system part of the package).

    DIR/index.html                front page, default language
    DIR/<lang>/index.html         front page in each language
    DIR/<lang>/sites/<slug>.html  one page per site
    DIR/assets/report.css         the run report's stylesheet (same look)
    DIR/assets/dashboard.css      what the dashboard adds, print styles included
    DIR/assets/dashboard.js       sorting and filtering (the pages work without it)

Relative links only, so the folder works from file:// and from any web server path.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from tester.dashboard.model import Dashboard
from tester.dashboard.render import render_front, render_site, views_for
from tester.i18n import LANGUAGES
from tester.report.html import TEMPLATES as REPORT_TEMPLATES

ASSETS = Path(__file__).parent / "assets"
REPORT_INDEX = "index.html"


@dataclass(frozen=True)
class Written:
    front: Path
    site_pages: dict[str, list[Path]]  # language -> its site pages (what --pdf prints)


def report_linker(out_dir: Path) -> Callable[[str | None], str | None]:
    """`report_href(report_dir)`: the run report's index.html relative to `out_dir` (URL
    quoted), or None when the folder or its index.html is gone."""
    base = out_dir.resolve()

    def report_href(report_dir: str | None) -> str | None:
        if not report_dir:
            return None
        index = Path(report_dir) / REPORT_INDEX
        try:
            if not index.is_file():
                return None
            relative = os.path.relpath(index.resolve(), base)
        except (OSError, ValueError):  # another drive on Windows, an unreadable path
            return None
        return quote(Path(relative).as_posix(), safe="/")

    return report_href


def write_dashboard(dashboard: Dashboard, out_dir: Path, default_language: str) -> Written:
    """Write every page and asset into `out_dir` (created); OSError when it cannot."""
    assets = out_dir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPORT_TEMPLATES / "report.css", assets / "report.css")
    for name in ("dashboard.css", "dashboard.js"):
        shutil.copyfile(ASSETS / name, assets / name)
    site_pages: dict[str, list[Path]] = {}
    for language in LANGUAGES:
        folder = out_dir / language
        (folder / "sites").mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(render_front(dashboard, language), encoding="utf-8")
        pages = site_pages.setdefault(language, [])
        views = views_for(dashboard, language)
        for row in dashboard.rows:
            page = folder / "sites" / f"{row.slug}.html"
            page.write_text(render_site(dashboard, row, language, views), encoding="utf-8")
            pages.append(page)
    front = out_dir / "index.html"
    front.write_text(render_front(dashboard, default_language, at_root=True), encoding="utf-8")
    return Written(front, site_pages)
