"""fact-mismatch: dates, deadlines and amounts written in free text, compared with the form.

The form's structured values are what the template prints and the follow-up reminder uses;
a sentence the writer typed that says otherwise would make the letter contradict itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from desktop.core.business_days import add_business_days
from desktop.core.checker.findings import Finding
from desktop.core.checker.measure import letter_finding
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText
from desktop.core.context import LetterFacts
from desktop.core.model import CompensationKind, Draft, FollowUpMode

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(_WEEKDAYS)

_FOLLOW_UP_CONTEXT = re.compile(
    r"\b(?:call|ring|phone|e-?mail|write|contact|update|hear|be in touch|get back|let you know|confirm|check|"
    r"report|follow up|come back|reply|answer|decision|outcome)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|shall|going to)\b|'ll\b", re.IGNORECASE)
_WITHIN_DAYS = re.compile(
    rf"\b(?:within|in)\s+(?:the\s+next\s+)?(\d+|{'|'.join(_NUMBERS)})\s+(business\s+|working\s+|calendar\s+)?days?\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"\b(?:(?P<weekday>{_WEEKDAY}),?\s+)?(?:(?:the\s+)?(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month1>{_MONTH})\b"
    rf"|(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)(?:,?\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
_DEADLINE_WEEKDAY = re.compile(
    rf"\b(?:by|on|before|until)\s+(?:next\s+|this\s+)?(?P<weekday>{_WEEKDAY})\b(?!,?\s+\d)", re.IGNORECASE
)
_DEADLINE_WORD = re.compile(r"\b(?:by|before|on|until|no later than)\s+(?:the\s+)?$", re.IGNORECASE)
_AMOUNT = re.compile(
    r"(?:[£$€]|\b(?:GBP|USD|EUR|CAD|AUD)\s?)\s?(\d[\d,]*(?:\.\d{1,2})?)"
    r"|\b(\d[\d,]*(?:\.\d{1,2})?)\s?(?:pounds|dollars|euros)\b",
    re.IGNORECASE,
)
_COMPENSATION_CONTEXT = re.compile(
    r"\b(?:refund\w*|credit\w*|compensat\w*|gift|voucher|waiv\w*|reimburs\w*|goodwill|off your"
    r"|make up for)\b",
    re.IGNORECASE,
)


def fact_mismatch_findings(
    rule: Rule, draft: Draft, facts: LetterFacts, fields: list[tuple[str, PreparedText]]
) -> list[Finding]:
    findings: list[Finding] = []
    for name, prepared in fields:
        for span in prepared.sentences:
            sentence = prepared.text[span.start : span.end]
            findings += [
                _at(rule, name, prepared, span.start, m) for m in _mismatches(sentence, draft, facts)
            ]
    return findings


def _at(
    rule: Rule, field: str, prepared: PreparedText, offset: int, mismatch: tuple[str, int, int]
) -> Finding:
    detail, start, end = mismatch
    start, end = offset + start, offset + end
    return letter_finding(rule, detail, field, start, end, matched=prepared.original[start:end])


def _mismatches(sentence: str, draft: Draft, facts: LetterFacts) -> Iterator[tuple[str, int, int]]:
    yield from _calendar_mismatches(sentence, facts)
    if facts.follow_up_date is not None and _FOLLOW_UP_CONTEXT.search(sentence) and _FUTURE.search(sentence):
        yield from _deadline_mismatches(sentence, draft, facts)
    if draft.compensation.amount is not None and draft.compensation.kind is not CompensationKind.NONE:
        yield from _amount_mismatches(sentence, draft.compensation.amount, facts.compensation_amount)


def _calendar_mismatches(sentence: str, facts: LetterFacts) -> Iterator[tuple[str, int, int]]:
    """ "Friday 14 March" when 14 March is not a Friday."""
    for match in _DATE.finditer(sentence):
        day = _date_of(match, facts.letter_date)
        weekday = match.group("weekday")
        if day and weekday and _WEEKDAYS[day.weekday()] != weekday.lower():
            yield (
                f"{match.group(0).strip()} is a {day:%A}, not a {weekday.capitalize()}.",
                match.start(),
                match.end(),
            )


def _deadline_mismatches(sentence: str, draft: Draft, facts: LetterFacts) -> Iterator[tuple[str, int, int]]:
    due = facts.follow_up_date
    assert due is not None
    for match in _WITHIN_DAYS.finditer(sentence):
        count = _number(match.group(1))
        business = bool(match.group(2)) and "calendar" not in match.group(2).lower()
        if draft.follow_up.mode is FollowUpMode.BUSINESS_DAYS and business:
            if count != draft.follow_up.business_days:
                said = _shown(count, match.group(1))
                yield (
                    f"The text says {said} business days, but the follow-up is set to "
                    f"{draft.follow_up.business_days}.",
                    match.start(),
                    match.end(),
                )
            continue
        promised = _promised(facts.letter_date, count, business, draft)
        if promised != due:
            when = f" ({promised:%d %B})" if promised else ""
            yield (
                f"The text promises {match.group(0).strip()}{when}, but the follow-up date is {due:%d %B}.",
                match.start(),
                match.end(),
            )
    for match in _DATE.finditer(sentence):
        if not _DEADLINE_WORD.search(sentence, 0, match.start()):
            continue
        day = _date_of(match, facts.letter_date)
        if day and day != due and day >= facts.letter_date:
            yield (
                f"The text gives {match.group(0).strip()}, but the follow-up date is {due:%A %d %B}.",
                match.start(),
                match.end(),
            )
    for match in _DEADLINE_WEEKDAY.finditer(sentence):
        if match.group("weekday").lower() != _WEEKDAYS[due.weekday()]:
            yield (
                f"The text says {match.group(0).strip()}, but the follow-up date is a {due:%A} "
                f"({due:%d %B}).",
                match.start(),
                match.end(),
            )


def _amount_mismatches(sentence: str, amount: Decimal, shown: str) -> Iterator[tuple[str, int, int]]:
    if not _COMPENSATION_CONTEXT.search(sentence):
        return
    found = [(m, _decimal(m.group(1) or m.group(2))) for m in _AMOUNT.finditer(sentence)]
    values = [v for _, v in found if v is not None]
    if not values or amount in values or sum(values) == amount:
        return
    match = found[0][0]
    yield (
        f"The text gives {match.group(0).strip()}, but the compensation in the form is {shown or amount}.",
        match.start(),
        match.end(),
    )


def _promised(letter_date: dt.date, count: int, business: bool, draft: Draft) -> dt.date | None:
    """The day "within `count` (business) days" of the letter falls on; None when no calendar
    has it: a count beyond any real promise, or a letter dated at the calendar's very end."""
    if count > _LONGEST_PROMISE:
        return None
    try:
        if business:
            follow_up = draft.follow_up
            return add_business_days(letter_date, count, follow_up.country, follow_up.subdivision)
        return letter_date + dt.timedelta(days=count)
    except (OverflowError, ValueError):  # past 31 December 9999
        return None


