"""The shape of a report format: a file name and a pure render function of the result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tester.model import RunResult
from tester.options import Option

Render = Callable[[RunResult, str], str]  # (result, report language) -> the file's text


@dataclass(frozen=True)
class ReportFormat:
    """A report format as it declares itself (in its renderer's module: `FORMAT = ...`)."""

    id: str  # what --formats names, e.g. "sarif"
    file_name: str  # written into the report folder, e.g. "results.sarif"
    render: Render  # pure: no files, no clock, no network
    title: str = ""  # one line for --help and docs
    min_sites: int = 1  # written only for runs of at least this many sites (csv: 2)
    options: tuple[Option, ...] = ()
