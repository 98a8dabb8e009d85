"""The link check's own budgets: the links of every audited page up to --max-links, within
site_links_budget_s, apart from the page budget; what is left unchecked is counted by reason."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

import pytest
from support.routes import hang

from tester.cli.args import settings_from_args
from tester.config import Settings
from tester.demo.server import SiteServer
from tester.scope import Scope
from tester.site import gather_site
from tester.site.links import audit_broken_links
from tester.snapshot import Link, PageSnapshot

pytestmark = pytest.mark.e2e
FIXTURES = Path(__file__).parent.parent / "fixtures"


def pages(server: SiteServer, count: int, links_each: int) -> list[PageSnapshot]:
    """`count` audited pages, each linking to `links_each` pages nobody audited (some 404)."""
    return [
        PageSnapshot(url=server.url_for(f"p{p}.html"), http_status=200, links=[
            Link(href=server.url_for(f"qazaqsha/joq-{p}-{i}.html" if i % 3 == 0
                                     else f"qazaqsha/zhanalyqtar.html?id={p}-{i}"),
                 text=f"Сілтеме {i}")
            for i in range(links_each)])
        for p in range(count)
    ]


def gather(server: SiteServer, snapshots: list[PageSnapshot], settings: Settings):
    lines: list[str] = []
    artifacts = asyncio.run(gather_site(server.url, snapshots, Scope.for_url(server.url),
                                        settings, lines.append))
    return artifacts, audit_broken_links(artifacts, snapshots), lines


def test_links_of_every_page_checked_up_to_max_links(test_settings: Settings, monkeypatch
                                                      ) -> None:
    monkeypatch.setattr("tester.site.gather.PROGRESS_EVERY_S", 0.0)  # a line per link here
    settings = test_settings.with_overrides(site_max_links=25, site_max_versions=0)
    with SiteServer(FIXTURES / "site-lang-path") as server:
        snapshots = pages(server, count=6, links_each=8)  # 48 links, none of them audited
        artifacts, check, lines = gather(server, snapshots, settings)
        wide = settings.with_overrides(site_max_links=2000)
        _, all_check, _ = gather(server, snapshots, wide)
        last_404 = server.url_for("qazaqsha/joq-5-0.html")
    requested = [r for r in artifacts.links.values() if r.method in ("HEAD", "GET")]
    assert len(requested) == 25
    assert check.data["checked"] == 25 and check.data["unchecked"] == 23
    assert check.data["unchecked_reasons"] == {"max-links": 23}
    assert "23 not checked (over the limit of links to check, --max-links)" in check.message
    assert lines and lines[-1].startswith("  links: 25/25 checked")
    assert any("--max-links" in note for note in artifacts.notes)
    # With the default limit every page's links are checked: the 404s of the last page too.
    assert all_check.data["checked"] == 48 and all_check.data["unchecked_reasons"] == {}
    broken = {f.data["target"] for f in all_check.findings if f.rule == "broken-link"}
    assert last_404 in broken and len(broken) == 18


def test_link_check_has_its_own_time_budget(test_settings: Settings) -> None:
    settings = test_settings.with_overrides(site_links_budget_s=1, site_max_versions=0,
                                            navigation_timeout_ms=1_500, site_budget_s=60)
    with SiteServer(FIXTURES / "site-lang-path") as server:
        snapshots = pages(server, count=1, links_each=12)
        for i in range(0, 12, 3):  # the first four requests hang past the link budget
            server.routes[f"/qazaqsha/joq-0-{i}.html"] = hang(5)
        snapshots[0].links.sort(key=lambda link: "joq" not in link.href)
        artifacts, check, _ = gather(server, snapshots, settings)
    assert artifacts.sitemap is not None  # the site checks' own budget was not spent on links
    assert check.data["unchecked_reasons"].get("time-budget", 0) >= 6, check.data
    assert any("site_links_budget_s" in note for note in artifacts.notes)
    assert "not checked (the link check ran out of time)" in check.message


def test_max_links_flag() -> None:
    args = argparse.Namespace(max_links=5000)
    assert settings_from_args(args).option("site_max_links") == 5000
    assert Settings().option("site_max_links") == 2000
