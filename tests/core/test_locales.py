"""The locales a letter can be written for: English in each region Babel knows, by name, and
what each does to the letter (the spelling of "apologise" most of all)."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import Locale

from desktop import paths
from desktop.core.fields import LOCALES, choice_list, unlisted_label
from desktop.core.formatting import (
    currency_of,
    locale_for_country,
    locale_name,
    paper_for,
    spelling,
    supported_currencies,
    supported_locales,
)
from desktop.core.model import Draft, Incident, Sender
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.plain import to_text


def test_every_supported_locale_is_english_with_a_region_and_a_readable_name():
    locales = dict(supported_locales())
    assert {
        "en_CA": "English (Canada)",
        "en_GB": "English (United Kingdom)",
        "en_US": "English (United States)",
    }.items() <= locales.items()
    assert all(Locale.parse(code).language == "en" and Locale.parse(code).territory for code in locales)
    assert "en_US_POSIX" not in locales and "en" not in locales
    names = [name for _code, name in supported_locales()]
    assert names == sorted(names)
    assert choice_list(LOCALES) == supported_locales()


def test_a_locale_off_the_list_is_named_when_babel_knows_it():
    assert locale_name("fr_CA") == "French (Canada)"
    assert unlisted_label(LOCALES, "fr_CA") == "French (Canada), fr_CA (not on the list)"
    assert unlisted_label(LOCALES, "xx_YY") == "xx_YY (not on the list)"


@pytest.fixture(scope="module")
def catalogue() -> TemplateCatalogue:
    return TemplateCatalogue(paths.builtin_templates_dir())


def test_spelling_names_what_the_templates_write_for_every_supported_locale(catalogue):
    """The templates decide the spelling (the apologise() macro of _parts.j2); the form and
    the first-run question only describe it, so they must say what the letter will do."""
    draft = Draft(
        letter_date=dt.date(2026, 11, 20),
        incident=Incident(summary="your booking", what="I booked the wrong day."),
        fixed="I have moved it.",
        sender=Sender(name="Harriet Lowe"),
    )
    seen = set()
    for code, _name in supported_locales():
        draft.locale = code
        text = to_text(catalogue.render(draft, "formal-letter"))
        assert f"I am writing to {spelling(code)} for" in text, code
        seen.add(spelling(code))
    assert seen == {"apologise", "apologize"}


def test_a_country_suggests_its_english_paper_and_money():
    assert (locale_for_country("ca"), paper_for("en_CA"), currency_of("CA")) == ("en_CA", "Letter", "CAD")
    assert (locale_for_country("DE"), paper_for("en_DE"), currency_of("DE")) == ("en_DE", "A4", "EUR")
    assert locale_for_country("BR") == "en_001" and currency_of("ZZ") == ""


def test_the_currencies_are_those_in_use_by_name():
    currencies = dict(supported_currencies())
    assert currencies["CAD"] == "Canadian Dollar" and currencies["GBP"] == "British Pound"
    assert "DEM" not in currencies  # no longer paid in anywhere
