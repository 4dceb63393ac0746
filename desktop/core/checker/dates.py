"""Timing rules that need the calendar: the follow-up date, and an apology sent late."""

from __future__ import annotations

import datetime as dt
import re

from desktop.core.business_days import holiday_dates, holiday_name
from desktop.core.checker.findings import Finding, Severity
from desktop.core.checker.measure import letter_finding
from desktop.core.checker.rules import Rule
from desktop.core.context import LetterFacts
from desktop.core.model import Draft


def business_days_between(start: dt.date, end: dt.date, country: str = "", subdivision: str = "") -> int:
    """Business days after `start` up to and including `end` (0 when end is not later).

    Counted by weeks and then by holidays, not day by day: an incident dated in 1900 or a
    follow-up in 2999 would otherwise walk hundreds of thousands of days on every keystroke.
    """
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    count = weeks * 5 + sum((start.weekday() + step) % 7 < 5 for step in range(1, rest + 1))
    for year in range(start.year, end.year + 1) if country else ():
        count -= sum(
            start < day <= end and day.weekday() < 5 for day in holiday_dates(year, country, subdivision)
        )
    return count


def follow_up_date_findings(rule: Rule, draft: Draft, facts: LetterFacts, today: dt.date) -> list[Finding]:
    """Judged from the letter's own date and from today: a promise to call on a day that has
    already gone is broken before the letter arrives."""
    due = facts.follow_up_date
    if due is None:
        return []
    country, subdivision = draft.follow_up.country, draft.follow_up.subdivision
    if due < facts.letter_date:
        return [
            letter_finding(
                rule, f"The follow-up date ({due:%d %B %Y}) is before the letter's own date.", "follow_up"
            )
        ]
    if due < today:
        return [
            letter_finding(
                rule,
                f"The follow-up date ({due:%d %B %Y}) has already passed: promise a day still ahead.",
                "follow_up",
            )
        ]
    problems = []
    if due.weekday() >= 5:
        problems.append(f"The follow-up date ({due:%A %d %B}) falls on a weekend.")
    elif country and (holiday := holiday_name(due, country, subdivision)):
        problems.append(f"The follow-up date ({due:%d %B}) is a public holiday: {holiday}.")
    limit = rule.int_param("max_business_days", 10)
    distance = business_days_between(facts.letter_date, due, country, subdivision)
    if distance > limit:
        problems.append(
            f"The follow-up date is {distance} business days away; the reader should hear back "
            f"within {limit}."
        )
    return [letter_finding(rule, p, "follow_up", severity=Severity.WARNING) for p in problems]


def late_apology_findings(
    rule: Rule, draft: Draft, facts: LetterFacts, acknowledges_delay: bool
) -> list[Finding]:
    occurred = draft.incident.occurred_on
    if occurred is None or acknowledges_delay:
        return []
    limit = rule.int_param("business_days", 5)
    country, subdivision = draft.follow_up.country, draft.follow_up.subdivision
    elapsed = business_days_between(occurred, facts.letter_date, country, subdivision)
    if elapsed <= limit:
        return []
    return [
        letter_finding(
            rule,
            f"The letter goes out {elapsed} business days after the incident and does not "
            'acknowledge the delay; own it too ("I\'m sorry it has taken me so long to write").',
            "incident.occurred_on",
        )
    ]


def compile_acknowledgement(rule: Rule) -> re.Pattern[str] | None:
    if not rule.patterns:
        return None
    return re.compile("|".join(f"(?:{p.regex})" for p in rule.patterns), re.IGNORECASE)
