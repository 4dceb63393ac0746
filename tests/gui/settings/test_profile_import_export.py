"""The team profile leaves the dialog as one file and comes back in as a folder it uses."""

from __future__ import annotations

from pathlib import Path

from conftest import write_settings
from PySide6.QtCore import Qt

from desktop.core.settings import SETTINGS_FILE, load_settings
from desktop.gui import dialogs
from desktop.gui.settings import questions


class Answers:
    """Stands in for every question the dialog asks, recording errors and notes."""

    def __init__(self, monkeypatch, open_path=None, save_path=None, folder=None, replace=False):
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.asked: list[str] = []
        monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: open_path)
        monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: save_path)
        monkeypatch.setattr(dialogs, "ask_folder", lambda *a: folder)
        monkeypatch.setattr(dialogs, "show_error", lambda p, t, message: self.errors.append(message))
        monkeypatch.setattr(dialogs, "show_info", lambda p, t, message: self.infos.append(message))
        monkeypatch.setattr(questions, "ask_yes_no", self._yes_no(replace))

    def _yes_no(self, answer: bool):
        def ask(parent, title, message) -> bool:
            self.asked.append(message)
            return answer

        return ask


def _export(qtbot, open_dialog, user_dir: Path, team_dir: Path, bundle: Path, monkeypatch) -> None:
    write_settings(user_dir, f'[team]\nprofile = "{team_dir.as_posix()}"\n')
    dialog = open_dialog(user_dir)
    answers = Answers(monkeypatch, save_path=bundle.with_suffix(""))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert answers.errors == []
    assert bundle.is_file()


def test_export_then_import_sets_the_profile_folder(
    tmp_path, user_dir, team_dir, open_dialog, qtbot, monkeypatch
):
    bundle = tmp_path / "northwind.amends-profile"
    _export(qtbot, open_dialog, user_dir, team_dir, bundle, monkeypatch)
    colleague = tmp_path / "colleague"
    colleague.mkdir()
    shared = tmp_path / "shared"
    shared.mkdir()
    dialog = open_dialog(colleague)
    assert dialog.field("letter.sign_off").source.text() == "default"
    answers = Answers(monkeypatch, open_path=bundle, folder=shared)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert answers.errors == []
    imported = shared / "northwind"
    assert (imported / "profile.toml").is_file()
    assert dialog.field("team.profile").editor.control().text() == str(imported)
    assert dialog.field("letter.sign_off").editor.control().text() == "Kind regards"
    assert dialog.field("letter.sign_off").source.text() == "from team profile"
    dialog.accept()
    assert load_settings(colleague / SETTINGS_FILE).settings["team.profile"] == imported


def test_an_existing_profile_is_replaced_only_when_the_user_agrees(
    tmp_path, user_dir, team_dir, open_dialog, qtbot, monkeypatch
):
    bundle = tmp_path / "northwind.amends-profile"
    _export(qtbot, open_dialog, user_dir, team_dir, bundle, monkeypatch)
    shared = tmp_path / "shared"
    (shared / "northwind").mkdir(parents=True)
    (shared / "northwind" / "old.txt").write_text("old", encoding="utf-8")
    dialog = open_dialog(user_dir)
    answers = Answers(monkeypatch, open_path=bundle, folder=shared, replace=False)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert answers.asked and (shared / "northwind" / "old.txt").exists()
    assert dialog.field("team.profile").editor.control().text() == str(team_dir)
    answers = Answers(monkeypatch, open_path=bundle, folder=shared, replace=True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert (shared / "northwind" / "profile.toml").is_file()
    assert dialog.field("team.profile").editor.control().text() == str(shared / "northwind")


def test_a_broken_bundle_is_refused_with_its_reason(tmp_path, user_dir, open_dialog, qtbot, monkeypatch):
    bundle = tmp_path / "broken.amends-profile"
    bundle.write_text("not a zip", encoding="utf-8")
    dialog = open_dialog(user_dir)
    answers = Answers(monkeypatch, open_path=bundle, folder=tmp_path)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert answers.errors and "not a profile file" in answers.errors[0]
    assert dialog.field("team.profile").editor.control().text() == ""
    assert not dialog.export_button.isEnabled()
