"""Which profiles a letter is held to: by letter type and the reader's place, plus those a
draft asks for by id; and how a team's folder adds to and replaces the built-in ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.model import LetterType
from desktop.core.profiles import ProfileCatalogue, ProfileError
from tests.core.profiles.conftest import MINIMAL, builtin_profiles_dir

Write = Callable[..., Path]
BREACH = LetterType.BREACH_NOTICE
FINAL = LetterType.FINAL_RESPONSE


@pytest.fixture(scope="module")
def shipped() -> ProfileCatalogue:
    return ProfileCatalogue(builtin_profiles_dir())


def _ids(profiles: list) -> list[str]:
    return [profile.id for profile in profiles]


def test_a_state_profile_matches_its_state_only(shipped: ProfileCatalogue):
    assert _ids(shipped.for_letter(BREACH, "US-CA")) == ["us-ca-breach"]
    assert _ids(shipped.for_letter(BREACH, "US-MA")) == ["us-ma-breach"]
    assert _ids(shipped.for_letter(BREACH, "US")) == []  # a profile for US-CA is not for all the US
    assert _ids(shipped.for_letter(BREACH, "us-ca")) == ["us-ca-breach"]


def test_a_country_profile_matches_its_subdivisions(shipped: ProfileCatalogue):
    assert _ids(shipped.for_letter(BREACH, "GB")) == ["gdpr-art34"]
    assert _ids(shipped.for_letter(BREACH, "GB-SCT")) == ["gdpr-art34"]
    assert _ids(shipped.for_letter(FINAL, "GB-WLS")) == ["uk-fca-final-response"]
    assert _ids(shipped.for_letter(FINAL, "CA-ON")) == ["ca-bank-final-response"]


def test_eu_stands_for_every_member_state(shipped: ProfileCatalogue):
    for place in ("DE", "FR", "IE", "GR", "DE-BY"):
        assert _ids(shipped.for_letter(BREACH, place)) == ["gdpr-art34"], place
    assert _ids(shipped.for_letter(BREACH, "CH")) == []
    assert _ids(shipped.for_letter(BREACH, "NO")) == []  # EEA, not EU: see the profile's `verified`


def test_the_letter_type_must_match(shipped: ProfileCatalogue):
    assert _ids(shipped.for_letter(FINAL, "US-CA")) == []
    assert _ids(shipped.for_letter(LetterType.APOLOGY, "GB")) == []
    assert _ids(shipped.for_letter(BREACH, "")) == []


def test_a_profile_that_is_not_automatic_only_when_asked(shipped: ProfileCatalogue):
    assert "hipaa-breach" not in _ids(shipped.for_letter(BREACH, "US"))
    assert "hipaa-breach" not in _ids(shipped.for_letter(BREACH, "US-CA"))
    assert _ids(shipped.for_letter(BREACH, "US-CA", ["hipaa-breach"])) == ["hipaa-breach", "us-ca-breach"]
    assert _ids(shipped.for_letter(BREACH, "", ["hipaa-breach"])) == ["hipaa-breach"]


def test_a_profile_asked_for_is_included_whatever_its_type_and_once(shipped: ProfileCatalogue):
    chosen = shipped.for_letter(BREACH, "GB", ["gdpr-art34", "uk-fca-final-response"])
    assert _ids(chosen) == ["gdpr-art34", "uk-fca-final-response"]


def test_a_profile_asked_for_that_nobody_has_is_an_error(shipped: ProfileCatalogue):
    with pytest.raises(ProfileError) as caught:
        shipped.for_letter(BREACH, "GB", ["hipaa"])
    assert "no compliance profile called 'hipaa'" in caught.value.reason
    assert "hipaa-breach" in caught.value.reason  # the known ones, to pick from


def test_iteration_is_sorted_by_id(shipped: ProfileCatalogue):
    assert _ids(list(shipped)) == sorted(_ids(list(shipped)))
    assert len(shipped) == len(shipped.ids())


def test_a_team_profile_of_the_same_id_replaces_the_built_in_one(write_profile: Write):
    """As a team's template replaces a built-in template of the same name: the team's
    lawyers may read a clause differently, and must be able to say so in one place."""
    builtin = write_profile(profile_id="shared", folder="builtin").parent
    team_file = write_profile(
        MINIMAL.replace('name = "Test profile"', 'name = "Our reading"'), profile_id="shared", folder="team"
    )
    catalogue = ProfileCatalogue(builtin, [team_file.parent])
    assert catalogue.problems == []
    profile = catalogue.get("shared")
    assert profile.name == "Our reading"
    assert not profile.builtin
    assert profile.path == team_file
    assert catalogue.replaced["shared"].builtin
    assert catalogue.replaced["shared"].name == "Test profile"


def test_the_users_folder_comes_after_the_teams(write_profile: Write):
    builtin = write_profile(profile_id="other", folder="builtin").parent
    team = write_profile(profile_id="shared", folder="team").parent
    user_file = write_profile(
        MINIMAL.replace('name = "Test profile"', 'name = "Mine"'), profile_id="shared", folder="user"
    )
    catalogue = ProfileCatalogue(builtin, [team, user_file.parent])
    assert catalogue.get("shared").name == "Mine"
    assert "shared" not in catalogue.replaced  # it replaced the team's, not a built-in one


def test_a_broken_team_file_is_listed_and_the_others_still_load(write_profile: Write):
    builtin = write_profile(profile_id="shipped", folder="builtin").parent
    team = write_profile(profile_id="good", folder="team").parent
    write_profile(MINIMAL.replace("patterns = ['''\\bcontact\\b''']", "patterns = ['''(''']"), "bad", "team")
    catalogue = ProfileCatalogue(builtin, [team])
    assert catalogue.ids() == ["good", "shipped"]
    [problem] = catalogue.problems
    assert problem.path == team / "bad.toml"
    assert problem.line is not None
    assert "not a valid regular expression" in problem.reason


def test_a_broken_team_file_does_not_remove_the_built_in_one_it_meant_to_replace(write_profile: Write):
    builtin = write_profile(profile_id="shared", folder="builtin").parent
    team = write_profile("[profile]\nid = 'shared'\n", profile_id="shared", folder="team").parent
    catalogue = ProfileCatalogue(builtin, [team])
    assert catalogue.get("shared").builtin
    assert len(catalogue.problems) == 1


def test_missing_folders(tmp_path: Path):
    catalogue = ProfileCatalogue(tmp_path / "nowhere", [tmp_path / "no-team"])
    assert catalogue.ids() == []
    [problem] = catalogue.problems  # the built-in folder is ours to ship; a team's may not exist yet
    assert "built-in profile folder is missing" in problem.reason
