"""Settings: one typed model, declared options, errors that name the nearest valid key, sources,
the injectable clock and `ashyq config`. No browser needed."""

from __future__ import annotations

import json
import os
import tomllib
from datetime import date
from pathlib import Path

import pytest

from tester.cli import main
from tester.config import (
    CORE_KEYS,
    OTHER_ENV_VARS,
    ConfigError,
    Settings,
    check_option_value,
    declared_options,
    load_settings,
)
from tester.options import Option

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "playwright.config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_precedence_and_sources(tmp_path: Path) -> None:
    cfg = write(tmp_path, '[run]\nclick_budget = 7\nmax_pages = 5\n[checks]\nmin_font_px = 10\n')
    settings = load_settings(cfg, env={"ASHYQ_MAX_PAGES": "6", "ASHYQ_STALE_AFTER_DAYS": "30"})
    flagged = settings.with_flags({"max_pages": ("--max-pages", 8), "checks": ("--checks", None)})
    assert (settings.click_budget, settings.max_pages, flagged.max_pages) == (7, 6, 8)
    assert settings.option("min_font_px") == 10.0 and settings.option("stale_after_days") == 30
    sources = flagged.sources()
    assert sources["click_budget"] == ("file", f"{cfg} [run]")
    assert sources["min_font_px"] == ("file", f"{cfg} [checks]")
    assert sources["stale_after_days"] == ("env", "ASHYQ_STALE_AFTER_DAYS")
    assert sources["max_pages"] == ("flag", "--max-pages")
    assert sources["checks"] == ("default", "")  # a flag not given changes nothing
    assert flagged.with_overrides(click_budget=3).sources()["click_budget"] == ("override", "")


def test_option_defaults_are_declared_valid_and_owned() -> None:
    declared = declared_options()
    owners = {name: owner for name, (owner, _option) in declared.items()}
    assert owners["min_font_px"] == "small-text"
    assert owners["lowvision_max_tabs"] == "focus-visible"
    assert owners["news_max_working_days"] == owners["holidays"] == "news-freshness"
    assert owners["stale_after_days"] == "stale-sections"
    assert owners["checklist"] == "required-sections"
    assert owners["site_max_links"] == "site-gather"
    settings = Settings()
    for name, (_owner, option) in declared.items():
        assert name not in CORE_KEYS and option.help
        assert check_option_value(option, option.default) == option.default
        assert settings.option(name) == option.default
    assert Settings(min_font_px=9).option("min_font_px") == 9.0  # set by name, read as float


def test_unknown_keys_name_the_nearest_valid_one(tmp_path: Path) -> None:
    cfg = write(tmp_path, "[run]\nclick_budgt = 3\n")
    with pytest.raises(ConfigError, match=r"unknown key 'click_budgt' in \[run\] \(did you mean "
                                          r"'click_budget'\?\)") as caught:
        load_settings(cfg, env={})
    assert str(cfg) in str(caught.value)
    with pytest.raises(ConfigError, match=r"'min_font' in \[checks\] .*'min_font_px'"):
        load_settings(write(tmp_path, "[checks]\nmin_font = 10\n"), env={})
    with pytest.raises(ConfigError, match=r"unknown key 'extra'"):  # Settings.extra is gone
        load_settings(write(tmp_path, "extra = 1\n"), env={})
    with pytest.raises(ConfigError, match=r"unknown environment variable ASHYQ_CLICK_BUDGT "
                                          r"\(did you mean ASHYQ_CLICK_BUDGET\?\)"):
        load_settings(write(tmp_path, ""), env={"ASHYQ_CLICK_BUDGT": "3"})
    with pytest.raises(ConfigError, match=r"ASHYQ_NEWS_MAX_DAYS .*ASHYQ_NEWS_MAX_WORKING_DAYS"):
        load_settings(write(tmp_path, ""), env={"ASHYQ_NEWS_MAX_DAYS": "3"})
    with pytest.raises(ConfigError, match=r"unknown setting 'min_fnt_px' .*'min_font_px'"):
        Settings().with_overrides(min_fnt_px=3)


def test_other_ashyq_variables_are_not_settings(tmp_path: Path) -> None:
    # Read by scripts/ensure-system.sh, the e2e report tests and the report's axe-core locale
    # lookup, not by the settings.
    assert set(OTHER_ENV_VARS) == {
        "ASHYQ_SETUP_INSTALL", "ASHYQ_SETUP_PRETEND_MISSING", "ASHYQ_REPORT_SHOTS",
        "ASHYQ_AXE_LOCALES"}
    settings = load_settings(write(tmp_path, ""), env=dict.fromkeys(OTHER_ENV_VARS, "x"))
    assert settings.click_budget == Settings().click_budget


