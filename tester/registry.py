"""One registry per extension point: citizen tasks, page checks, site checks, report formats.

Each task, check and report format declares itself in its own module (`SPEC = TaskSpec(...)`,
`CHECK = PageCheck(...)`, `SITE_CHECK = SiteCheck(...)`, `FORMAT = ReportFormat(...)`): its
id, title, catalog keys, options, WCAG or rule mapping and function. The built-ins are named
below by dotted path, in the order they run (like scrapy's component settings); third-party
packages add their own through entry points:

    [project.entry-points."ashyq.checks"]      # a PageCheck or a SiteCheck
    kz-page-title = "ashyq_kz.page_title"      # a module with CHECK / SITE_CHECK, or "mod:ATTR"
    [project.entry-points."ashyq.tasks"]       # a TaskSpec
    [project.entry-points."ashyq.reports"]     # a ReportFormat

Everything that used to repeat the lists (settings defaults and validation, declared options,
the runner, the CLI's --tasks/--formats, the result schema, report titles) reads them here.
Modules are imported on first use, not when this module is imported: check modules import
tester.config, and tester.config asks this registry for the task ids.

docs/extending.md shows each kind with a working example.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType
from typing import TYPE_CHECKING, Any

from tester.config import ConfigError
from tester.options import Option

if TYPE_CHECKING:
    from tester.checks.base import PageCheck
    from tester.model import Finding, TaskResult
    from tester.report.base import ReportFormat
    from tester.site.base import SiteCheck
    from tester.taskspec import TaskSpec

BUILTIN_TASKS: tuple[str, ...] = (
    "tester.tasks.find_contacts",
    "tester.tasks.find_appeal_procedure",
    "tester.tasks.switch_to_kazakh",
    "tester.tasks.find_low_vision_version",
    "tester.tasks.find_sitemap",
    "tester.tasks.site_search",
)
# Run one after another on the same loaded page; cheap layout checks first, keyboard and OCR
# last (tester/checks/lowvision/__init__.py says why).
BUILTIN_PAGE_CHECKS: tuple[str, ...] = (
    "tester.checks.lowvision.reflow",
    "tester.checks.lowvision.resize_text",
    "tester.checks.lowvision.text_spacing",
    "tester.checks.lowvision.small_text",
    "tester.checks.lowvision.visual_presentation",
    "tester.checks.lowvision.contrast_review",
    "tester.checks.lowvision.use_of_color",
    "tester.checks.lowvision.orientation",
    "tester.checks.lowvision.focus_visible",
    "tester.checks.lowvision.images_of_text",
    "tester.checks.markup.link_text",
    "tester.checks.markup.form_labels",
    "tester.checks.markup.alt_text",
    "tester.checks.markup.table_headers",
    "tester.checks.markup.deprecated",
)
BUILTIN_SITE_CHECKS: tuple[str, ...] = (
    "tester.site.links",
    "tester.site.freshness:NEWS_FRESHNESS",
    "tester.site.freshness:STALE_SECTIONS",
    "tester.site.language",
    "tester.site.documents",
    "tester.site.sitemap",
    "tester.site.sections",
)
BUILTIN_REPORT_FORMATS: tuple[str, ...] = (
    "tester.report.files:JSON_FORMAT",
    "tester.report.html",
    "tester.report.junit",
    "tester.report.markdown",
    "tester.report.sarif",
    "tester.report.compare",
)

TASKS_GROUP = "ashyq.tasks"
CHECKS_GROUP = "ashyq.checks"
REPORTS_GROUP = "ashyq.reports"


class RegistryError(ConfigError):
    """A task, check or report format cannot be registered; one line naming who declared it."""


@dataclass(frozen=True)
class _Entry:
    """One declared object and who declared it (for error messages)."""

    spec: Any
    owner: str  # a built-in's dotted path, or a plugin's entry point and package


def _built_in(path: str, attributes: Sequence[str]) -> list[_Entry]:
    module_name, _, attribute = path.partition(":")
    module = importlib.import_module(module_name)
    names = [attribute] if attribute else attributes
    found = [getattr(module, name) for name in names if hasattr(module, name)]
    if not found:
        raise RegistryError(f"built-in {path} declares none of {', '.join(names)}")
    return [_Entry(spec, path) for spec in found]


def _plugin_name(entry: EntryPoint) -> str:
    dist = getattr(entry, "dist", None)
    package = f" (package {dist.name})" if dist is not None else ""
    return f"entry point {entry.name!r} = {entry.value!r} in group {entry.group}{package}"


def _plugins(group: str, attributes: Sequence[str]) -> list[_Entry]:
    found: list[_Entry] = []
    points = sorted(entry_points(group=group), key=lambda e: (e.name, e.value))
    for point in points:
        owner = _plugin_name(point)
        try:
            loaded = point.load()
        except Exception as exc:  # noqa: BLE001 - any import failure becomes one clear line
            detail = str(exc).splitlines()[0][:200] if str(exc) else ""
            raise RegistryError(
                f"plugin {owner} could not be loaded: {type(exc).__name__}: {detail}"
            ) from None
        if isinstance(loaded, ModuleType):
            specs = [getattr(loaded, name) for name in attributes if hasattr(loaded, name)]
            if not specs:
                raise RegistryError(
                    f"plugin {owner}: module {loaded.__name__} declares none of "
                    f"{', '.join(attributes)}"
                )
        elif isinstance(loaded, list | tuple):
            specs = list(loaded)
        else:
            specs = [loaded]
        found.extend(_Entry(spec, owner) for spec in specs)
    return found


def _typed(entries: Sequence[_Entry], kinds: tuple[type, ...], what: str) -> list[_Entry]:
    for entry in entries:
        if not isinstance(entry.spec, kinds):
            raise RegistryError(f"{entry.owner} is not a {what} but an object of type "
                                f"{type(entry.spec).__name__}")
    return list(entries)


def _unique(entries: Sequence[_Entry], what: str) -> None:
    seen: dict[str, _Entry] = {}
    for entry in entries:
        ident = entry.spec.id
        if not isinstance(ident, str) or not ident:
            raise RegistryError(f"{entry.owner}: a {what} needs a non-empty string id")
        if ident in seen:
            raise RegistryError(
                f"{what} id {ident!r} is declared twice: by {seen[ident].owner} "
                f"and by {entry.owner}"
            )
        seen[ident] = entry


def _load(builtins: Sequence[str], group: str, attributes: Sequence[str]) -> list[_Entry]:
    entries = [e for path in builtins for e in _built_in(path, attributes)]
    return entries + _plugins(group, attributes)


@cache
def _tasks() -> tuple[_Entry, ...]:
    from tester.taskspec import TaskSpec

    entries = _typed(_load(BUILTIN_TASKS, TASKS_GROUP, ("SPEC",)), (TaskSpec,), "TaskSpec")
    _unique(entries, "task")
    return tuple(entries)


@cache
def _checks() -> tuple[_Entry, ...]:
    """Page and site checks share one id space: reports look titles up by check id."""
    from tester.checks.base import PageCheck
    from tester.site.base import SiteCheck

    entries = [e for path in BUILTIN_PAGE_CHECKS for e in _built_in(path, ("CHECK",))]
    entries += [e for path in BUILTIN_SITE_CHECKS for e in _built_in(path, ("SITE_CHECK",))]
    entries += _plugins(CHECKS_GROUP, ("CHECK", "SITE_CHECK"))
    entries = _typed(entries, (PageCheck, SiteCheck), "PageCheck or SiteCheck")
    _unique(entries, "check")
    return tuple(entries)


PRINTED_FORMATS = ("pdf",)


@cache
def _formats() -> tuple[_Entry, ...]:
    from tester.report.base import ReportFormat

    entries = _typed(_load(BUILTIN_REPORT_FORMATS, REPORTS_GROUP, ("FORMAT",)),
                     (ReportFormat,), "ReportFormat")
    _unique(entries, "report format")
    for entry in entries:  # printed by the CLI (tester/cli/printing.py), not a render function
        if entry.spec.id in PRINTED_FORMATS:
            raise RegistryError(f"{entry.owner}: report format id {entry.spec.id!r} is taken "
                                "by ashyq's printed PDF")
    return tuple(entries)


def task_specs() -> list[TaskSpec]:
    """Built-in tasks in their default order, then plugins' (by entry point name)."""
    return [e.spec for e in _tasks()]


