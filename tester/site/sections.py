"""`required-sections`: the S01–S21 checklist (plus site map and search) matched against the
link texts, URLs, headings and titles of the audited pages. The list is data: checklist.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import FilePath

from tester.i18n import LANGUAGES, message_fields, say
from tester.lexicon.matching import fold_for_match, match_folded
from tester.model import CheckResult, Finding, Impact
from tester.options import Option
from tester.site.base import SiteCheck, SiteContext
from tester.site.common import clip, page_ok, result, skipped
from tester.site.language import page_language
from tester.site.links import link_label
from tester.site.urls import match_url_token, path_and_query
from tester.snapshot import PageSnapshot
from tester.urlnorm import host_of, normalise_url

CHECK_ID = "required-sections"
# The message of results written before the verdict said what is missing: a stored result.json
# keeps its key, so re-rendering it needs the key still in the catalog.
OLDER_SUMMARY_KEY = "check.required-sections.summary"
DEFAULT_CHECKLIST = Path(__file__).with_name("checklist.yaml")
SHORT_LINE_WORDS = 3
OPTIONS: tuple[Option, ...] = (
    Option("checklist", DEFAULT_CHECKLIST, FilePath, "required-sections: the checklist, a YAML "
           "file shaped like tester/site/checklist.yaml"),
)


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    key: str
    title: dict[str, str]
    terms: tuple[str, ...]
    url: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    core: bool = False
    basis: str = ""
    short_lines: bool = False


# A basis naming a law or an order (L16: Law on access to information Art. 16, L17, R25: order
# 124-НҚ) makes an item legally required; M12 (a scoring method), A19 (an audit's finding),
# TI-KZ and "practice" only recommend it.
_LEGAL_BASIS = re.compile(r"^[LR]\d+$")


def missing_impact(item: ChecklistItem) -> Impact:
    """How bad the item's absence is: a core section (contacts, appeals, news, leadership)
    serious, another legally required one moderate (both fail the check: the law requires
    them), a recommended one minor (reported, never a failure)."""
    if item.core:
        return "serious"
    return "moderate" if legally_required(item) else "minor"


def legally_required(item: ChecklistItem) -> bool:
    return item.core or any(_LEGAL_BASIS.match(part.strip()) for part in item.basis.split(","))


@dataclass
class Match:
    page: str
    via: str  # link | link-url | link-host | heading | title | text
    text: str = ""
    href: str = ""
    languages: set[str] = field(default_factory=set)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where} must be a list of strings")
    return tuple(value)


def parse_checklist(data: Any, source: str = "checklist") -> list[ChecklistItem]:
    """Validate the checklist data; a clear one-line error for a mistake in a user's file."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise ValueError(f"{source}: expected a mapping with a list under 'items'")
    items: list[ChecklistItem] = []
    for index, raw in enumerate(data["items"]):
        where = f"{source}: item {index + 1}"
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("key"):
            raise ValueError(f"{where} needs an id and a key")
        terms = raw.get("terms") or {}
        if not isinstance(terms, dict):
            raise ValueError(f"{where}: terms must map languages to lists")
        title = raw.get("title") or {}
        if isinstance(title, str):
            title = {"en": title}
        items.append(ChecklistItem(
            id=str(raw["id"]), key=str(raw["key"]),
            title={str(k): str(v) for k, v in title.items()},
            terms=tuple(
                t for lang, v in terms.items() for t in _strings(v, f"{where} terms.{lang}")
            ),
            url=_strings(raw.get("url"), f"{where} url"),
            hosts=_strings(raw.get("hosts"), f"{where} hosts"),
            core=bool(raw.get("core", False)), basis=str(raw.get("basis", "")),
            short_lines=bool(raw.get("short_lines", False)),
        ))
        if not items[-1].terms and not items[-1].url and not items[-1].hosts:
            raise ValueError(f"{where} ({raw['id']}) has nothing to match")
    return items


@lru_cache(maxsize=8)
def load_checklist(path: Path = DEFAULT_CHECKLIST) -> tuple[ChecklistItem, ...]:
    with open(path, encoding="utf-8") as handle:
        return tuple(parse_checklist(yaml.safe_load(handle), str(path)))