@pytest.mark.parametrize(
    ("toml", "env", "message"),
    [
        ('[run]\nclick_budget = "many"\n', {}, r"playwright.config.toml: \[run\] click_budget "
                                                r"must be a whole number, not 'many'"),
        ("", {"ASHYQ_HEADLESS": "maybe"}, r"^ASHYQ_HEADLESS must be true or false"),
        ("[run]\nmax_pages = 0\n", {}, r"max_pages must be positive, not 0"),
        ("[checks]\nmin_font_px = 0.5\n", {}, r"min_font_px must be at least 1, not 0.5"),
        ("", {"ASHYQ_SITE_CONCURRENCY": "0"}, r"^ASHYQ_SITE_CONCURRENCY must be at least 1"),
        ("", {"ASHYQ_LOWVISION_MAX_TABS": "lots"},
         r"^ASHYQ_LOWVISION_MAX_TABS must be a whole number"),
        ('[run]\nchecks = "everything"\n', {}, r"checks must be one of axe, lowvision, all, none, "
                                                r"not 'everything'"),
        ('[run]\nreport_language = "de"\n', {}, r"report_language must be one of en, ru, kk"),
        ("", {"ASHYQ_TODAY": "2026-02-30"}, r"^ASHYQ_TODAY must be a date \(YYYY-MM-DD\)"),
        ("", {"ASHYQ_HOLIDAYS": "2026-12-16,16.12"}, r"^ASHYQ_HOLIDAYS must be a date"),
        ('[site]\nchecklist = "/no/such.yaml"\n', {}, r"checklist must be an existing file"),
        ('[run]\ntasks = ["find-treasure"]\n', {}, r"unknown task\(s\) find-treasure"),
    ],
)
def test_bad_values_are_one_line_errors_naming_where(
    tmp_path: Path, toml: str, env: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(write(tmp_path, toml), env=env)


def test_declared_choices_are_enforced() -> None:
    # No built-in option has choices yet; a plugin's may.
    mode = Option("plugin_mode", "fast", str, "a plugin's mode", choices=("fast", "thorough"))
    assert check_option_value(mode, "thorough") == "thorough"
    with pytest.raises(ConfigError, match="plugin_mode must be one of fast, thorough, not 'slow'"):
        check_option_value(mode, "slow")


def test_lists_in_environment_variables(tmp_path: Path) -> None:
    one, two = tmp_path / "a.yaml", tmp_path / "b.yaml"
    one.write_text("{}\n")
    two.write_text("{}\n")
    settings = load_settings(write(tmp_path, ""), env={
        "ASHYQ_LEXICON": f"{one}{os.pathsep}{two}",  # paths: separated like PATH, as documented
        "ASHYQ_RESOLVE": "a.kz=10.0.0.5, b.kz=127.0.0.1",
        "ASHYQ_HOLIDAYS": "2026-12-16,2026-12-17",
        "ASHYQ_TASKS": "find-contacts,site-search",
    })
    assert settings.lexicon == (str(one), str(two))
    assert settings.resolve_map() == {"a.kz": "10.0.0.5", "b.kz": "127.0.0.1"}
    assert settings.option("holidays") == (date(2026, 12, 16), date(2026, 12, 17))
    assert settings.tasks == ("find-contacts", "site-search")


def test_the_clock_is_a_setting(tmp_path: Path) -> None:
    assert Settings().today == date.today()  # default: the real date
    from_file = load_settings(write(tmp_path, "today = 2026-11-21\n"), env={})
    assert from_file.today == date(2026, 11, 21)
    settings = load_settings(write(tmp_path, ""), env={"ASHYQ_TODAY": "2026-12-03"})
    assert settings.today == date(2026, 12, 3)
    assert settings.public()["today"] == "2026-12-03"  # recorded in result.json
    assert json.dumps(settings.public())  # options included, as plain JSON values


def test_repo_config_file_sets_only_known_keys() -> None:
    path = ROOT / "playwright.config.toml"
    settings = load_settings(path, env={})
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    keys = {key for section in data.values() for key in section}
    assert keys <= set(CORE_KEYS) and all(settings.sources()[k][0] == "file" for k in keys)


def test_ashyq_config_shows_values_and_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = write(tmp_path, "[run]\nclick_budget = 7\n")
    for var in [v for v in os.environ if v.startswith("ASHYQ_")]:
        monkeypatch.delenv(var)
    monkeypatch.setenv("ASHYQ_MIN_FONT_PX", "11")
    assert main(["config", "--config", str(cfg), "--today", "2026-12-03", "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)["settings"]}
    assert (rows["click_budget"]["value"], rows["click_budget"]["from"]) == (7, f"{cfg} [run]")
    assert (rows["today"]["value"], rows["today"]["from"]) == ("2026-12-03", "--today")
    assert rows["min_font_px"] | {"help": ""} == {
        "name": "min_font_px", "value": 11.0, "source": "env", "from": "ASHYQ_MIN_FONT_PX",
        "owner": "small-text", "help": ""}
    assert rows["headless"]["source"] == "default"
    # The text form is TOML: it loads back into the same settings.
    assert main(["config", "--config", str(cfg), "--today", "2026-12-03"]) == 0
    text = capsys.readouterr().out
    assert "click_budget = 7  # " in text and "min_font_px = 11.0  # env ASHYQ_MIN_FONT_PX" in text
    pasted = tmp_path / "pasted.toml"
    pasted.write_text(text, encoding="utf-8")
    again = load_settings(pasted, env={})
    assert again.public() == load_settings(cfg, env={"ASHYQ_MIN_FONT_PX": "11"}).with_overrides(
        today=date(2026, 12, 3)).public()


def test_ashyq_config_reports_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write(tmp_path, "[run]\nclick_budgt = 3\n")
    assert main(["config", "--config", str(cfg)]) == 1
    assert "did you mean 'click_budget'?" in capsys.readouterr().err
