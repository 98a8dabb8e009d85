"""The barrier corpus: tests/fixtures/barriers/<kind>/ pages with known barriers and known passes.

Each kind folder holds an ``expected.json`` (the contract every check author follows):

    {"kind": "...", "title": "...", "wcag": ["1.4.1"], "checks": ["use-of-color"],
     "settings": {...optional Settings overrides...},
     "pages": {"fail-x.html": {"expect": "fail", "rule": "use-of-color", "kind": "...",
                               "selector": "...", "advisory": false, "review": false,
                               "source": "ashyq", "note": "..."},
               "pass-y.html": {"expect": "pass", "rule": "use-of-color", "note": "..."}}}

fail: at least one finding of `rule` (and `data.kind`, a `selector` substring, when given) whose
needs-review and advisory states are the ones named (default: neither). pass: no finding of
`rule` (and `kind`) at all, review or advisory included. tests/e2e/test_barriers.py holds every
page to its expectation; bench/detection.py counts ashyq against plain axe-core on the same pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tester.model import Finding

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "barriers"


@dataclass(frozen=True)
class Expectation:
    kind: str  # the barrier kind (its folder)
    page: str  # file name inside the folder
    expect: str  # "fail" | "pass"
    rule: str
    finding_kind: str = ""
    selector: str = ""
    advisory: bool = False
    review: bool = False
    source: str = ""
    note: str = ""

    @property
    def path(self) -> str:
        """The page's path under the corpus root (its URL path on the corpus server)."""
        return f"{self.kind}/{self.page}"

    def relevant(self, finding: Finding) -> bool:
        """Is this finding about the barrier the page is there for?"""
        if finding.rule != self.rule or (self.source and finding.source != self.source):
            return False
        return not self.finding_kind or finding.data.get("kind") == self.finding_kind

    def matches(self, finding: Finding) -> bool:
        """Does this finding prove a `fail` expectation?"""
        return (self.relevant(finding) and self.selector in finding.selector
                and finding.needs_review == self.review
                and getattr(finding, "advisory", False) == self.advisory)

    def met(self, findings: list[Finding]) -> bool:
        if self.expect == "fail":
            return any(self.matches(f) for f in findings)
        return not any(self.relevant(f) for f in findings)


@dataclass(frozen=True)
class Kind:
    id: str
    title: str
    wcag: list[str]
    checks: list[str]
    settings: dict[str, Any] = field(default_factory=dict)
    pages: list[Expectation] = field(default_factory=list)


def load_kinds(root: Path = CORPUS) -> list[Kind]:
    kinds = []
    for path in sorted(root.glob("*/expected.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        kind_id = path.parent.name
        pages = [
            Expectation(kind=kind_id, page=name, expect=spec["expect"], rule=spec["rule"],
                        finding_kind=spec.get("kind", ""), selector=spec.get("selector", ""),
                        advisory=bool(spec.get("advisory", False)),
                        review=bool(spec.get("review", False)), source=spec.get("source", ""),
                        note=spec.get("note", ""))
            for name, spec in raw["pages"].items()
        ]
        kinds.append(Kind(id=kind_id, title=raw.get("title", kind_id), wcag=list(raw["wcag"]),
                          checks=list(raw["checks"]), settings=dict(raw.get("settings", {})),
                          pages=pages))
    return kinds


def all_pages(root: Path = CORPUS) -> list[tuple[Kind, Expectation]]:
    return [(kind, page) for kind in load_kinds(root) for page in kind.pages]
