"""`ashyq baseline save|accept` and `ashyq diff` as a user runs them: real processes on saved
result files (no browser needed), exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tester.model import Finding, RunResult

pytestmark = pytest.mark.e2e
GOLDEN = Path(__file__).parents[1] / "golden" / "result.json"


def ashyq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tester", *args], capture_output=True,
                          text=True, timeout=120)  # fmt: skip


@pytest.fixture
def later(tmp_path: Path) -> Path:
    """The golden run after a deploy: one finding fixed, a critical one added."""
    result = RunResult.from_json(GOLDEN.read_text(encoding="utf-8"))
    page = result.sites[0].pages[0]
    page.findings.pop(0)
    page.findings.append(Finding(rule="button-name", source="axe", impact="critical",
                                 selector="#send", snippet='<button id="send"></button>'))
    path = tmp_path / "later" / "result.json"
    path.parent.mkdir()
    path.write_text(result.to_json(), encoding="utf-8")
    return path


def test_save_accept_and_save_again_keeps_acceptances(tmp_path: Path) -> None:
    out = tmp_path / "ashyq-baseline.json"
    done = ashyq("baseline", "save", "--from", str(GOLDEN.parent), "--out", str(out))
    assert done.returncode == 0, done.stderr
    saved = json.loads(out.read_text(encoding="utf-8"))
    fingerprint = saved["findings"][0]["fingerprint"]

    done = ashyq("baseline", "accept", fingerprint, "--baseline", str(out),
                 "--reason", "vendor widget, fix ordered", "--expires", "2027-03-31")
    assert done.returncode == 0, done.stderr
    accepted = json.loads(out.read_text(encoding="utf-8"))["accepted"]
    assert accepted == [{"fingerprint": fingerprint, "reason": "vendor widget, fix ordered",
                         "expires": "2027-03-31", "rule": saved["findings"][0]["rule"],
                         "page": saved["findings"][0]["page"]}]

    assert ashyq("baseline", "save", "--from", str(GOLDEN), "--out", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["accepted"] == accepted


@pytest.mark.parametrize("args", [
    ("baseline", "save", "--from", "/nonexistent/result.json"),
    ("baseline", "accept", "0" * 32, "--baseline", str(GOLDEN), "--reason", "r",
     "--expires", "2027-01-01"),  # a result, not a baseline
    ("baseline", "accept", "x", "--reason", "r", "--expires", "next week"),
    ("check", "http://127.0.0.1:9/", "--baseline", "/nonexistent/baseline.json"),
    ("diff", str(GOLDEN), "/nonexistent/result.json"),
    ("diff", str(GOLDEN), str(GOLDEN), "--fail-on", "new:everything"),
])
def test_errors_are_one_line_and_exit_1(args: tuple[str, ...]) -> None:
    done = ashyq(*args)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(("ashyq: error:", "ashyq baseline"))


def test_unknown_fingerprint_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    assert ashyq("baseline", "save", "--from", str(GOLDEN), "--out", str(out)).returncode == 0
    done = ashyq("baseline", "accept", "f" * 32, "--baseline", str(out), "--reason", "r",
                 "--expires", "2027-01-01")
    assert done.returncode == 1 and "holds no finding" in done.stderr


def test_diff_prints_markdown_writes_json_and_fails_on_regressions(
    tmp_path: Path, later: Path
) -> None:
    done = ashyq("diff", str(GOLDEN), str(later), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("## ashyq: what changed") and "button-name" in done.stdout

    done = ashyq("diff", str(GOLDEN), str(later.parent), "--out", str(tmp_path / "d"),
                 "--fail-on", "new:critical")
    assert done.returncode == 2 and "1 new violation at" in done.stderr
    data = json.loads((tmp_path / "d" / "diff.json").read_text(encoding="utf-8"))
    assert data["totals"]["new"] == 1 and data["totals"]["fixed"] == 1
    assert (tmp_path / "d" / "diff.md").read_text(encoding="utf-8").startswith("## ")

    # The other way round, the button is fixed and the image finding is back.
    done = ashyq("diff", str(later), str(GOLDEN), "--out", str(tmp_path / "r"))
    assert done.returncode == 0, done.stderr
    back = json.loads((tmp_path / "r" / "diff.json").read_text(encoding="utf-8"))["pages"][0]
    assert [f["rule"] for f in back["fixed"]] == ["button-name"]
    assert [f["rule"] for f in back["new"]] == ["image-alt"]
    # Nothing new, nothing to fail on.
    same = ashyq("diff", str(GOLDEN), str(GOLDEN), "--fail-on", "new:minor,new:task")
    assert same.returncode == 0, same.stderr


def test_diff_by_recorded_run_ids(tmp_path: Path, later: Path) -> None:
    db = tmp_path / "history.sqlite"
    done = ashyq("db", "import", str(GOLDEN), str(later), "--db", str(db))
    assert done.returncode == 0, done.stderr
    done = ashyq("diff", "1", "2", "--db", str(db), "--out", str(tmp_path / "d"))
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "d" / "diff.json").read_text(encoding="utf-8"))
    assert (data["totals"]["new"], data["totals"]["fixed"]) == (1, 1)
    done = ashyq("diff", "1", "99", "--db", str(db))
    assert done.returncode == 1 and "no recorded run" in done.stderr
    # A baseline saved from a recorded run is the one saved from its result file.
    from_db, from_file = tmp_path / "db.json", tmp_path / "file.json"
    assert ashyq("baseline", "save", "--from", "golden", "--db", str(db),
                 "--out", str(from_db)).returncode == 0
    assert ashyq("baseline", "save", "--from", str(GOLDEN), "--out", str(from_file)).returncode == 0
    assert from_db.read_text(encoding="utf-8") == from_file.read_text(encoding="utf-8")
