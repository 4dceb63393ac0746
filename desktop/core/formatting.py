"""Dates and amounts written the way the letter's locale writes them (Babel's CLDR data, offline)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import UnknownCurrencyError, format_currency


class UnknownLocaleNameError(ValueError):
    pass


def check_locale(locale: str) -> str:
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        raise UnknownLocaleNameError(
            f"unknown locale {locale!r}; use a language and region such as en_GB or en_CA"
        ) from None
    return locale


def long_date(day: dt.date, locale: str) -> str:
    """ "25 November 2026" (en_GB) or "November 25, 2026" (en_CA, en_US)."""
    return format_date(day, "long", locale=check_locale(locale))


def full_date(day: dt.date, locale: str) -> str:
    """With the weekday, for deadlines: "Wednesday, 25 November 2026"."""
    return format_date(day, "full", locale=check_locale(locale))


def money(amount: Decimal, currency: str, locale: str) -> str:
    """ "$25.00" in the currency's home locale, "CA$25.00" where it would be ambiguous."""
    try:
        return format_currency(amount, currency.upper(), locale=check_locale(locale))
    except UnknownCurrencyError:
        raise ValueError(f"unknown currency {currency!r}; use a code such as CAD, GBP or EUR") from None
