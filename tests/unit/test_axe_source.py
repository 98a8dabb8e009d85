"""`axe_source`: a local axe-core file, or a version from an npm registry (a fake one on
127.0.0.1, built here) whose sha512 integrity must match, cached for offline runs."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tester.checks.axe import axe_version
from tester.checks.axe_source import (
    AxeSourceError,
    bundled_script,
    load_axe_script,
    script_version,
)
from tester.cli import EXIT_TOOL, main

TEST_VERSION = "4.99.0-test"


def axe_with_version(version: str) -> str:
    """The bundled axe-core with its version literal changed (the header comment is kept)."""
    source = bundled_script().source
    literal = f'axe.version="{axe_version()}"'
    assert source.count(literal) == 1
    return source.replace(literal, f'axe.version="{version}"')


def tarball_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def integrity_of(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


class FakeRegistry:
    """An npm registry holding axe-core versions: metadata at /axe-core/V, tarballs at
    /axe-core/-/axe-core-V.tgz; `requests` lists the paths asked for."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.requests: list[str] = []
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                registry.requests.append(self.path)
                body = registry.files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.end_headers()
                self.wfile.write(body or b"{}")

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def publish(self, version: str, axe_text: str, integrity: str | None = None,
                latest: bool = False, locales: dict[str, str] | None = None) -> None:
        tarball = tarball_of({"package/package.json": "{}", "package/axe.min.js": axe_text,
                              **{f"package/locales/{name}": text
                                 for name, text in (locales or {}).items()}})
        meta = {"name": "axe-core", "version": version,
                "dist": {"integrity": integrity or integrity_of(tarball),
                         "tarball": f"{self.url}/axe-core/-/axe-core-{version}.tgz"}}
        self.files[f"/axe-core/{version}"] = json.dumps(meta).encode()
        self.files[f"/axe-core/-/axe-core-{version}.tgz"] = tarball
        if latest:
            self.files["/axe-core/latest"] = json.dumps(meta).encode()


@pytest.fixture
def registry() -> Iterator[FakeRegistry]:
    fake = FakeRegistry()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "cache")}


def test_a_local_file_is_used_with_the_version_it_sets(tmp_path: Path) -> None:
    copy = tmp_path / "axe.min.js"
    copy.write_text(axe_with_version(TEST_VERSION), encoding="utf-8")
    script = load_axe_script(str(copy))
    assert (script.version, script.origin) == (TEST_VERSION, f"file:{copy}")
    assert load_axe_script("").origin == "bundled"
    assert script_version("axe.version = '4.10.2';") == "4.10.2"  # axe.js, not minified


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read"),
    ("console.log('not axe')", "is not axe-core"),
    (b"\xff\xfe\x00binary", "not UTF-8"),
])
def test_a_file_that_is_not_axe_core_is_refused(
    tmp_path: Path, content: str | bytes | None, message: str
) -> None:
    path = tmp_path / "axe.min.js"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(AxeSourceError, match=message):
        load_axe_script(str(path))


def test_a_version_is_fetched_once_checked_and_cached(
    registry: FakeRegistry, env: dict[str, str], tmp_path: Path
) -> None:
    registry.publish("4.98.0", axe_with_version("4.98.0"))
    script = load_axe_script("4.98.0", env, registry.url)
    assert (script.version, script.origin) == ("4.98.0", "npm:axe-core@4.98.0")
    cached = tmp_path / "cache" / "ashyq" / "axe" / "4.98.0" / "axe.min.js"
    assert cached.read_text(encoding="utf-8") == script.source
    assert registry.requests == ["/axe-core/4.98.0", "/axe-core/-/axe-core-4.98.0.tgz"]
    # Offline: the registry is gone, the cache answers.
    offline = load_axe_script("4.98.0", env, "http://127.0.0.1:9")
    assert offline == script


def test_a_registry_address_is_no_part_of_the_result() -> None:
    from tester.config import Settings

    settings = Settings(npm_registry="https://user:s3cret@npm.example.kz", axe_source="4.10.2")
    assert "s3cret" not in str(settings.public())
    assert settings.public()["axe_source"] == "4.10.2"


def test_the_registry_comes_from_npm_config_registry(
    registry: FakeRegistry, env: dict[str, str]
) -> None:
    registry.publish("4.98.1", axe_with_version("4.98.1"))
    script = load_axe_script("4.98.1", {**env, "npm_config_registry": registry.url + "/"})
    assert script.version == "4.98.1" and registry.requests


