"""Precedence (personal over team over built-in, key by key) and what the app takes from the result."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import paths
from desktop.core import places
from desktop.core.checker import Checker
from desktop.core.model import Draft
from desktop.core.settings import (
    Settings,
    docx_layout,
    load_effective,
    load_profile,
    merge,
    new_draft_defaults,
    rule_files,
    save_settings,
    template_dirs,
    usable_checker,
    usable_rule_files,
)
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.docx import DocxWriter
from desktop.core.writers.docx_parts import PageSetup

SHARED = {
    "letter.sign_off": ("Yours sincerely", "Kind regards", "Warm wishes"),
    "letter.template": ("formal-letter", "team-letter", "short-note"),
    "letter.locale": ("en_GB", "en_CA", "fr_CA"),
    "page.size": ("auto", "Letter", "A4"),
    "page.margins_mm": ((20.0, 22.0, 20.0, 22.0), (25.0, 20.0, 25.0, 20.0), (15.0,) * 4),
    "holidays.country": ("", "CA", "GB"),
}


@pytest.mark.parametrize("key", SHARED)
def test_each_shared_key_comes_from_personal_then_team_then_default(key, profile_dir, user_dir):
    builtin, team, personal = SHARED[key]
    profile = load_profile(profile_dir)
    assert merge(Settings(), None, user_dir)[key] == builtin
    assert merge(Settings(), None, user_dir).sources[key] == "default"
    assert merge(Settings(), profile, user_dir)[key] == team
    assert merge(Settings(), profile, user_dir).sources[key] == "team"
    mine = Settings().with_value(key, personal)
    assert merge(mine, profile, user_dir)[key] == personal
    assert merge(mine, profile, user_dir).sources[key] == "personal"


def test_a_personal_country_brings_its_own_subdivision_not_the_teams(profile_dir, user_dir):
    profile = load_profile(profile_dir)
    assert merge(Settings(), profile, user_dir)["holidays.subdivision"] == "ON"
    effective = merge(Settings().with_value("holidays.country", "GB"), profile, user_dir)
    assert (effective["holidays.country"], effective["holidays.subdivision"]) == ("GB", "")
    assert effective.sources["holidays.subdivision"] == "personal"


def test_keys_only_one_file_declares_come_from_that_file(profile_dir, user_dir):
    effective = merge(Settings().with_value("sender.name", "Priya"), load_profile(profile_dir), user_dir)
    assert effective["sender.name"] == "Priya"
    assert effective["company.name"] == "Northwind Dental"
    assert effective["logo.width_mm"] == 45.0


def test_new_draft_defaults_fills_sender_sign_off_template_locale_and_holidays(profile_dir, user_dir):
    personal = (
        Settings()
        .with_value("sender.name", "Priya Natarajan")
        .with_value("sender.role", "Customer Care Lead")
        .with_value("sender.email", "priya@northwind.example")
        .with_value("sender.contact", "Call me on 416 555 0134")
        .with_value("sender.signature", ["Direct line 416 555 0134", "Licence 4471"])
        .with_value("letter.sign_off", "With apologies")
    )
    draft = new_draft_defaults(merge(personal, load_profile(profile_dir), user_dir))
    assert isinstance(draft, Draft)
    assert (draft.template, draft.locale) == ("team-letter", "en_CA")
    assert draft.sender.name == "Priya Natarajan"
    assert draft.sender.role == "Customer Care Lead"
    assert draft.sender.company == "Northwind Dental"
    assert draft.sender.email == "priya@northwind.example"
    assert draft.sender.contact == "Call me on 416 555 0134"
    assert draft.sender.address_lines == ["14 Elm Row", "Leeds LS6 2AB"]
    assert draft.sender.sign_off == "With apologies"
    assert draft.sender.signature_lines == ["Direct line 416 555 0134", "Licence 4471"]
    assert (draft.follow_up.country, draft.follow_up.subdivision) == ("CA", "ON")


def test_new_draft_defaults_without_any_settings_is_the_plain_draft(user_dir):
    assert new_draft_defaults(merge(Settings(), None, user_dir)) == Draft()


def test_docx_layout_takes_paper_margins_and_the_teams_logo(profile_dir, user_dir):
    layout = docx_layout(merge(Settings(), load_profile(profile_dir), user_dir))
    assert layout.page == PageSetup(size="Letter", margins_mm=(25.0, 20.0, 25.0, 20.0))
    assert layout.logo == profile_dir / "logo.png"
    assert layout.logo_width_mm == 45.0
    DocxWriter(layout)  # reads the logo: the layout is one the writer accepts


def test_docx_layout_with_nothing_set_leaves_the_paper_to_each_letters_locale(user_dir):
    layout = docx_layout(merge(Settings(), None, user_dir))
    assert (layout.page, layout.logo) == (None, None)
    custom = docx_layout(merge(Settings().with_value("page.margins_mm", 30), None, user_dir))
    assert custom.page == PageSetup(size="A4", margins_mm=(30.0,) * 4)


def test_template_dirs_and_rule_files_put_the_team_first_so_the_user_wins(profile_dir, user_dir):
    (user_dir / "rules").mkdir()
    (user_dir / "rules" / "mine.toml").write_text('[override.legal-risk]\nseverity = "info"\n', "utf-8")
    effective = merge(Settings(), load_profile(profile_dir), user_dir)
    assert template_dirs(effective) == [profile_dir / "templates", user_dir / "templates"]
    assert rule_files(effective) == [profile_dir / "rules" / "legal.toml", user_dir / "rules" / "mine.toml"]
    assert Checker.from_files(rule_files(effective)).catalogue.rules["legal-risk"].severity == "info"


def test_without_a_profile_only_the_users_folders_count(user_dir):
    effective = merge(Settings(), None, user_dir)
    assert template_dirs(effective) == [user_dir / "templates"]
    assert rule_files(effective) == []


def test_the_checker_flags_the_teams_phrase(profile_dir, user_dir):
    checker = Checker.from_files(rule_files(merge(Settings(), load_profile(profile_dir), user_dir)))
    findings = checker.check_text("Please accept this refund as a goodwill gesture.")
    assert [(f.rule, f.severity) for f in findings if f.rule == "team-goodwill"] == [
        ("team-goodwill", "error")
    ]
    assert checker.catalogue.rules["legal-risk"].severity == "error"


def test_the_team_templates_join_the_catalogue_and_a_users_own_wins(profile_dir, user_dir):
    effective = merge(Settings(), load_profile(profile_dir), user_dir)
    catalogue = TemplateCatalogue(paths.builtin_templates_dir(), template_dirs(effective))
    team_letter = profile_dir / "templates" / "team-letter.j2"
    assert catalogue.get(str(effective["letter.template"])).path == team_letter
    (user_dir / "templates").mkdir()
    mine = user_dir / "templates" / "team-letter.j2"
    mine.write_text(team_letter.read_text("utf-8"), "utf-8")
    catalogue = TemplateCatalogue(paths.builtin_templates_dir(), template_dirs(effective))
    assert catalogue.get("team-letter").path == mine


def test_a_broken_team_rule_file_is_set_aside_with_its_path_and_line(profile_dir, user_dir):
    broken = profile_dir / "rules" / "zz-broken.toml"
    broken.write_text('[override.legal-risk]\nseverity = "fatal"\n', "utf-8")
    files, problems = usable_rule_files(rule_files(merge(Settings(), load_profile(profile_dir), user_dir)))
    assert files == [profile_dir / "rules" / "legal.toml"]
    assert [(p.path, p.line) for p in problems] == [(broken, 2)]
    checker, usable, _problems = usable_checker(
        rule_files(merge(Settings(), load_profile(profile_dir), user_dir))
    )
    assert usable == files
    assert checker.catalogue.rules["legal-risk"].severity == "error"  # the team's legal.toml took hold


def test_load_effective_with_a_broken_settings_file_and_a_broken_profile_still_works(tmp_path, user_dir):
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "profile.toml").write_text('[company]\nname = "Northwind"\n[page]\nsize = "B5"\n', "utf-8")
    settings = user_dir / "settings.toml"
    settings.write_text(f'[team]\nprofile = "{folder.as_posix()}"\n[sender]\nname = ["Priya"]\n', "utf-8")
    effective = load_effective(user_dir)
    assert [(p.path, p.key, p.line) for p in effective.problems] == [
        (settings, "sender.name", 4),
        (folder / "profile.toml", "page.size", 4),
    ]
    assert effective["company.name"] == "Northwind"
    assert effective["page.size"] == "auto"
    assert new_draft_defaults(effective).sender.company == "Northwind"


def test_load_effective_reads_what_save_settings_wrote(profile_dir, user_dir):
    save_settings(Settings().with_value("team.profile", profile_dir), user_dir / "settings.toml")
    effective = load_effective(user_dir)
    assert effective.problems == ()
    assert effective.profile_dir == profile_dir
    assert effective["letter.sign_off"] == "Kind regards"


def test_load_effective_with_nothing_on_disk_is_all_defaults(tmp_path: Path):
    effective = load_effective(tmp_path / "fresh")
    assert effective.problems == ()
    assert set(effective.sources.values()) == {"default"}


def write_site(tmp_path: Path, text: str) -> Path:
    site = tmp_path / "machine" / "settings.toml"
    site.parent.mkdir(exist_ok=True)
    site.write_text(text, "utf-8")
    return site


def test_this_computers_settings_sit_between_the_users_and_the_teams(tmp_path, profile_dir, user_dir):
    site = write_site(
        tmp_path,
        f'[team]\nprofile = "{profile_dir.as_posix()}"\n[letter]\nsign_off = "With apologies"\n'
        '[holidays]\ncountry = "GB"\n',
    )
    (user_dir / "settings.toml").write_text('[holidays]\ncountry = "IE"\n', "utf-8")
    effective = load_effective(user_dir, site_path=site)
    assert effective.profile_dir == profile_dir  # IT named the team profile once for everyone
    assert (effective["letter.sign_off"], effective.sources["letter.sign_off"]) == ("With apologies", "site")
    assert (effective["holidays.country"], effective.sources["holidays.country"]) == ("IE", "personal")
    assert (effective["letter.template"], effective.sources["letter.template"]) == ("team-letter", "team")
    assert effective.problems == ()


def test_the_users_own_team_profile_wins_over_the_computers(tmp_path, profile_dir, user_dir):
    site = write_site(tmp_path, '[team]\nprofile = "/nowhere/team"\n')
    (user_dir / "settings.toml").write_text(f'[team]\nprofile = "{profile_dir.as_posix()}"\n', "utf-8")
    assert load_effective(user_dir, site_path=site).profile_dir == profile_dir


def test_a_broken_computer_settings_file_is_named_and_the_rest_still_loads(tmp_path, user_dir):
    site = write_site(tmp_path, '[letter]\nsign_off = ["not", "text"]\n[holidays]\ncountry = "CA"\n')
    (user_dir / "settings.toml").write_text('[sender]\nname = "Priya Shah"\n', "utf-8")
    effective = load_effective(user_dir, site_path=site)
    assert [problem.path for problem in effective.problems] == [site]
    assert effective["sender.name"] == "Priya Shah"
    assert effective["holidays.country"] == "CA"


def test_only_the_real_user_reads_this_computers_file(tmp_path, user_dir, monkeypatch):
    site = write_site(tmp_path, '[letter]\nsign_off = "With apologies"\n')
    monkeypatch.setattr(paths, "site_settings_file", lambda: site)
    monkeypatch.setattr(paths, "user_data_dir", lambda: user_dir)
    places.use(paths.places())  # as the program's starting point tells the core
    assert load_effective()["letter.sign_off"] == "With apologies"
    assert load_effective(user_dir).sources["letter.sign_off"] == "default"  # a test's own folder
