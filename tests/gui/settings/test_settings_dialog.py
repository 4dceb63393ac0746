"""The settings dialog shows, checks, saves and clears personal settings."""

from __future__ import annotations

from pathlib import Path

from conftest import PROFILE, type_into, write_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QTabWidget

from desktop.core.business_days import subdivision_choices
from desktop.core.settings import SETTINGS_FILE, load_settings
from desktop.gui import dialogs
from desktop.gui.form.choice_box import ChoiceBox
from desktop.gui.settings import dialog as dialog_module
from tests.helpers.choosing import labels, pick


def test_shows_the_values_of_an_existing_settings_file(user_dir, open_dialog):
    write_settings(
        user_dir,
        '[sender]\nname = "Priya Shah"\nsignature = ["Direct line 0113 555 0199"]\n'
        '[page]\nsize = "A4"\nmargins_mm = 18\n',
    )
    dialog = open_dialog(user_dir)
    assert dialog.field("sender.name").editor.control().text() == "Priya Shah"
    assert dialog.field("sender.signature").editor.control().toPlainText() == "Direct line 0113 555 0199"
    assert dialog.field("page.size").editor.control().currentText() == "A4"
    assert dialog.field("page.margins_mm").editor.control().text() == "18"
    assert dialog.field("sender.name").source.text() == "your setting"
    assert dialog.field("sender.role").source.text() == "default"


def test_editing_and_ok_writes_the_file_and_keeps_a_backup(user_dir, open_dialog, qtbot):
    write_settings(user_dir, '[sender]\nname = "Priya Shah"\n')
    dialog = open_dialog(user_dir)
    type_into(qtbot, dialog, "sender.role", "Practice manager")
    type_into(qtbot, dialog, "page.margins_mm", "25, 20, 25, 20")
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.accept()
    saved = load_settings(user_dir / SETTINGS_FILE)
    assert saved.problems == []
    assert saved.settings["sender.name"] == "Priya Shah"
    assert saved.settings["sender.role"] == "Practice manager"
    assert saved.settings["page.margins_mm"] == (25.0, 20.0, 25.0, 20.0)
    assert not saved.settings.is_set("sender.email")
    assert "Priya Shah" in (user_dir / "settings.toml.bak").read_text(encoding="utf-8")
    assert not dialog.isVisible()


def test_an_invalid_value_is_explained_and_disables_ok(user_dir, open_dialog, qtbot):
    dialog = open_dialog(user_dir)
    ok = dialog._ok
    type_into(qtbot, dialog, "page.margins_mm", "abc")
    assert "must be a number" in dialog.field("page.margins_mm").error.text()
    assert not dialog.field("page.margins_mm").error.isHidden()
    assert not ok.isEnabled()
    assert "Margins (mm)" in dialog.blocked.text()
    type_into(qtbot, dialog, "page.margins_mm", "20")
    assert ok.isEnabled()


def test_a_locale_is_picked_from_the_list_and_cannot_be_mistyped(user_dir, open_dialog, qtbot):
    dialog = open_dialog(user_dir)
    locale = dialog.field("letter.locale").editor.control()
    assert isinstance(locale, ChoiceBox)
    assert {"English (Canada)", "English (United Kingdom)", "English (United States)"} <= set(labels(locale))
    pick(qtbot, locale, "xx_YY")  # names no locale: put back, nothing set
    assert locale.currentText() == "English (United Kingdom)"
    assert not dialog.settings.is_set("letter.locale") and dialog._ok.isEnabled()
    pick(qtbot, locale, "Canada")
    assert locale.currentText() == "English (Canada)"
    assert dialog.field("letter.locale").source.text() == "your setting"
    dialog.accept()
    assert load_settings(user_dir / SETTINGS_FILE).settings["letter.locale"] == "en_CA"


