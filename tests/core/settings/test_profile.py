"""The team profile folder: read in full, and broken in each way a shared drive allows."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROFILE, make_profile

from desktop.core.settings import load_profile


def test_a_profile_is_read_in_full(profile_dir: Path):
    profile = load_profile(profile_dir)
    assert profile.problems == ()
    assert profile["company.name"] == "Northwind Dental"
    assert profile["company.address"] == ("14 Elm Row", "Leeds LS6 2AB")
    assert profile["page.margins_mm"] == (25.0, 20.0, 25.0, 20.0)
    assert profile.logo == profile_dir / "logo.png"
    assert profile.rule_files() == [profile_dir / "rules" / "legal.toml"]
    assert profile.templates_dir == profile_dir / "templates"


@pytest.mark.parametrize(
    ("change", "key", "line", "reason"),
    [
        (
            ('name = "Northwind Dental"', 'name = "Northwind Dental"\nslogan = "We care"'),
            "company.slogan",
            3,
            "unknown setting",
        ),
        (('size = "Letter"', 'size = "Tabloid"'), "page.size", 11, "must be one of auto, A4, Letter"),
        (("width_mm = 45", 'width_mm = "wide"'), "logo.width_mm", 16, "must be a number"),
        (('file = "logo.png"', 'file = "../../etc/logo.png"'), "logo.file", 15, "inside the profile folder"),
        (('file = "logo.png"', 'file = "missing.png"'), "logo.file", 15, "no file 'missing.png'"),
        (('file = "logo.png"', 'file = "logo.gif"'), "logo.file", 15, "PNG or JPEG"),
        (('file = "logo.png"', 'file = "art/logo.png"'), "logo.file", 15, "in the profile folder itself"),
        (
            ('address = ["14 Elm Row", "Leeds LS6 2AB"]', 'address = "14 Elm Row"'),
            "company.address",
            3,
            "list of lines",
        ),
    ],
)
def test_a_bad_profile_value_names_path_key_and_line(tmp_path: Path, change, key, line, reason):
    folder = make_profile(tmp_path / "profile", PROFILE.replace(*change))
    profile = load_profile(folder)
    [problem] = profile.problems
    assert (problem.path, problem.key, problem.line) == (folder / "profile.toml", key, line)
    assert reason in problem.reason
    assert profile["company.name"] == "Northwind Dental"  # the rest of the profile still counts


def test_bad_toml_in_a_profile_gives_its_line_and_an_empty_profile(tmp_path: Path):
    folder = make_profile(
        tmp_path / "profile", PROFILE.replace('sign_off = "Kind regards"', "sign_off = Kind")
    )
    profile = load_profile(folder)
    [problem] = profile.problems
    assert (problem.path, problem.line) == (folder / "profile.toml", 6)
    assert "not valid TOML" in str(problem)
    assert profile.values == {}
    assert profile.rule_files() == [folder / "rules" / "legal.toml"]  # rules and templates still load


def test_a_missing_folder_or_file_is_a_problem_not_a_crash(tmp_path: Path):
    gone = load_profile(tmp_path / "unplugged-drive")
    assert "not there" in str(gone.problems[0])
    (tmp_path / "empty").mkdir()
    empty = load_profile(tmp_path / "empty")
    assert [p.path for p in empty.problems] == [tmp_path / "empty" / "profile.toml"]
    assert empty["letter.sign_off"] == "Yours sincerely"
