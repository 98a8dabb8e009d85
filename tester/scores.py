"""Site scores: pure summaries of a SiteResult, each 0-100 (higher is better), for comparing sites.

- tasks: share of citizen tasks a person would complete (error counts as not completed).
- accessibility: share of audited pages with no critical or serious axe violation.
- low_vision: share of low-vision page checks passed (skipped ones not counted).
- kazakh_rules: share of site-health checks (Kazakh rules) passed.
A score is left out when nothing was measured for it, rather than shown as 0 or 100, and a site
with no audited page (unreachable, or its home answered an error status) gets no score at all:
an error page without violations says nothing about the site. What blocks a page and which
pages count as audited is decided by tester.gate.
"""

from __future__ import annotations

from tester.gate import MEASURED, blocked_by_axe, page_audited
from tester.model import SiteResult

# The areas a site is scored in, each 0-100 (a budget's [scores] names them).
SCORE_AREAS = ("tasks", "accessibility", "low_vision", "kazakh_rules")


def _share(passed: int, total: int) -> float | None:
    return round(100.0 * passed / total, 1) if total else None


def score_site(site: SiteResult) -> dict[str, float]:
    pages = [p for p in site.pages if page_audited(p)]
    if not pages:
        return {}
    tasks = [t for t in site.tasks if t.status != "skipped"]
    # A partial axe run is never clean (its missing rule groups may hide violations): it counts
    # only when its finished groups already found a blocking violation, else it is unknown.
    loaded = [
        p
        for p in pages
        if p.axe_status == "ok" or (p.axe_status == "partial" and blocked_by_axe(p))
    ]
    clean = [p for p in loaded if not blocked_by_axe(p)]
    lowvision = [c for p in pages for c in p.checks if c.status in MEASURED]
    rules = [c for c in site.checks if c.status in MEASURED]
    scores = {
        "tasks": _share(sum(t.status == "passed" for t in tasks), len(tasks)),
        "accessibility": _share(len(clean), len(loaded)),
        "low_vision": _share(sum(c.status == "passed" for c in lowvision), len(lowvision)),
        "kazakh_rules": _share(sum(c.status == "passed" for c in rules), len(rules)),
    }
    return {key: value for key, value in scores.items() if value is not None}