def test_country_region_and_currency_are_chosen_by_name(user_dir, open_dialog, qtbot):
    dialog = open_dialog(user_dir)
    country = dialog.field("holidays.country").editor.control()
    region = dialog.field("holidays.subdivision").editor.control()
    currency = dialog.field("letter.currency").editor.control()
    assert region.values() == [""]  # no country: no regions to choose from
    pick(qtbot, country, "Canada")
    assert region.values() == ["", *(code for code, _name in subdivision_choices("CA"))]
    pick(qtbot, region, "Ontario")
    pick(qtbot, currency, "Canadian Dollar")
    assert (country.currentText(), region.currentText(), currency.currentText()) == (
        "Canada",
        "Ontario (ON)",
        "Canadian Dollar (CAD)",
    )
    dialog.accept()
    saved = load_settings(user_dir / SETTINGS_FILE)
    assert saved.problems == []
    assert [saved.settings[k] for k in ("holidays.country", "holidays.subdivision", "letter.currency")] == [
        "CA",
        "ON",
        "CAD",
    ]


def test_team_values_are_labelled_and_a_personal_value_overrides_them(user_dir, team_dir, open_dialog, qtbot):
    write_settings(user_dir, f'[team]\nprofile = "{team_dir.as_posix()}"\n')
    dialog = open_dialog(user_dir)
    sign_off = dialog.field("letter.sign_off")
    assert sign_off.editor.control().text() == "Kind regards"
    assert sign_off.source.text() == "from team profile"
    assert not sign_off.clear.isEnabled()
    type_into(qtbot, dialog, "letter.sign_off", "Warm wishes")
    assert sign_off.source.text() == "your setting"
    dialog.accept()
    assert load_settings(user_dir / SETTINGS_FILE).settings["letter.sign_off"] == "Warm wishes"


def test_clear_unsets_the_key_and_follows_the_team_again(user_dir, team_dir, open_dialog, qtbot):
    write_settings(
        user_dir, f'[letter]\nsign_off = "Warm wishes"\n[team]\nprofile = "{team_dir.as_posix()}"\n'
    )
    dialog = open_dialog(user_dir)
    sign_off = dialog.field("letter.sign_off")
    assert sign_off.source.text() == "your setting"
    qtbot.mouseClick(sign_off.clear, qtbot_left())
    assert sign_off.editor.control().text() == "Kind regards"
    assert sign_off.source.text() == "from team profile"
    dialog.accept()
    assert not load_settings(user_dir / SETTINGS_FILE).settings.is_set("letter.sign_off")


def test_clearing_the_profile_folder_returns_to_defaults(user_dir, team_dir, open_dialog, qtbot):
    write_settings(user_dir, f'[team]\nprofile = "{team_dir.as_posix()}"\n')
    dialog = open_dialog(user_dir)
    type_into(qtbot, dialog, "team.profile", "")
    assert dialog._ok.isEnabled()
    assert dialog.field("letter.sign_off").editor.control().text() == "Yours sincerely"
    assert dialog.field("letter.sign_off").source.text() == "default"


