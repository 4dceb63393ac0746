"""Deadline arithmetic as the laws count it, and how a deadline reads in a finding."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.core.checker.findings import Severity
from desktop.core.model import Complaint, Draft, Incident, LetterType, Recipient
from desktop.core.profiles import (
    DeadlineState,
    ProfileCatalogue,
    Unit,
    check_profiles,
    due_date,
    written_date,
)
from desktop.core.profiles.deadlines import region
from tests.core.profiles.conftest import builtin_profiles_dir, letter

D = dt.date


@pytest.mark.parametrize(
    ("start", "count", "unit", "due"),
    [
        (D(2026, 3, 1), 30, Unit.CALENDAR_DAYS, D(2026, 3, 31)),  # the start day is not counted
        (D(2026, 12, 15), 30, Unit.CALENDAR_DAYS, D(2027, 1, 14)),  # across the year's end
        (D(2027, 1, 31), 30, Unit.CALENDAR_DAYS, D(2027, 3, 2)),  # February of 28 days
        (D(2028, 1, 31), 30, Unit.CALENDAR_DAYS, D(2028, 3, 1)),  # and of 29
        (D(2026, 12, 4), 56, Unit.CALENDAR_DAYS, D(2027, 1, 29)),  # Canada's 56 days
        (D(2026, 12, 4), 8, Unit.WEEKS, D(2027, 1, 29)),  # DISP's eight weeks are the same 56 days
        (D(2026, 10, 31), 8, Unit.WEEKS, D(2026, 12, 26)),  # a Saturday: not moved
        (D(2026, 11, 30), 60, Unit.CALENDAR_DAYS, D(2027, 1, 29)),
    ],
)
def test_calendar_days_and_weeks(start: dt.date, count: int, unit: Unit, due: dt.date):
    assert due_date(start, count, unit) == due
    assert due_date(start, count, unit, "US-CA") == due  # holidays do not move calendar periods


def test_business_days_skip_the_weekend():
    friday = D(2026, 3, 13)
    assert due_date(friday, 1, Unit.BUSINESS_DAYS, "GB") == D(2026, 3, 16)
    assert due_date(friday, 5, Unit.BUSINESS_DAYS, "GB") == D(2026, 3, 20)


def test_business_days_skip_a_uk_bank_holiday():
    # Christmas 2026 is a Friday; Boxing Day, a Saturday, is observed on Monday 28 December.
    assert due_date(D(2026, 12, 24), 1, Unit.BUSINESS_DAYS, "GB") == D(2026, 12, 29)
    # The spring bank holiday, Monday 31 May 2027.
    assert due_date(D(2027, 5, 28), 1, Unit.BUSINESS_DAYS, "GB-ENG") == D(2027, 6, 1)


def test_business_days_follow_the_subdivision():
    # The summer bank holiday is the last Monday of August in England, the first in Scotland.
    assert due_date(D(2026, 8, 28), 1, Unit.BUSINESS_DAYS, "GB-ENG") == D(2026, 9, 1)
    assert due_date(D(2026, 8, 28), 1, Unit.BUSINESS_DAYS, "GB-SCT") == D(2026, 8, 31)
    # 2 January is a holiday in Scotland only (a Saturday in 2027, so Monday 4th).
    assert due_date(D(2026, 12, 31), 1, Unit.BUSINESS_DAYS, "GB-SCT") == D(2027, 1, 5)


def test_business_days_skip_thanksgiving_and_californias_day_after():
    wednesday = D(2026, 11, 25)  # Thanksgiving is Thursday 26 November 2026
    assert due_date(wednesday, 1, Unit.BUSINESS_DAYS, "US") == D(2026, 11, 27)
    assert due_date(wednesday, 1, Unit.BUSINESS_DAYS, "US-CA") == D(2026, 11, 30)
    assert due_date(wednesday, 1, Unit.BUSINESS_DAYS, "US-NY") == D(2026, 11, 27)


def test_business_days_where_the_calendar_knows_no_holidays():
    friday = D(2026, 12, 24)
    assert due_date(friday, 1, Unit.BUSINESS_DAYS, "EU") == D(2026, 12, 25)  # weekends only
    assert due_date(friday, 1, Unit.BUSINESS_DAYS, "") == D(2026, 12, 25)
    assert due_date(friday, 1, Unit.BUSINESS_DAYS, "GB-XYZ") == D(2026, 12, 29)  # the country's holidays


def test_regions():
    assert region("US-CA") == ("US", "CA")
    assert region("gb") == ("GB", "")
    assert region("EU") == ("", "")
    assert region("") == ("", "")


def test_dates_are_written_day_month_year_in_words():
    assert written_date(D(2027, 1, 29)) == "29 January 2027"
    assert written_date(D(2026, 12, 1)) == "1 December 2026"


@pytest.mark.parametrize(
    ("today", "words", "urgent"),
    [
        (D(2027, 1, 17), "due 29 January 2027; 12 days left", False),
        (D(2027, 1, 25), "due 29 January 2027; 4 days left", False),
        (D(2027, 1, 26), "due 29 January 2027; 3 days left", True),
        (D(2027, 1, 28), "due 29 January 2027; 1 day left", True),
        (D(2027, 1, 29), "due today, 29 January 2027", True),
        (D(2027, 1, 30), "was due 29 January 2027, 1 day ago", True),
        (D(2027, 2, 2), "was due 29 January 2027, 4 days ago", True),
    ],
)
def test_how_a_deadline_reads(today: dt.date, words: str, urgent: bool):
    state = DeadlineState(D(2027, 1, 29), today)
    assert state.describe() == words
    assert state.urgent is urgent


def _fca_deadline(received: dt.date | None, today: dt.date):
    profile = ProfileCatalogue(builtin_profiles_dir()).get("uk-fca-final-response")
    draft = Draft(letter_type=LetterType.FINAL_RESPONSE, jurisdiction="GB", complaint=Complaint(received))
    [finding] = [
        f
        for f in check_profiles([profile], letter("", draft=draft, today=today))
        if f.rule == "profile-deadline"
    ]
    return finding


def test_a_deadline_with_time_left_is_a_note():
    finding = _fca_deadline(D(2026, 12, 4), D(2027, 1, 17))
    assert finding.severity is Severity.INFO
    assert finding.message == (
        "FCA final response (DISP 1.6.2R): 8 weeks from the complaint (DISP 1.6.2R): "
        "due 29 January 2027; 12 days left"
    )
    assert finding.field == "complaint.received_on"


def test_a_deadline_days_away_or_passed_is_a_warning():
    assert _fca_deadline(D(2026, 12, 4), D(2027, 1, 26)).severity is Severity.WARNING
    finding = _fca_deadline(D(2026, 12, 4), D(2027, 2, 2))
    assert finding.severity is Severity.WARNING
    assert finding.message.endswith("was due 29 January 2027, 4 days ago")


def test_a_deadline_without_its_date_asks_for_it():
    finding = _fca_deadline(None, D(2027, 1, 17))
    assert finding.severity is Severity.INFO
    assert "fill in the day the complaint was received" in finding.message


def test_business_day_deadlines_use_the_readers_own_place(tmp_path: Path):
    """A list row's jurisdiction, not the draft's, picks the holidays."""
    source = (builtin_profiles_dir() / "us-ca-breach.toml").read_text()
    changed = source.replace('count = 30\nunit = "calendar-days"', 'count = 1\nunit = "business-days"')
    assert changed != source
    (tmp_path / "us-ca-breach.toml").write_text(changed)
    profile = ProfileCatalogue(tmp_path).get("us-ca-breach")
    draft = Draft(
        jurisdiction="US-NY",
        recipient=Recipient(jurisdiction="US-CA"),
        incident=Incident(discovered_on=D(2026, 11, 25)),
    )
    found = check_profiles([profile], letter("", draft=draft, today=D(2026, 11, 25)))
    [deadline] = [f for f in found if f.rule == "profile-deadline"]
    assert "due 30 November 2026" in deadline.message
