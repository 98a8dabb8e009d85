"""The `ashyq` pytest plugin (pytest11 entry point): accessibility checks in your own tests.

Fixtures, on top of pytest-playwright's sync `page`:

* `ashyq_settings` - the ashyq Settings (playwright.config.toml < ASHYQ_* environment).
* `ashyq_audit` - `ashyq_audit(page) -> list[Finding]`: axe-core on the page as it is now,
  with ashyq's rule set; "needs review" results come back with `needs_review=True`, and those the
  WCAG standard of `ashyq_settings` (`wcag`, `wcag_level`) does not require with `advisory=True`.
* `assert_no_violations` - `assert_no_violations(page, impact="serious", ignore=())` fails the test
  when axe finds violations of that impact or worse (also importable from this module).
* `browser_type_launch_args` (override) - adds ashyq's Chromium flags and, where Playwright's own
  Chromium is not installed, the system's (`chromium`, `google-chrome`...), so `page` works on a
  machine that only has Debian's chromium.

This module is imported in every pytest session of a project that installs ashyq, so it imports
nothing heavy at module level and never fails a session that does not use its fixtures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tester.config import Settings
    from tester.model import Finding

PYTEST_PLAYWRIGHT = "playwright"  # the pytest11 entry-point name of pytest-playwright
SHOWN_FINDINGS = 15


@cache
def _sync_axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def audit_page(page: Any, wcag: str = "2.1", wcag_level: str = "AA") -> list[Finding]:
    """axe-core (ashyq's tags: WCAG 2.x A/AA + best practice) on a sync Playwright page, each
    finding judged by WCAG `wcag` at `wcag_level` (advisory when it does not require it)."""
    from tester.checks.axe import AXE_OPTIONS, map_axe_results
    from tester.wcag import apply_standard

    results = _sync_axe().run(page, options=AXE_OPTIONS)
    return apply_standard(map_axe_results(results.response), wcag, wcag_level)


def assert_no_violations(page: Any, impact: str = "serious", ignore: Iterable[str] = ()) -> None:
    """Fail when axe reports violations of `impact` or worse (needs-review and advisory items
    never fail; advisory as WCAG 2.1 AA judges it).

    `ignore` lists axe rule ids to leave out (e.g. a known issue tracked elsewhere).
    """
    from tester.gate import at_or_above
    from tester.i18n import counted
    from tester.model import IMPACT_ORDER

    if impact not in IMPACT_ORDER:
        raise ValueError(f"impact must be one of {', '.join(IMPACT_ORDER)}, not {impact!r}")
    skipped = set(ignore)
    bad = [f for f in audit_page(page) if f.rule not in skipped and at_or_above(f, impact)]
    if not bad:
        return
    lines = [f"{counted('accessibility-violation', len(bad))} of impact {impact} or worse on "
             f"{page.url}:"]
    for finding in bad[:SHOWN_FINDINGS]:
        where = f" at {finding.selector}" if finding.selector else ""
        lines.append(f"  [{finding.impact}] {finding.rule}{where}: {finding.message[:200]}")
    if len(bad) > SHOWN_FINDINGS:
        lines.append(f"  ... and {len(bad) - SHOWN_FINDINGS} more")
    raise AssertionError("\n".join(lines))


@pytest.fixture(scope="session")
def ashyq_settings() -> Settings:
    from tester.config import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError as exc:
        pytest.fail(f"ashyq settings: {exc}", pytrace=False)


@pytest.fixture
def ashyq_audit(ashyq_settings: Settings) -> Callable[[Any], list[Finding]]:
    def audit(page: Any) -> list[Finding]:
        return audit_page(page, ashyq_settings.wcag, ashyq_settings.wcag_level)

    return audit


@pytest.fixture(name="assert_no_violations")
def _assert_no_violations_fixture() -> Callable[..., None]:
    return assert_no_violations


class PlaywrightOverrides:
    """Fixtures that build on pytest-playwright's; registered after it so they take precedence."""

    @pytest.fixture(scope="session")  # pytest-playwright's fixture is session-scoped too
    def browser_type_launch_args(
        self,
        browser_type_launch_args: dict[str, Any],  # pytest-playwright's own (--headed, etc.)
        browser_name: str | None,
        playwright: Any,
        ashyq_settings: Settings,
    ) -> dict[str, Any]:
        args = dict(browser_type_launch_args)
        if (browser_name or "chromium") != "chromium" or "channel" in args:
            return args  # another browser, or Chrome/Edge by channel: not ours to change
        from tester.browser import LAUNCH_ARGS, BrowserNotFound, find_chromium

        if "executable_path" not in args:
            try:
                executable = find_chromium(ashyq_settings, playwright.chromium.executable_path)
            except BrowserNotFound as exc:
                pytest.fail(str(exc), pytrace=False)
            if executable:
                args["executable_path"] = executable
        args["args"] = [*LAUNCH_ARGS, *[a for a in args.get("args", []) if a not in LAUNCH_ARGS]]
        return args


def pytest_configure(config: pytest.Config) -> None:
    # pytest_configure runs after every entry-point plugin is registered, so these overrides
    # come after pytest-playwright's fixtures and win. Without pytest-playwright: nothing to do.
    manager = config.pluginmanager
    if manager.has_plugin(PYTEST_PLAYWRIGHT) and not manager.has_plugin("ashyq-playwright"):
        manager.register(PlaywrightOverrides(), "ashyq-playwright")
