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

    return Locale("en").territories.get(code.upper(), code.upper())


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
