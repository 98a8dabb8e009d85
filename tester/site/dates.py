"""Working-day arithmetic for the freshness checks; the date parsing is tester.textdates (the goals
read dates too: a dated headline makes a page a news item), re-exported here.

Working days follow a country's public calendar (the `holidays` package): Kazakhstan's by default,
with its holidays that fall on a weekend moved to the next working day and the days off the
government transfers, as the package models them. A working Saturday is still counted as a day
off: the tool errs on the lenient side.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache

from tester.textdates import FoundDate, find_dates, month_number

__all__ = ["NO_CALENDAR", "FoundDate", "find_dates", "month_number", "public_holidays",
           "skipped_holidays", "working_days", "working_days_between"]

NO_CALENDAR = "none"  # the calendar setting that counts only Saturdays and Sundays as days off


def working_days_between(earlier: date, later: date, holidays: Iterable[date] = ()) -> int:
    """Working days after `earlier` up to and including `later` (Sat/Sun and holidays skipped).

    Friday → Monday is 1; the same day is 0; a later `earlier` gives 0.
    """
    return len(working_days(earlier, later, holidays))


def working_days(earlier: date, later: date, holidays: Iterable[date] = ()) -> list[date]:
    """The working days after `earlier` up to and including `later`."""
    off = set(holidays)
    days = []
    day = earlier + timedelta(days=1)
    while day <= later:
        if day.weekday() < 5 and day not in off:
            days.append(day)
        day += timedelta(days=1)
    return days


def public_holidays(country: str, earlier: date, later: date) -> dict[date, str]:
    """The country's public days off from `earlier` to `later`, with their English names;
    {} for the calendar "none"."""
    if country == NO_CALENDAR or later < earlier:
        return {}
    calendar = _calendar(country, tuple(range(earlier.year, later.year + 1)))
    return {day: name for day, name in calendar.items() if earlier <= day <= later}


def skipped_holidays(earlier: date, later: date, holidays: Mapping[date, str]
                     ) -> list[dict[str, str]]:
    """The holidays that fell on a weekday between the two dates: the days the count skipped."""
    return [{"date": day.isoformat(), "name": name} for day, name in sorted(holidays.items())
            if earlier < day <= later and day.weekday() < 5]


@lru_cache(maxsize=16)
def _calendar(country: str, years: tuple[int, ...]) -> dict[date, str]:
    import holidays  # about 0.1 s to import: only when a news date is judged

    return dict(holidays.country_holidays(country, years=years, language="en_US").items())
