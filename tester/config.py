"""Settings: built-in defaults < playwright.config.toml < ASHYQ_* env < CLI flags."""

from __future__ import annotations

import ipaddress
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tester.urlnorm import ascii_host

ALL_TASKS = [
    "find-contacts",
    "find-appeal-procedure",
    "switch-to-kazakh",
    "find-low-vision-version",
    "find-sitemap",
    "site-search",
]
CHECK_DEPTHS = ("axe", "lowvision", "all", "none")
CONFIG_FILE = "playwright.config.toml"


class ConfigError(ValueError):
    """A setting is wrong; the message is shown to the user as one line."""


@dataclass(frozen=True)
class Settings:
    executable_path: str = ""
    headless: bool = True
    viewport_width: int = 1280
    viewport_height: int = 800
    locale: str = "ru-RU"
    timezone: str = "Asia/Almaty"
    navigation_timeout_ms: int = 20_000
    action_timeout_ms: int = 5_000
    axe_timeout_ms: int = 60_000
    page_budget_s: float = 120.0
    # Seconds a page's renderer has to answer a trivial script whenever the tool is about to do
    # expensive work (after load, before the screenshot, axe and each check). A page that does
    # not (a script that never yields, an SVG <use> bomb) is recorded as "unresponsive" and
    # closed, instead of costing the whole page budget.
    unresponsive_probe_s: float = 5.0
    task_budget_s: float = 90.0
    click_budget: int = 12
    max_pages: int = 20
    checks: str = "all"
    tasks: tuple[str, ...] = tuple(ALL_TASKS)
    report_language: str = "en"
    search_term: str = ""
    lexicon: tuple[str, ...] = ()  # extra YAML term files, same shape as tester/lexicon/terms.yaml
    # HOST=IP pairs, like curl's --resolve: the browser and the tool's own requests reach HOST at
    # IP (audit a staging server under its production name, or a Cyrillic host locally).
    resolve: tuple[str, ...] = ()
    # The tool's own requests may reach private addresses (10/8, 172.16/12, 192.168/16, fc00::/7,
    # 100.64/10). Link-local and cloud-metadata addresses are refused whatever this says.
    allow_private: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def validate(self) -> Settings:
        if self.checks not in CHECK_DEPTHS:
            raise ConfigError(
                f"checks must be one of {', '.join(CHECK_DEPTHS)}, not {self.checks!r}"
            )
        unknown = [t for t in self.tasks if t not in ALL_TASKS]
        if unknown:
            raise ConfigError(
                f"unknown task(s) {', '.join(unknown)}; known: {', '.join(ALL_TASKS)}"
            )
        if self.report_language not in ("en", "ru", "kk"):
            raise ConfigError("report language must be en, ru or kk")
        missing = [p for p in self.lexicon if not Path(p).expanduser().is_file()]
        if missing:
            raise ConfigError(f"lexicon file not found: {missing[0]}")
        if self.unresponsive_probe_s <= 0:
            raise ConfigError("unresponsive_probe_s must be positive")
        for name in ("navigation_timeout_ms", "action_timeout_ms", "click_budget", "max_pages"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be positive")
        self.resolve_map()
        return self

    def resolve_map(self) -> dict[str, str]:
        """`resolve` as {ASCII host: IP}; a ConfigError names the first malformed entry."""
        mapping: dict[str, str] = {}
        for entry in self.resolve:
            host, sep, ip = entry.partition("=")
            try:
                address = str(ipaddress.ip_address(ip.strip().strip("[]")))
            except ValueError:
                address = ""
            key = ascii_host(host)
            if not sep or not key or not address or "*" in host:
                raise ConfigError(f"resolve: {entry!r} is not HOST=IP (for example "
                                  "акимат.қаз=127.0.0.1)")
            mapping[key] = address
        return mapping

    def with_overrides(self, **values: Any) -> Settings:
        """Return a copy with the given non-None values applied."""
        clean = {k: v for k, v in values.items() if v is not None}
        for key in ("tasks", "lexicon", "resolve"):
            if key in clean:
                clean[key] = tuple(clean[key])
        return replace(self, **clean).validate()

    def public(self) -> dict[str, Any]:
        """Settings as recorded in result.json."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}
        out["tasks"] = list(self.tasks)
        out["lexicon"] = list(self.lexicon)
        out["resolve"] = list(self.resolve)
        return out


_FIELD_TYPES = {f.name: f.type for f in fields(Settings)}


def _coerce(name: str, raw: Any) -> Any:
    kind = str(_FIELD_TYPES[name])
    try:
        if kind == "bool":
            if isinstance(raw, str):
                return raw.strip().lower() in ("1", "true", "yes", "on")
            return bool(raw)
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind.startswith("tuple"):
            items = raw.split(",") if isinstance(raw, str) else raw
            return tuple(str(i).strip() for i in items if str(i).strip())
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}: cannot read {raw!r}") from exc
    return str(raw)


def find_config_file(start: Path | None = None) -> Path | None:
    """The nearest playwright.config.toml from `start` (cwd) upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
    return None


def load_settings(config_path: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    path = config_path or find_config_file()
    if config_path is not None and not config_path.is_file():
        raise ConfigError(f"config file not found: {config_path}")
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        for section in data.values():
            if not isinstance(section, dict):
                continue
            for key, raw in section.items():
                if key in _FIELD_TYPES and key != "extra":
                    values[key] = _coerce(key, raw)
    for key in _FIELD_TYPES:
        env_key = f"ASHYQ_{key.upper()}"
        if key != "extra" and env_key in env:
            values[key] = _coerce(key, env[env_key])
    return Settings(**values).validate()
