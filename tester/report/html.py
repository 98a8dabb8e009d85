"""render_html: the self-contained, autoescaped, accessible index.html of a run."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from tester.i18n import Translator, is_localised
from tester.model import Finding, RunResult, SiteResult
from tester.report import axe_locale, sitelang
from tester.report import summary as s
from tester.report.base import ReportFormat
from tester.report.budget_view import budget_rows, budget_summary, threshold_lines
from tester.report.compare import SCORE_KEYS, build_comparison
from tester.report.trends import render_trends

TEMPLATES = Path(__file__).parent / "templates"
STATUS_SYMBOL = {"passed": "✓", "failed": "✗", "error": "!", "skipped": "–"}
MAX_ITEMS = 20  # evidence/data lists are cut here so a 500-link list cannot drown the page
MAX_DEPTH = 3
SCREENSHOT_DIR = "screenshots/"  # tester/artifacts.py RunDir layout
SCREENSHOT_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
_SNAKE_KEY = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")


def finalize(value: Any) -> Any:
    # Control characters from hostile pages are dropped before escaping; our own Markup is kept.
    if isinstance(value, str) and not isinstance(value, Markup):
        return s.strip_controls(value)
    return value


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its name: audited pages are hostile
        undefined=StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["truncate_text"] = s.truncate
    env.filters["readable"] = s.readable_urls
    env.filters["site_text"] = _site_text
    env.filters["mixed_text"] = _mixed_text
    return env


@pass_context
def _site_text(context: Context, value: Any, declared: str | None = None) -> Markup:
    """`{{ page.title | site_text(lang) }}`: a site's text marked with its language."""
    return sitelang.site_text(value, declared, context["language"])


@pass_context
def _mixed_text(context: Context, value: Any, declared: str | None = None,
                text_language: str | None = None) -> Markup:
    """`{{ message | mixed_text(lang) }}`: our text quoting a site's words."""
    return sitelang.mixed_text(value, declared, context["language"], text_language)


@cache
def _css() -> Markup:
    # Our own stylesheet, inlined (the CSP forbids external files); trusted, so not escaped.
    return Markup((TEMPLATES / "report.css").read_text(encoding="utf-8"))


def _tree(value: Any, t: Translator, depth: int = 0, declared: str | None = None
          ) -> dict[str, Any]:
    """Evidence/data as nodes the `value` macro renders: text, list or dict, cut to size. Texts
    are the site's (marked with the language `declared` by their page); keys are ours."""
    if isinstance(value, dict | list | tuple) and not value:
        return {"kind": "text", "text": t("value.none"), "href": None}
    if is_localised(value):  # a name given in every language: the report's own
        return {"kind": "text", "text": str(value[t.language]), "href": None}
    if isinstance(value, dict) and depth < MAX_DEPTH:
        items = list(value.items())
        return {
            "kind": "dict",
            "items": [
                (data_key(str(k), t), _tree(v, t, depth + 1, declared))
                for k, v in items[:MAX_ITEMS]
            ],
            "more": max(0, len(items) - MAX_ITEMS),
        }
    if isinstance(value, list | tuple) and depth < MAX_DEPTH:
        return {
            "kind": "list",
            "items": [_tree(v, t, depth + 1, declared) for v in value[:MAX_ITEMS]],
            "more": max(0, len(value) - MAX_ITEMS),
        }
    if isinstance(value, bool):
        text = t("value.yes") if value else t("value.no")
    elif value is None or value == "":
        text = t("value.none")
    elif isinstance(value, str) and is_screenshot(value):
        return {"kind": "asset", "src": s.safe_asset(value)}
    else:
        text = sitelang.site_text(s.truncate(s.readable_urls(str(value)), 500), declared,
                                  t.language)
        if isinstance(value, str) and _is_url(value):
            return {"kind": "text", "text": text, "href": s.safe_href(value)}
    return {"kind": "text", "text": text, "href": None}


def data_key(key: str, t: Translator) -> str:
    """A data/evidence key in the report language: its catalog entry, else the key made
    readable ("age_days" -> "Age days"), never raw snake_case."""
    for namespace in ("evidence", "language"):  # language codes key per-language counts
        if t.has(f"{namespace}.{key}"):
            return t(f"{namespace}.{key}")
    if not _SNAKE_KEY.fullmatch(key):
        return key  # a value used as a key (a font size, a page's own word): shown as it is
    words = key.replace("_", " ")
    return words[:1].upper() + words[1:]


def _is_url(value: str) -> bool:
    # Only a value that is nothing but an http(s) URL becomes a link, never a sentence with one.
    stripped = value.strip()
    return stripped.lower().startswith(("http://", "https://")) and not any(
        c.isspace() for c in stripped
    )


def is_screenshot(value: str) -> bool:
    # Our own run folder's screenshots only: an audited page's "img/x.jpg" is just text.
    return (
        value.startswith(SCREENSHOT_DIR)
        and value.lower().endswith(SCREENSHOT_SUFFIXES)
        and s.safe_asset(value) is not None
    )


def _details(finding: Finding, t: Translator, declared: str | None) -> dict[str, Any] | None:
    details = s.finding_details(finding)
    return _tree(details, t, declared=declared) if details else None