def task_ids() -> list[str]:
    return [spec.id for spec in task_specs()]


def task_spec(task_id: str) -> TaskSpec | None:
    return next((spec for spec in task_specs() if spec.id == task_id), None)


def task_findings(result: TaskResult) -> list[Finding]:
    """The findings a finished task carries beside its verdict (its spec's pure `findings`),
    or none; a task's bug there never costs the run its result."""
    spec = task_spec(result.id)
    if spec is None or spec.findings is None:
        return []
    try:
        return list(spec.findings(result))
    except Exception:  # noqa: BLE001 - a plugin's findings hook must not break the run
        return []


def page_check_specs(group: str | None = None) -> list[PageCheck]:
    """Page checks in run order (built-ins, then plugins); only `group`'s when given."""
    from tester.checks.base import PageCheck

    return [e.spec for e in _checks()
            if isinstance(e.spec, PageCheck) and (group is None or e.spec.group == group)]


def site_check_specs() -> list[SiteCheck]:
    from tester.site.base import SiteCheck

    return [e.spec for e in _checks() if isinstance(e.spec, SiteCheck)]


def check_title(check_id: str) -> str | None:
    """The English title a page or site check declares (None for an unknown id)."""
    return next((e.spec.title or None for e in _checks() if e.spec.id == check_id), None)


