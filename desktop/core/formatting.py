"""Dates and amounts written the way the letter's locale writes them (Babel's CLDR data, offline)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError, localedata
from babel.dates import format_date
from babel.numbers import UnknownCurrencyError, format_currency, get_territory_currencies


class UnknownLocaleNameError(ValueError):
    pass


def check_locale(locale: str) -> str:
    if not _usable_locale(locale):
        raise UnknownLocaleNameError(
            f"unknown locale {locale!r}; use a language and region such as en_GB or en_CA"
        )
    return locale


@lru_cache(maxsize=64)
def _usable_locale(locale: str) -> bool:
    """Whether Babel can write dates and amounts for `locale`. Parsing is not enough: it
    reads "ff_Adlm @en" as a locale whose data file does not exist, and fails only at the
    first date it writes."""
    try:
        Locale.parse(locale).date_formats  # noqa: B018 - loads the locale's data, or fails
    except (UnknownLocaleError, ValueError, TypeError, LookupError, OSError):
        return False
    return True


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
    except InvalidOperation:  # Babel rounds within 28 digits: 1E+30 has no cents to round to
        raise ValueError(f"the amount {amount} is too large to write as money") from None


# The locales a letter can be written for. The templates are in English, so these are the
# regional forms of English Babel knows: each decides how dates and amounts are written,
# the spelling of "apologise", and (unless the settings fix one) the paper.

_REGION = re.compile(r"^en_(?:[A-Z]{2}|\d{3})$")

IZE_LOCALES = ("en_US", "en_CA", "en_PH")
"""Where the letter spells "apologize": the same list as the apologise() macro of
letter_templates/_parts.j2, which tests/core/test_locales.py holds it to."""

FALLBACK_LOCALE = "en_GB"
"""A new draft's locale when nothing else says (the Draft's own default)."""


@lru_cache(maxsize=1)
def supported_locales() -> tuple[tuple[str, str], ...]:
    """(code, name) of every English locale with a region, by name: ("en_CA", "English (Canada)")."""
    codes = (code for code in localedata.locale_identifiers() if _REGION.match(code))
    return tuple(sorted(((code, locale_name(code)) for code in codes), key=lambda pair: pair[1]))


def locale_name(code: str) -> str:
    """ "English (Canada)" for en_CA; the code itself when Babel does not know it."""
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (UnknownLocaleError, ValueError, TypeError):
        return code


def is_supported_locale(code: str) -> bool:
    return any(value == code for value, _name in supported_locales())


def locale_for_country(country: str) -> str:
    """The English of a country ("CA" -> en_CA); international English where Babel has none."""
    code = f"en_{country.upper()}"
    return code if is_supported_locale(code) else "en_001"


def spelling(locale: str) -> str:
    """How the letter spells its apology in this locale: "apologize" or "apologise"."""
    return "apologize" if locale[:5] in IZE_LOCALES else "apologise"


def paper_for(locale: str) -> str:
    """ "Letter" where it is the norm (the US, Canada...), "A4" elsewhere: what the DOCX writer
    picks when the settings leave the paper to the letter."""
    from desktop.core.writers.docx_parts import PageSetup

    return PageSetup.for_locale(locale).size


def currency_of(country: str) -> str:
    """The currency a country pays in today ("CA" -> "CAD"); empty when Babel cannot say."""
    try:
        found = get_territory_currencies(country.upper())
    except (KeyError, ValueError):
        return ""
    return found[0] if found else ""


@lru_cache(maxsize=1)
def supported_currencies() -> tuple[tuple[str, str], ...]:
    """(code, name) of every currency some country pays in today, by name: ("CAD", "Canadian Dollar")."""
    english = Locale("en")
    # Babel types the keys as str | int | None; a locale's territories are all codes (str).
    territories = [territory for territory in english.territories if isinstance(territory, str)]
    codes = {code for territory in territories for code in _currencies_of(territory)}
    return tuple(sorted(((code, english.currencies.get(code, code)) for code in codes), key=lambda p: p[1]))


def _currencies_of(territory: str) -> list[str]:
    try:
        return get_territory_currencies(territory)
    except (KeyError, ValueError):
        return []
