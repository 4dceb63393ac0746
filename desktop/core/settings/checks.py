"""Checks on a setting's value beyond its kind: is this a locale, a country, an e-mail address.

Each returns the reason the value is refused, or None. They import their libraries when
first called, so declaring the settings costs nothing at import time.
"""

from __future__ import annotations

import re
from typing import cast

_TEMPLATE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def locale(value: object) -> str | None:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(str(value).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return f"{value!r} is not a locale Amends knows; write it like en_GB, en_CA or fr_CA"
    return None


def email(value: object) -> str | None:
    if not value:
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(str(value), check_deliverability=False)
    except EmailNotValidError as exc:
        return f"{value!r} is not an e-mail address ({exc})"
    return None


def currency(value: object) -> str | None:
    if not value:
        return None
    from babel.numbers import is_currency

    if not is_currency(str(value).upper()):
        return f"{value!r} is not a currency code; write it like CAD, GBP or EUR"
    return None


def country(value: object) -> str | None:
    if not value:
        return None
    if str(value).upper() not in _holiday_regions():
        return f"no public-holiday calendar for {value!r}; use a two-letter code such as CA, GB or US"
    return None


def subdivision_of(country_code: str, subdivision: str) -> str | None:
    """Whether `subdivision` (a province or state) belongs to `country_code`'s calendar."""
    if not subdivision:
        return None
    if not country_code:
        return "a subdivision needs holidays.country as well"
    known = _holiday_regions().get(country_code.upper(), [])
    if subdivision.upper() not in known:
        listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "") or "none"
        return f"{subdivision!r} is not a subdivision of {country_code.upper()} (known: {listed})"
    return None


def template_id(value: object) -> str | None:
    if not _TEMPLATE_ID.match(str(value)):
        return f"{value!r} is not a template id; ids are lower-case words joined by hyphens"
    return None


def logo_width(value: object) -> str | None:
    width = cast(float, value)  # a check sees the value its kind (NUMBER) converted: a float
    if not 5 <= float(width) <= 200:
        return "must be between 5 and 200 mm"
    return None


def _holiday_regions() -> dict[str, list[str]]:
    import holidays

    return holidays.list_supported_countries()
