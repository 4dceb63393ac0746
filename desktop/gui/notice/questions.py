"""The questions the notice views ask, each in one function a test can replace.

They sit beside desktop/gui/dialogs.py (the app-wide questions) because only the notice
side asks them; tests monkeypatch `desktop.gui.notice.questions.ask_sheet`, ...
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from desktop.core.recipients import ColumnMapping, Field


def ask_sheet(parent: QWidget, file_name: str, sheets: list[str]) -> str | None:
    """Which worksheet of a workbook holds the recipients; None when the user cancels."""
    sheet, ok = QInputDialog.getItem(
        parent,
        "Choose a sheet",
        f"{file_name} has several sheets. Which one lists the recipients?",
        sheets,
        0,
        False,
    )
    return sheet if ok else None


def ask_column_fields(
    parent: QWidget, mapping: ColumnMapping, samples: tuple[str, ...]
) -> dict[str, Field] | None:
    """Which field each column holds, as {column: field}; None when the user cancels."""
    from desktop.gui.notice.mapping_dialog import ColumnMappingDialog

    dialog = ColumnMappingDialog(mapping, samples, parent)
    try:
        return dialog.chosen_fields() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
