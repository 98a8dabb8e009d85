"""The committed demo site is what scripts/make_demo_site.py writes, and it ships in the wheel.

The generator lives in scripts/ (it is not runtime code); the site it writes, tester/demo/site/,
is package data. These tests run the generator as a script, as a contributor would.
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

from tester.demo import DEMO_ROOT

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "scripts" / "make_demo_site.py"
# Written by hand (or by the generator's slow, non-reproducible full mode: Chromium-printed PDFs
# carry their print date), so not compared with a fresh --pages run.
NOT_FROM_PAGES_MODE = {"FLAWS.md", "robots.txt"}
NOT_FROM_PAGES_MODE_DIRS = {"assets", "docs"}


def generate_pages(out: Path) -> list[Path]:
    done = subprocess.run(
        [sys.executable, str(GENERATOR), "--pages", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout
    return sorted(p for p in out.rglob("*") if p.is_file())


def test_committed_pages_match_the_generator(tmp_path: Path) -> None:
    written = generate_pages(tmp_path)
    assert len(written) > 40
    for path in written:
        rel = path.relative_to(tmp_path)
        committed = DEMO_ROOT / rel
        assert committed.is_file(), f"{rel} is not committed; run scripts/make_demo_site.py"
        assert path.read_bytes() == committed.read_bytes(), (
            f"{rel} differs from the generator's output; edit scripts/demo_site/ and "
            "re-run scripts/make_demo_site.py instead of editing the page"
        )


def test_every_committed_page_comes_from_the_generator(tmp_path: Path) -> None:
    """A page the generator no longer writes (renamed, dropped) must not linger in the site."""
    written = {p.relative_to(tmp_path) for p in generate_pages(tmp_path)}
    committed = {
        p.relative_to(DEMO_ROOT)
        for p in DEMO_ROOT.rglob("*")
        if p.is_file()
        and p.name not in NOT_FROM_PAGES_MODE
        and p.relative_to(DEMO_ROOT).parts[0] not in NOT_FROM_PAGES_MODE_DIRS
    }
    assert committed - written == set()
    assert Path("sitemap.xml") in committed and Path("ru/index.html") in committed


def test_the_generator_is_not_runtime_code() -> None:
    assert not (REPO / "tester" / "demo" / "make_assets.py").exists()
    runtime = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "tester").rglob("*.py"))
    assert "make_assets" not in runtime and "demo_site" not in runtime


def test_package_data_covers_every_file_of_the_site() -> None:
    """setuptools ships a site file only when a package-data pattern matches its name."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    files = [p for p in DEMO_ROOT.rglob("*") if p.is_file()]
    assert len(files) > 50
    unshipped = [
        str(p.relative_to(DEMO_ROOT))
        for p in files
        if not any(fnmatch.fnmatch(p.name, pattern) for pattern in patterns)
    ]
    assert unshipped == []
