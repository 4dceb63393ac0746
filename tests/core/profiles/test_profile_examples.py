"""Every shipped profile loads, says what it was checked against, and its own example
letters pass or fail exactly as the file declares."""

from __future__ import annotations

import pytest

from desktop.core.profiles import Profile, ProfileCatalogue, run_example
from tests.core.profiles.conftest import SHIPPED, builtin_profiles_dir


def _catalogue() -> ProfileCatalogue:
    return ProfileCatalogue(builtin_profiles_dir())


def _examples() -> list[tuple[Profile, int]]:
    return [(profile, index) for profile in _catalogue() for index in range(len(profile.examples))]


def test_the_shipped_profiles_load_without_problems():
    catalogue = _catalogue()
    assert catalogue.problems == []
    assert set(catalogue.ids()) >= SHIPPED
    for profile in catalogue:
        assert profile.builtin
        assert profile.path.name == f"{profile.id}.toml"


@pytest.mark.parametrize("profile", list(_catalogue()), ids=lambda profile: profile.id)
def test_each_profile_says_what_it_was_checked_against_and_shows_both_outcomes(profile: Profile):
    assert len(profile.verified) > 80, "say what the clauses were and were not checked against"
    assert profile.source and profile.source_url.startswith("https://")
    assert any(example.passes for example in profile.examples), "an example that must pass"
    assert any(not example.passes for example in profile.examples), "an example that must fail"


@pytest.mark.parametrize(
    ("profile", "index"),
    _examples(),
    ids=lambda value: value.id if isinstance(value, Profile) else str(value),
)
def test_example_passes_or_fails_as_declared(profile: Profile, index: int):
    outcome = run_example(profile, profile.examples[index])
    assert outcome.as_declared, f"{profile.path}: {outcome.explain()}"


def test_an_example_that_fails_on_the_wrong_check_is_reported():
    profile = _catalogue().get("gdpr-art34")
    failing = next(example for example in profile.examples if example.fails_on == ("contact-point",))
    from dataclasses import replace

    wrong = run_example(profile, replace(failing, fails_on=("measures",)))
    assert not wrong.as_declared
    assert "expected to fail on measures but failed on contact-point" in wrong.explain()


def test_only_the_verified_annex_3r_variant_ships():
    profile = _catalogue().get("uk-fca-final-response")
    assert [wording.id for wording in profile.wordings] == ["annex3-no-waiver"]
    text = " ".join(profile.wordings[0].text.split())
    assert text.startswith("You have the right to refer your complaint to the Financial Ombudsman Service")
    assert "free of charge – but you must do so within six months of the date of this letter." in text
    assert text.endswith(
        "if the Ombudsman believes that the delay was as a result of exceptional circumstances."
    )
    assert "“" not in text and "”" not in text  # the Annex's quotation marks delimit, see the file


def test_the_massachusetts_profile_says_its_statute_text_was_not_read():
    profile = _catalogue().get("us-ma-breach")
    assert profile.verified.startswith("NOT verified against the statute")
    assert all("statute text not read" in item.clause for item in profile.forbidden)


def test_hipaa_is_only_checked_when_asked_for():
    assert not _catalogue().get("hipaa-breach").automatic
