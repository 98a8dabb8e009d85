"""Settings: built-in defaults < playwright.config.toml < ASHYQ_* env < CLI flags.

One typed model (pydantic): every core field carries its help text and constraints. Checks, tasks
and site gathering declare their own options (`tester.options.Option`, a module's `OPTIONS`); their
values live in `Settings.options`, validated against the declaration, and are read with
`settings.option(name)` (the declared default when unset). A key nobody declared, in the TOML file
(any section) or as an `ASHYQ_<NAME>` variable, is a ConfigError naming the nearest valid key.
Each value remembers where it came from (`sources()`, shown by `ashyq config`).
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from tester.options import Option
from tester.urlnorm import ascii_host
from tester.wcag import WcagLevel, WcagVersion

CheckDepth = Literal["axe", "lowvision", "all", "none"]
CHECK_DEPTHS: tuple[str, ...] = get_args(CheckDepth)
Language = Literal["en", "ru", "kk"]
CONFIG_FILE = "playwright.config.toml"
ENV_PREFIX = "ASHYQ_"
# ASHYQ_* variables that are not settings: read by scripts and tests, so not "unknown".
OTHER_ENV_VARS = {
    "ASHYQ_SETUP_INSTALL": "scripts/ensure-system.sh: auto | dry-run | never",
    "ASHYQ_SETUP_PRETEND_MISSING": "scripts/ensure-system.sh: packages to treat as missing",
    "ASHYQ_REPORT_SHOTS": "tests/e2e: keep report screenshots in this folder",
    "ASHYQ_AXE_LOCALES": "tester/report/axe_locale.py: folders of axe-core locale files",
}
# How a list is written in one environment variable: paths like PATH, everything else by commas.
ENV_LIST_SEPARATORS = {"lexicon": os.pathsep}


class ConfigError(ValueError):
    """A setting is wrong; the message is shown to the user as one line."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key  # the setting at fault, when known (the loader adds where it was set)


def task_ids() -> list[str]:
    """Every task id, in default order: the registry's (built-ins, then plugins)."""
    from tester.registry import task_ids as registry_task_ids

    return list(registry_task_ids())


# Options of the tool's shared stages, which no one check or task owns: owner id -> module.
STAGE_OPTIONS = {"site-gather": "tester.site.gather"}


def declared_options() -> dict[str, tuple[str, Option]]:
    """Every declared option: name -> (owner id, Option): the registry's, then the stages'."""
    import importlib

    from tester.registry import declared_options as registry_options

    options = registry_options()
    for owner, module in STAGE_OPTIONS.items():
        for option in importlib.import_module(module).OPTIONS:
            if option.name in options or option.name in CORE_KEYS:
                raise ConfigError(f"option {option.name!r} of {owner} is declared twice")
            options[option.name] = (owner, option)
    return options


