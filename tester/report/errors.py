"""The one exception the report layer raises; its message is shown to users as one line."""

from __future__ import annotations


class ReportError(ValueError):
    """A result file or report option is unusable (missing, invalid, unknown language/format)."""
