"""Stage-2 recognisers: low-vision mode, site map, search results, shortest-path helpers."""

from __future__ import annotations

from tester.gather.snapshot import Link, PageSnapshot
from tester.goals.lowvision import back_to_normal, compare_styles, contrast_ratio
from tester.goals.search import recognise_results
from tester.goals.sitemap import recognise_sitemap, sitemap_xml_ok
from tester.navigator.shortest import links_of
from tester.urlnorm import same_page_key as page_key

NORMAL = {"font_px": 16, "color": "rgb(51, 51, 51)", "background": "rgb(255, 255, 255)"}


def test_contrast_ratio():
    assert contrast_ratio("rgb(0, 0, 0)", "rgb(255, 255, 255)") == 21.0
    assert contrast_ratio("rgb(170, 170, 170)", "rgb(255, 255, 255)") == 2.32
    assert contrast_ratio("nonsense", "rgb(1, 1, 1)") is None


def test_larger_text_works():
    change = compare_styles(NORMAL, {**NORMAL, "font_px": 24})
    assert change.works and change.larger and not change.high_contrast


def test_yellow_on_black_is_high_contrast():
    low = {"font_px": 16, "color": "rgb(120, 120, 120)", "background": "rgb(255, 255, 255)"}
    after = {"font_px": 16, "color": "rgb(255, 255, 0)", "background": "rgb(0, 0, 0)"}
    assert compare_styles(low, after).high_contrast


def test_control_that_does_nothing_does_not_work():
    assert not compare_styles(NORMAL, dict(NORMAL)).works
    assert not compare_styles(NORMAL, {**NORMAL, "font_px": 17}).works  # 6 % is not "larger"


def test_back_to_normal():
    assert back_to_normal(NORMAL, dict(NORMAL))
    assert not back_to_normal(NORMAL, {**NORMAL, "font_px": 24})


def _links(n: int, region: str = "main") -> list[Link]:
    return [Link(href=f"https://a.test/p{i}.html", text=f"Page {i}", region=region)
            for i in range(n)]


def test_sitemap_page_needs_heading_and_many_links():
    assert recognise_sitemap(PageSnapshot(url="https://a.test/map", headings=["Карта сайта"],
                                          links=_links(12))).met
    thin = recognise_sitemap(PageSnapshot(url="https://a.test/map", headings=["Сайт картасы"],
                                          links=_links(2)))
    assert not thin.met and "only 2" in str(thin.reason)
    # many links, but in the menus, and no site-map heading
    assert not recognise_sitemap(PageSnapshot(url="https://a.test/", headings=["Новости"],
                                              links=_links(30, "nav"))).met


def test_sitemap_xml_ok():
    assert sitemap_xml_ok(200, '<?xml version="1.0"?><urlset xmlns="...">')
    assert not sitemap_xml_ok(200, "<html>Not found</html>")
    assert not sitemap_xml_ok(404, "<urlset>")


def test_search_results_listed():
    snap = PageSnapshot(url="https://a.test/search?q=x", links=_links(3))
    result = recognise_results(snap, "x", set())
    assert result.met and result.evidence["results"] == 3


def test_search_nothing_found_or_only_menu_links():
    said = "По вашему запросу ничего не найдено"
    empty = PageSnapshot(url="https://a.test/search?q=x", text=said, main_text=said,
                         links=_links(5, "nav"))
    assert not recognise_results(empty, "x", set()).met
    # no landmarks: the same links as the start page's menu are not results
    menu = _links(4, "")
    known = {(link.href, link.text) for link in menu}
    assert not recognise_results(PageSnapshot(url="https://a.test/s", links=menu), "x", known).met


def test_search_error_page_fails():
    snap = PageSnapshot(url="https://a.test/poisk", links=_links(3), http_status=404)
    assert not recognise_results(snap, "x", set()).met


def test_page_key_and_links_of():
    assert page_key("http://a.test/ru/index.html") == page_key("http://a.test/ru/")
    assert page_key("http://a.test/#/contacts") != page_key("http://a.test/#top")
    html = ('<a href="/a.html">A</a><area href="b.html"><select><option value="/kk/">Қаз</option>'
            '<option value="x">X</option></select><a href="mailto:x@y.z">m</a>')
    assert links_of(html, "http://a.test/ru/") == [
        "http://a.test/a.html", "http://a.test/ru/b.html", "http://a.test/kk/", "mailto:x@y.z"]
