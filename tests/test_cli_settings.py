"""The command line follows the same settings as the app (team profile, this computer's file,
the user's own) unless told --no-settings, and a broken settings file never stops it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop import paths
from desktop.cli import main
from tests.core.settings.conftest import make_profile

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"
TOP_25_MM = 'w:top="1417"'  # the team profile's margins: 25, 20, 25, 20 mm
LETTER = '<w:pgSz w:w="12240" w:h="15840"/>'


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """Letter paper, a logo, the rule team-goodwill and the template team-letter."""
    return make_profile(tmp_path / "team")


def use_settings(text: str) -> Path:
    """The user's settings.toml, where the app keeps it (the test's own folder: see conftest)."""
    settings = paths.user_data_dir() / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(text, "utf-8")
    return settings


def docx_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as docx:
        return {name: docx.read(name).decode("utf-8", "replace") for name in docx.namelist()}


def test_render_takes_the_teams_paper_margins_and_logo(team, tmp_path, capsys):
    use_settings(f'[team]\nprofile = "{team.as_posix()}"\n')
    out = tmp_path / "letter.docx"
    assert main(["render", str(RRSP), "-o", str(out)]) == 0
    parts = docx_parts(out)
    assert LETTER in parts["word/document.xml"]
    assert TOP_25_MM in parts["word/document.xml"]
    assert any(name.startswith("word/media/logo") for name in parts)
    assert capsys.readouterr().err == ""


def test_options_change_only_what_they_name_and_no_settings_drops_the_rest(team, tmp_path):
    use_settings(f'[team]\nprofile = "{team.as_posix()}"\n')
    a4 = tmp_path / "a4.docx"
    assert main(["render", str(RRSP), "-o", str(a4), "--page-size", "A4"]) == 0
    parts = docx_parts(a4)
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in parts["word/document.xml"]
    assert TOP_25_MM in parts["word/document.xml"]  # the team's margins stay
    assert any(name.startswith("word/media/logo") for name in parts)  # and so does its logo
    plain = tmp_path / "plain.docx"
    assert main(["render", str(RRSP), "-o", str(plain), "--no-settings"]) == 0
    assert not any(name.startswith("word/media/") for name in docx_parts(plain))


def test_templates_lists_the_teams_own_and_check_applies_its_rules(team, tmp_path, capsys):
    use_settings(f'[team]\nprofile = "{team.as_posix()}"\n')
    assert main(["templates"]) == 0
    assert "team-letter" in capsys.readouterr().out
    letter = tmp_path / "letter.txt"
    letter.write_text("I am sorry I charged you twice. Please accept this refund as a goodwill gesture.\n")
    assert main(["check", str(letter)]) == 1
    assert "team-goodwill" in capsys.readouterr().out
    main(["check", "--no-settings", str(letter)])
    assert "team-goodwill" not in capsys.readouterr().out


def test_this_computers_settings_count_too(team, tmp_path, monkeypatch):
    site = tmp_path / "site" / "settings.toml"
    site.parent.mkdir()
    site.write_text(f'[team]\nprofile = "{team.as_posix()}"\n', "utf-8")
    monkeypatch.setattr(paths, "site_settings_file", lambda: site)
    out = tmp_path / "letter.docx"
    assert main(["render", str(RRSP), "-o", str(out)]) == 0
    assert LETTER in docx_parts(out)["word/document.xml"]


def test_a_broken_settings_file_is_named_and_the_command_goes_on(tmp_path, capsys):
    settings = use_settings('[page]\nsize = "B5"\n')
    out = tmp_path / "letter.txt"
    assert main(["render", str(RRSP), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"amends: settings: {settings}:2")
    assert err.rstrip().endswith("(left out)")
    assert "Danielle Tremblay" in out.read_text("utf-8")