def _host_matches(host: str, hosts: tuple[str, ...]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


@dataclass
class PageIndex:
    """What items are matched against on one page, folded once for all items."""

    url: str
    language: str | None
    labels: list[tuple[str, str, str]]  # (folded label, label, normalised href)
    hrefs: list[tuple[str, str, str, str]]  # (href, path+query, host, label)
    headings: list[tuple[str, str, str]]  # (folded, text, "heading" | "title")
    short_lines: list[tuple[str, str]]


def index_page(snap: PageSnapshot) -> PageIndex:
    labels: dict[str, tuple[str, str, str]] = {}
    hrefs: dict[str, tuple[str, str, str, str]] = {}
    for link in snap.links:
        href = normalise_url(link.href)
        for label in (link.text, link.aria_label, link.title, link.img_alt):
            folded = fold_for_match(label) if label else ""
            if folded and folded not in labels:
                labels[folded] = (folded, label, href)
        if href and href not in hrefs:
            hrefs[href] = (href, path_and_query(href), host_of(href), link_label(link))
    headings = [(fold_for_match(h), h, "heading") for h in snap.headings if h]
    if snap.title:
        headings.append((fold_for_match(snap.title), snap.title, "title"))
    lines = [(fold_for_match(line), line) for line in snap.text.splitlines()[:5000]
             if 0 < len(line.split()) <= SHORT_LINE_WORDS]
    return PageIndex(snap.url, page_language(snap).effective, list(labels.values()),
                     list(hrefs.values()), headings, lines)


def find_item(item: ChecklistItem, pages: list[PageIndex]) -> Match | None:
    """Where the item shows up on the audited pages (first match), with the page languages."""
    first: Match | None = None
    languages: set[str] = set()
    for page in pages:
        match = _match_on_page(item, page)
        if match is None:
            continue
        if page.language:
            languages.add(page.language)
        first = first or match
    if first is not None:
        first.languages = languages
    return first


def _match_on_page(item: ChecklistItem, page: PageIndex) -> Match | None:
    for folded, label, href in page.labels:
        if match_folded(folded, item.terms):
            return Match(page.url, "link", clip(label, 80), href)
    for href, path, host, label in page.hrefs:
        if item.hosts and _host_matches(host, item.hosts):
            return Match(page.url, "link-host", clip(label, 80), href)
        if item.url and match_url_token(path, item.url):
            return Match(page.url, "link-url", clip(label, 80), href)
    for folded, heading, via in page.headings:
        if match_folded(folded, item.terms):
            return Match(page.url, via, clip(heading, 80))
    if item.short_lines:
        for folded, line in page.short_lines:
            if match_folded(folded, item.terms):
                return Match(page.url, "text", clip(line, 80))
    return None


def audit_required_sections(
    snapshots: list[PageSnapshot], checklist: tuple[ChecklistItem, ...] | None = None
) -> CheckResult:
    pages = [s for s in snapshots if page_ok(s)]
    if not pages:
        return skipped(CHECK_ID, say("check.required-sections.none"))
    items = checklist if checklist is not None else load_checklist()
    indexed = [index_page(s) for s in pages]
    findings: list[Finding] = []
    report: list[dict[str, Any]] = []
    for item in items:
        match = find_item(item, indexed)
        entry: dict[str, Any] = {"id": item.id, "key": item.key,
                                 "title": _titles(item), "core": item.core,
                                 "legal": legally_required(item), "found": match is not None}
        if match is not None:
            entry.update({"page": match.page, "via": match.via, "text": match.text,
                          "href": match.href, "languages": sorted(match.languages)})
        else:
            findings.append(Finding(
                rule="required-section-missing", impact=missing_impact(item),
                **message_fields(say("check.required-sections.missing", id=item.id,
                                     names=_titles(item))),
                data={"id": item.id, "key": item.key, "core": item.core, "basis": item.basis,
                      "legal": legally_required(item)}))
        report.append(entry)
    found = sum(e["found"] for e in report)
    missing_items = [item for item, e in zip(items, report, strict=True)
                     if e["core"] and not e["found"]]
    core_missing = [item.key for item in missing_items]
    legal_missing = [e["key"] for e in report if e["legal"] and not e["found"]]
    data = {"items": report, "found": found, "total": len(report), "core_missing": core_missing,
            "legal_missing": legal_missing}
    core = say("check.required-sections.core-missing",
               keys={lang: ", ".join(_titles(item)[lang] for item in missing_items)
                     for lang in LANGUAGES}) if core_missing else None
    # Says what is missing and how much of it the law requires: "8 of 23 missing" is the
    # verdict, not the 15 found.
    message = say("check.required-sections.verdict", found=found, total=len(report),
                  missing=len(report) - found, legal=len(legal_missing), core=core)
    return result(CHECK_ID, findings, data, message)


def _titles(item: ChecklistItem) -> dict[str, str]:
    """The item's title in each report language (English, else its key, when one is missing),
    so a report names the section in its own language."""
    english = item.title.get("en") or item.key
    return {lang: item.title.get(lang) or english for lang in LANGUAGES}


def _audit(ctx: SiteContext) -> CheckResult:
    return audit_required_sections(ctx.snapshots, load_checklist(ctx.option("checklist")))


SITE_CHECK = SiteCheck(
    id=CHECK_ID,
    audit=_audit,
    title="Required sections",
    options=OPTIONS,
    rules=("L16", "R25"),  # Law on access to information Art. 16; order 124-НҚ
)
