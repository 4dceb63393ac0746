"""The one yes/no question the settings dialog asks, kept apart so tests can replace it
(`desktop.gui.dialogs` is shared and stays as it is)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_yes_no(parent: QWidget, title: str, message: str) -> bool:
    button = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, title, message, button.Yes | button.No, button.No)
    return answer == button.Yes
