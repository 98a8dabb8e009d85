"""Site scores: pure summaries of a SiteResult, each 0-100 (higher is better), for comparing sites.

- tasks: share of citizen tasks a person would complete (error counts as not completed).
- accessibility: share of audited pages with no critical or serious axe violation.
- low_vision: share of low-vision page checks passed (skipped ones not counted).
- kazakh_rules: share of site-health checks (Kazakh rules) passed.
A score is left out when nothing was measured for it, rather than shown as 0 or 100.
"""

from __future__ import annotations

from tester.model import SiteResult


def _share(passed: int, total: int) -> float | None:
    return round(100.0 * passed / total, 1) if total else None


def score_site(site: SiteResult) -> dict[str, float]:
    tasks = [t for t in site.tasks if t.status != "skipped"]
    loaded = [p for p in site.pages if p.axe_status == "ok"]
    clean = [
        p
        for p in loaded
        if not any(
            f.impact in ("critical", "serious") and not f.needs_review and f.source == "axe"
            for f in p.findings
        )
    ]
    lowvision = [c for p in site.pages for c in p.checks if c.status in ("passed", "failed")]
    rules = [c for c in site.checks if c.status in ("passed", "failed")]
    scores = {
        "tasks": _share(sum(t.status == "passed" for t in tasks), len(tasks)),
        "accessibility": _share(len(clean), len(loaded)),
        "low_vision": _share(sum(c.status == "passed" for c in lowvision), len(lowvision)),
        "kazakh_rules": _share(sum(c.status == "passed" for c in rules), len(rules)),
    }
    return {key: value for key, value in scores.items() if value is not None}
