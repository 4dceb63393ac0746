"""Follow-up dates count business days: weekends and the chosen country's holidays skipped."""

import datetime as dt

import pytest

from desktop.core.business_days import UnknownRegionError, add_business_days, is_business_day
from desktop.core.context import follow_up_date
from desktop.core.model import FollowUp, FollowUpMode

FRIDAY = dt.date(2026, 3, 13)


def test_counting_starts_the_next_day_and_skips_the_weekend():
    assert add_business_days(FRIDAY, 1) == dt.date(2026, 3, 16)
    assert add_business_days(FRIDAY, 2) == dt.date(2026, 3, 17)


def test_zero_days_is_the_same_day():
    assert add_business_days(FRIDAY, 0) == FRIDAY


def test_holidays_of_the_country_are_skipped():
    # Ontario, Christmas 2026: Friday 25 Dec, Saturday Boxing Day observed on Monday 28 Dec.
    christmas_eve = dt.date(2026, 12, 24)
    assert add_business_days(christmas_eve, 1, "CA", "ON") == dt.date(2026, 12, 29)
    assert add_business_days(christmas_eve, 1, "", "") == dt.date(2026, 12, 25)


def test_regional_holidays_depend_on_the_subdivision():
    family_day = dt.date(2026, 2, 16)  # Ontario holiday, not Quebec
    assert not is_business_day(family_day, "CA", "ON")
    assert is_business_day(family_day, "CA", "QC")


def test_spanning_a_year_end_uses_the_next_years_holidays():
    assert add_business_days(dt.date(2026, 12, 31), 1, "GB", "ENG") == dt.date(2027, 1, 4)


def test_an_unknown_country_is_named():
    with pytest.raises(UnknownRegionError, match="'XQ'"):
        add_business_days(FRIDAY, 2, "XQ")


def test_follow_up_modes():
    assert follow_up_date(FollowUp(mode=FollowUpMode.NONE), FRIDAY) is None
    pinned = dt.date(2026, 4, 1)
    assert follow_up_date(FollowUp(mode=FollowUpMode.DATE, date=pinned), FRIDAY) == pinned
    counted = FollowUp(mode=FollowUpMode.BUSINESS_DAYS, business_days=2, country="GB")
    assert follow_up_date(counted, FRIDAY) == dt.date(2026, 3, 17)
