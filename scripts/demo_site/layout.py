"""Every page through the common template, plus sitemap.xml: what `build_pages` writes."""

from __future__ import annotations

import html
import re
from pathlib import Path

from demo_site import SITE
from demo_site.blocks import (
    sitemap_body,
)
from demo_site.pages_en import pages_en
from demo_site.pages_kk import pages_kk
from demo_site.pages_ru import pages_ru
from demo_site.texts import LANG_LABELS, LANGS, MENU, UI, Page


def all_pages() -> dict[str, dict[str, Page]]:
    ru = pages_ru()
    site = {"kk": pages_kk(ru), "ru": ru, "en": pages_en()}
    for lang, pages in site.items():
        pages["sitemap.html"].body = sitemap_body(lang, pages)
    return site


NOT_FOUND = Page(
    "Страница не найдена (ошибка 404)",
    """<p>Запрашиваемая страница не найдена. Возможно, она была удалена или ее адрес
изменился.</p>
<p lang="kk">Сұралған бет табылмады. Ол жойылған немесе мекенжайы өзгерген болуы мүмкін.</p>
<p lang="en">The page you requested was not found. It may have been removed or its address may
have changed.</p>
<ul>
<li><a href="/ru/index.html">На главную страницу</a></li>
<li><a href="/kk/index.html" lang="kk">Басты бетке</a></li>
<li><a href="/en/index.html" lang="en">Home page</a></li>
<li><a href="/ru/sitemap.html">Карта сайта</a></li>
</ul>""",
)


# ---------------------------------------------------------------------------------------------
# Page template


def _menu(lang: str, current: str) -> str:
    items = []
    marked = False

    def a(label: str, target: str) -> str:
        nonlocal marked
        attr = ""
        if not marked and target == current:
            attr, marked = ' aria-current="page"', True
        return f'<a href="/{lang}/{target}"{attr}>{label}</a>'

    for label, target, children in MENU[lang]:
        if children:
            sub = "\n".join(f"<li>{a(c_label, c_target)}</li>" for c_label, c_target in children)
            items.append(f'<li class="has-submenu">{a(label, target)}\n<ul>\n{sub}\n</ul>\n</li>')
        else:
            items.append(f"<li>{a(label, target)}</li>")
    return '<ul class="menu">\n' + "\n".join(items) + "\n</ul>"


def render_page(
    lang: str, name: str, page: Page, site: dict[str, dict[str, Page]], sizes: dict[str, str]
) -> str:
    ui = UI[lang]
    esc = html.escape
    is_home = name == "index.html"
    title = f"{ui['site']} – {ui['site_sub']}" if is_home else f"{page.title} – {ui['site']}"

    alternates = "".join(
        f'<link rel="alternate" hreflang="{other}" href="/{other}/{name}">\n'
        for other in LANGS
        if name in site[other]
    )
    switch = []
    for other in LANGS:
        # A page missing in another language switches to that language's home page.
        target = f"/{other}/{name}" if name in site[other] else f"/{other}/index.html"
        current = ' aria-current="true"' if other == lang else ""
        switch.append(
            f'<a href="{target}" lang="{other}" hreflang="{other}"{current}>'
            f"{LANG_LABELS[other]}</a>"
        )
    switch_html = ' <span aria-hidden="true">|</span> '.join(switch)

    crumbs = ""
    if not is_home:
        trail = [f'<li><a href="/{lang}/index.html">{ui["home"]}</a></li>']
        if page.parent:
            parent = site[lang][page.parent]
            trail.append(f'<li><a href="/{lang}/{page.parent}">{parent.title}</a></li>')
        trail.append(f'<li><span aria-current="page">{page.title}</span></li>')
        crumbs = (
            f'<nav class="breadcrumbs" aria-label="{ui["breadcrumbs"]}">\n<ol>\n'
            + "\n".join(trail)
            + "\n</ol>\n</nav>\n"
        )

    body = page.body.replace("@/", f"/{lang}/")
    body = re.sub(r"\{size:([\w.-]+)\}", lambda m: f"{sizes[m.group(1)]} {ui['kb']}", body)
    # FLAW: low-contrast note (#aaa on #fff), on the home pages only.
    note = f'<p class="footer-note">{ui["footer_note"]}</p>\n' if is_home else ""

    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title, quote=False)}</title>