def test_latest_asks_the_registry(registry: FakeRegistry, env: dict[str, str]) -> None:
    registry.publish("4.98.2", axe_with_version("4.98.2"), latest=True)
    assert load_axe_script("latest", env, registry.url).version == "4.98.2"
    # Offline, latest is the newest version in the cache.
    assert load_axe_script("latest", env, "http://127.0.0.1:9").version == "4.98.2"


def test_a_tarball_that_does_not_match_its_integrity_is_refused(
    registry: FakeRegistry, env: dict[str, str], tmp_path: Path
) -> None:
    other = tarball_of({"package/axe.min.js": axe_with_version("4.97.0") + "/* changed */"})
    registry.publish("4.97.0", axe_with_version("4.97.0"), integrity=integrity_of(other))
    with pytest.raises(AxeSourceError, match="does not match the registry's integrity"):
        load_axe_script("4.97.0", env, registry.url)
    assert not (tmp_path / "cache" / "ashyq" / "axe" / "4.97.0").exists()  # nothing cached


@pytest.mark.parametrize(("setup", "message"), [
    ("missing", "was not found"),
    ("no-integrity", "no sha512 integrity"),
    ("wrong-version", "sets axe.version '4.12.0-other'"),
])
def test_a_version_the_registry_cannot_give_is_refused(
    registry: FakeRegistry, env: dict[str, str], setup: str, message: str
) -> None:
    if setup == "no-integrity":
        registry.publish("4.96.0", axe_with_version("4.96.0"), integrity="sha1-abc")
    if setup == "wrong-version":
        registry.publish("4.96.0", axe_with_version("4.12.0-other"))
    with pytest.raises(AxeSourceError, match=message):
        load_axe_script("4.96.0", env, registry.url)


def test_the_cli_refuses_a_bad_axe_source_in_one_line_naming_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    not_axe = tmp_path / "notes.js"
    not_axe.write_text("var x = 1;", encoding="utf-8")
    assert main(["check", "http://127.0.0.1:1/", "--axe-source", str(not_axe)]) == EXIT_TOOL
    assert capsys.readouterr().err.strip().splitlines() == [
        f"ashyq: error: --axe-source: {not_axe} is not axe-core (it sets no axe.version)"]
    monkeypatch.setenv("ASHYQ_AXE_SOURCE", str(tmp_path / "gone.js"))
    assert main(["check", "http://127.0.0.1:1/"]) == EXIT_TOOL
    assert capsys.readouterr().err.startswith("ashyq: error: ASHYQ_AXE_SOURCE: cannot read")


def test_reports_name_the_axe_core_and_where_it_came_from() -> None:
    from tester.model import RunResult, ToolInfo
    from tester.report.html import render_html
    from tester.report.markdown import render_markdown

    fetched = RunResult(tool=ToolInfo(axe_version="4.10.2", axe_source="npm:axe-core@4.10.2"))
    html = render_html(fetched, "ru")
    assert "реестр npm, axe-core@4.10.2" in html
    assert "Проверено с помощью axe-core 4.10.2." in html
    assert "axe-core 4.10.2" in render_markdown(fetched, "kk")
    older = RunResult(tool=ToolInfo(axe_version="4.10.2"))  # written before axe_source existed
    assert "Источник axe-core" not in render_html(older, "ru")
    facts = [line for line in render_markdown(RunResult(), "en").splitlines() if " · " in line]
    assert facts and "axe-core" not in facts[0]  # no version known, none said


def test_a_fetched_version_brings_axe_cores_own_translations_to_the_report(
    registry: FakeRegistry, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tester.report import axe_locale

    help_ru = "У изображений должен быть alt"
    ru = json.dumps({"lang": "ru", "rules": {"image-alt": {"help": help_ru}}})
    registry.publish(TEST_VERSION, axe_with_version(TEST_VERSION),
                     locales={"ru.json": ru, "../evil.json": "{}", "notes.txt": "x"})
    load_axe_script(TEST_VERSION, env, registry.url)
    folder = Path(env["XDG_CACHE_HOME"]) / "ashyq" / "axe" / TEST_VERSION / "locales"
    assert sorted(p.name for p in folder.iterdir()) == ["ru.json"]  # nothing else, no ../
    monkeypatch.delenv(axe_locale.ENV_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", env["XDG_CACHE_HOME"])
    axe_locale._rules.cache_clear()
    assert axe_locale.rule_help("image-alt", "ru") == help_ru
    assert axe_locale.rule_help("image-alt", "kk") is None  # axe-core has no kk locale
