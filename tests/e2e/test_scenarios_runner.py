"""run_scenario against a small fixture site on 127.0.0.1, in real Chromium.

Each behaviour is shown both ways where it matters: the scenario that a person could follow
passes, and the look-alike that a person could not (hidden menu item, missing text, outbound
link, 404, covered or disabled control) fails with a message naming the step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.browser_thread import BrowserThread
from support.routes import hang

from tester.artifacts import RunDir
from tester.browser import BrowserSession, Scope
from tester.checks.axe import run_axe
from tester.config import Settings
from tester.demo.server import SiteServer
from tester.env import TaskEnv
from tester.model import Finding, TaskResult
from tester.scenarios import has_errors, load_scenarios, run_scenario

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site(serve_fixture: Callable[..., SiteServer]) -> SiteServer:
    return serve_fixture("scenarios/site", routes={"/hang.html": hang(30)})


@pytest.fixture
def run_yaml(
    browser_thread: BrowserThread, site: SiteServer, tmp_path: Path
) -> Callable[..., TaskResult]:
    def run(text: str, on_snapshot: Any = None, settings: Settings | None = None) -> TaskResult:
        path = tmp_path / "scenario.yaml"
        path.write_text(text, encoding="utf-8")
        scenarios, problems = load_scenarios([path])
        assert not has_errors(problems), [str(p) for p in problems]

        async def go(session: BrowserSession) -> TaskResult:
            # Short action timeout: the fixture site is local, and negative tests wait it out.
            quick = session.settings.with_overrides(action_timeout_ms=1_500)
            scope = Scope.for_url(site.url)
            async with session.context(scope) as (context, log):
                page = await context.new_page()
                env = TaskEnv(page=page, context=context, start_url=site.url, scope=scope,
                              settings=settings or quick,
                              run_dir=RunDir(tmp_path / "run"), log=log)
                return await run_scenario(scenarios[0], env, on_snapshot)

        return browser_thread.run(go, timeout=120)

    return run


async def axe_findings(page: Any, name: str) -> list[Finding]:
    outcome = await run_axe(page, 30)
    assert outcome.status == "ok", outcome.message
    return outcome.findings


def test_person_like_path_passes_with_timed_steps_and_axe_snapshot(
    run_yaml: Callable[..., TaskResult], site: SiteServer, tmp_path: Path
) -> None:
    result = run_yaml("""
name: Контакты через меню
id: contacts-menu
language: ru
steps:
  - hover: "Об акимате"
    name: Открыть меню
  - click: {role: link, name: "Контакты"}
  - expect: {text: "Телефон приёмной", url: "contacts.html", title: "/^Контакты/",
             lang: ru, visible: {role: heading, name: "Контакты", exact: true}}
  - snapshot: "contacts"
""", on_snapshot=axe_findings)
    assert result.status == "passed", result.message
    assert (result.id, result.title, result.clicks) == ("contacts-menu", "Контакты через меню", 1)
    assert [s.action for s in result.steps] == ["goto", "hover", "click", "expect", "snapshot"]
    assert result.steps[1].label == "Открыть меню"
    assert result.steps[2].label == "click link 'Контакты'" and result.steps[2].counts_as_click
    assert not any(s.counts_as_click for s in result.steps if s.action != "click")
    assert result.target_url == site.url_for("/contacts.html")
    assert result.steps[0].ms > 0 and result.steps[2].ms > 0  # the load and the click
    assert sum(s.ms for s in result.steps) <= result.seconds * 1000 + 50
    for step in result.steps:
        if step.action != "expect":
            assert step.screenshot and (tmp_path / "run" / step.screenshot).is_file()
    snapshot = result.evidence["snapshots"][0]
    assert snapshot["name"] == "contacts" and snapshot["step"] == 4
    assert snapshot["url"] == site.url_for("/contacts.html")
    assert "image-alt" in snapshot["rules"]  # the unlabeled <img> on the contacts page
    assert snapshot["violations"] >= 1 and snapshot["impacts"].get("critical", 0) >= 1
    assert result.evidence["language"] == "ru"


def test_menu_item_hidden_until_hover_fails_without_the_hover(
    run_yaml: Callable[..., TaskResult], site: SiteServer
) -> None:
    result = run_yaml("""
name: Skips the menu
steps:
  - click: {role: link, name: "Контакты"}
""")
    assert result.status == "failed"
    assert result.message == (
        f"step 1 (click link 'Контакты'): link 'Контакты' is on {site.url} but not visible "
        "(in a closed menu? hover or click to open it first)"
    )
    assert result.steps[-1].screenshot and result.evidence["failed_at_url"] == site.url
    assert result.target_url is None


def test_expect_text_not_found_names_step_and_url(
    run_yaml: Callable[..., TaskResult], site: SiteServer
) -> None:
    result = run_yaml("""
name: Wrong text
steps:
  - expect: {url: "127.0.0.1"}
  - expect: {text: "Байланыс"}
""")
    assert result.status == "failed"
    assert result.message == f"step 2 (expect text 'Байланыс'): not found on {site.url}"
    assert len(result.steps) == 3  # start + two expects, the failing one recorded


def test_text_rendered_late_is_awaited(run_yaml: Callable[..., TaskResult]) -> None:
    result = run_yaml("""
name: Late text
start: late.html
steps:
  - expect: {text: "Появилось позже"}
