"""Which axe-core the audit injects: the one bundled with axe-playwright-python, a local file, or a
version fetched once from the npm registry (its sha512 integrity checked) and cached.

Setting `axe_source` (--axe-source, ASHYQ_AXE_SOURCE): empty for the bundled axe-core; a path to
an `axe.min.js` or `axe.js`; or a version (`4.10.2`, `latest`). A fetched version is kept under
$XDG_CACHE_HOME/ashyq/axe/VERSION/axe.min.js, so later runs need no network. Whatever the source,
the text must set `axe.version`: that version is the one the isolated world must report back
(tester.checks.axe), so a page still cannot pass off its own axe.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tester.axe_cache import cache_root, version_key

BUNDLED = "bundled"  # ToolInfo.axe_source of the axe-core shipped by axe-playwright-python
DEFAULT_REGISTRY = "https://registry.npmjs.org"
PACKAGE = "axe-core"
TARBALL_MEMBER = "package/axe.min.js"
LOCALES_MEMBER = "package/locales/"
LOCALE_NAME = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?\.json")  # ru.json, pt_BR.json
MAX_LOCALE_BYTES = 2_000_000
MAX_TARBALL_BYTES = 20_000_000  # axe-core's tarball is about 1.5 MB
FETCH_TIMEOUT_S = 60.0
VERSION_SPEC = re.compile(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?")
# `axe.version="4.12.1"` in axe.min.js, `axe.version = '4.10.2';` in axe.js.
_VERSION_LITERAL = re.compile(r"""axe\.version\s*=\s*["']([^"'\s]{1,64})["']""")


class AxeSourceError(ValueError):
    """The axe-core source cannot be used; one line, naming what is wrong with it."""


@dataclass(frozen=True)
class AxeScript:
    source: str  # the JavaScript injected into the isolated world
    version: str  # what `axe.version` must read there
    origin: str  # "bundled", "file:/abs/path" or "npm:axe-core@VERSION" (tool.axe_source)


def is_version_spec(spec: str) -> bool:
    return spec == "latest" or VERSION_SPEC.fullmatch(spec) is not None


def script_version(text: str) -> str | None:
    """The version an axe-core source sets (`axe.version = "…"`), None when it sets none."""
    match = _VERSION_LITERAL.search(text)
    return match.group(1) if match else None


def checked_script(text: str, origin: str, what: str) -> AxeScript:
    """`text` as an AxeScript, refused unless it is axe-core (sets axe.version, has axe.run)."""
    version = script_version(text)
    if version is None or "getRules" not in text:
        raise AxeSourceError(f"{what} is not axe-core (it sets no axe.version)")
    return AxeScript(text, version, origin)


@cache
def bundled_script() -> AxeScript:
    from axe_playwright_python.base import AXE_SCRIPT

    return checked_script(AXE_SCRIPT, BUNDLED, "the bundled axe-core")


@cache
def axe_script(spec: str = "", registry: str = "") -> AxeScript:
    """The axe-core the settings `axe_source` and `npm_registry` name, loaded once per process
    (AxeSourceError when it cannot be used: the CLI checks it before a run)."""
    return load_axe_script(spec, registry=registry)


def load_axe_script(spec: str, env: Mapping[str, str] | None = None,
                    registry: str = "") -> AxeScript:
    """The axe-core `spec` names (see the module's doc); AxeSourceError when it cannot be used.
    `registry`: the npm registry's base URL (empty: $npm_config_registry, else npmjs.org)."""
    spec = spec.strip()
    env = os.environ if env is None else env
    if not spec:
        return bundled_script()
    path = Path(spec).expanduser()
    if is_version_spec(spec) and not path.exists():
        base = (registry or env.get("npm_config_registry") or DEFAULT_REGISTRY).rstrip("/")
        return _npm_script(spec, base, cache_root(env))
    return _file_script(path.resolve())


def _file_script(path: Path) -> AxeScript:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AxeSourceError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise AxeSourceError(f"{path} is not axe-core (not UTF-8 text)") from None
    return checked_script(text, f"file:{path}", str(path))


def _npm_script(spec: str, registry: str, root: Path) -> AxeScript:
    """A version from the cache, else fetched; `latest` asks the registry which version it is
    and, when it cannot be reached, takes the newest cached one."""
    version = spec
    if spec == "latest":
        try:
            version = _metadata(registry, "latest")["version"]
        except AxeSourceError:
            cached = sorted(root.glob("*/axe.min.js"), key=lambda p: version_key(p.parent.name))
            if not cached:
                raise
            version = cached[-1].parent.name
        if not isinstance(version, str) or not VERSION_SPEC.fullmatch(version):
            raise AxeSourceError(f"the registry {registry} names no valid latest version")
    cached_file = root / version / "axe.min.js"
    origin = f"npm:{PACKAGE}@{version}"
    if cached_file.is_file():  # checked against its integrity before it was written
        return _expect_version(_file_script(cached_file), version, origin)
    text, locales = _fetch_verified(registry, version)
    script = _expect_version(checked_script(text, origin, f"{PACKAGE}@{version}"), version, origin)
    cached_file.parent.mkdir(parents=True, exist_ok=True)
    # axe-core's translations of its rule help (ru among them): the report reads them.
    (cached_file.parent / "locales").mkdir(exist_ok=True)
    for name, body in locales.items():
        (cached_file.parent / "locales" / name).write_bytes(body)
    partial = cached_file.with_suffix(".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(cached_file)  # whole or not at all: a run never reads half a file
    return script


def _expect_version(script: AxeScript, version: str, origin: str) -> AxeScript:
    if script.version != version:
        raise AxeSourceError(f"{PACKAGE}@{version} sets axe.version {script.version!r}")
    return AxeScript(script.source, script.version, origin)


def _get(url: str) -> bytes:
    import httpx

    try:
        with httpx.Client(timeout=FETCH_TIMEOUT_S, follow_redirects=True) as client:
            response = client.get(url)
    except httpx.HTTPError as exc:
        raise AxeSourceError(f"cannot reach {url}: {exc or type(exc).__name__}") from None
    if response.status_code == 404:
        raise AxeSourceError(f"{url} was not found (no such axe-core version?)")
    if response.status_code >= 400:
        raise AxeSourceError(f"{url} answered HTTP {response.status_code}")
    if len(response.content) > MAX_TARBALL_BYTES:
        raise AxeSourceError(f"{url} is larger than {MAX_TARBALL_BYTES} bytes")
    return response.content


def _metadata(registry: str, version: str) -> dict[str, object]:
    url = f"{registry}/{PACKAGE}/{version}"
    body = _get(url)
    try:
        data = json.loads(body)
    except ValueError:
        raise AxeSourceError(f"{url} is not the registry's JSON") from None
    if not isinstance(data, dict):
        raise AxeSourceError(f"{url} is not the registry's JSON")
    return data


def _fetch_verified(registry: str, version: str) -> tuple[str, dict[str, bytes]]:
    """axe.min.js and the locale files (name -> JSON bytes) from the version's tarball, whose
    sha512 must match the registry's `dist.integrity`."""
    dist = _metadata(registry, version).get("dist")
    integrity = dist.get("integrity") if isinstance(dist, dict) else None
    if not isinstance(integrity, str) or not integrity.startswith("sha512-"):
        raise AxeSourceError(f"the registry gives no sha512 integrity for {PACKAGE}@{version}")
    url = f"{registry}/{PACKAGE}/-/{PACKAGE}-{version}.tgz"
    tarball = _get(url)
    digest = base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")
    if f"sha512-{digest}" != integrity:
        raise AxeSourceError(f"{url} does not match the registry's integrity {integrity[:20]}…; "
                             "refused")
    try:
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            member = archive.getmember(TARBALL_MEMBER)
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is None:
                raise KeyError(TARBALL_MEMBER)
            script = handle.read().decode("utf-8")
            locales = {}
            for entry in archive.getmembers():
                name = entry.name.removeprefix(LOCALES_MEMBER)
                if (entry.name.startswith(LOCALES_MEMBER) and entry.isfile()
                        and LOCALE_NAME.fullmatch(name) and entry.size <= MAX_LOCALE_BYTES):
                    body = archive.extractfile(entry)
                    if body is not None:
                        locales[name] = body.read()
            return script, locales
    except (tarfile.TarError, KeyError, OSError, UnicodeDecodeError):
        raise AxeSourceError(f"{url} holds no readable {TARBALL_MEMBER}") from None
