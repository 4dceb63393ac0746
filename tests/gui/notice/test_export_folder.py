"""Where File ▸ Export Notice… puts a notice run: Documents/Amends until the user picks a
folder, then where they last exported that kind of output; never beside the recipient
list, which for the built-in example is inside the program's (read-only) folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QRadioButton

from desktop import paths
from desktop.gui import dialogs
from tests.helpers.window import open_export_notice


@pytest.fixture
def window(notice_window):
    return notice_window


def button(dialog, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == text)


def radio(dialog, text: str) -> QRadioButton:
    return next(b for b in dialog.findChildren(QRadioButton) if b.text().replace("&", "") == text)


def save_to(dialog) -> str:
    return next(e for e in dialog.findChildren(QLineEdit) if e.accessibleName() == "Save to").text()


def test_the_first_notice_run_goes_to_documents_then_where_the_user_last_put_one(
    qtbot, window, tmp_path, monkeypatch
):
    dialog = open_export_notice(qtbot, window)
    first = save_to(dialog)
    assert first.startswith(str(paths.documents_dir())) and not first.startswith(str(paths.examples_dir()))

    radio(dialog, "One DOCX for print").click()
    chosen = tmp_path / "shared-drive" / "renewal.docx"
    chosen.parent.mkdir()
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: chosen)
    qtbot.mouseClick(button(dialog, "Choose…"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000):
        qtbot.mouseClick(button(dialog, "Export"), Qt.MouseButton.LeftButton)
    assert chosen.is_file()
    dialog.close()

    again = open_export_notice(qtbot, window)
    radio(again, "One DOCX for print").click()
    assert save_to(again).startswith(str(chosen.parent))
    radio(
        again, "E-mail drafts (.eml)"
    ).click()  # another kind of output has its own place, still Documents until used
    assert save_to(again).startswith(str(paths.documents_dir()))
    again.close()