def _url_languages(result: RunResult) -> dict[str, str]:
    """The language of every audited address (sites and pages), for text quoted from it."""
    found: dict[str, str] = {}
    for site in result.sites:
        for page in site.pages:
            language = sitelang.page_language(page)
            for url in (page.url, page.final_url):
                if url and language:
                    found.setdefault(url, language)
        language = sitelang.site_language(site)
        if language:
            found.setdefault(site.url, language)
    return found


def _helpers(t: Translator, url_languages: dict[str, str]) -> dict[str, Any]:
    def scores(site: SiteResult) -> list[dict[str, Any]]:
        # The four scores always, so one not measured says so instead of vanishing; value None.
        keys = list(SCORE_KEYS) + [key for key in site.scores if key not in SCORE_KEYS]
        tiles = []
        for key in keys:
            value = site.scores.get(key)
            tiles.append({
                "key": key, "label": t.optional(f"score.{key}", key),
                "about": t.optional(f"score.about.{key}", ""),
                "value": None if value is None else round(value),
                "band": None if value is None else s.score_band(value),
            })
        return tiles

    return {
        "t": t,
        "milliseconds": t.milliseconds,
        "seconds": t.seconds,
        "duration": t.duration,
        "task_title": lambda task: s.task_title(task, t),
        "check_title": lambda check_id: s.check_title(check_id, t),
        "check_titles": lambda checks: ", ".join(s.check_title(c.id, t) for c in checks),
        "check_about": lambda check_id: t.optional(f"check.about.{check_id}", ""),
        "scores": scores,
        "trends": lambda site, site_id: render_trends(site.trend, t, site_id),
        "site_error": lambda site: s.site_error_reason(site, t),
        "page_error": lambda page: s.page_error_reason(page, t),
        "error_detail": s.error_detail,
        "notice_text": lambda notice: s.notice_text(notice, t),
        "action_label": lambda action: t.optional(f"action.{action}", action),
        "language_name": lambda code: t.optional(f"language.{code}", code),
        "yes_no": lambda flag: t("value.yes") if flag else t("value.no"),
        "tree": lambda value, declared=None: _tree(value, t, declared=declared),
        "url_lang": url_languages.get,
        "page_lang": sitelang.page_language,
        "site_lang": sitelang.site_language,
        "step_lang": sitelang.url_language,
        "message_lang": lambda item: s.message_language(item, t.language),
        "axe_help": lambda f: (axe_locale.rule_help(f.rule, t.language)
                               if f.source == "axe" and not f.messages.get(t.language) else None),
        "page_counts": s.count_page,
        "message_of": lambda item: s.localised(item, t.language),
        "step_label": lambda step: s.step_label(step, t.language),
        "message_html": lambda item, declared=None: sitelang.item_message(item, declared,
                                                                          t.language),
        "step_caption": lambda step, declared=None: sitelang.step_caption(step, declared,
                                                                          t.language),
        "finding_details": lambda finding, declared=None: _details(finding, t, declared),
        "group_checks": s.group_checks,
        "failing_checks": s.failing_checks,
        "page_open": s.page_needs_attention,
        "safe_href": s.safe_href,
        "asset": s.safe_asset,
        "group_by_impact": s.group_by_impact,
        "needs_review": s.needs_review,
        "advisory": s.advisory,
        "sort_findings": s.sort_findings,
        "site_label": s.site_label,
        "format_time": s.format_time,
        "axe_source_words": lambda source: _axe_source_words(source, t),
        "status_symbol": STATUS_SYMBOL,
        "statuses": s.STATUSES,
        "impacts": s.IMPACTS,
    }


def _axe_source_words(source: str, t: s.Translator) -> str:
    """tool.axe_source ("bundled", "file:<path>", "npm:axe-core@<version>") in the reader's
    words; "" when the result does not say (written before it was recorded)."""
    kind, _, detail = source.partition(":")
    if kind == "bundled":
        return t("about.axe-source.bundled")
    if kind == "file":
        return t("about.axe-source.file", path=detail)
    if kind == "npm":
        return t("about.axe-source.npm", package=detail)
    return source


def render_html(result: RunResult, language: str = "en") -> str:
    """The report page for `result` in `language` (en, ru or kk). Pure: no files touched."""
    t = s.translator(language)
    template = _environment().get_template("index.html.jinja")
    labels = [s.site_label(site) for site in result.sites]
    return template.render(
        result=result,
        language=language,
        css=_css(),
        counts=s.count_run(result),
        standard=s.run_standard(result),
        broken_sites=s.sites_with_errors(result),
        comparison=build_comparison(result),  # None for a one-site run: no section
        thresholds=threshold_lines(result, t),
        budget_rows=budget_rows(result, t),
        budget_summary=budget_summary(result, t) if result.budgets else "",
        run_seconds=s.run_seconds(result),
        sites_label=", ".join(labels[:3]) + (" …" if len(labels) > 3 else "") or t("value.none"),
        **_helpers(t, _url_languages(result)),
    )


FORMAT = ReportFormat("html", "index.html", render_html,
                      title="the report page, for people (in the report language)")
