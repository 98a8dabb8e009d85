"""The registry: built-ins declare themselves once; plugins join through entry points; a broken
or clashing plugin is one clear error naming who declared what."""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.plugins import install_distribution, install_example_plugin

from tester import registry
from tester.config import Settings
from tester.registry import RegistryError

_names = itertools.count()
Install = Callable[..., Path]

PAGE_CHECK = '''
from tester.checks.base import PageCheck
from tester.model import CheckResult
from tester.options import Option

async def gather(env):
    return {{}}

CHECK = PageCheck(id={check_id!r}, group="lowvision", gather=gather,
                  audit=lambda data: CheckResult(id={check_id!r}, status="passed"),
                  options=tuple(Option(name, 1, int, "test") for name in {options!r}))
'''


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Install]:
    """install(entry_points, modules) -> a fresh distribution on sys.path, registry reloaded."""

    def install_one(entry_points: dict, modules: dict | None = None) -> Path:
        root = tmp_path / f"site-{next(_names)}"
        install_distribution(root, f"plugin-{root.name}", entry_points, modules)
        monkeypatch.syspath_prepend(str(root))
        importlib.invalidate_caches()
        registry.reset()
        return root

    yield install_one
    registry.reset()  # forget the plugin before sys.path loses it


def _unique_module() -> str:
    return f"plugin_mod_{next(_names)}"


def test_built_ins_in_their_default_order_and_each_declared_in_its_own_module() -> None:
    registry.reset()
    assert registry.task_ids() == ["find-contacts", "find-appeal-procedure", "switch-to-kazakh",
                                   "find-low-vision-version", "find-sitemap", "site-search"]
    assert [c.id for c in registry.page_check_specs()] == [
        "reflow", "resize-text", "text-spacing", "small-text", "visual-presentation",
        "contrast-review", "use-of-color", "orientation", "focus-visible", "images-of-text",
        "link-text", "form-labels", "alt-text-quality", "table-headers", "deprecated-markup"]
    assert [c.id for c in registry.site_check_specs()] == [
        "broken-links", "news-freshness", "stale-sections", "language-parity",
        "documents-as-images", "sitemap", "required-sections"]
    assert registry.report_format_ids() == ["json", "html", "junit", "markdown", "sarif", "csv"]
    # One module per task: its function lives in the module that declares it.
    for spec in registry.task_specs():
        assert spec.run.__module__ == f"tester.tasks.{spec.id.replace('-', '_')}"
        assert spec.title and spec.title_key == f"task.title.{spec.id}"


def test_capabilities_are_declared_not_tested_by_id() -> None:
    by_id = {spec.id: spec for spec in registry.task_specs()}
    assert {i for i, s in by_id.items() if s.audits_low_vision_mode} == {"find-low-vision-version"}
    assert {i for i, s in by_id.items() if s.measures_path} == {
        "find-contacts", "find-appeal-procedure", "switch-to-kazakh", "find-sitemap"}


def test_declared_options_name_their_owner() -> None:
    owners = {name: owner for name, (owner, _) in registry.declared_options().items()}
    assert owners["min_font_px"] == "small-text"
    assert owners["lowvision_max_tabs"] == "focus-visible"
    assert owners["news_max_working_days"] == "news-freshness"
    assert owners["stale_after_days"] == "stale-sections"


def test_without_plugins_the_schema_lists_the_built_in_ids_as_examples_not_an_enum() -> None:
    schema = registry.result_schema()
    task_id = schema["$defs"]["TaskResult"]["properties"]["id"]
    check_id = schema["$defs"]["CheckResult"]["properties"]["id"]
    assert task_id["examples"] == registry.task_ids() and "enum" not in task_id
    assert "reflow" in check_id["examples"] and "broken-links" in check_id["examples"]
    assert "enum" not in check_id


def test_the_example_plugin_adds_one_of_each_kind(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(install_example_plugin(tmp_path / "site")))
    registry.reset()
    try:
        assert registry.task_ids()[-1] == "find-news"
        assert [c.id for c in registry.page_check_specs()][-1] == "skip-link"
        assert [c.id for c in registry.page_check_specs("lowvision")][-1] == "skip-link"
        assert [c.id for c in registry.site_check_specs()][-1] == "unique-titles"
        assert registry.report_format_ids()[-1] == "text"
        assert registry.declared_options()["skip_link_within"][0] == "skip-link"
        assert registry.check_title("unique-titles") == "Every page has its own title"
        # Settings know the plugin's task and option, and run the task by default.
        settings = Settings(skip_link_within=5)
        assert settings.option("skip_link_within") == 5 and "find-news" in settings.tasks
        # The published schema does not change with the plugins installed.
        schema = registry.result_schema()
        assert "find-news" not in schema["$defs"]["TaskResult"]["properties"]["id"]["examples"]
    finally:
        registry.reset()


