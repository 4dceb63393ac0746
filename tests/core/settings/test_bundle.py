"""Exporting the team profile as one .amends-profile file and importing it safely."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import PROFILE, TEAM_RULES

from desktop.core.settings import (
    ProfileBundleError,
    ProfileExistsError,
    export_profile,
    import_profile,
    load_profile,
)


def _bundle(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return path


def test_export_then_import_gives_the_same_profile(profile_dir: Path, tmp_path: Path):
    target = tmp_path / "care.amends-profile"
    members = export_profile(profile_dir, target)
    assert members == ["profile.toml", "rules/legal.toml", "templates/team-letter.j2", "logo.png"]
    imported = import_profile(target, tmp_path / "imported")
    assert imported.problems == ()
    assert imported.values == load_profile(profile_dir).values
    for name in members:
        assert (tmp_path / "imported" / name).read_bytes() == (profile_dir / name).read_bytes()


def test_a_profile_with_problems_is_not_exported(profile_dir: Path, tmp_path: Path):
    (profile_dir / "profile.toml").write_text('[page]\nsize = "A5"\n', "utf-8")
    with pytest.raises(ProfileBundleError, match=r"profile\.toml:2: page\.size"):
        export_profile(profile_dir, tmp_path / "x.amends-profile")
    assert not (tmp_path / "x.amends-profile").exists()


@pytest.mark.parametrize(
    "name", ["../x", "rules/../../x", "/etc/x", "C:/x", "rules\\..\\x", "./profile.toml", "rules//x"]
)
def test_a_member_that_would_leave_the_folder_is_refused_and_nothing_is_written(tmp_path: Path, name):
    bundle = _bundle(tmp_path / "evil.amends-profile", {"profile.toml": PROFILE, name: "gotcha"})
    with pytest.raises(ProfileBundleError, match="refused"):
        import_profile(bundle, tmp_path / "imported")
    assert not (tmp_path / "imported").exists()
    assert not (tmp_path / "x").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.amends-profile"]


def test_a_symbolic_link_member_is_refused(tmp_path: Path):
    link = zipfile.ZipInfo("logo.png")
    link.external_attr = (0o120777) << 16
    path = tmp_path / "link.amends-profile"
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("profile.toml", "")
        bundle.writestr(link, "/etc/passwd")
    with pytest.raises(ProfileBundleError, match="refused"):
        import_profile(path, tmp_path / "imported")


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"rules/legal.toml": TEAM_RULES}, "no profile.toml"),
        ({"profile.toml": '[page]\nsize = "A5"\n'}, r"profile\.toml:2: page\.size"),
        ({"profile.toml": PROFILE}, "no file 'logo.png'"),
        ({"profile.toml": "", "rules/bad.toml": '[override.legal-risk]\nseverity = "fatal"\n'}, "bad.toml:2"),
        ({"profile.toml": "", "elsewhere/x.txt": "?"}, "no place in a team profile"),
    ],
)
def test_a_broken_bundle_is_refused_before_anything_is_written(tmp_path: Path, members, message):
    bundle = _bundle(tmp_path / "broken.amends-profile", members)
    with pytest.raises(ProfileBundleError, match=message):
        import_profile(bundle, tmp_path / "imported")
    assert not (tmp_path / "imported").exists()


def test_a_member_given_twice_is_refused(tmp_path: Path):
    path = tmp_path / "twice.amends-profile"
    with zipfile.ZipFile(path, "w") as bundle, pytest.warns(UserWarning, match="Duplicate name"):
        bundle.writestr("profile.toml", "")
        bundle.writestr("profile.toml", "")
    with pytest.raises(ProfileBundleError, match="twice"):
        import_profile(path, tmp_path / "imported")


def test_not_a_zip_is_a_clear_error(tmp_path: Path):
    path = tmp_path / "notes.amends-profile"
    path.write_text("hello", "utf-8")
    with pytest.raises(ProfileBundleError, match="not a profile file"):
        import_profile(path, tmp_path / "imported")


def test_an_existing_profile_is_replaced_only_when_asked(profile_dir: Path, tmp_path: Path):
    bundle = tmp_path / "care.amends-profile"
    export_profile(profile_dir, bundle)
    existing = tmp_path / "mine"
    existing.mkdir()
    (existing / "profile.toml").write_text('[company]\nname = "Old"\n', "utf-8")
    with pytest.raises(ProfileExistsError):
        import_profile(bundle, existing)
    assert load_profile(existing)["company.name"] == "Old"
    replaced = import_profile(bundle, existing, replace=True)
    assert replaced["company.name"] == "Northwind Dental"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
