"""axe-core on the loaded page (through axe-playwright-python), mapped to Findings.

The run is guarded by a watchdog: `page.evaluate` has no timeout of its own, so on
timeout the caller's page is closed (pending evaluate then fails) rather than cancelled.
"""

from __future__ import annotations

import asyncio
import re
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from tester.model import Finding

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    # Full node detail only where we report it; passes/inapplicable stay cheap.
    "resultTypes": ["violations", "incomplete"],
}
MAX_NODES_PER_RULE = 25
_AXE = Axe()
_VERSION_RE = re.compile(r"axe v(\d+\.\d+\.\d+)")


def axe_version() -> str:
    match = _VERSION_RE.search(_AXE.axe_script[:200])
    return match.group(1) if match else "unknown"


@dataclass
class AxeOutcome:
    status: str  # ok | timeout | error
    findings: list[Finding] = field(default_factory=list)
    message: str = ""
    counts: dict[str, int] = field(default_factory=dict)


def wcag_from_tags(tags: list[str]) -> list[str]:
    """axe tags like 'wcag143' or 'wcag1410' -> ['1.4.3'], ['1.4.10']."""
    out: list[str] = []
    for tag in tags:
        match = re.fullmatch(r"wcag(\d)(\d)(\d+)", tag)
        if match:
            out.append(".".join(match.groups()))
    return out


def map_axe_results(raw: dict[str, Any]) -> list[Finding]:
    """Violations become findings; 'incomplete' results become needs-review findings."""
    findings: list[Finding] = []
    for bucket, needs_review in (("violations", False), ("incomplete", True)):
        for rule in raw.get(bucket, []) or []:
            nodes = rule.get("nodes", []) or []
            for node in nodes[:MAX_NODES_PER_RULE]:
                target = node.get("target") or []
                selector = " ".join(
                    " >> ".join(t) if isinstance(t, list) else str(t) for t in target
                )
                impact = node.get("impact") or rule.get("impact") or "moderate"
                message = (node.get("failureSummary") or rule.get("help") or "").strip()
                findings.append(
                    Finding(
                        rule=str(rule.get("id", "axe")),
                        source="axe",
                        impact=impact
                        if impact in ("critical", "serious", "moderate", "minor")
                        else "moderate",
                        needs_review=needs_review,
                        wcag=wcag_from_tags(rule.get("tags", [])),
                        selector=selector[:500],
                        snippet=str(node.get("html", ""))[:500],
                        message=f"{rule.get('help', '')}. {message}".strip(". ")[:1500],
                        help_url=str(rule.get("helpUrl", "")),
                        data={"more_nodes": max(0, len(nodes) - MAX_NODES_PER_RULE)}
                        if len(nodes) > MAX_NODES_PER_RULE
                        else {},
                    )
                )
    return findings


async def run_axe(page: Page, timeout_s: float) -> AxeOutcome:
    """Run axe on the current document; on timeout close the page so the evaluate ends."""
    task = asyncio.ensure_future(_AXE.run(page, options=AXE_OPTIONS))
    done, _ = await asyncio.wait({task}, timeout=timeout_s)
    if not done:
        with suppress(Exception):  # best effort: the context closes later anyway
            await asyncio.wait_for(page.close(), timeout=10)
        await asyncio.wait({task}, timeout=10)
        if not task.done():
            task.cancel()
        elif not task.cancelled():
            task.exception()  # mark retrieved
        return AxeOutcome("timeout", message=f"axe-core did not finish in {timeout_s:.0f} s")
    try:
        raw = task.result().response
    except PlaywrightError as exc:
        return AxeOutcome(
            "error", message=str(exc).splitlines()[0][:200] if str(exc) else "axe failed"
        )
    findings = map_axe_results(raw)
    counts = {
        "violations": len(raw.get("violations", []) or []),
        "incomplete": len(raw.get("incomplete", []) or []),
        "passes": len(raw.get("passes", []) or []),
    }
    return AxeOutcome("ok", findings, counts=counts)


async def element_boxes(page: Page, selectors: list[str]) -> list[list[float] | None]:
    """Document-coordinate boxes of the first element for each CSS selector (None if absent)."""
    script = """(sels) => sels.map(s => {
      try {
        const el = document.querySelector(s);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return null;
        return [r.left + scrollX, r.top + scrollY, r.width, r.height];
      } catch (e) { return null; }
    })"""
    simple = [s if " >> " not in s else "" for s in selectors]
    try:
        return await page.evaluate(script, simple)
    except PlaywrightError:
        return [None] * len(selectors)