def test_a_failing_save_is_shown_and_the_dialog_stays_open(user_dir, open_dialog, qtbot, monkeypatch):
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: errors.append(message))

    def refuse(settings, path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(dialog_module, "save_settings", refuse)
    dialog = open_dialog(user_dir)
    saved: list[bool] = []
    dialog.settings_saved.connect(lambda: saved.append(True))
    type_into(qtbot, dialog, "sender.name", "Priya Shah")
    dialog.accept()
    assert errors and "Permission denied" in errors[0]
    assert dialog.isVisible() and not saved
    assert dialog.field("sender.name").editor.control().text() == "Priya Shah"
    assert dialog.settings["sender.name"] == "Priya Shah"


def test_problems_in_the_settings_file_are_listed(user_dir, open_dialog):
    write_settings(user_dir, '[page]\nsize = "A5"\n')
    dialog = open_dialog(user_dir)
    listed = [w for w in dialog.findChildren(QLabel) if w.accessibleName().startswith("Problems in")]
    assert listed[0].isVisible()
    assert "page.size" in listed[0].text() and "A5" in listed[0].text()


def test_every_control_has_an_accessible_name(user_dir, open_dialog):
    dialog = open_dialog(user_dir)
    controls = [
        *dialog.findChildren(QLineEdit),
        *dialog.findChildren(QPlainTextEdit),
        *dialog.findChildren(QComboBox),
        *dialog.findChildren(QAbstractButton),
    ]
    assert len(controls) > 20
    unnamed = [c for c in controls if not c.accessibleName() and type(c).__name__ != "QToolButton"]
    assert unnamed == []


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_new_country_drops_a_province_of_the_old_one(user_dir, open_dialog, qtbot):
    write_settings(user_dir, '[holidays]\ncountry = "CA"\nsubdivision = "ON"\n')
    dialog = open_dialog(user_dir)
    region = dialog.field("holidays.subdivision").editor.control()
    assert region.currentText() == "Ontario (ON)"
    pick(qtbot, dialog.field("holidays.country").editor.control(), "United States")
    assert "TX" in region.values() and "ON" not in region.values()
    assert region.currentText() == "The whole country"
    assert dialog.field("holidays.subdivision").error.isHidden() and dialog._ok.isEnabled()
    dialog.accept()
    saved = load_settings(user_dir / SETTINGS_FILE)
    assert saved.problems == []
    assert (saved.settings["holidays.country"], saved.settings["holidays.subdivision"]) == ("US", "")


def test_this_computers_settings_name_the_team_and_sit_beneath_the_users(
    user_dir, team_dir, tmp_path, open_dialog, qtbot
):
    site = tmp_path / "etc" / "settings.toml"
    site.parent.mkdir()
    site.write_text(
        f'[team]\nprofile = "{team_dir.as_posix()}"\n[letter]\nsign_off = "With apologies"\n', "utf-8"
    )
    dialog = open_dialog(user_dir, site_path=site)
    profile = dialog.field("team.profile")
    assert (profile.editor.control().text(), profile.source.text()) == (
        str(team_dir),
        "set for this computer",
    )
    sign_off = dialog.field("letter.sign_off")
    assert (sign_off.editor.control().text(), sign_off.source.text()) == (
        "With apologies",
        "set for this computer",
    )
    locale = dialog.field("letter.locale")
    assert (locale.editor.value(), locale.source.text()) == ("en_CA", "from team profile")
    assert locale.editor.control().currentText() == "English (Canada)"
    type_into(qtbot, dialog, "letter.sign_off", "Warm wishes")
    assert sign_off.source.text() == "your setting"
    dialog.accept()
    saved = load_settings(user_dir / SETTINGS_FILE).settings
    assert saved["letter.sign_off"] == "Warm wishes"
    assert not saved.is_set("team.profile")  # the computer's choice is not copied into the user's file


def test_a_province_picked_from_the_teams_country_keeps_that_country(user_dir, team_dir, open_dialog, qtbot):
    (team_dir / "profile.toml").write_text(PROFILE + '[holidays]\ncountry = "CA"\n', encoding="utf-8")
    write_settings(user_dir, f'[team]\nprofile = "{team_dir.as_posix()}"\n')
    dialog = open_dialog(user_dir)
    region = dialog.field("holidays.subdivision").editor.control()
    assert "ON" in region.values()
    pick(qtbot, region, "Ontario")
    assert dialog.field("holidays.subdivision").error.isHidden() and dialog._ok.isEnabled()
    dialog.accept()
    saved = load_settings(user_dir / SETTINGS_FILE)
    assert saved.problems == []
    assert (saved.settings["holidays.country"], saved.settings["holidays.subdivision"]) == ("CA", "ON")


def test_typing_only_searches_and_moving_on_puts_back_what_names_nothing(user_dir, open_dialog, qtbot):
    dialog = open_dialog(user_dir)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    tabs = dialog.findChild(QTabWidget)
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "Holidays"))
    country = dialog.field("holidays.country").editor.control()
    country.setFocus()
    qtbot.waitUntil(country.hasFocus)
    country.lineEdit().selectAll()
    qtbot.keyClicks(country.lineEdit(), "Ontario")
    assert country.lineEdit().text() == "Ontario"
    qtbot.keyClick(country, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not country.hasFocus())
    assert country.currentText() == "No public holidays (weekends only)"
    assert not dialog.settings.is_set("holidays.country")
