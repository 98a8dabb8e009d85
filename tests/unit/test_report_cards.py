"""Tables that become cards on a phone (class "cards", report.css): every value cell carries its
column's name in data-label, in every report language, so no card shows an unlabelled value.
The browser side (labels shown, nothing cut off) is tests/e2e/test_report_readable.py."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tester.diff import diff_runs
from tester.model import RunResult
from tester.report import load_result, render_html
from tester.report.diff_html import render_diff_html

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


class CardTables(HTMLParser):
    """Per table with class "cards": its column names, and per body row, each cell's
    (tag, data-label, text) in order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict[str, list]] = []
        self._table: dict[str, list] | None = None
        self._cell: list | None = None
        self._in_head = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and "cards" in (found.get("class") or "").split():
            self._table = {"columns": [], "rows": []}
            self.tables.append(self._table)
        elif self._table is None:
            return
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self._table["rows"].append([])
        elif tag in ("th", "td"):
            self._cell = [tag, found.get("data-label"), ""]

    def handle_endtag(self, tag: str) -> None:
        if self._table is None:
            return
        if tag == "thead":
            self._in_head = False
        elif tag in ("th", "td") and self._cell is not None:
            self._cell[2] = " ".join(self._cell[2].split())
            if self._in_head:
                self._table["columns"].append(self._cell[2])
            else:
                self._table["rows"][-1].append(tuple(self._cell))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[2] += data


def unlabelled(html: str) -> list[tuple[int, str, str | None]]:
    """(table number, column, its data-label) for every value cell whose label is wrong."""
    problems = []
    tables = CardTables(html).tables
    assert tables, "no card tables"
    for number, table in enumerate(tables):
        for row in table["rows"]:
            assert len(row) == len(table["columns"])
            for column, (tag, label, _text) in zip(table["columns"], row, strict=True):
                if tag == "td" and label != column:
                    problems.append((number, column, label))
    return problems


@pytest.fixture(scope="module")
def demo() -> RunResult:
    return load_result(GOLDEN / "demo" / "result.json")


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_every_card_value_in_the_report_is_labelled_with_its_column(
    demo: RunResult, language: str,
) -> None:
    html = render_html(demo, language)
    assert len(CardTables(html).tables) == 2  # tasks and pages
    assert unlabelled(html) == []


def test_every_card_value_in_the_diff_is_labelled_with_its_column() -> None:
    before = load_result(GOLDEN / "result.json")
    after = load_result(GOLDEN / "demo" / "result.json")
    html = render_diff_html(diff_runs(before, after), before, after, set(), "kk")
    assert unlabelled(html) == []


def test_a_missing_or_wrong_label_is_caught(demo: RunResult) -> None:
    html = render_html(demo, "en")
    broken = html.replace('data-label="Fewest clicks possible"', "", 1).replace(
        'data-label="Clicks"', 'data-label="Time"', 1)
    assert unlabelled(broken) == [(0, "Clicks", "Time"), (0, "Fewest clicks possible", None)]