def report_formats() -> list[ReportFormat]:
    return [e.spec for e in _formats()]


def report_format_ids() -> list[str]:
    return [spec.id for spec in report_formats()]


def ids_for_help(kind: str) -> list[str]:
    """Task ("tasks") or report-format ("formats") ids for --help text. With a broken plugin,
    the built-ins': --help still works, and the command itself reports the plugin's error."""
    loaders = {"tasks": (task_ids, BUILTIN_TASKS, "SPEC"),
               "formats": (report_format_ids, BUILTIN_REPORT_FORMATS, "FORMAT")}
    registered, builtins, attribute = loaders[kind]
    try:
        return registered()
    except RegistryError:
        return _builtin_ids(builtins, (attribute,))


def _settings_fields() -> set[str]:
    from dataclasses import fields, is_dataclass

    from tester.config import Settings

    if is_dataclass(Settings):
        return {f.name for f in fields(Settings)}
    return set(getattr(Settings, "model_fields", {}))


@cache
def _options() -> dict[str, tuple[str, Option]]:
    owners: list[tuple[str, str, Sequence[Option]]] = [
        *((e.spec.id, e.owner, e.spec.options) for e in _tasks()),
        *((e.spec.id, e.owner, e.spec.options) for e in _checks()),
        *((e.spec.id, e.owner, e.spec.options) for e in _formats()),
    ]
    reserved = _settings_fields()
    declared: dict[str, tuple[str, Option]] = {}
    where: dict[str, str] = {}
    for owner_id, owner, options in owners:
        for option in options:
            if not isinstance(option, Option):
                raise RegistryError(f"{owner}: options must be tester.options.Option values")
            if option.name in reserved:
                raise RegistryError(
                    f"option {option.name!r} of {owner} is already a setting of ashyq itself"
                )
            if option.name in declared:
                raise RegistryError(
                    f"option {option.name!r} is declared twice: by {where[option.name]} "
                    f"and by {owner}"
                )
            declared[option.name] = (owner_id, option)
            where[option.name] = owner
    return declared


def declared_options() -> dict[str, tuple[str, Option]]:
    """Every option a task, check or report format declares: name -> (owner id, Option)."""
    return dict(_options())


def _builtin_ids(paths: Sequence[str], attributes: Sequence[str]) -> list[str]:
    return [e.spec.id for path in paths for e in _built_in(path, attributes)]


def result_schema() -> dict[str, Any]:
    """The published JSON Schema of result.json (schema/result.schema.json): the built-in task
    and check ids are listed as examples; plugins' ids are valid too (no enum), and the schema
    does not change with the plugins installed."""
    from tester.model import json_schema

    return json_schema(
        task_ids=_builtin_ids(BUILTIN_TASKS, ("SPEC",)),
        page_check_ids=_builtin_ids(BUILTIN_PAGE_CHECKS, ("CHECK",)),
        site_check_ids=_builtin_ids(BUILTIN_SITE_CHECKS, ("SITE_CHECK",)),
    )


def load_all() -> None:
    """Load every kind now (built-ins and plugins), so a broken or clashing plugin stops a
    command before it starts, as one RegistryError line, not halfway through a run."""
    _options()  # loads tasks, checks and report formats, and checks their options


def reset() -> None:
    """Forget what was loaded, so newly installed plugins are found (tests)."""
    for loader in (_tasks, _checks, _formats, _options):
        loader.cache_clear()


__all__: list[str] = [
    "BUILTIN_PAGE_CHECKS",
    "BUILTIN_REPORT_FORMATS",
    "BUILTIN_SITE_CHECKS",
    "BUILTIN_TASKS",
    "CHECKS_GROUP",
    "REPORTS_GROUP",
    "TASKS_GROUP",
    "RegistryError",
    "check_title",
    "declared_options",
    "ids_for_help",
    "load_all",
    "page_check_specs",
    "report_format_ids",
    "report_formats",
    "reset",
    "result_schema",
    "site_check_specs",
    "task_ids",
    "task_spec",
    "task_specs",
]
