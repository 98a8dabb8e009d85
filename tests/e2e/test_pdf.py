"""Printing to PDF through real Chromium (tester/browser/pdf.py, `ashyq report --format pdf`).

A real report (the demo golden, in Kazakh) prints to a tagged, paginated A4 PDF whose text holds
its headings; a page that reaches for the network prints without one request leaving (a real
listener on 127.0.0.1 that would hang any request counts the connections); a missing file, a
page that never loads and a missing Chromium each give one line, not a traceback or a hang.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tester.browser import pdf as pdf_module
from tester.browser.pdf import PdfError, print_to_pdf
from tester.config import Settings
from tester.i18n import Translator
from tester.report import load_result, write_report

pytestmark = pytest.mark.e2e

DEMO = Path(__file__).resolve().parents[1] / "golden" / "demo"
KK_TITLE = "Сайттың қолжетімділігі мен ыңғайлылығы туралы есеп"  # the report's h1 in kk


def pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout


def page_count(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


@pytest.fixture(scope="module")
def printed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    out = tmp_path_factory.mktemp("pdf-report")
    write_report(load_result(DEMO / "result.json"), out, "kk", formats=["html"])
    shutil.copytree(DEMO / "screenshots", out / "screenshots")
    started = time.monotonic()
    (pdf,) = print_to_pdf([out / "index.html"], Settings())
    return pdf, time.monotonic() - started


def test_a_real_report_prints_to_a_paginated_pdf(printed_report: tuple[Path, float]) -> None:
    pdf, seconds = printed_report
    print(f"one report printed in {seconds:.2f} s (Chromium launch included)")
    assert pdf.name == "index.pdf" and pdf.read_bytes().startswith(b"%PDF-")
    pages = page_count(pdf)
    assert pages > 3
    text = pdf_text(pdf)
    assert KK_TITLE in text
    assert "Азаматтың міндеттері" in text  # a section heading, in Kazakh
    assert "Байланыс деректерін табу" in text  # a task, from a folded card: printed in full
    assert f"1 / {pages}" in text  # the footer numbers the pages
    assert "dequeuniversity.com/rules/axe" in text  # the help link's target is printed
    # Left off paper: a check's folded raw data and the "show all N" toggles (what they fold
    # is printed in full). Both are in the HTML.
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    kk = Translator("kk")
    for label in (kk("check.data"), kk("finding.show_all", count=11)):
        assert f"<summary>{label}</summary>" in html and label not in text


class HangingListener:
    """Accepts connections on 127.0.0.1 and never answers: a request that got out would hang
    the page's load; counts who connected."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(conn)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        for conn in self.connections:
            conn.close()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[HangingListener]:
    server = HangingListener()
    yield server
    server.close()


def reaching_page(folder: Path, port: int) -> Path:
    base = f"http://127.0.0.1:{port}"
    page = folder / "reaching.html"
    page.write_text(
        f'<!doctype html><html lang="en"><title>out</title>'
        f'<link rel="preconnect" href="{base}"><link rel="stylesheet" href="{base}/style.css">'
        f"<p>Kept local.</p>"
        f'<img src="{base}/pixel.png" alt=""><iframe src="{base}/frame"></iframe>'
        f'<img src="https://example.com/logo.png" alt="">'
        f"<script>alert('printing'); fetch('{base}/beacon');"
        f"new WebSocket('ws://127.0.0.1:{port}/socket');</script>",
        encoding="utf-8",
    )
    return page


