"""Two deploys of one page, audited by the real runner (Chromium, axe) on 127.0.0.1: the findings
that survived keep their fingerprints, `ashyq run --baseline … --fail-on new:serious` fails only
on the new one, and results.sarif says each result's baselineState."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.routes import respond

from tester.demo import SiteServer
from tester.model import RunResult

pytestmark = pytest.mark.e2e

# Version 1: a news list, a low-contrast date line with a hashed class, a logo without alt.
V1 = """<!doctype html><html lang="en"><head><title>Services</title></head><body><main>
<h1>Services</h1>
<ul class="news"><li><a href="/news/1"><img src="/i/1.png"></a></li></ul>
<p class="css-1a2b3c date" style="color:#bbb;background:#fff">Updated 01.02.2026, 5 views</p>
<img src="/i/logo.png">
</main></body></html>"""
# Version 2: a news item inserted first (positions shift), the class re-hashed, the date and
# counter moved on, the logo fixed, and a button without a name added.
V2 = """<!doctype html><html lang="en"><head><title>Services</title></head><body><main>
<h1>Services</h1>
<ul class="news"><li><a href="/news/2">Fresh news</a></li>
<li><a href="/news/1"><img src="/i/1.png"></a></li></ul>
<p class="date css-9z8y7x" style="color:#bbb;background:#fff">Updated
  03.12.2026, 17 views</p>
<img src="/i/logo.png" alt="Akimat">
<button type="button"></button>
</main></body></html>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    root = tmp_path_factory.mktemp("pair-site")
    with SiteServer(root, routes={"/i/1.png": respond(b"", content_type="image/png"),
                                  "/i/logo.png": respond(b"", content_type="image/png")}) as server:
        yield server


def ashyq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tester", *args], capture_output=True,
                          text=True, timeout=240)  # fmt: skip


def audit(site: SiteServer, html: str, query: str, out: Path, *extra: str) -> tuple[int, str]:
    site.routes["/services/"] = respond(html)
    done = ashyq("check", f"{site.url}/services/?{query}", "--checks", "axe", "--no-db",
                 "--formats", "json,sarif", "--out", str(out), "--quiet", *extra)
    return done.returncode, done.stderr


def rules_by_state(sarif_path: Path) -> dict[str, list[str]]:
    states: dict[str, list[str]] = {}
    for item in json.loads(sarif_path.read_text(encoding="utf-8"))["runs"][0]["results"]:
        states.setdefault(item["baselineState"], []).append(item["ruleId"])
    return {k: sorted(v) for k, v in states.items()}


def test_second_deploy_against_the_first_ones_baseline(site: SiteServer, tmp_path: Path) -> None:
    code, err = audit(site, V1, "utm_source=mail&sid=0123456789abcdef0123", tmp_path / "v1")
    assert code == 0, err
    v1 = RunResult.from_json((tmp_path / "v1" / "result.json").read_text(encoding="utf-8"))
    assert {f.rule for f in v1.sites[0].pages[0].findings} >= {"image-alt", "color-contrast"}

    baseline = tmp_path / "ashyq-baseline.json"
    done = ashyq("baseline", "save", "--from", str(tmp_path / "v1"), "--out", str(baseline))
    assert done.returncode == 0, done.stderr

    # The same deploy against its own baseline: nothing new, exit 0.
    code, err = audit(site, V1, "fbclid=IwAR0", tmp_path / "v1-again", "--baseline",
                      str(baseline), "--fail-on", "new:minor")
    assert code == 0, err
    assert set(rules_by_state(tmp_path / "v1-again" / "results.sarif")) == {"unchanged"}

    code, err = audit(site, V2, "fbclid=IwAR1&_=1764780000000", tmp_path / "v2", "--baseline",
                      str(baseline), "--fail-on", "new:serious")
    assert code == 2, err
    assert "1 new violation at" in err
    states = rules_by_state(tmp_path / "v2" / "results.sarif")
    assert "button-name" in states["new"]
    results = json.loads((tmp_path / "v2" / "results.sarif").read_text(encoding="utf-8"))
    # Confirmed new violations: only the button's (a review item may come with its new
    # neighbours, e.g. target-size on the link beside the inserted one).
    new = [r for r in results["runs"][0]["results"]
           if r["baselineState"] == "new" and r["kind"] == "fail"]
    assert [(r["ruleId"], r["properties"]["snippet"]) for r in new] == [
        ("button-name", '<button type="button"></button>')]
    assert "color-contrast" in states["unchanged"]  # re-hashed class, new date and counter
    assert "link-name" in states["unchanged"]  # its list item moved down one place
    assert states["absent"] == ["image-alt"]  # the logo got its alt
    assert states["unchanged"].count("image-alt") == 1  # the news image still lacks one
    # The comparison stays in the report folder, beside the SARIF it agrees with.
    summary = (tmp_path / "v2" / "baseline.md").read_text(encoding="utf-8")
    assert "ashyq-baseline.json" in summary and "button-name" in summary
    assert "image-alt" in summary.split("fixed issue")[1]
    assert "Nothing new" in (tmp_path / "v1-again" / "baseline.md").read_text(encoding="utf-8")

    # Without a baseline the same thresholds see every finding.
    code, err = audit(site, V2, "", tmp_path / "v2-plain", "--fail-on", "new:serious")
    assert code == 2 and "new violation" not in err