""")
    assert result.status == "passed", result.message
    # The text appears 700 ms after the page starts, so the task must have waited that long.
    # (Its two steps' own times need not add up to it: the start step's screenshot is taken
    # between them, and takes longer on a loaded machine.)
    assert result.seconds >= 0.7
    assert result.steps[1].ms > 0


def test_select_that_navigates_counts_as_click_and_lang_is_checked(
    run_yaml: Callable[..., TaskResult],
) -> None:
    result = run_yaml("""
name: Switch to Kazakh
steps:
  - select: {target: {label: "Язык"}, option: "Қазақша"}
  - expect: {lang: kk, url: "/kk/", text: "Байланыс"}
""")
    assert result.status == "passed", result.message
    assert result.clicks == 1 and result.steps[1].counts_as_click
    wrong = run_yaml("""
name: Expects Kazakh on the Russian page
steps:
  - expect: {lang: kk}
""")
    assert wrong.status == "failed"
    assert wrong.message.startswith("step 1 (expect lang 'kk'): lang is 'ru' on ")


def test_missing_select_option_is_listed(run_yaml: Callable[..., TaskResult]) -> None:
    result = run_yaml("""
name: No English
steps:
  - select: {target: {label: "Язык"}, option: "English"}
""")
    assert result.status == "failed"
    assert "no option 'English' in label 'Язык'" in result.message
    assert "options: Русский, Қазақша" in result.message


def test_fill_and_enter_submit_counts_as_click(run_yaml: Callable[..., TaskResult]) -> None:
    result = run_yaml("""
name: Form
steps:
  - fill: {target: {placeholder: "Введите имя"}, value: "Айгүл"}
  - press: {key: Enter, target: {label: "Ваше имя"}}
  - expect: {url: "result.html", text: "Получено: Айгүл"}
""")
    assert result.status == "passed", result.message
    assert [s.counts_as_click for s in result.steps] == [False, False, True, False]
    typing = run_yaml("""
name: Typing does not navigate
steps:
  - press: {key: a, target: {label: "Ваше имя"}}
""")
    assert typing.status == "passed" and typing.clicks == 0


# Another site that needs no name resolution (tests never depend on the machine's DNS): another
# loopback address, on the discard port, where nothing answers even if it were followed.
OUTSIDE = "http://127.0.0.2:9/appeal"


def test_outbound_goto_and_link_are_failed_not_followed(
    run_yaml: Callable[..., TaskResult],
) -> None:
    goto = run_yaml(f"""
name: Leaves by goto
steps:
  - goto: {OUTSIDE}
""")
    assert goto.status == "failed"
    assert goto.message == (f"step 1 (goto {OUTSIDE}): {OUTSIDE} is "
                            "outside the audited site (not followed)")
    link = run_yaml("""
name: Leaves by link
steps:
  - click: "Электронное обращение"
""")
    assert link.status == "failed"
    assert f"leads outside the audited site ({OUTSIDE}), not followed" in link.message
    assert link.evidence["blocked_navigations"] == [OUTSIDE]
    seen = run_yaml("""
name: Outbound link is there
steps:
  - expect: {visible: {role: link, name: "/обращение/i"}}
""")
    assert seen.status == "passed", seen.message


def test_broken_page_disabled_and_covered_controls_fail(
    run_yaml: Callable[..., TaskResult], site: SiteServer
) -> None:
    broken = run_yaml("""
name: Broken page
steps:
  - goto: missing.html
""")
    assert broken.status == "failed"
    assert broken.message.endswith(f"{site.url_for('/missing.html')} answered HTTP 404")
    disabled = run_yaml("""
name: Disabled
steps:
  - click: {role: button, name: "Недоступно"}
""")
    assert disabled.status == "failed" and disabled.message.endswith("it is disabled")
    covered = run_yaml("""
name: Covered
steps:
  - click: {role: button, name: "Под крышкой"}
""")
    assert covered.status == "failed"
    assert covered.message.endswith("another element covers it"), covered.message


def test_bad_css_selector_is_a_scenario_error_not_a_site_failure(
    run_yaml: Callable[..., TaskResult],
) -> None:
    result = run_yaml("""
name: Bad CSS
steps:
  - click: {css: "a[href="}
""")
    assert result.status == "error"
    assert result.message.startswith("step 1 (click css 'a[href='): invalid selector")


def test_snapshot_hook_failure_is_recorded_and_the_run_goes_on(
    run_yaml: Callable[..., TaskResult],
) -> None:
    async def broken_hook(page: Any, name: str) -> list[Finding]:
        raise RuntimeError("checker bug")

    result = run_yaml("""
name: Hook fails
steps:
  - snapshot: home
  - expect: {text: "Тестовый акимат"}
""", on_snapshot=broken_hook)
    assert result.status == "passed", result.message
    assert result.evidence["snapshots"][0]["error"] == "checker bug"


def test_task_budget_closes_a_hanging_page(
    run_yaml: Callable[..., TaskResult], test_settings: Settings
) -> None:
    tight = test_settings.with_overrides(task_budget_s=2.0)
    hanging = run_yaml("""
name: Hangs
steps:
  - goto: hang.html
""", settings=tight)
    assert hanging.status == "failed"
    assert hanging.message == "step 1 (goto hang.html): task budget of 2 s exceeded"
    assert 1.9 <= hanging.seconds < 6
    waiting = run_yaml("""
name: Waits too long
steps:
  - wait: {ms: 10000}
  - expect: {text: "x"}
""", settings=tight)
    assert waiting.status == "failed" and "task budget of 2 s exceeded" in waiting.message
    assert waiting.message.startswith("step 2 (expect text 'x')")
    assert waiting.seconds < 4
