"""A third-party plugin, installed, runs like a built-in: `ashyq run` in its own process, real
Chromium, a site on 127.0.0.1. The plugin is docs/examples/ashyq-example, installed as pip
would (a dist-info folder with its entry points) on PYTHONPATH."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.plugins import install_distribution, install_example_plugin

from tester.demo import SiteServer

pytestmark = pytest.mark.e2e

NAV = '<nav><a href="news.html">News</a> <a href="about.html">About us</a></nav>'
PAGES = {
    # A skip link first; the news page shares the home page's title (unique-titles fails).
    "index.html": ("Akimat of Zhasyl district",
                   f'<a href="#main">Skip to content</a>{NAV}<main id="main"><h1>Welcome</h1>'
                   "<p>The akimat serves the district.</p></main>"),
    "news.html": ("Akimat of Zhasyl district",
                  f'<a href="#main">Skip to content</a>{NAV}<main id="main"><h1>News</h1>'
                  "<p>12.03.2026 The akim met residents.</p></main>"),
    # No skip link: skip-link fails here.
    "about.html": ("About the akimat", f"{NAV}<main><h1>About us</h1><p>History.</p></main>"),
}


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    root = tmp_path_factory.mktemp("plugin-site")
    for name, (title, body) in PAGES.items():
        (root / name).write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
                                 f"<title>{title}</title></head><body>{body}</body></html>",
                                 encoding="utf-8")
    with SiteServer(root) as server:
        yield server


def ashyq(*args: str, plugins: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(plugins), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.run([sys.executable, "-m", "tester", *args], capture_output=True,
                          text=True, timeout=timeout, env=env)


def test_the_example_plugin_runs_like_a_built_in(plugin_site: SiteServer, tmp_path: Path) -> None:
    plugins = install_example_plugin(tmp_path / "site-packages")
    out = tmp_path / "report"
    done = ashyq("run", plugin_site.url, "--tasks", "find-news", "--checks", "lowvision",
                 "--max-pages", "3", "--formats", "html,text", "--out", str(out),
                 plugins=plugins)
    assert done.returncode == 0, done.stderr[-3000:]
    site = json.loads((out / "result.json").read_text(encoding="utf-8"))["sites"][0]

    # The plugin's page check ran on every page, after the built-in battery, both ways.
    skip = {page["url"].rsplit("/", 1)[-1]: check for page in site["pages"]
            for check in page["checks"] if check["id"] == "skip-link"}
    assert set(skip) == {"", "news.html", "about.html"}
    assert skip[""]["status"] == "passed" and skip["about.html"]["status"] == "failed"
    assert skip["about.html"]["findings"][0]["rule"] == "skip-link-missing"
    assert skip[""]["data"]["within"] == 3  # its declared option's default
    assert [c["id"] for c in site["pages"][0]["checks"]][-1] == "skip-link"
    # Its site check, after the built-in site checks.
    unique = site["checks"][-1]
    assert unique["id"] == "unique-titles" and unique["status"] == "failed"
    assert set(unique["findings"][0]["data"]["pages"]) == {plugin_site.url,
                                                           plugin_site.url + "news.html"}
    # Its task: found the news in one click, the shortest path measured (measures_path).
    [task] = site["tasks"]
    assert task["id"] == "find-news" and task["status"] == "passed", task["message"]
    assert task["title"] == "Find the news section" and task["clicks"] == 1
    assert task["target_url"].endswith("news.html") and task["optimal_clicks"] == 1
    # Its report format, and the report page titles the plugin's check by its declared title.
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    failed = sorted({c["id"] for c in [*site["checks"], *(c for p in site["pages"]
                                                            for c in p["checks"])]
                     if c["status"] == "failed"})
    assert {"skip-link", "unique-titles"} <= set(failed)
    assert summary == f"{plugin_site.url}: 1/1 tasks passed; failed checks: {', '.join(failed)}\n"
    assert "Every page has its own title" in (out / "index.html").read_text(encoding="utf-8")
    # --help lists the plugin's task and format.
    helped = ashyq("run", "--help", plugins=plugins)
    assert "find-news" in helped.stdout and "text" in helped.stdout


def test_without_the_plugin_nothing_of_it_runs(plugin_site: SiteServer, tmp_path: Path) -> None:
    out = tmp_path / "report"
    done = ashyq("check", plugin_site.url, "--checks", "lowvision", "--formats", "json",
                 "--out", str(out), plugins=tmp_path / "empty")
    assert done.returncode == 0, done.stderr[-3000:]
    page = json.loads((out / "result.json").read_text(encoding="utf-8"))["sites"][0]["pages"][0]
    assert page["checks"] and "skip-link" not in {c["id"] for c in page["checks"]}
    refused = ashyq("check", plugin_site.url, "--formats", "text", plugins=tmp_path / "empty")
    assert refused.returncode != 0 and "unknown format 'text'" in refused.stderr


BROKEN = {
    "import": ({"ashyq.checks": {"kz-broken": "kz_broken"}},
               {"kz_broken.py": "import a_module_that_is_not_installed\n"},
               "plugin entry point 'kz-broken' = 'kz_broken' in group ashyq.checks (package "
               "kz-plugin) could not be loaded: ModuleNotFoundError: No module named "
               "'a_module_that_is_not_installed'"),
    "duplicate": ({"ashyq.checks": {"my-reflow": "kz_reflow:CHECK"}},
                  {"kz_reflow.py": "from tester.checks.lowvision.reflow import CHECK\n"},
                  "check id 'reflow' is declared twice: by tester.checks.lowvision.reflow and "
                  "by entry point 'my-reflow' = 'kz_reflow:CHECK' in group ashyq.checks "
                  "(package kz-plugin)"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_or_clashing_plugin_is_one_clear_line(kind: str, plugin_site: SiteServer,
                                                       tmp_path: Path) -> None:
    entry_points, modules, expected = BROKEN[kind]
    plugins = install_distribution(tmp_path / "site-packages", "kz-plugin", entry_points, modules)
    done = ashyq("run", plugin_site.url, "--out", str(tmp_path / "out"), plugins=plugins,
                 timeout=60)
    assert done.returncode == 1, done.stderr  # a tool or usage error
    assert done.stderr.strip() == f"ashyq: error: {expected}"
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()
