"""Which English the letter is written in, from the locale string the app stores ("en_GB").

Harper knows five Englishes (American, British, Canadian, Australian, Indian); every other
English locale is checked against the nearest of them, and anything unrecognised against
British English, the app's own default (formatting.FALLBACK_LOCALE).

The -ise/-ize choice follows the app's templates rather than Harper: Harper's British and
Australian dictionaries accept "organize" (Oxford spelling), but the letters themselves
write "apologise" everywhere except formatting.IZE_LOCALES, so a letter that mixes the two
reads as careless. `ise_spelling` says whether -ize words should be flagged (see variants).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.formatting import IZE_LOCALES

_AMERICAN = {"US", "PH", "PR", "UM", "VI", "AS", "GU", "MP", "LR"}
_AUSTRALIAN = {"AU", "NZ", "NF", "CX", "CC", "NR"}
_REGION_NAMES = {
    "GB": "British English",
    "US": "American English",
    "CA": "Canadian English",
    "AU": "Australian English",
    "NZ": "New Zealand English",
    "IE": "Irish English",
    "IN": "Indian English",
    "ZA": "South African English",
}
_DIALECT_NAMES = {
    "AMERICAN": "American English",
    "BRITISH": "British English",
    "CANADIAN": "Canadian English",
    "AUSTRALIAN": "Australian English",
    "INDIAN": "Indian English",
}
_LOCALE = re.compile(r"^([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}|\d{3}))?")


@dataclass(frozen=True)
class EnglishVariant:
    dialect: str
    """The name of Harper's Dialect member: "AMERICAN", "BRITISH", "CANADIAN", "AUSTRALIAN", "INDIAN"."""
    name: str
    """How messages name it: "British English", "New Zealand English"."""
    ise_spelling: bool
    """Whether the letter writes "organise" rather than "organize"."""


def variant_for(locale: str) -> EnglishVariant:
    """ "en_GB", "en-NZ", "en_CA.UTF-8" -> the English to check against; British by default."""
    found = _LOCALE.match(locale.strip())
    language = found.group(1).lower() if found else ""
    region = (found.group(2) or "").upper() if found else ""
    if language != "en":
        region = ""
    if region in _AMERICAN:
        dialect = "AMERICAN"
    elif region == "CA":
        dialect = "CANADIAN"
    elif region in _AUSTRALIAN:
        dialect = "AUSTRALIAN"
    elif region == "IN":
        dialect = "INDIAN"
    else:
        dialect = "BRITISH"
    name = _REGION_NAMES.get(region, _DIALECT_NAMES[dialect])
    return EnglishVariant(dialect, name, ise_spelling=f"en_{region}" not in IZE_LOCALES)
