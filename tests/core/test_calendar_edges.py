"""Counting at the edges of the calendar and of the holiday data: a clear error or a count,
never an OverflowError, a wrong region named, or a warning on the writer's terminal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.business_days import (
    CalendarEndError,
    UnknownCountryError,
    UnknownSubdivisionError,
    add_business_days,
    check_region,
    is_business_day,
)
from desktop.core.checker.dates import business_days_between
from desktop.core.formatting import UnknownLocaleNameError, check_locale, money


def test_counting_past_the_last_day_of_the_calendar_is_a_value_error():
    with pytest.raises(CalendarEndError, match="past the end of the calendar"):
        add_business_days(dt.date(9999, 12, 30), 5)


def test_a_province_given_as_the_country_names_the_country():
    with pytest.raises(UnknownCountryError, match="calendar for country 'ON'"):
        check_region("ON", "")


def test_an_unknown_province_names_the_province_not_the_country():
    with pytest.raises(UnknownSubdivisionError, match="'ZZ' is not a province or state of GB"):
        check_region("GB", "ZZ")
    with pytest.raises(UnknownSubdivisionError):
        add_business_days(dt.date(2026, 3, 13), 2, "GB", "ZZ")


def test_a_module_constant_of_the_calendar_library_is_no_country():
    with pytest.raises(UnknownCountryError):
        check_region("JAN")


def test_a_year_the_holiday_data_does_not_cover_counts_weekends_without_a_warning():
    """India's calendar covers 2001 to 2035 and warns outside; the test run makes warnings
    errors, as a stricter terminal would show them to the writer."""
    assert is_business_day(dt.date(1999, 3, 1), "IN")
    check_region("IN")


def _counted_day_by_day(start: dt.date, end: dt.date, country: str, subdivision: str) -> int:
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_business_day(day, country, subdivision)
    return count


@given(
    start=st.dates(dt.date(2015, 1, 1), dt.date(2035, 1, 1)),
    days=st.integers(-10, 900),
    region=st.sampled_from([("", ""), ("GB", "ENG"), ("CA", "ON"), ("US", ""), ("JP", ""), ("DE", "BY")]),
)
def test_business_days_between_counts_as_a_walk_through_the_days_would(start, days, region):
    end = start + dt.timedelta(days=days)
    assert business_days_between(start, end, *region) == _counted_day_by_day(start, end, *region)


def test_business_days_across_eleven_centuries_are_counted_at_once():
    started = dt.datetime.now()
    # As a walk through all 401,768 days counts them:
    assert business_days_between(dt.date(1900, 1, 1), dt.date(2999, 12, 31)) == 286_976
    assert (dt.datetime.now() - started).total_seconds() < 1


def test_an_amount_too_large_to_round_is_a_value_error():
    with pytest.raises(ValueError, match="too large"):
        money(Decimal("1E+30"), "GBP", "en_GB")


@pytest.mark.parametrize("locale", ["", "xx_YY", "ff_Adlm @en", "en-GB", "en_GB\x00"])
def test_a_locale_babel_cannot_write_in_is_refused(locale):
    with pytest.raises(UnknownLocaleNameError):
        check_locale(locale)
