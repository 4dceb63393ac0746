"""fact-mismatch reads numbers and dates out of free text: a number too long for the
calendar, or a date the calendar has not got, is a mismatch or nothing, never a crash."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.checker.facts import fact_mismatch_findings
from desktop.core.checker.findings import Severity
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText
from desktop.core.context import letter_facts
from desktop.core.model import FollowUpMode
from tests.core.conftest import clinic_draft


def _mismatches(text: str, letter_date: dt.date) -> list[str]:
    draft = clinic_draft()
    draft.letter_date = letter_date
    draft.follow_up.mode = FollowUpMode.DATE
    draft.follow_up.date = letter_date
    rule = Rule(id="fact-mismatch", kind="facts", severity=Severity.WARNING, message="", principle="")
    fields = [("fixed", PreparedText(text))]
    return [f.message for f in fact_mismatch_findings(rule, draft, letter_facts(draft), fields)]


@pytest.mark.parametrize(
    "text",
    [
        "I will call you within 99999999999 days.",
        "I will call you within " + "9" * 5000 + " days.",
        "I will call you within 20000000 business days.",
    ],
    ids=["past-the-calendar", "more-digits-than-int-takes", "a-walk-of-millions-of-days"],
)
def test_a_count_beyond_any_promise_is_a_mismatch_without_a_date(text):
    (message,) = _mismatches(text, dt.date(2026, 3, 13))
    assert message.startswith("The text promises within ") and "but the follow-up date is 13 March" in message


def test_the_29th_of_february_a_year_on_is_no_date():
    """Written in a leap year's autumn, "29 February" means next year's, which has none."""
    assert _mismatches("I will call you by Monday 29 February.", dt.date(2028, 10, 2)) == []


@pytest.mark.parametrize("text", ["I will call you by 5 January.", "I will call you within 3 days."])
def test_a_letter_dated_at_the_end_of_the_calendar_does_not_overflow(text):
    _mismatches(text, dt.date(9999, 12, 30))