def test_an_entry_point_may_name_a_module_or_the_spec_itself(install: Install) -> None:
    module = _unique_module()
    install({"ashyq.checks": {"a": module, "b": f"{module}_b:CHECK"}},
            {f"{module}.py": PAGE_CHECK.format(check_id="plugin-a", options=()),
             f"{module}_b.py": PAGE_CHECK.format(check_id="plugin-b", options=())})
    assert [c.id for c in registry.page_check_specs()][-2:] == ["plugin-a", "plugin-b"]


def test_a_duplicate_check_id_names_both_owners(install: Install) -> None:
    module = _unique_module()
    install({"ashyq.checks": {"my-reflow": module}},
            {f"{module}.py": PAGE_CHECK.format(check_id="reflow", options=())})
    with pytest.raises(RegistryError) as error:
        registry.page_check_specs()
    message = str(error.value)
    assert "'reflow' is declared twice" in message
    assert "tester.checks.lowvision.reflow" in message and "'my-reflow'" in message
    assert "\n" not in message


def test_a_page_check_may_not_take_a_site_checks_id(install: Install) -> None:
    module = _unique_module()
    install({"ashyq.checks": {"links": module}},
            {f"{module}.py": PAGE_CHECK.format(check_id="broken-links", options=())})
    with pytest.raises(RegistryError, match="'broken-links' is declared twice.*tester.site.links"):
        registry.site_check_specs()


def test_a_duplicate_option_names_both_owners(install: Install) -> None:
    module = _unique_module()
    install({"ashyq.checks": {"fonts": module}},
            {f"{module}.py": PAGE_CHECK.format(check_id="fonts", options=("min_font_px",))})
    with pytest.raises(RegistryError) as error:
        registry.declared_options()
    assert "'min_font_px' is declared twice" in str(error.value)
    assert "tester.checks.lowvision.small_text" in str(error.value)
    assert "'fonts'" in str(error.value)


def test_an_option_may_not_shadow_a_core_setting(install: Install) -> None:
    module = _unique_module()
    install({"ashyq.checks": {"pages": module}},
            {f"{module}.py": PAGE_CHECK.format(check_id="pages", options=("max_pages",))})
    with pytest.raises(RegistryError, match="'max_pages' .* already a setting of ashyq"):
        registry.declared_options()


def test_a_broken_plugin_is_one_line_naming_its_entry_point(install: Install) -> None:
    module = _unique_module()
    install({"ashyq.tasks": {"broken": module}},
            {f"{module}.py": "import a_module_that_does_not_exist\n"})
    with pytest.raises(RegistryError) as error:
        registry.task_ids()
    message = str(error.value)
    assert f"entry point 'broken' = '{module}' in group ashyq.tasks" in message
    assert "ModuleNotFoundError" in message and "a_module_that_does_not_exist" in message
    assert "\n" not in message and "Traceback" not in message


@pytest.mark.parametrize(("source", "expected"), [
    ("SPEC = 42\n", "is not a TaskSpec but an object of type int"),
    ("X = 1\n", "declares none of SPEC"),
])
def test_an_entry_point_to_the_wrong_thing_is_refused(install: Install, source: str,
                                                      expected: str) -> None:
    module = _unique_module()
    install({"ashyq.tasks": {"odd": module}}, {f"{module}.py": source})
    with pytest.raises(RegistryError, match=expected):
        registry.task_specs()


def test_a_missing_attribute_in_an_entry_point_is_a_clear_error(install: Install) -> None:
    module = _unique_module()
    install({"ashyq.reports": {"pdf": f"{module}:FORMAT"}}, {f"{module}.py": "X = 1\n"})
    with pytest.raises(RegistryError, match="entry point 'pdf'.*AttributeError"):
        registry.report_formats()


def test_a_plugin_format_cannot_take_the_printed_pdf_id(install: Install) -> None:
    module = _unique_module()
    source = ("from tester.report.base import ReportFormat\n"
              "FORMAT = ReportFormat(id='pdf', file_name='x.pdf', render=lambda r, l: '')\n")
    install({"ashyq.reports": {"pdf": f"{module}:FORMAT"}}, {f"{module}.py": source})
    with pytest.raises(RegistryError, match="'pdf' is taken"):
        registry.report_formats()


def test_the_extending_guide_shows_the_real_example_and_every_extension_point() -> None:
    root = Path(__file__).resolve().parents[2]
    guide = (root / "docs" / "extending.md").read_text(encoding="utf-8")
    shown = re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```\n", guide, re.DOTALL)
    assert {path for path, _ in shown} == {
        str(p.relative_to(root)) for p in (root / "docs/examples/ashyq-example").rglob("*")
        if p.suffix in (".py", ".toml") and p.name != "__init__.py"}
    for path, code in shown:
        assert code == (root / path).read_text(encoding="utf-8"), f"{path} differs from the guide"
    for name in (registry.TASKS_GROUP, registry.CHECKS_GROUP, registry.REPORTS_GROUP,
                 "BUILTIN_TASKS", "BUILTIN_PAGE_CHECKS", "BUILTIN_SITE_CHECKS",
                 "BUILTIN_REPORT_FORMATS", "TaskSpec", "PageCheck", "SiteCheck", "ReportFormat"):
        assert name in guide
