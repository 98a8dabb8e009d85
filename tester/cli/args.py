"""Reading the command line's values: URLs, --formats, --fail-on, and the settings they override."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from tester.cli.exits import UsageError
from tester.cli.printing import PRINTED_FORMATS
from tester.config import Settings, load_settings, source_label
from tester.gate import FAIL_ON_CHOICES
from tester.urlnorm import host_of, normalise_url


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from the config file and environment, then the flags given (their source kept)."""
    settings = load_settings(getattr(args, "config", None))
    tasks = None
    if getattr(args, "tasks", None):
        from tester.registry import task_ids

        tasks = (
            task_ids()
            if args.tasks == "all"
            else [t.strip() for t in args.tasks.split(",") if t.strip()]
        )
    lexicon = getattr(args, "lexicon", None)
    resolve = getattr(args, "resolve", None)
    return settings.with_flags({
        "checks": ("--checks", getattr(args, "checks", None)),
        "wcag": ("--wcag", getattr(args, "wcag", None)),
        "wcag_level": ("--wcag-level", getattr(args, "wcag_level", None)),
        "enhanced_contrast": ("--enhanced-contrast",
                              True if getattr(args, "enhanced_contrast", False) else None),
        "report_language": ("--lang", getattr(args, "lang", None)),
        "executable_path": ("--executable-path", getattr(args, "executable_path", None)),
        "browser_endpoint": ("--browser-endpoint", getattr(args, "browser_endpoint", None)),
        "headless": ("--headed", False if getattr(args, "headed", False) else None),
        "navigation_timeout_ms": ("--timeout", getattr(args, "timeout", None)),
        "tasks": ("--tasks", tasks),
        "max_pages": ("--max-pages", getattr(args, "max_pages", None)),
        "site_max_links": ("--max-links", getattr(args, "max_links", None)),
        "click_budget": ("--click-budget", getattr(args, "click_budget", None)),
        "search_term": ("--search-term", getattr(args, "search_term", None)),
        "lexicon": ("--lexicon", [str(p) for p in lexicon] if lexicon else None),
        "resolve": ("--resolve", [*settings.resolve, *resolve] if resolve else None),
        "today": ("--today", getattr(args, "today", None)),
        "db": ("--db", getattr(args, "db", None)),
        "budget": ("--budget", str(args.budget) if getattr(args, "budget", None) else None),
        "jobs": ("--jobs", getattr(args, "jobs", None)),
        "per_host": ("--per-host", getattr(args, "per_host", None)),
        "delay_s": ("--delay", getattr(args, "delay", None)),
        "axe_source": ("--axe-source", getattr(args, "axe_source", None)),
    })


def checked_axe_source(settings: Settings) -> None:
    """Load the axe-core `axe_source` names (fetching it once if it is a version); a UsageError
    naming the flag, variable or config key that set it when it cannot be used."""
    from tester.checks.axe_source import AxeSourceError, axe_script

    try:
        axe_script(settings.axe_source, settings.npm_registry)
    except AxeSourceError as exc:
        label = source_label("axe_source", settings.sources().get("axe_source"))
        raise UsageError(f"{label}: {exc}") from None


def parse_formats(text: str | None, flag: str = "--formats") -> tuple[str, ...] | None:
    """--formats: None means every format; result.json is always among them (the contract).
    The printed formats (pdf) are accepted too; tester.cli.printing.split_printed takes them
    out before rendering."""
    from tester.registry import report_format_ids

    if not text:
        return None
    known = [*report_format_ids(), *PRINTED_FORMATS]
    items = [t.strip().lower() for t in text.split(",") if t.strip()]
    bad = [t for t in items if t not in known]
    if bad:
        raise UsageError(f"{flag}: unknown format {bad[0]!r}; use {', '.join(known)}")
    return tuple(dict.fromkeys(["json", *items]))


def parse_fail_on(text: str) -> list[str]:
    items = [t.strip().lower() for t in text.split(",") if t.strip()]
    bad = [t for t in items if t not in FAIL_ON_CHOICES]
    if bad:
        raise UsageError(f"--fail-on: unknown value {bad[0]!r}; use {', '.join(FAIL_ON_CHOICES)}")
    return items


def read_urls_file(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text") from exc
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def validate_urls(urls: Sequence[str]) -> list[str]:
    """The URLs to audit, in order; one listed twice (in any spelling of the same address, e.g.
    an upper-case host or a default port) is audited once, with a notice: a site audited twice
    would be counted twice in the comparison and in the history."""
    from tester.terminal import say

    clean: list[str] = []
    seen: dict[str, str] = {}
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"not an http(s) URL: {url!r}")
        if not host_of(url):  # e.g. an empty or over-long label: nothing could resolve it
            raise UsageError(f"not a valid host name in {url!r}")
        same = normalise_url(url)
        if same in seen:
            say(f"ashyq: {url} is listed more than once (as {seen[same]}); auditing it once")
            continue
        seen[same] = url
        clean.append(url)
    return clean
