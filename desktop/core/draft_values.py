"""What a draft's values must be for every part of Amends to print them.

The draft loader holds a file to these rules, so a draft that opens also renders, checks
and exports: a value that would fail later (a NUL in a name, a province given as the
country, an amount with thirty digits, a follow-up past the year 9999) is refused when the
file is opened, with the field named, instead of crashing a writer or freezing a preview.
Each function returns the reason a value is refused, or None when it is fine.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from desktop.core.business_days import UnknownRegionError, UnknownSubdivisionError, check_region
from desktop.core.formatting import UnknownLocaleNameError, check_locale

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2999, 12, 31)
"""The dates a draft may hold. Far wider than any letter needs, and far enough inside the
calendar's own end (9999) that counting a year of business days, or reading "by 5 January"
in a December letter, never runs off it. The form's date boxes should offer the same span."""

LARGEST_AMOUNT = Decimal("999999999999.99")
"""Under a trillion, in cents. Babel rounds money within 28 digits and fails beyond them,
and an amount nobody could offer is a typing slip, not a letter."""

CENTS = 2
"""Decimal places an amount may have: the form enters cents, and a third decimal would be
rounded away in print without anyone noticing."""

_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters no letter can hold: XML (so DOCX and the rendered letter) refuses control
characters other than tab and line breaks, and a lone surrogate cannot even be saved as
UTF-8. Nobody types them; they come from damaged files and fuzzers."""

_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

ONE_LINE_FIELDS = ("recipient.name", "recipient.email", "sender.name", "sender.email")
"""Fields that go into an e-mail's To and From headers, where a line break would end the
header and start another ("Bcc: ..."). The form's boxes for them are one line, so no draft
it saved holds one. Whether an address is a usable one is for the e-mail writer to say when
it is used (writers/email.py): a draft saved with an address half typed must still open,
and international addresses ("zoë@exämple.de") are fine."""


def describe_character(char: str) -> str:
    """ "U+0000": how a message names a character it cannot show."""
    return f"U+{ord(char):04X}"


def printable_text(text: str) -> str:
    """`text` with every character a message cannot carry written as U+XXXX instead, so a
    field path or a value quoted in an error can always be printed and shown."""
    return _UNPRINTABLE.sub(lambda match: describe_character(match.group()), text)


def quoted(value: str, limit: int = 40) -> str:
    """A value as a message quotes it: printable, and cut short if long."""
    text = value if len(value) <= limit else value[:limit] + "…"
    return repr(printable_text(text))


def text_problem(text: str) -> str | None:
    found = _UNPRINTABLE.search(text)
    if found is None:
        return None
    return (
        f"holds a character a letter cannot contain ({describe_character(found.group())} at "
        f"position {found.start() + 1}); remove it"
    )


def stored_text_problem(text: str) -> str | None:
    """For keys and values Amends keeps without printing (a newer version's fields): only
    what could not be written back to the file is refused."""
    found = _LONE_SURROGATE.search(text)
    if found is None:
        return None
    return f"holds a broken character ({describe_character(found.group())}) that cannot be saved"


def date_problem(day: dt.date) -> str | None:
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return None
    span = f"{EARLIEST_DATE.year} to {LATEST_DATE.year}"
    return f"{day.isoformat()} is outside the dates a letter can use ({span})"


def amount_problem(amount: Decimal) -> str | None:
    if amount > LARGEST_AMOUNT:
        return f"is larger than any amount a letter can offer (at most {LARGEST_AMOUNT:,})"
    if amount != amount.quantize(Decimal(1).scaleb(-CENTS)):
        return f"has more than {CENTS} decimal places; give the amount in cents, like 25.00"
    return None


def one_line_problem(text: str) -> str | None:
    if _LINE_BREAK.search(text.strip()):
        return "must be one line: it goes into the e-mail's To or From header as it stands"
    return None


def locale_problem(locale: str) -> str | None:
    try:
        check_locale(locale)
    except UnknownLocaleNameError:
        return (
            f"{quoted(locale)} is not a language and region Amends can write in; "
            "use one such as en_GB or en_CA"
        )
    return None


def region_problem(country: str, subdivision: str) -> tuple[str, str] | None:
    """(field, reason) when the holiday calendar cannot be used: the country, or its region."""
    try:
        check_region(country, subdivision)
    except UnknownSubdivisionError:
        return (
            "follow_up.subdivision",
            f"{quoted(subdivision.upper())} is not a province or state of {country.upper()} "
            "with its own public holidays",
        )
    except UnknownRegionError:
        return (
            "follow_up.country",
            f"there is no public-holiday calendar for {quoted(country.upper())}; use a country code "
            "such as CA, GB or US (a province or state goes under follow_up.subdivision)",
        )
    return None


_JURISDICTION = re.compile(r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?")


def jurisdiction_problem(code: str) -> str | None:
    """A jurisdiction is ISO 3166: a country ("GB") or a country and subdivision ("US-CA")."""
    if not code or _JURISDICTION.fullmatch(code):
        return None
    return f'must be a country code such as "GB" or a region such as "US-CA", not {code!r}'