<link rel="icon" href="/assets/logo.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/site.css">
{alternates}<script src="/assets/site.js"></script>
</head>
<body>
<a class="skip-link" href="#content">{ui["skip"]}</a>
<header class="site-header">
<div class="topbar">
<div class="container topbar-inner">
<nav class="lang-switch" aria-label="{ui["lang_nav"]}">
{switch_html}
</nav>
<div class="lv-controls">
<button type="button" class="lv-on" data-lv="on">{ui["lv_on"]}</button>
<button type="button" class="lv-off" data-lv="off">{ui["lv_off"]}</button>
</div>
</div>
</div>
<div class="container brand-row">
<a class="logo" href="/{lang}/index.html"><img src="/assets/logo.svg" alt="" width="56" \
height="56"><span class="logo-text"><span class="logo-title">{ui["site"]}</span>\
<span class="logo-sub">{ui["site_sub"]}</span></span></a>
<form class="site-search" role="search" action="/search" method="get">
<label for="site-search-q" class="visually-hidden">{ui["search_label"]}</label>
<input type="search" id="site-search-q" name="q" placeholder="{ui["search_placeholder"]}">
<input type="hidden" name="lang" value="{lang}">
<button type="submit">{ui["search_button"]}</button>
</form>
</div>
<nav class="main-nav" aria-label="{ui["main_nav"]}">
{_menu(lang, name)}
</nav>
</header>
<div class="container page">
{crumbs}<main id="content" tabindex="-1">
<h1>{page.title}</h1>
{body}
</main>
</div>
<footer class="site-footer">
<div class="container footer-inner">
<div>
<p class="footer-title">{ui["site"]}</p>
<p>{ui["address"]}</p>
</div>
<nav class="footer-links" aria-label="{ui["footer_nav"]}">
<ul>
<li><a href="/{lang}/sitemap.html">{ui["sitemap"]}</a></li>
<li><a href="/{lang}/contacts.html">{ui["contacts"]}</a></li>
<li><a href="/{lang}/appeals.html">{ui["appeals"]}</a></li>
</ul>
</nav>
</div>
<div class="container">
{note}<p class="copyright">{ui["copyright"]}</p>
</div>
</footer>
</body>
</html>
"""


LASTMOD = {
    "index.html": "2026-11-20",
    "news/index.html": "2026-11-20",
    "news/news-1.html": "2026-11-20",
    "news/news-2.html": "2026-11-18",
    "news/news-3.html": "2026-11-14",
    "documents.html": "2026-09-02",
    "appeals.html": "2026-09-02",
    "statistics.html": "2023-01-10",
}


def sitemap_xml(site: dict[str, dict[str, Page]]) -> str:
    entries = [("/", "index.html")] + [
        (f"/{lang}/{name}", name) for lang in ("ru", "kk", "en") for name in site[lang]
    ]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, name in entries:
        lastmod = LASTMOD.get(name, "2026-10-15")
        lines.append(f"  <url><loc>{{{{ORIGIN}}}}{path}</loc><lastmod>{lastmod}</lastmod></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def build_pages(sizes: dict[str, str], out: Path = SITE) -> list[Path]:
    """Write every HTML page and sitemap.xml under ``out``; the written paths."""
    site = all_pages()
    written: list[Path] = []

    def write(rel: str, text: str) -> None:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    for lang in LANGS:
        for name, page in site[lang].items():
            write(f"{lang}/{name}", render_page(lang, name, page, site, sizes))
    # The root opens in Russian, as most KZ government sites do: a copy, not a redirect.
    write("index.html", (out / "ru" / "index.html").read_text(encoding="utf-8"))
    write("404.html", render_page("ru", "404.html", NOT_FOUND, site, sizes))
    write("sitemap.xml", sitemap_xml(site))
    return written
