"""Data tables without header cells (1.3.1 A).

axe-core's table rules check headers that exist (`th-has-data-cells`, `td-headers-attr`); the
one that asks for headers at all (`td-has-header`) is experimental, so not run, and only looks
at tables of 3x3 and more. Old gov sites lay whole pages out in tables, so the test of "holds
data" is strict and everything else is left alone:

- not role=presentation/none, no th, scope, headers= or column/row header role anywhere;
- no nested table and no form controls (forms laid out in a table are layout);
- at least two rows with two or more data cells: short text (not paragraphs of text, several
  blocks or an image alone);
- layout cells (image-only, several blocks, long text) at most a quarter of the filled cells,
  and not a grid of links alone (a menu).
"""

from __future__ import annotations

from typing import Any

from tester.checks.base import PageCheck
from tester.checks.markup.facts import markup_finding, meta, page_facts, result_of
from tester.env import PageEnv
from tester.model import CheckResult, Finding

CHECK_ID = "table-headers"
WCAG = ["1.3.1"]
KIND = "table-no-headers"
MAX_DATA_CELL_CHARS = 200
LONG_CELL_CHARS = 300
MAX_LAYOUT_SHARE = 0.25
MAX_LINK_ONLY_SHARE = 0.75


async def gather(env: PageEnv) -> dict[str, Any]:
    facts = await page_facts(env)
    return {"tables": facts.get("tables", []), **meta(facts)}


def _is_data_cell(cell: list[int]) -> bool:
    chars, media, blocks = cell[0], cell[1], cell[2]
    return 0 < chars <= MAX_DATA_CELL_CHARS and blocks <= 1 and media <= 1


def _is_layout_cell(cell: list[int]) -> bool:
    chars, media, blocks = cell[0], cell[1], cell[2]
    return (media > 0 and chars == 0) or blocks >= 2 or chars > LONG_CELL_CHARS


def table_shape(table: dict[str, Any]) -> dict[str, Any]:
    """Counts of the table's rows and cells that decide whether it holds data."""
    rows = table.get("rows") or []
    filled = [c for row in rows for c in row if c[0] > 0 or c[1] > 0]
    data_cells = [c for row in rows for c in row if _is_data_cell(c)]
    data_rows = [row for row in rows if sum(1 for c in row if _is_data_cell(c)) >= 2]
    return {
        "rows": len(rows),
        "data_rows": len(data_rows),
        "columns": max((sum(1 for c in row if _is_data_cell(c)) for row in rows), default=0),
        "filled_cells": len(filled),
        "layout_cells": sum(1 for c in filled if _is_layout_cell(c)),
        "link_only_cells": sum(1 for c in data_cells if c[3]),
        "data_cells": len(data_cells),
    }


def is_data_table_without_headers(table: dict[str, Any]) -> bool:
    if table.get("role") in ("presentation", "none") or table.get("headers"):
        return False
    if table.get("nested") or table.get("controls"):
        return False
    shape = table_shape(table)
    if shape["data_rows"] < 2 or shape["columns"] < 2:
        return False
    if shape["layout_cells"] > MAX_LAYOUT_SHARE * shape["filled_cells"]:
        return False
    return shape["link_only_cells"] <= MAX_LINK_ONLY_SHARE * shape["data_cells"]


def audit(data: dict[str, Any]) -> CheckResult:
    findings: list[Finding] = []
    for table in data.get("tables", []):
        if not is_data_table_without_headers(table):
            continue
        shape = table_shape(table)
        findings.append(markup_finding(
            CHECK_ID, KIND, "markup.table-no-headers", table, impact="serious", wcag=WCAG,
            rows=table.get("row_count") or shape["rows"], columns=shape["columns"],
            data={"rows": table.get("row_count") or shape["rows"], "columns": shape["columns"],
                  "caption": table.get("caption") or ""}))
    return result_of(CHECK_ID, WCAG, data, findings, {
        "tables": len(data.get("tables", [])), KIND: len(findings)})


CHECK = PageCheck(
    id=CHECK_ID,
    group="markup",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Data tables mark their header cells",
)
