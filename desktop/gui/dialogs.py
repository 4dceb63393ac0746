"""Every question the app asks the user goes through one of these functions.

Tests replace them (monkeypatch `desktop.gui.dialogs.ask_save_path`, ...) instead of
driving modal dialogs, which block an offscreen test run.
"""

from __future__ import annotations

from enum import Enum
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget


class UnsavedChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_open_path(parent: QWidget, title: str, start: Path, filter_: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start), filter_)
    return Path(name) if name else None


def ask_save_path(parent: QWidget, title: str, start: Path, filter_: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), filter_)
    return Path(name) if name else None


def ask_folder(parent: QWidget, title: str, start: Path) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(name) if name else None


def ask_unsaved_changes(parent: QWidget, name: str) -> UnsavedChoice:
    button = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"“{name}” has changes that are not saved. Save them before closing?",
        button.Save | button.Discard | button.Cancel,
        button.Save,
    )
    choices = {button.Save: UnsavedChoice.SAVE, button.Discard: UnsavedChoice.DISCARD}
    return choices.get(answer, UnsavedChoice.CANCEL)


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label)
    return text.strip() if ok and text.strip() else None


def show_error(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def ask_open_after_export(parent: QWidget, path: Path) -> str | None:
    """ "file", "folder" or None: what to open after an export finished."""
    box = QMessageBox(parent)
    box.setWindowTitle("Export finished")
    box.setText(f"Saved {path.name}.")
    open_file = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole) if path.is_file() else None
    open_folder = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    clicked = box.clickedButton()
    if open_file is not None and clicked is open_file:
        return "file"
    if clicked is open_folder:
        return "folder"
    return None


def show_info(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def show_about(parent: QWidget, details: str) -> None:
    """The version and build in selectable text, with a button that copies them, because
    the first thing support asks for is exactly these lines."""
    box = QMessageBox(parent)
    box.setWindowTitle("About Amends")
    box.setIconPixmap(QApplication.windowIcon().pixmap(64, 64))
    box.setText("<b>Amends</b><br>Apology letters and incident notices, written offline.")
    # One line each, never wrapped: a path or a commit broken across lines is hard to read out.
    box.setInformativeText(f"<p style='white-space:pre'>{escape(details).replace(chr(10), '<br>')}</p>")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    copy = box.addButton("Copy Details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(details)


def choose_recovery(parent: QWidget, entries: list) -> tuple[str, object] | None:
    """("restore" | "discard", entry) for one of the drafts an interrupted session left,
    or None to leave them all for later."""
    from desktop.gui.recovery_dialog import RecoveryDialog

    dialog = RecoveryDialog(entries, parent)
    try:
        dialog.exec()
        return dialog.choice
    finally:
        dialog.deleteLater()


def confirm_delete_history(parent: QWidget, description: str) -> bool:
    """True to delete. No is the default: a deleted entry cannot be brought back, and a sent
    letter deleted here no longer counts towards the repeat-incident warning."""
    button = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        "Delete from history",
        f"Delete “{description}” from the letter history? This cannot be undone.\n\n"
        "The file it wrote is not deleted.",
        button.Yes | button.No,
        button.No,
    )
    return answer == button.Yes
