"""Settings, result model, CLI helpers and axe mapping: no browser needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tester.browser import Scope, describe_error, find_chromium, is_loopback_host
from tester.checks.axe import map_axe_results, wcag_from_tags
from tester.cli import (
    UsageError,
    default_out_dir,
    parse_fail_on,
    threshold_crossed,
    validate_urls,
)
from tester.config import ConfigError, Settings, load_settings
from tester.model import Finding, PageResult, RunResult, SiteResult, TaskResult
from tester.registry import result_schema

ROOT = Path(__file__).resolve().parents[2]


def test_settings_precedence_file_then_env(tmp_path: Path) -> None:
    cfg = tmp_path / "playwright.config.toml"
    cfg.write_text('[run]\nclick_budget = 7\nchecks = "axe"\n[browser]\nheadless = false\n')
    settings = load_settings(cfg, env={"ASHYQ_CLICK_BUDGET": "9"})
    assert settings.click_budget == 9  # env beats file
    assert settings.checks == "axe" and settings.headless is False
    assert settings.with_overrides(click_budget=3, checks=None).click_budget == 3


def test_settings_reject_bad_values(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="checks must be one of"):
        Settings(checks="everything").validate()
    with pytest.raises(ConfigError, match="unknown task"):
        Settings().with_overrides(tasks=["find-treasure"])
    bad = tmp_path / "bad.toml"
    bad.write_text("[run\n")
    with pytest.raises(ConfigError):
        load_settings(bad, env={})
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml", env={})


def test_repo_config_file_loads() -> None:
    settings = load_settings(ROOT / "playwright.config.toml", env={})
    assert settings.viewport_width == 1280 and "find-contacts" in settings.tasks


def test_result_round_trip_and_published_schema_is_current() -> None:
    result = RunResult(
        sites=[
            SiteResult(
                url="http://127.0.0.1/",
                tasks=[TaskResult(id="find-contacts", status="passed", clicks=2)],
                pages=[PageResult(url="http://127.0.0.1/", findings=[Finding(rule="x")])],
            )
        ]
    )
    again = RunResult.from_json(result.to_json())
    assert again == result
    published = json.loads((ROOT / "schema" / "result.schema.json").read_text(encoding="utf-8"))
    assert published == result_schema(), "run `ashyq schema --out schema/result.schema.json`"


def test_model_rejects_unknown_status() -> None:
    with pytest.raises(ValueError):
        TaskResult(id="find-contacts", status="maybe")  # type: ignore[arg-type]


def test_scope_keeps_to_the_site() -> None:
    scope = Scope.for_url("https://akimat.example.kz/ru/")
    assert scope.contains("https://www.akimat.example.kz/kk/")
    assert scope.contains("http://akimat.example.kz/x")
    assert not scope.contains("https://eotinish.kz/")
    assert not scope.contains("mailto:kense@akimat.kz")
    assert not scope.contains("javascript:void(0)")
    assert is_loopback_host("127.0.0.1") and not is_loopback_host("10.0.0.1")


def test_errors_are_one_line_and_named() -> None:
    assert describe_error(Exception("net::ERR_TOO_MANY_REDIRECTS at http://x")) == (
        "redirect loop (too many redirects)"
    )
    assert "\n" not in describe_error(Exception("boom\nstack line"))


def test_missing_configured_browser_is_explained(tmp_path: Path) -> None:
    from tester.browser import BrowserNotFound

    with pytest.raises(BrowserNotFound, match="does not exist"):
        find_chromium(Settings(executable_path=str(tmp_path / "nope")), None)


def test_axe_mapping_keeps_violations_and_needs_review() -> None:
    raw = {
        "violations": [
            {
                "id": "color-contrast",
                "impact": "serious",
                "tags": ["wcag2aa", "wcag143"],
                "help": "Elements must meet minimum color contrast ratio thresholds",
                "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/color-contrast",
                "nodes": [
                    {"target": [".note"], "html": "<p class=note>x</p>", "impact": "serious"}
                ],
            }
        ],
        "incomplete": [
            {
                "id": "color-contrast",
                "impact": "serious",
                "tags": ["wcag143"],
                "help": "h",
                "nodes": [
                    {"target": [["iframe", "#a"]], "html": "<b>", "failureSummary": "bg image"}
                ],
            }
        ],
    }
    findings = map_axe_results(raw)
    assert [f.needs_review for f in findings] == [False, True]
    assert findings[0].wcag == ["1.4.3"] and findings[0].selector == ".note"
    assert findings[1].selector == "iframe >> #a"
    assert wcag_from_tags(["wcag1410", "best-practice", "wcag2aa"]) == ["1.4.10"]


def _result_with(findings: list[Finding], task_status: str = "passed") -> RunResult:
    return RunResult(
        sites=[
            SiteResult(
                url="http://127.0.0.1/",
                tasks=[TaskResult(id="find-contacts", status=task_status)],  # type: ignore[arg-type]
                pages=[PageResult(url="http://127.0.0.1/", findings=findings)],
            )
        ]
    )


def test_fail_on_thresholds() -> None:
    minor = Finding(rule="region", impact="minor")
    serious = Finding(rule="color-contrast", impact="serious")
    review = Finding(rule="color-contrast", impact="critical", needs_review=True)
    assert threshold_crossed(_result_with([minor, review]), ["serious"]) == []
    assert threshold_crossed(_result_with([serious]), ["serious"])
    assert threshold_crossed(_result_with([minor]), ["minor"])
    assert threshold_crossed(_result_with([], "failed"), ["task"])
    assert threshold_crossed(_result_with([]), ["task", "critical"]) == []
    with pytest.raises(UsageError):
        parse_fail_on("serious,sometimes")


def test_urls_are_validated() -> None:
    assert validate_urls(["http://127.0.0.1:8000/"]) == ["http://127.0.0.1:8000/"]
    for bad in ("127.0.0.1", "ftp://x/", "javascript:alert(1)"):
        with pytest.raises(UsageError):
            validate_urls([bad])


def test_a_site_listed_twice_is_audited_once(capsys: pytest.CaptureFixture[str]) -> None:
    urls = ["https://Akimat.gov.kz:443/", "https://akimat.gov.kz/", "https://akimat.gov.kz/en/",
            "http://akimat.gov.kz/"]
    assert validate_urls(urls) == [urls[0], urls[2], urls[3]]  # path and scheme still count
    assert "listed more than once" in capsys.readouterr().err
    validate_urls(["https://a.gov.kz/", "https://b.gov.kz/"])
    assert capsys.readouterr().err == ""


def test_default_out_dir_is_unique(tmp_path: Path) -> None:
    first = default_out_dir(["http://127.0.0.1:5000/"], tmp_path)
    first.mkdir()
    assert default_out_dir(["http://127.0.0.1:5000/"], tmp_path) != first
    assert "127-0-0-1" in first.name


def test_loopback_scope_includes_the_port() -> None:
    scope = Scope.for_url("http://127.0.0.1:8000/ru/")
    assert scope.contains("http://127.0.0.1:8000/kk/")
    assert not scope.contains("http://127.0.0.1:9000/")  # another test site
    assert Scope.for_url("http://localhost/").contains("http://localhost:80/x")


def test_lexicon_files_are_settings(tmp_path: Path) -> None:
    terms = tmp_path / "my-terms.yaml"
    terms.write_text("contacts:\n  kk: [бізге жазыңыз]\n", encoding="utf-8")
    assert Settings().with_overrides(lexicon=[str(terms)]).lexicon == (str(terms),)
    with pytest.raises(ConfigError, match="lexicon file not found"):
        Settings().with_overrides(lexicon=[str(tmp_path / "missing.yaml")])


def test_urls_file(tmp_path: Path) -> None:
    from tester.cli import read_urls_file

    listing = tmp_path / "pages.txt"
    listing.write_text("# pages to audit\nhttp://a.kz/  # home\n\n  http://a.kz/ru/contacts\n")
    assert read_urls_file(listing) == ["http://a.kz/", "http://a.kz/ru/contacts"]
    with pytest.raises(UsageError, match="cannot read"):
        read_urls_file(tmp_path / "missing.txt")
