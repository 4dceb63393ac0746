"""Personal settings: defaults, every declared setting, and broken files that still leave usable settings."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop.core.settings import (
    PERSONAL,
    TEAM,
    Settings,
    SettingValueError,
    load_settings,
    read_settings,
)


def test_a_missing_file_gives_the_defaults_and_no_problems(tmp_path: Path):
    result = load_settings(tmp_path / "settings.toml")
    assert result.problems == []
    assert result.settings["letter.sign_off"] == "Yours sincerely"
    assert result.settings["letter.template"] == "formal-letter"
    assert result.settings["letter.locale"] == "en_GB"
    assert result.settings["page.size"] == "auto"
    assert result.settings["page.margins_mm"] == (20.0, 22.0, 20.0, 22.0)
    assert result.settings["team.profile"] is None
    assert result.settings.values == {}


@pytest.mark.parametrize("setting", [*PERSONAL, *TEAM], ids=lambda s: s.key)
def test_every_setting_is_declared_in_full_and_accepts_its_default(setting):
    assert "." in setting.key
    assert setting.description.strip()
    if setting.default is not None:
        assert setting.convert(setting.kind.to_toml(setting.default)) == setting.default


def test_a_full_file_is_read_into_python_values():
    raw = """
[sender]
name = "Priya Natarajan"
role = "Customer Care Lead"
email = "priya@northwind.example"
signature = ["Direct line 416 555 0134", "  "]

[page]
margins_mm = 18

[team]
profile = "~/team-profile"
"""
    result = read_settings(raw, Path("settings.toml"))
    assert result.problems == []
    assert result.settings["sender.signature"] == ("Direct line 416 555 0134",)
    assert result.settings["page.margins_mm"] == (18.0,) * 4
    assert result.settings["team.profile"] == Path("~/team-profile").expanduser()


@pytest.mark.parametrize(
    ("raw", "key", "line", "reason"),
    [
        ('[sender]\nname = "A"\nnmae = "B"\n', "sender.nmae", 3, "did you mean sender.name"),
        ("[sender]\nname = 42\n", "sender.name", 2, "must be a text in quotes, not a number"),
        ('[page]\nsize = "A5"\n', "page.size", 2, "must be one of auto, A4, Letter"),
        ("[page]\nmargins_mm = [10, 10]\n", "page.margins_mm", 2, "one number of millimetres or four"),
        ("page.margins_mm = 120\n", "page.margins_mm", 1, "between 0 and 80 mm"),
        ('[letter]\nlocale = "xx_QQ"\n', "letter.locale", 2, "not a locale"),
        ('[sender]\nemail = "priya at work"\n', "sender.email", 2, "not an e-mail address"),
        ('[holidays]\ncountry = "ZZ"\n', "holidays.country", 2, "no public-holiday calendar"),
        ('[holidays]\ncountry = "CA"\nsubdivision = "XX"\n', "holidays.subdivision", 3, "not a subdivision"),
        ('[team]\nprofile = "relative/folder"\n', "team.profile", 2, "full folder path"),
        ('[letter]\ntemplate = "Formal Letter"\n', "letter.template", 2, "not a template id"),
    ],
)
def test_a_bad_value_names_file_key_line_and_reason_and_falls_back_to_the_default(raw, key, line, reason):
    path = Path("/home/priya/settings.toml")
    result = read_settings(raw, path)
    [problem] = result.problems
    assert (problem.path, problem.key, problem.line) == (path, key, line)
    assert reason in problem.reason
    assert str(problem).startswith(f"{path}:{line}: {key}: ")
    assert not result.settings.is_set(key)
    if key in result.settings.declared:
        assert result.settings[key] == result.settings.declared[key].default


def test_one_bad_line_costs_only_that_setting():
    raw = '[sender]\nname = "Priya"\nrole = 7\n\n[page]\nsize = "Letter"\nmargins_mm = "wide"\n'
    result = read_settings(raw, Path("settings.toml"))
    assert [(p.key, p.line) for p in result.problems] == [("sender.role", 3), ("page.margins_mm", 7)]
    assert result.settings.values == {"sender.name": "Priya", "page.size": "Letter"}


def test_bad_toml_gives_the_line_and_the_defaults(tmp_path: Path):
    path = tmp_path / "settings.toml"
    path.write_text('[sender]\nname = "Priya"\nrole = Lead\n', encoding="utf-8")
    result = load_settings(path)
    [problem] = result.problems
    assert (problem.path, problem.line) == (path, 3)
    assert problem.reason.startswith("not valid TOML")
    assert result.settings.values == {}
    assert result.settings["sender.name"] == ""


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path):
    path = tmp_path / "settings.toml"
    path.write_bytes(b"\xff\xfe not text")
    result = load_settings(path)
    assert [p.path for p in result.problems] == [path]
    assert result.settings.values == {}


def test_with_value_refuses_a_bad_value_naming_the_key():
    with pytest.raises(SettingValueError, match=r"^page\.size: must be one of"):
        Settings().with_value("page.size", "A3")
    with pytest.raises(SettingValueError, match="no such setting"):
        Settings().with_value("window.geometry", "800x600")


def test_to_toml_reads_back_to_the_same_settings():
    settings = (
        Settings()
        .with_value("sender.name", 'Zoë "Z" O\'Brien \\ Support')
        .with_value("sender.signature", ["Line one", "Tab\there"])
        .with_value("page.margins_mm", [10, 12.5, 10, 12.5])
        .with_value("team.profile", "/srv/teams/care")
        .with_value("holidays.country", "GB")
        .with_value("holidays.subdivision", "SCT")
    )
    text = settings.to_toml()
    tomllib.loads(text)
    again = read_settings(text)
    assert again.problems == []
    assert again.settings == settings


def test_unset_keys_are_not_written_so_they_keep_following_the_team():
    settings = Settings().with_value("sender.name", "Priya").without("sender.name")
    assert settings.to_toml() == ""
    assert "sign_off" not in Settings().with_value("sender.role", "Lead").to_toml()
