"""The `ashyq` pytest plugin, used the way a QA team would: pytest-playwright's `page` plus
`ashyq_audit` / `assert_no_violations`, in a separate pytest process (pytester), so its sync
Playwright does not meet this session's browser thread."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest

from tester.demo.server import SiteServer

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.e2e

INNER_TESTS = '''
import pytest
from tester.pytest_plugin import assert_no_violations as plain_assert

URL = "{url}"


def test_launch_args_use_ashyq_chromium(browser_type_launch_args, playwright):
    assert "--disable-quic" in browser_type_launch_args["args"]
    own = playwright.chromium.executable_path
    import os
    if not os.path.isfile(own):
        assert browser_type_launch_args["executable_path"] == {system!r}


def test_accessible_page_has_no_violations(page, ashyq_audit, assert_no_violations):
    page.goto(URL + "good.html")
    findings = ashyq_audit(page)
    assert [f.rule for f in findings if not f.needs_review] == []
    assert_no_violations(page, impact="minor")


def test_flawed_page_findings(page, ashyq_audit):
    page.goto(URL + "bad.html")
    findings = ashyq_audit(page)
    rules = {{f.rule for f in findings}}
    assert {{"image-alt", "button-name", "label"}} <= rules
    image = next(f for f in findings if f.rule == "image-alt")
    assert image.source == "axe" and image.impact == "critical" and "1.1.1" in image.wcag
    assert image.selector == "img"


def test_flawed_page_fails_the_assertion(page, assert_no_violations):
    page.goto(URL + "bad.html")
    assert_no_violations(page)


def test_ignored_rules_pass(page):
    page.goto(URL + "bad.html")
    plain_assert(page, impact="critical", ignore=["image-alt", "button-name", "label"])
'''


@pytest.fixture(scope="module")
def plugin_site(serve_fixture: Callable[..., SiteServer]) -> SiteServer:
    return serve_fixture("scenarios/plugin")


def test_page_fixture_and_audit_in_a_pytest_run(
    pytester: pytest.Pytester, plugin_site: SiteServer
) -> None:
    system = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    pytester.makepyfile(test_inner=INNER_TESTS.format(url=plugin_site.url, system=system))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q", timeout=120)
    result.assert_outcomes(passed=4, failed=1)
    result.stdout.fnmatch_lines([
        "*test_flawed_page_fails_the_assertion*",
        f"*accessibility violation* of impact serious or worse on {plugin_site.url}bad.html:",
        "*[[]critical] image-alt at img: *",
    ])
    assert "test_accessible_page_has_no_violations" not in result.stdout.str().split("FAILED")[-1]


def test_plugin_is_harmless_without_pytest_playwright(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain='''
def test_settings_only(ashyq_settings, ashyq_audit):
    assert ashyq_settings.navigation_timeout_ms > 0
    assert callable(ashyq_audit)
''')
    result = pytester.runpytest_subprocess("-p", "no:playwright", "-p", "no:cacheprovider", "-q",
                                           timeout=60)
    result.assert_outcomes(passed=1)
