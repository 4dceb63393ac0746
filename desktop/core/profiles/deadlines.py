"""The day a law's period ends, and how that reads to someone with a letter still to send.

Periods are counted as the laws count them: the day the clock starts is not counted, so
"within 30 calendar days of discovery" on 1 March ends on 31 March; weeks are seven calendar
days each; business days skip weekends and the public holidays of the reader's country and
state or province (desktop.core.business_days). No period is moved off a weekend or holiday
at its end: some laws allow that (Canada's Interpretation Act s. 26 for holidays), others do
not, and a reminder that comes a day early costs nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.core.business_days import (
    UnknownCountryError,
    UnknownSubdivisionError,
    add_business_days,
)
from desktop.core.profiles.model import Unit

URGENT_DAYS = 3
"""With this many days left or fewer, a deadline is a warning rather than a note."""

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def region(jurisdiction: str) -> tuple[str, str]:
    """("US", "CA") for "US-CA", ("GB", "") for "GB"; ("", "") for "EU" or nothing, which
    count weekends only: there is no European public holiday calendar."""
    country, _, subdivision = jurisdiction.strip().upper().partition("-")
    if len(country) != 2 or country == "EU":
        return "", ""
    return country, subdivision


def due_date(start: dt.date, count: int, unit: Unit, jurisdiction: str = "") -> dt.date:
    """The last day of a period of `count` units that starts the day after `start`."""
    if unit is Unit.CALENDAR_DAYS:
        return start + dt.timedelta(days=count)
    if unit is Unit.WEEKS:
        return start + dt.timedelta(weeks=count)
    country, subdivision = region(jurisdiction)
    try:
        return add_business_days(start, count, country, subdivision)
    except UnknownSubdivisionError:
        # A place the holiday calendar does not divide ("GB-LND"): its country's holidays are
        # still the right ones to skip.
        return add_business_days(start, count, country)
    except UnknownCountryError:
        return add_business_days(start, count)


def written_date(day: dt.date) -> str:
    """ "29 January 2027": day, month in words, year, whatever the letter's locale, so no
    reader mistakes 02/01 for 1 February."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class DeadlineState:
    due: dt.date
    today: dt.date

    @property
    def days_left(self) -> int:
        """Negative once the day has passed."""
        return (self.due - self.today).days

    @property
    def urgent(self) -> bool:
        return self.days_left <= URGENT_DAYS

    def describe(self) -> str:
        """ "due 29 January 2027; 12 days left", "due today, 29 January 2027", or
        "was due 29 January 2027, 4 days ago"."""
        left, when = self.days_left, written_date(self.due)
        if left > 0:
            return f"due {when}; {_days(left)} left"
        if left == 0:
            return f"due today, {when}"
        return f"was due {when}, {_days(-left)} ago"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