def test_a_page_reaching_out_makes_no_request_and_does_not_hang(
    tmp_path: Path, listener: HangingListener, caplog: pytest.LogCaptureFixture
) -> None:
    base = f"http://127.0.0.1:{listener.port}"
    caplog.set_level(logging.INFO, logger="ashyq.pdf")
    started = time.monotonic()
    (pdf,) = print_to_pdf([reaching_page(tmp_path, listener.port)],
                          Settings(navigation_timeout_ms=8_000))
    elapsed = time.monotonic() - started

    assert pdf.read_bytes().startswith(b"%PDF-") and "Kept local." in pdf_text(pdf)
    assert elapsed < 8, elapsed  # the alert was dismissed and nothing waited on the listener
    blocked = {r.getMessage() for r in caplog.records if r.getMessage().startswith("blocked ")}
    assert {f"blocked {base}/style.css", f"blocked {base}/pixel.png",
            f"blocked ws://127.0.0.1:{listener.port}/socket",
            "blocked https://example.com/logo.png"} <= blocked
    # The route saw and aborted each request (logged above). Chromium still opens a bare TCP
    # connection (no bytes) to an iframe's origin before the route is asked; the second guard,
    # no host name (IP literals included) resolving, stops that one.
    time.sleep(0.3)
    assert listener.connections == []  # nothing reached the listener, not even a preconnect


def test_without_the_guards_the_listener_is_reached_and_the_hang_is_one_error(
    tmp_path: Path, listener: HangingListener, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case that must fail: with neither guard, the same page reaches the listener, its
    load waits on it, and the page's time limit turns that into one PdfError line."""
    async def plain_context(browser):  # no route at all
        return await browser.new_context()

    monkeypatch.setattr(pdf_module, "NO_NAMES_RESOLVE", "--disable-sync")
    monkeypatch.setattr(pdf_module, "_guarded_context", plain_context)
    page = reaching_page(tmp_path, listener.port)
    with pytest.raises(PdfError) as error:
        print_to_pdf([page], Settings(navigation_timeout_ms=2_000))
    assert str(error.value) == f"{page}: not printed (Page.goto: Timeout 2000ms exceeded.)"
    assert listener.connections  # the listener does see what gets out


def test_missing_or_unloadable_input_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="no such file to print"):
        print_to_pdf([tmp_path / "absent.html"], Settings())
    (tmp_path / "done.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(PdfError, match="already a PDF"):  # would print over its own input
        print_to_pdf([tmp_path / "done.pdf"], Settings())
    busy = tmp_path / "busy.html"
    busy.write_text("<!doctype html><title>x</title><script>while (true) {}</script>",
                    encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(PdfError) as error:
        print_to_pdf([busy], Settings(navigation_timeout_ms=1_500))
    assert time.monotonic() - started < 30
    assert str(error.value).startswith(f"{busy}: not printed (") and "\n" not in str(error.value)
    assert not busy.with_suffix(".pdf").exists()  # no half-written PDF left behind


def ashyq(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tester", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_report_command_prints_report_pdf(tmp_path: Path) -> None:
    run = tmp_path / "run"
    shutil.copytree(DEMO, run)
    done = ashyq("report", str(run), "--format", "pdf", "--lang", "en")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == [str((run / "report.pdf").resolve())]
    assert (run / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert (run / "index.html").is_file() and not (run / "index.pdf").exists()
    assert not (run / "results.sarif").exists()  # only what was asked for (and the HTML)

    env = {**os.environ, "ASHYQ_EXECUTABLE_PATH": str(tmp_path / "no-chromium")}
    failed = ashyq("report", str(run), "--format", "html,pdf", "--out", str(tmp_path / "o"),
                   env=env)
    assert failed.returncode == 1
    assert failed.stderr.strip().splitlines() == [
        f"ashyq: error: PDF not written: executable_path {tmp_path / 'no-chromium'} does not exist"
    ]
    assert (tmp_path / "o" / "index.html").is_file()  # the pure renders are written first

    unknown = ashyq("report", str(run), "--format", "html,docx")
    assert unknown.returncode == 1 and "unknown format 'docx'" in unknown.stderr
    assert "pdf" in unknown.stderr and "Traceback" not in unknown.stderr


def test_an_audit_with_pdf_among_its_formats_prints_its_report(demo_site, tmp_path: Path) -> None:
    out = tmp_path / "run"
    done = ashyq("check", demo_site.url, "--checks", "none", "--formats", "sarif,pdf",
                 "--no-db", "--out", str(out), "--quiet")
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        "index.html", "report.pdf", "result.json", "results.sarif"]  # html: printed from it
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF-")
