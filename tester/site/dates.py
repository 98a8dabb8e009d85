"""Working-day arithmetic for the freshness checks; the date parsing is tester.textdates (the goals
read dates too: a dated headline makes a page a news item), re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from tester.textdates import FoundDate, find_dates, month_number

__all__ = ["FoundDate", "find_dates", "month_number", "working_days_between"]


def working_days_between(earlier: date, later: date, holidays: Iterable[date] = ()) -> int:
    """Working days after `earlier` up to and including `later` (Sat/Sun and holidays skipped).

    Friday → Monday is 1; the same day is 0; a later `earlier` gives 0.
    """
    if later <= earlier:
        return 0
    off = set(holidays)
    count = 0
    day = earlier + timedelta(days=1)
    while day <= later:
        if day.weekday() < 5 and day not in off:
            count += 1
        day += timedelta(days=1)
    return count
