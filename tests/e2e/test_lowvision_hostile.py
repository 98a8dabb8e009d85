"""The low-vision battery on a hostile page and hostile documents: every check ends with a
status within its time, nothing crashes, the page stays usable; OCR falls back gracefully."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from support.routes import hang, respond

from tester.artifacts import RunDir
from tester.browser import Scope, load
from tester.checks.lowvision import images_of_text, ocr
from tester.demo import SiteServer
from tester.env import PageEnv
from tester.registry import page_check_specs

pytestmark = pytest.mark.e2e
LOWVISION_CHECKS = page_check_specs("lowvision")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lowvision"


def huge_pdf(request: BaseHTTPRequestHandler) -> None:
    """Announces 60 MB: the check must not download it."""
    request.send_response(200)
    request.send_header("Content-Type", "application/pdf")
    request.send_header("Content-Length", str(60 * 1024 * 1024))
    request.end_headers()
    if request.command != "HEAD":
        request.wfile.write(b"%PDF-1.4\n" + b"0" * 1024)


ROUTES = {
    "/hang.pdf": hang(30),
    "/hang.png": hang(30),
    "/huge.pdf": huge_pdf,
    "/fake.pdf": respond("<html>not a pdf</html>"),
}


@pytest.fixture(scope="module")
def hostile_server():
    with SiteServer(FIXTURES, routes=ROUTES) as server:
        yield server


async def _battery(session: Any, url: str, settings: Any, root: Path) -> dict[str, Any]:
    scope = Scope.for_url(url)
    out: dict[str, Any] = {"results": {}, "seconds": {}}
    async with session.context(scope) as (context, log):
        page = await context.new_page()
        assert (await load(page, url, settings)).ok
        env = PageEnv(
            page=page,
            context=context,
            url=url,
            scope=scope,
            settings=settings,
            run_dir=RunDir(root),
        )
        for check in LOWVISION_CHECKS:
            started = time.monotonic()
            out["results"][check.id] = check.audit(await check.gather(env))
            out["seconds"][check.id] = time.monotonic() - started
        out["alive"] = await page.evaluate("() => 1 + 1")
        out["viewport"] = page.viewport_size
        out["dialogs"] = list(log.dialogs)
    return out


def test_hostile_page_ends_with_statuses(
    browser_thread: Any, hostile_server: SiteServer, test_settings: Any, tmp_path: Path
) -> None:
    url = hostile_server.url_for("hostile-page.html")
    started = time.monotonic()
    out = browser_thread.run(lambda s: _battery(s, url, test_settings, tmp_path), timeout=180)
    elapsed = time.monotonic() - started
    assert out["alive"] == 2 and out["viewport"] == {
        "width": test_settings.viewport_width,
        "height": test_settings.viewport_height,
    }
    statuses = {cid: r.status for cid, r in out["results"].items()}
    assert set(statuses) == {c.id for c in LOWVISION_CHECKS}
    assert all(s in ("passed", "failed", "skipped", "error") for s in statuses.values()), statuses
    assert statuses["small-text"] == "failed"  # 20 000 words at 9 px
    focus = out["results"]["focus-visible"]
    assert focus.status in ("passed", "failed") and not focus.data["keyboard_trap"]
    documents = out["results"]["images-of-text"].data["pdfs"]
    assert documents == {
        "hang.pdf": "unavailable",
        "huge.pdf": "unavailable",
        "fake.pdf": "not-pdf",
    }
    assert elapsed < 90, out["seconds"]


def test_images_check_without_tesseract(
    browser_thread: Any,
    hostile_server: SiteServer,
    test_settings: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)

    async def run(session: Any, name: str) -> Any:
        url = hostile_server.url_for(name)
        scope = Scope.for_url(url)
        async with session.context(scope) as (context, _log):
            page = await context.new_page()
            await load(page, url, test_settings)
            env = PageEnv(
                page=page,
                context=context,
                url=url,
                scope=scope,
                settings=test_settings,
                run_dir=RunDir(tmp_path),
            )
            return images_of_text.audit(await images_of_text.gather(env))

    banner = browser_thread.run(lambda s: run(s, "images-banner-text.html"), timeout=60)
    assert banner.status == "skipped" and "tesseract" in banner.message
    scan = browser_thread.run(lambda s: run(s, "images-scanned-pdf.html"), timeout=60)
    assert scan.status == "failed" and scan.findings[0].selector == "#doc-scan"
