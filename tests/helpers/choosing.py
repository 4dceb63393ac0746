"""Choosing from a ChoiceBox as a person does: type part of a name, press Return."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.gui.form.choice_box import ChoiceBox


def pick(qtbot, box: ChoiceBox, typed: str) -> None:
    """Type `typed` into the box's search and press Return: the one item it names is chosen,
    and anything that names no item is put back."""
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), typed)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)


def labels(box: ChoiceBox) -> list[str]:
    return [box.itemText(row) for row in range(box.count())]
