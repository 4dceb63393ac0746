"""Follow-up dates count business days: weekends and the chosen country's holidays skipped."""

import datetime as dt

import holidays
import pytest

from desktop.core.business_days import (
    UnknownRegionError,
    add_business_days,
    country_choices,
    is_business_day,
    subdivision_choices,
    subdivision_name,
)
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


def test_the_countries_to_choose_from_are_the_calendars_by_name():
    supported = holidays.list_supported_countries(include_aliases=False)
    choices = dict(country_choices())
    assert set(choices) == set(supported)
    assert (choices["CA"], choices["GB"], choices["US"]) == ("Canada", "United Kingdom", "United States")
    names = [name for _code, name in country_choices()]
    assert names == sorted(names)


def test_the_regions_to_choose_from_are_the_countrys_with_their_names():
    assert {code for code, _name in subdivision_choices("CA")} == set(
        holidays.list_supported_countries()["CA"]
    )
    assert ("ON", "Ontario (ON)") in subdivision_choices("CA")
    assert ("QC", "Quebec (QC)") in subdivision_choices("CA")  # the English name, not Québec
    assert ("SCT", "Scotland (SCT)") in subdivision_choices("gb")
    assert subdivision_name("CA", "on") == "Ontario"
    assert subdivision_choices("FR")  # named or not, every region is offered
    assert subdivision_choices("XQ") == () and subdivision_choices("") == ()
