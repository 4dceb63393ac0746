"""The first-run question, "where do you write from?", and what its answer sets.

A country and, where holidays differ, a region decide five settings at once: the locale
new letters are written for (and with it the spelling, "apologize" in Canada), the paper,
the currency of what a letter offers, and the holiday calendar follow-up dates skip. Each
stays an ordinary setting, changeable one by one in the settings dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.formatting import currency_of, locale_for_country, paper_for, spelling
from desktop.core.settings import checks
from desktop.core.settings.effective import DEFAULT_SOURCE, EffectiveSettings
from desktop.core.settings.personal import SETTINGS_FILE, Settings
from desktop.core.settings.problems import SettingValueError

REGIONAL_KEYS = ("letter.locale", "letter.currency", "page.size", "holidays.country", "holidays.subdivision")
"""The settings the first-run question sets."""


@dataclass(frozen=True)
class Regional:
    country: str
    subdivision: str
    locale: str
    paper: str
    """ "A4", "Letter", or "auto" (each letter's locale decides)."""
    currency: str

    @property
    def spelling(self) -> str:
        """ "apologize" or "apologise": it follows the locale, as the templates do."""
        return spelling(self.locale)

    def values(self) -> dict[str, str]:
        return {
            "letter.locale": self.locale,
            "letter.currency": self.currency,
            "page.size": self.paper,
            "holidays.country": self.country,
            "holidays.subdivision": self.subdivision,
        }


def regional_defaults(country: str, subdivision: str = "") -> Regional:
    """What someone writing from `country` most likely wants: its English, paper and money."""
    country = country.upper()
    locale = locale_for_country(country)
    return Regional(
        country=country,
        subdivision=subdivision.upper(),
        locale=locale,
        paper=paper_for(f"en_{country}"),
        currency=currency_of(country),
    )


def with_regional(settings: Settings, regional: Regional) -> Settings:
    """`settings` with the five regional values set; SettingValueError names one refused
    (a region not of the country, too: the next start would refuse it)."""
    for key, value in regional.values().items():
        settings = settings.with_value(key, value)
    reason = checks.subdivision_of(regional.country, regional.subdivision)
    if reason:
        raise SettingValueError("holidays.subdivision", reason)
    return settings


def needs_regional_setup(effective: EffectiveSettings, settings_path: Path | None = None) -> bool:
    """Only on the first start: no settings file yet, and neither this computer's settings
    nor a team profile has chosen a locale or holiday calendar for the user already."""
    path = settings_path or effective.user_dir / SETTINGS_FILE
    if path.exists():
        return False
    return all(effective.sources[key] == DEFAULT_SOURCE for key in REGIONAL_KEYS)
