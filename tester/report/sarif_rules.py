"""The SARIF rules table (`tool.driver.rules`): every rule described in its own words.

An axe-core rule carries axe's `help` and `description`, help URL and tags (axe_rules.json,
written from the injected axe-core by scripts/axe_rules.py); an ashyq check's rule carries the
check's catalog title and description (`check.title.<id>`, `check.about.<id>`) and a link to
docs/checks.md; a citizen task's rule its catalog title. Never the message of a first finding:
that differs from page to page, and a code-scanning UI shows the rule for all of them.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from tester.i18n import Translator
from tester.model import CheckResult, Finding, TaskResult
from tester.report import summary as s
from tester.wcag import CRITERIA, understanding_url

AXE_RULES_FILE = Path(__file__).with_name("axe_rules.json")
_AXE_WCAG_TAG = re.compile(r"wcag(\d)(\d)(\d+)")


@cache
def axe_rules() -> dict[str, dict[str, Any]]:
    """axe-core's rule metadata by rule id (axe_rules.json)."""
    table = json.loads(AXE_RULES_FILE.read_text(encoding="utf-8"))
    return dict(table["rules"])


def wcag_tags(criteria: list[str]) -> list[str]:
    """axe-style conformance tags ("wcag2aa", "wcag21aa") and "WCAG 1.4.3" for each criterion."""
    tags: list[str] = []
    for number in criteria:
        criterion = CRITERIA.get(number)
        if criterion is not None:
            version = criterion.since.replace(".0", "").replace(".", "")
            tags.append(f"wcag{version}{criterion.level.lower()}")
        tags.append(f"WCAG {number}")
    return tags


def _unique(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(tag for tag in tags if tag))


def _text(value: str, limit: int = 1000) -> dict[str, str]:
    return {"text": s.truncate(s.strip_controls(value).strip(), limit)}


def axe_rule(rule_id: str, finding: Finding | None = None) -> dict[str, Any]:
    meta = axe_rules().get(rule_id)
    if meta is None:  # a rule of a newer axe-core than axe_rules.json knows
        criteria = finding.wcag if finding else []
        help_url = finding.help_url if finding else ""
        return _descriptor(rule_id, f"axe-core rule {rule_id}", help_url,
                           ["accessibility", "axe", *wcag_tags(criteria)])
    criteria = [".".join(m.groups()) for tag in meta.get("tags", [])
                if (m := _AXE_WCAG_TAG.fullmatch(tag))]
    tags = ["accessibility", "axe", *meta.get("tags", []), *wcag_tags(criteria)]
    if not criteria:
        tags.append("best-practice")
    return _descriptor(meta.get("help") or rule_id, meta.get("description") or rule_id,
                       meta.get("helpUrl", ""), tags)


def check_rule(
    check_id: str, rule_id: str, criteria: list[str], t: Translator, site_check: bool = False
) -> dict[str, Any]:
    """A finding rule of an ashyq check, or the check itself (rule_id == check_id). A site
    check without WCAG criteria is about the site's health (news, sections, links)."""
    title = s.check_title(check_id, t)
    short = title if rule_id == check_id else f"{title}: {rule_id}"
    about = t.optional(f"check.about.{check_id}", title)
    if criteria:
        tags = ["accessibility", "ashyq", *wcag_tags(criteria)]
    else:
        tags = ["ashyq", "site-health" if site_check else "best-practice"]
    if site_check:
        tags.append("site-check")
    # ashyq has no public home for its docs yet: a check's help is W3C's page on what it tests.
    help_url = next(filter(None, map(understanding_url, criteria)), "")
    return _descriptor(short, about, help_url, tags)


def task_rule(task: TaskResult, t: Translator) -> dict[str, Any]:
    title = s.task_title(task, t)
    return _descriptor(title, t("sarif.task_rule", title=title), "", ["citizen-task", "ashyq"])


def finding_rule(
    finding: Finding, owner: CheckResult | TaskResult | None, t: Translator,
    site_check: bool = False,
) -> dict[str, Any]:
    """The rule of `finding`, found on a page, by the check `owner` (a site check's when
    `site_check`) or beside the task `owner`."""
    if finding.source == "axe":
        return axe_rule(finding.rule, finding)
    if isinstance(owner, CheckResult):
        return check_rule(owner.id, finding.rule, finding.wcag or owner.wcag, t, site_check)
    if isinstance(owner, TaskResult):
        title = s.task_title(owner, t)
        return _descriptor(f"{title}: {finding.rule}", t("sarif.task_rule", title=title), "",
                           ["accessibility", "ashyq", "citizen-task", *wcag_tags(finding.wcag)])
    return _descriptor(finding.rule, f"ashyq finding {finding.rule}", "",
                       ["accessibility", "ashyq", *wcag_tags(finding.wcag)])


def _descriptor(short: str, full: str, help_url: str, tags: list[str]) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "shortDescription": _text(short, 300),
        "fullDescription": _text(full),
        "properties": {"tags": _unique(tags)},
    }
    help_uri = s.safe_href(help_url)
    if help_uri:
        rule["helpUri"] = help_uri
    return rule


class Rules:
    """The driver's rule table, built as results refer to rules."""

    def __init__(self) -> None:
        self.rules: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}

    def index(self, rule_id: str, describe: dict[str, Any]) -> int:
        if rule_id not in self._index:
            self._index[rule_id] = len(self.rules)
            self.rules.append({"id": rule_id, **describe})
        return self._index[rule_id]

    def knows(self, rule_id: str) -> bool:
        return rule_id in self._index
