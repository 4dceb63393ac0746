"""Counting business days, so "within 2 business days" becomes a date the writer can keep."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


class UnknownRegionError(ValueError):
    """The holiday country or subdivision is not one the holidays calendar knows."""


def add_business_days(start: dt.date, days: int, country: str = "", subdivision: str = "") -> dt.date:
    """The date `days` business days after `start`: weekends and public holidays don't count.

    Counting starts the day after `start`, as people do: 2 business days from a Friday is
    the Tuesday. Zero days gives `start` itself.
    """
    if days < 0:
        raise ValueError("business days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if is_business_day(day, country, subdivision):
            remaining -= 1
    return day


def is_business_day(day: dt.date, country: str = "", subdivision: str = "") -> bool:
    if day.weekday() >= 5:
        return False
    return not country or day not in _calendar(country.upper(), subdivision.upper(), day.year)


def holiday_name(day: dt.date, country: str, subdivision: str = "") -> str | None:
    if not country:
        return None
    return _calendar(country.upper(), subdivision.upper(), day.year).get(day)


@lru_cache(maxsize=64)
def _calendar(country: str, subdivision: str, year: int) -> holidays.HolidayBase:
    try:
        return holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    except NotImplementedError:
        raise UnknownRegionError(
            f"no public-holiday calendar for country {country!r}; use a two-letter code such as CA, GB or US"
        ) from None
    except Exception as exc:  # holidays raises a bare NotImplementedError/ValueError per version
        raise UnknownRegionError(f"no public-holiday calendar for {country}-{subdivision}: {exc}") from None
