"""Counting business days, so "within 2 business days" becomes a date the writer can keep."""

from __future__ import annotations

import datetime as dt
import warnings
from functools import lru_cache

import holidays


class UnknownRegionError(ValueError):
    """The holiday country or subdivision is not one the holidays calendar knows."""


class UnknownCountryError(UnknownRegionError):
    """No calendar for the country itself: a province code such as "ON" given as the country."""


class UnknownSubdivisionError(UnknownRegionError):
    """The country is known but the province or state is not one of its own."""


class CalendarEndError(ValueError):
    """Counting ran past the last day Python's calendar has (31 December 9999)."""


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
        if day == dt.date.max:
            raise CalendarEndError(
                f"{days} business days after {start.isoformat()} runs past the end of the calendar"
            )
        day += dt.timedelta(days=1)
        if is_business_day(day, country, subdivision):
            remaining -= 1
    return day


def check_region(country: str, subdivision: str = "") -> None:
    """Raise UnknownCountryError or UnknownSubdivisionError, naming the part that is wrong,
    for a holiday calendar Amends cannot count with; an empty country counts weekends only.

    The draft loader asks this, so a draft that names a province as its country is refused
    when it is opened rather than failing at the first date counted."""
    if country:
        _calendar(country.upper(), subdivision.upper(), dt.date.today().year)


def is_business_day(day: dt.date, country: str = "", subdivision: str = "") -> bool:
    if day.weekday() >= 5:
        return False
    return not country or day not in _calendar(country.upper(), subdivision.upper(), day.year)


def holiday_dates(year: int, country: str, subdivision: str = "") -> tuple[dt.date, ...]:
    """The days of `year` that `is_business_day` skips as public holidays (weekends or not)."""
    if not country:
        return ()
    return tuple(day for day in _calendar(country.upper(), subdivision.upper(), year) if day.year == year)


def holiday_name(day: dt.date, country: str, subdivision: str = "") -> str | None:
    if not country:
        return None
    return _calendar(country.upper(), subdivision.upper(), day.year).get(day)


@lru_cache(maxsize=64)
def _calendar(country: str, subdivision: str, year: int) -> holidays.HolidayBase:
    """Country first, then the subdivision, so the message names the part that is wrong:
    holidays raises the same NotImplementedError for both (and a TypeError for "JAN", a
    constant of its module rather than a country), so its own words cannot tell them apart."""
    if subdivision:
        _calendar(country, "", year)  # UnknownCountryError when the country itself is unknown
    try:
        with warnings.catch_warnings():
            # "Requested Holidays are available only from 2001 to 2035" (India): the letter
            # still counts weekends, and the warning is for developers, not the writer's terminal.
            warnings.simplefilter("ignore")
            return holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    except Exception:  # any failure means there is no such calendar (see above)
        if subdivision:
            raise UnknownSubdivisionError(
                f"{subdivision!r} is not a province or state of {country} with its own public holidays"
            ) from None
        raise UnknownCountryError(
            f"no public-holiday calendar for country {country!r}; use a two-letter code such as CA, GB or US"
        ) from None


# The calendars to choose from, named for people: the form and the settings offer these
# rather than a box for a code, so "UK" or "Ont." can no longer switch the holidays off.


@lru_cache(maxsize=1)
def country_choices() -> tuple[tuple[str, str], ...]:
    """(code, name) of every country with a public-holiday calendar, by name: ("CA", "Canada")."""
    return tuple(sorted(((code, country_name(code)) for code in _country_codes()), key=lambda pair: pair[1]))


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    """From the calendar's registry, which names them without importing every country's
    calendar (holidays.list_supported_countries does, a tenth of a second at start)."""
    registry = getattr(getattr(holidays, "registry", None), "COUNTRIES", None)
    if isinstance(registry, dict) and registry:
        return frozenset(entry[1] for entry in registry.values())
    return frozenset(holidays.list_supported_countries(include_aliases=False))


def country_name(code: str) -> str:
    """ "Canada" for CA (Babel's English name); the code itself for a country neither knows."""
    from babel import Locale

    name: str = Locale("en").territories.get(code.upper(), code.upper())  # Babel types it Any
    return name


def subdivisions(country: str) -> tuple[str, ...]:
    """The codes of the provinces, states or regions of `country` with holidays of their own."""
    code = country.upper()
    if code not in _country_codes():
        return ()
    return tuple(getattr(getattr(holidays, code), "subdivisions", ()))


@lru_cache(maxsize=64)
def subdivision_choices(country: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of `country`'s subdivisions, by name: ("ON", "Ontario (ON)")."""
    names = _subdivision_names(country.upper())
    choices = ((code, _labelled(names.get(code), code)) for code in subdivisions(country))
    return tuple(sorted(choices, key=lambda pair: pair[1].casefold()))


def subdivision_name(country: str, code: str) -> str:
    """ "Ontario" for CA-ON; the code itself when the calendar gives it no name."""
    return _subdivision_names(country.upper()).get(code.upper(), code.upper())


def _labelled(name: str | None, code: str) -> str:
    return f"{name} ({code})" if name and name.casefold() != code.casefold() else code


def _subdivision_names(country: str) -> dict[str, str]:
    """The calendar's first name for each subdivision: its aliases list the English name
    first where there are several ("British Columbia" before "Colombie-Britannique")."""
    if not subdivisions(country):
        return {}
    names: dict[str, str] = {}
    for name, code in (getattr(getattr(holidays, country, None), "subdivisions_aliases", None) or {}).items():
        names.setdefault(code, name)
    return names
