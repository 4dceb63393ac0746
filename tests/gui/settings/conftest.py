"""A user folder with a settings file and a team profile, and a way to type into a field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.gui.settings import SettingsDialog

PROFILE = """\
[company]
name = "Northwind Dental"

[letter]
sign_off = "Kind regards"
locale = "en_CA"

[page]
size = "Letter"
"""


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "profile.toml").write_text(PROFILE, encoding="utf-8")
    return folder


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "user"
    folder.mkdir()
    return folder


def write_settings(user_dir: Path, text: str) -> None:
    (user_dir / "settings.toml").write_text(text, encoding="utf-8")


@pytest.fixture
def open_dialog(qtbot):
    def opened(user_dir: Path, site_path: Path | None = None) -> SettingsDialog:
        dialog = SettingsDialog(user_dir, site_path=site_path)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return opened


def type_into(qtbot, dialog: SettingsDialog, key: str, text: str) -> None:
    """Replace the field's text as a user would: select all, then type (or delete)."""
    control = dialog.field(key).editor.control()
    control.setFocus()
    control.selectAll()
    if text:
        qtbot.keyClicks(control, text)
    else:
        qtbot.keyClick(control, Qt.Key.Key_Backspace)
