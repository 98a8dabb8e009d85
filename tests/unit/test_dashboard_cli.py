"""`ashyq dashboard` as a user runs it: a separate process, a real SQLite history."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.history_runs import make_result, one_line_error, write_run_folder

from tester.history import database_url, open_history, record_run

ROOT = Path(__file__).resolve().parents[2]


def ashyq(*args: str, cwd: Path, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ASHYQ_")}
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "tester", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd, env={**environment, **(env or {})})


def test_a_missing_or_empty_history_is_one_line_and_exit_1(tmp_path: Path) -> None:
    missing = ashyq("dashboard", "--db", str(tmp_path / "none.sqlite"), "--out", "d",
                    cwd=tmp_path)
    assert missing.returncode == 1
    assert "history database" in one_line_error(missing.stderr)
    assert not (tmp_path / "none.sqlite").exists() and not (tmp_path / "d").exists()
    empty_url = database_url("", tmp_path / "empty")
    open_history(empty_url).close()
    empty = ashyq("dashboard", "--out", "d", cwd=tmp_path, env={"ASHYQ_DB": empty_url})
    assert empty.returncode == 1
    assert "no recorded runs in" in one_line_error(empty.stderr)


def test_the_dashboard_is_written_in_three_languages_from_the_default_history(
        tmp_path: Path) -> None:
    reports = tmp_path / "reports"  # where `ashyq run` keeps its folders and history.sqlite
    history = open_history(database_url("", reports))
    try:
        for index in range(2):
            result = make_result(index, sites=2, pages=1, findings=1)
            folder = write_run_folder(reports, f"run-{index}", result).parent
            if index == 1:
                (folder / "index.html").write_text("report", encoding="utf-8")
            record_run(history, result, folder.name, folder)
    finally:
        history.close()
    done = ashyq("dashboard", "--out", "site", "--lang", "kk", "--today", "2026-04-01",
                 cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    front = tmp_path / "site" / "index.html"
    assert done.stdout.strip() == str(front.resolve())
    assert '<html lang="kk">' in front.read_text(encoding="utf-8")
    assert 'href="kk/sites/' in front.read_text(encoding="utf-8")
    for language in ("kk", "ru", "en"):
        pages = sorted((tmp_path / "site" / language / "sites").glob("*.html"))
        assert len(pages) == 2
        text = pages[0].read_text(encoding="utf-8")
        assert f'<html lang="{language}">' in text
        # the kept report is linked relatively; the run whose report is gone is plain text
        assert 'href="../../../reports/run-1/index.html"' in text
        assert 'href="../../../reports/run-0/' not in text and "run-0" in text
    assert {p.name for p in (tmp_path / "site" / "assets").iterdir()} == {
        "report.css", "dashboard.css", "dashboard.js"}
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    blocked = ashyq("dashboard", "--out", "a-file", cwd=tmp_path)
    assert blocked.returncode == 1
    assert "cannot write to a-file" in one_line_error(blocked.stderr)