def _date_of(match: re.Match[str], letter_date: dt.date) -> dt.date | None:
    """The date a "14 March" in the text means; None for one the calendar has not got
    ("30 February", or "5 January" in a letter of December 9999)."""
    day = int(match.group("day1") or match.group("day2"))
    month = _MONTHS[(match.group("month1") or match.group("month2")).lower()]
    year = int(match.group("year")) if match.group("year") else letter_date.year
    try:
        found = dt.date(year, month, day)
        if not match.group("year") and (letter_date - found).days > 180:
            found = found.replace(year=year + 1)  # "by 5 January" written in December
    except ValueError:  # also "29 February" a year on, in a year that has none
        return None
    return found


_LONGEST_PROMISE = 3660
"""Ten years of days: a count written beyond it is a mismatch whatever the form says, and
is never counted out day by day (a thousand-digit number would not fit the calendar)."""


def _shown(count: int, word: str) -> str:
    """ "2" for "two", as the form shows it; a count too long to convert, as written."""
    return str(count) if count <= _LONGEST_PROMISE else word


def _number(word: str) -> int:
    if not word.isdigit():
        return _NUMBERS[word.lower()]
    digits = word.lstrip("0") or "0"
    return int(digits) if len(digits) <= len(str(_LONGEST_PROMISE)) else _LONGEST_PROMISE + 1


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "")) if text else None
    except InvalidOperation:
        return None
