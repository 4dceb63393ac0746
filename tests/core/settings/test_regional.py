"""Where the user writes from sets five settings at once, and is asked only on a first start."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop.core.settings import (
    REGIONAL_KEYS,
    SETTINGS_FILE,
    Regional,
    Settings,
    SettingValueError,
    load_profile,
    load_settings,
    merge,
    needs_regional_setup,
    new_draft_defaults,
    read_settings,
    regional_defaults,
    save_settings,
    with_regional,
)


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("CA", Regional("CA", "ON", "en_CA", "Letter", "CAD")),
        ("us", Regional("US", "ON", "en_US", "Letter", "USD")),
        ("GB", Regional("GB", "ON", "en_GB", "A4", "GBP")),
        ("IE", Regional("IE", "ON", "en_IE", "A4", "EUR")),
        ("BR", Regional("BR", "ON", "en_001", "A4", "BRL")),  # no English of Brazil: international
    ],
)
def test_a_country_brings_its_locale_paper_and_currency(country, expected):
    assert regional_defaults(country, "on") == expected


def test_the_spelling_follows_the_locale_as_the_templates_do():
    assert regional_defaults("CA").spelling == "apologize"
    assert regional_defaults("GB").spelling == "apologise"


def test_the_answer_is_saved_as_ordinary_settings_and_read_back(tmp_path: Path):
    settings = with_regional(Settings(), regional_defaults("CA", "ON"))
    path = tmp_path / SETTINGS_FILE
    save_settings(settings, path)
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "letter": {"locale": "en_CA", "currency": "CAD"},
        "page": {"size": "Letter"},
        "holidays": {"country": "CA", "subdivision": "ON"},
    }
    loaded = load_settings(path)
    assert loaded.problems == []
    assert {key: loaded.settings[key] for key in REGIONAL_KEYS} == regional_defaults("CA", "ON").values()


def test_a_region_of_another_country_is_refused():
    with pytest.raises(SettingValueError, match=r"holidays\.subdivision"):
        with_regional(Settings(), regional_defaults("GB", "ON"))


def test_a_new_draft_takes_the_currency_with_the_rest(tmp_path: Path):
    effective = merge(with_regional(Settings(), regional_defaults("CA", "ON")), None, tmp_path)
    draft = new_draft_defaults(effective)
    assert (draft.locale, draft.compensation.currency) == ("en_CA", "CAD")
    assert (draft.follow_up.country, draft.follow_up.subdivision) == ("CA", "ON")
    assert new_draft_defaults(merge(Settings(), None, tmp_path)).compensation.currency == ""


def test_a_currency_setting_must_be_a_currency():
    assert read_settings('[letter]\ncurrency = "cad"\n').settings["letter.currency"] == "cad"
    problems = read_settings('[letter]\ncurrency = "CADX"\n').problems
    assert [problem.key for problem in problems] == ["letter.currency"]


def test_asked_only_without_a_settings_file(user_dir: Path):
    assert needs_regional_setup(merge(Settings(), None, user_dir))
    (user_dir / SETTINGS_FILE).write_text("", encoding="utf-8")  # even an empty one: asked before
    assert not needs_regional_setup(merge(Settings(), None, user_dir))


def test_not_asked_when_the_team_or_this_computer_chose_already(user_dir: Path, profile_dir: Path):
    assert not needs_regional_setup(merge(Settings(), load_profile(profile_dir), user_dir))
    site = Settings().with_value("holidays.country", "GB")
    assert not needs_regional_setup(merge(Settings(), None, user_dir, site=site))
    unrelated = Settings().with_value("letter.sign_off", "Kind regards")
    assert needs_regional_setup(merge(Settings(), None, user_dir, site=unrelated))