def check_option_value(option: Option, raw: Any) -> Any:
    """`raw` read as the option's kind, within its minimum and choices; ConfigError otherwise."""
    try:
        value = _adapter(option.kind).validate_python(raw)
    except ValidationError as exc:
        kind = exc.errors()[0]["type"]
        words = next((w for k, w in _KIND_WORDS.items() if kind.startswith(k)), "valid")
        if kind.startswith("path"):
            words = "an existing file"
        raise ConfigError(f"{option.name} must be {words}, not {raw!r}", option.name) from None
    if option.minimum is not None and value < option.minimum:
        raise ConfigError(f"{option.name} must be at least {option.minimum:g}, not {raw!r}",
                          option.name)
    if option.choices and value not in option.choices:
        raise ConfigError(f"{option.name} must be one of {', '.join(option.choices)}, "
                          f"not {raw!r}", option.name)
    return value


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _adapter(kind: Any) -> TypeAdapter[Any]:
    """A validator for an option kind; a bare `tuple` means a tuple of strings."""
    key = tuple[str, ...] if kind is tuple else kind
    if key not in _ADAPTERS:
        _ADAPTERS[key] = TypeAdapter(key)
    return _ADAPTERS[key]


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    executable_path: str = Field("", description="Chromium binary; empty: Playwright's own "
                                 "Chromium if installed, else the system's chromium")
    browser_endpoint: str = Field("", description="connect to a running browser instead of "
                                  "launching one: http(s)://host:port or ws://…/devtools/browser/"
                                  "… (Chrome DevTools Protocol), other ws(s):// (a Playwright "
                                  "browser server)")
    headless: bool = Field(True, description="run the browser without a window (--headed shows it)")
    viewport_width: int = Field(1280, gt=0, description="browser viewport width, CSS px")
    viewport_height: int = Field(800, gt=0, description="browser viewport height, CSS px")
    locale: str = Field("ru-RU", description="browser locale (navigator.language, "
                        "Accept-Language)")
    timezone: str = Field("Asia/Almaty", description="browser time zone (IANA name)")
    navigation_timeout_ms: int = Field(20_000, gt=0, description="page load timeout, ms")
    action_timeout_ms: int = Field(5_000, gt=0, description="one click or keystroke, ms")
    axe_timeout_ms: int = Field(60_000, gt=0, description="axe-core on one page, ms")
    page_budget_s: float = Field(120.0, gt=0, description="hard wall budget for one page audit "
                                 "(page checks included), seconds")
    # Seconds a page's renderer has to answer a trivial script whenever the tool is about to do
    # expensive work; a page that does not is recorded as "unresponsive" and closed, instead of
    # costing the whole page budget.
    unresponsive_probe_s: float = Field(5.0, gt=0, description="seconds a page has to answer a "
                                        "trivial script before each expensive step")
    site_time_limit_s: float = Field(1800.0, gt=0, description="wall budget for one site in "
                                     "`ashyq run` (tasks, pages, site checks), seconds; a site "
                                     "past it keeps what was gathered and is marked timed out")
    task_budget_s: float = Field(90.0, gt=0, description="hard wall budget for one citizen "
                                 "task, seconds")
    click_budget: int = Field(12, gt=0, description="link/button activations a task may spend")
    max_pages: int = Field(20, gt=0, description="pages audited per site in `ashyq run`")
    axe_source: str = Field("", description="the axe-core to run: empty for the one bundled with "
                            "axe-playwright-python; a path to axe.min.js or axe.js; or a version "
                            "(4.10.2, latest) fetched once from the npm registry, its sha512 "
                            "checked, cached under $XDG_CACHE_HOME/ashyq/axe/")
    npm_registry: str = Field("", description="npm registry axe_source versions are fetched "
                              "from; empty: $npm_config_registry, else https://registry.npmjs.org")
    checks: CheckDepth = Field("all", description="page-check depth: axe, lowvision, all, none")
    wcag: WcagVersion = Field("2.1", description="WCAG version findings are judged by: 2.0, 2.1 "
                              "or 2.2; a finding whose criteria are all newer is advisory (shown, "
                              "never a failure)")
    wcag_level: WcagLevel = Field("AA", description="WCAG conformance level: A, AA or AAA; a "
                                  "finding whose criteria are all above it is advisory")
    enhanced_contrast: bool = Field(False, description="also run axe-core's "
                                    "color-contrast-enhanced (1.4.6, AAA: 7:1); its findings are "
                                    "advisory below AAA. wcag_level AAA runs it anyway")
    tasks: tuple[str, ...] = Field(default_factory=lambda: tuple(task_ids()),
                                   description="citizen tasks to run (env: comma-separated)")
    report_language: Language = Field("en", description="report language: en, ru or kk")
    search_term: str = Field("", description="site-search query; empty: the site's own name")
    lexicon: tuple[str, ...] = Field((), description="extra YAML term files shaped like "
                                     "tester/lexicon/terms.yaml (env ASHYQ_LEXICON: separated "
                                     f"by {os.pathsep!r}, like PATH)")
    resolve: tuple[str, ...] = Field((), description="HOST=IP pairs, like curl --resolve: the "
                                     "browser and the tool's own requests reach HOST at IP "
                                     "(env: comma-separated)")
    allow_private: bool = Field(True, description="may the tool's own requests reach private "
                                "networks (link-local and cloud metadata never)")
    allow_loopback: bool = Field(True, description="may pages and the tool's own requests reach "
                                 "this machine (loopback); `ashyq worker` turns it off unless "
                                 "--allow-private")
    today: date = Field(default_factory=date.today, description="the date verdicts are judged "
                        "on (news freshness, stale sections), YYYY-MM-DD; default: the real date")
    jobs: int = Field(0, ge=0, description="pages and tasks audited at once, over all sites; "
                      "0: twice the cores, from 2 to 8")
    per_host: int = Field(2, gt=0, description="pages and tasks at once on one host, and the "
                          "tool's own requests at once to one host")
    delay_s: float = Field(0.0, ge=0, description="seconds between starts on one host (page "
                           "loads, tasks, the tool's own requests)")
    progress_interval_s: float = Field(30.0, gt=0, description="without a terminal (CI "
                                       "logs), seconds between progress status lines")
    db: str = Field("", description="history database: a SQLAlchemy URL (sqlite:///path, "
                    "postgresql+psycopg://user@host/name) or a SQLite file path; empty: "
                    "history.sqlite beside the run folders (reports/history.sqlite)")
    budget: str = Field("", description="budget file (ashyq-budget.toml: findings per rule and "
                        "impact, clicks and seconds per task, scores, required sections); a limit "
                        "not kept exits 2. Relative to the working directory; empty: none")
    db_timeout_s: float = Field(30.0, gt=0, description="seconds to wait for a locked or slow "
                                "history database before giving up")
    options: dict[str, Any] = Field(default_factory=dict, description="declared options set "
                                    "by name; unset ones read as their declared default")

    # Where each value came from: name -> (kind, detail); kind is default|file|env|flag|override.
    _sources: dict[str, tuple[str, str]] = PrivateAttr(default_factory=dict)

    def __init__(self, **values: Any) -> None:
        options = dict(values.pop("options", None) or {})
        for key in [k for k in values if k not in CORE_KEYS]:
            options[key] = values.pop(key)  # an option given by name; validated below
        try:
            super().__init__(**values, options=options)
        except ValidationError as exc:
            raise _config_error(exc) from None

    @field_validator("wcag", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        # TOML `wcag = 2.1` is a number; the version is the same whichever way it is written.
        return f"{value:.1f}" if isinstance(value, float) else value

    @field_validator("wcag_level", mode="before")
    @classmethod
    def _level_in_capitals(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("tasks")
    @classmethod
    def _known_tasks(cls, tasks: tuple[str, ...]) -> tuple[str, ...]:
        known = task_ids()
        unknown = [t for t in tasks if t not in known]
        if unknown:
            raise ValueError(f"unknown task(s) {', '.join(unknown)}; known: {', '.join(known)}")
        return tasks

    @field_validator("lexicon")
    @classmethod
    def _lexicon_files_exist(cls, paths: tuple[str, ...]) -> tuple[str, ...]:
        missing = [p for p in paths if not Path(p).expanduser().is_file()]
        if missing:
            raise ValueError(f"lexicon file not found: {missing[0]}")
        return paths

    @field_validator("resolve")
    @classmethod
    def _resolve_pairs(cls, entries: tuple[str, ...]) -> tuple[str, ...]:
        _resolve_map(entries)
        return entries

    @field_validator("browser_endpoint")
    @classmethod
    def _endpoint_address(cls, endpoint: str) -> str:
        endpoint = endpoint.strip()
        if endpoint:
            parts = urlsplit(endpoint)
            if parts.scheme not in ("http", "https", "ws", "wss") or not parts.hostname:
                raise ValueError(f"not a browser address: {endpoint!r}; give http(s)://host:port "
                                 "or ws(s)://host:port/…")
        return endpoint

    @model_validator(mode="after")
    def _resolve_needs_own_browser(self) -> Settings:
        # --resolve works by a launch flag; a browser someone else started never got it, and
        # would audit whatever the real DNS says instead.
        if self.browser_endpoint and self.resolve:
            raise ValueError("resolve cannot reach a browser that was started elsewhere "
                             "(browser_endpoint): start that browser with "
                             "--host-resolver-rules, or leave one of them out")
        return self

    @field_validator("options")
    @classmethod
    def _declared_options(cls, values: dict[str, Any]) -> dict[str, Any]:
        if not values:
            return values
        declared = declared_options()
        clean = {}
        for name, raw in values.items():
            if name not in declared:
                raise ConfigError(f"unknown setting {name!r}"
                                  f"{_did_you_mean(name, valid_keys())}", name)
            clean[name] = check_option_value(declared[name][1], raw)
        return clean

    def option(self, name: str) -> Any:
        """The value of a declared option: as set, or its declared default."""
        if name in self.options:
            return self.options[name]
        declared = declared_options()
        if name not in declared:
            raise ConfigError(f"no option {name!r} is declared{_did_you_mean(name, declared)}")
        return declared[name][1].default

    def validate(self) -> Settings:  # type: ignore[override]  # pydantic v1's classmethod
        """Check every value again (a lexicon file may have gone); return self."""
        Settings(**self._values())
        return self

    def resolve_map(self) -> dict[str, str]:
        """`resolve` as {ASCII host: IP}; a ConfigError names the first malformed entry."""
        return _resolve_map(self.resolve)

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given non-None values applied (core fields or declared options)."""
        return self._merged(values, dict.fromkeys(values, ("override", "")))

    def with_flags(self, flags: Mapping[str, tuple[str, Any]]) -> Settings:
        """Like with_overrides, from command-line flags: {setting: (flag, value or None)}."""
        values = {name: value for name, (_flag, value) in flags.items()}
        return self._merged(values, {name: ("flag", flag) for name, (flag, _v) in flags.items()})

    def sources(self) -> dict[str, tuple[str, str]]:
        """name -> (kind, detail) for every core field and declared option."""
        names = [*CORE_KEYS, *declared_options()]
        return {name: self._sources.get(name, ("default", "")) for name in names}

    def public(self) -> dict[str, Any]:
        """Settings as recorded in result.json (the date used included)."""
        # The history database's URL, and a private npm registry's, may hold a password: they
        # are no part of the result (tool.axe_source says which axe-core ran).
        out = self.model_dump(mode="json", exclude={"options", "db", "npm_registry"})
        out["options"] = {name: plain_value(self.option(name)) for name in declared_options()}
        return out

    def _values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in type(self).model_fields}

    def _merged(self, values: Mapping[str, Any], sources: Mapping[str, tuple[str, str]]
                ) -> Settings:
        clean = {k: v for k, v in values.items() if v is not None}
        core = {k: v for k, v in clean.items() if k in CORE_KEYS}
        options = {**self.options, **{k: v for k, v in clean.items() if k not in CORE_KEYS}}
        try:
            merged = Settings(**{**self._values(), **core, "options": options})
        except ConfigError as exc:
            source = sources[exc.key] if exc.key in clean else self._sources.get(exc.key)
            raise blamed(exc, source) from None
        merged._sources = {**self._sources, **{k: sources[k] for k in clean}}
        return merged


CORE_KEYS: tuple[str, ...] = tuple(n for n in Settings.model_fields if n != "options")


def valid_keys() -> list[str]:
    """Every key a user may set: the core fields and the declared options."""
    return [*CORE_KEYS, *declared_options()]


def plain_value(value: Any) -> Any:
    """A value as JSON has it (tuples as lists, dates and paths as text)."""
    if isinstance(value, tuple | list):
        return [plain_value(v) for v in value]
    if isinstance(value, date | Path):
        return str(value) if isinstance(value, Path) else value.isoformat()
    return value


def source_label(name: str, source: tuple[str, str] | None) -> str:
    """What the user wrote to set `name`: the flag (--max-pages), the variable (ASHYQ_MAX_PAGES)
    or the file and key (`playwright.config.toml: [run] max_pages`); else the setting's name."""
    kind, detail = source or ("default", "")
    if kind in ("flag", "env") and detail:
        return detail
    if kind == "file" and detail:
        path, _, section = detail.partition(" [")
        return f"{path}: [{section} {name}" if section else f"{path}: {name}"
    return name


def blamed(exc: ConfigError, source: tuple[str, str] | None) -> ConfigError:
    """`exc` told in the words the user wrote: `max_pages must be positive` becomes `--max-pages
    must be positive` (or ASHYQ_MAX_PAGES, or the file's key); other messages get the label."""
    label, text = source_label(exc.key, source), str(exc)
    if not exc.key or label == exc.key:
        return ConfigError(text, exc.key)
    if text.startswith(f"{exc.key} "):
        return ConfigError(label + text[len(exc.key):], exc.key)
    return ConfigError(f"{label}: {text}", exc.key)


def _resolve_map(entries: Iterable[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for entry in entries:
        host, sep, ip = entry.partition("=")
        try:
            address = str(ipaddress.ip_address(ip.strip().strip("[]")))
        except ValueError:
            address = ""
        key = ascii_host(host)
        if not sep or not key or not address or "*" in host:
            raise ConfigError(f"resolve: {entry!r} is not HOST=IP (for example "
                              "акимат.қаз=127.0.0.1)", "resolve")
        mapping[key] = address
    return mapping


def _nearest(name: str, candidates: Iterable[str]) -> str:
    near = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.5)
    return near[0] if near else ""


def _did_you_mean(name: str, candidates: Iterable[str]) -> str:
    near = _nearest(name, candidates)
    return f" (did you mean {near!r}?)" if near else ""


_KIND_WORDS = {"int": "a whole number", "float": "a number", "bool": "true or false",
               "string": "text", "date": "a date (YYYY-MM-DD)", "tuple": "a list",
               "list": "a list"}


def _config_error(exc: ValidationError) -> ConfigError:
    """The first problem pydantic found, as one line naming the setting."""
    err = exc.errors()[0]
    name = str(err["loc"][0]) if err["loc"] else "settings"
    raw, ctx, kind = err.get("input"), err.get("ctx") or {}, err["type"]
    if kind == "value_error":
        cause = ctx.get("error")
        return ConfigError(str(cause or err["msg"]), getattr(cause, "key", "") or name)
    if kind == "literal_error":
        allowed = ", ".join(get_args(Settings.model_fields[name].annotation))
        return ConfigError(f"{name} must be one of {allowed}, not {raw!r}", name)
    if kind in ("greater_than", "greater_than_equal"):
        limit = ctx.get("gt", ctx.get("ge"))
        word = "positive" if kind == "greater_than" and limit == 0 else f"at least {limit}"
        return ConfigError(f"{name} must be {word}, not {raw!r}", name)
    words = next((w for k, w in _KIND_WORDS.items() if kind.startswith(k)), "")
    if words:
        return ConfigError(f"{name} must be {words}, not {raw!r}", name)
    return ConfigError(f"{name}: {err['msg']}", name)


def find_config_file(start: Path | None = None) -> Path | None:
    """The nearest playwright.config.toml from `start` (cwd) upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
    return None


def _file_values(path: Path) -> Iterable[tuple[str, str, Any]]:
    """(section, key, value) for every setting in the TOML file; top-level keys have section ''."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    for name, value in data.items():
        if isinstance(value, dict):
            yield from ((name, key, raw) for key, raw in value.items())
        else:
            yield "", name, value


def _split_env(name: str, text: str) -> Any:
    """An environment value as the setting reads it: lists are split (see ENV_LIST_SEPARATORS)."""
    if name in CORE_KEYS:
        is_list = str(Settings.model_fields[name].annotation).startswith("tuple")
    else:
        kind = declared_options()[name][1].kind
        is_list = kind is tuple or getattr(kind, "__origin__", None) is tuple
    if not is_list:
        return text
    return tuple(p.strip() for p in text.split(ENV_LIST_SEPARATORS.get(name, ",")) if p.strip())


def load_settings(
    config_path: Path | None = None, env: Mapping[str, str] | None = None
) -> Settings:
    """Defaults, then the TOML file, then ASHYQ_* variables; every value's source is recorded."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    sources: dict[str, tuple[str, str]] = {}
    if config_path is not None and not config_path.is_file():
        raise ConfigError(f"config file not found: {config_path}")
    path = config_path or find_config_file()
    if path is not None:
        for section, key, raw in _file_values(path):
            if key not in CORE_KEYS and key not in declared_options():
                where = f" in [{section}]" if section else ""
                raise ConfigError(f"{path}: unknown key {key!r}{where}"
                                  f"{_did_you_mean(key, valid_keys())}", key)
            values[key] = raw
            sources[key] = ("file", f"{path}" + (f" [{section}]" if section else ""))
    for var in sorted(env):
        if not var.startswith(ENV_PREFIX) or var in OTHER_ENV_VARS:
            continue
        key = var[len(ENV_PREFIX):].lower()
        if key not in CORE_KEYS and key not in declared_options():
            near = _nearest(key, valid_keys())
            hint = f" (did you mean {ENV_PREFIX}{near.upper()}?)" if near else ""
            raise ConfigError(f"unknown environment variable {var}{hint}", key)
        values[key] = _split_env(key, env[var])
        sources[key] = ("env", var)
    try:
        settings = Settings(**values)
    except ConfigError as exc:
        raise blamed(exc, sources.get(exc.key)) from None
    settings._sources = sources
    return settings
