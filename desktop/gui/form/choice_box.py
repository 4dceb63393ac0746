"""Picking from a list where a typo would change what the app does: a locale, a holiday
country or region, an incident category.

`ChoiceBox` takes typing only to search the list (any part of a name: "Cana" finds
"English (Canada)"); what is left typed when the user moves on either names one item or
is put back, so no value that is not on the list can be entered. A value that is not on
the list but already in a draft (an older or hand-edited file) is shown as such, never
dropped. `ChoiceOrOwn` adds "Other…" and a box for the writer's own words, for a list the
app acts on but cannot be complete (incident categories).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QWidget

Choices = Iterable[tuple[str, str]]
"""(value, label) pairs: the value is what is stored, the label what a person reads."""


def _default_unlisted(value: str) -> str:
    return f"{value} (not on the list)"


class ChoiceBox(QComboBox):
    """A closed list with type-to-search. `value_chosen` fires for the user's picks only.

    The values are kept on the Python side, row by row, so finding one costs no call into
    Qt per item.
    """

    value_chosen = Signal(str)

    def __init__(
        self,
        label: str,
        choices: Choices = (),
        unlisted: Callable[[str], str] = _default_unlisted,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._unlisted = unlisted
        self._loading = False
        self._values: list[str] = []
        self._unlisted_row = -1
        """The row showing a value that is not on the list, or -1."""
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(26)
        self.setMaxVisibleItems(16)
        self.setAccessibleName(label)
        self.lineEdit().setAccessibleName(label)
        self.lineEdit().setPlaceholderText("Type to search the list")
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.set_choices(choices)
        self.currentIndexChanged.connect(self._index_changed)
        self.lineEdit().editingFinished.connect(self._settle)

    # The list and the value

    def set_choices(self, choices: Choices) -> None:
        """Replace the list, keeping the value shown (marked as not on the list if it no longer is)."""
        value = self.value() if self._values else None
        pairs = list(choices)
        self._loading = True
        try:
            self.clear()
            self.addItems([label for _value, label in pairs])
            self._values = [choice for choice, _label in pairs]
            self._unlisted_row = -1
        finally:
            self._loading = False
        if value is not None:
            self.set_value(value)

    def set_value(self, value: str) -> None:
        """Show `value` without reporting it as the user's pick; one not on the list is added, marked."""
        self._loading = True
        try:
            self._drop_unlisted()
            row = self.row_of(value)
            if row < 0:
                self.addItem(self._unlisted(value))
                self._values.append(value)
                row = self._unlisted_row = len(self._values) - 1
            self.setCurrentIndex(row)
            self.lineEdit().setText(self.itemText(row))
        finally:
            self._loading = False

    def value(self) -> str:
        row = self.currentIndex()
        return self._values[row] if 0 <= row < len(self._values) else ""

    def values(self) -> list[str]:
        """The values on the list, without a shown value that is not on it."""
        return [value for row, value in enumerate(self._values) if row != self._unlisted_row]

    def row_of(self, value: str) -> int:
        """The item holding `value`, its case and surrounding spaces aside ("ca" is CA); -1 if none."""
        if value in self._values:
            return self._values.index(value)
        wanted = value.strip().casefold()
        return next((row for row, known in enumerate(self._values) if known.strip().casefold() == wanted), -1)

    def is_listed(self, value: str) -> bool:
        row = self.row_of(value)
        return row >= 0 and not self._is_unlisted(row)

    def choose(self, value: str) -> bool:
        """Pick `value` as the user would (reported); False if it is not on the list."""
        row = self.row_of(value)
        if row < 0 or self._is_unlisted(row):
            return False
        self.setCurrentIndex(row)
        return True

    # What the user does

    def _index_changed(self, row: int) -> None:
        if self._loading or row < 0:
            return
        if not self._is_unlisted(row):  # once a listed value is picked, the old one is gone
            self._loading = True
            try:
                self._drop_unlisted()
            finally:
                self._loading = False
        self.value_chosen.emit(self.value())

    def _settle(self) -> None:
        """Typing only searches: what names one item picks it, anything else is put back."""
        text = self.lineEdit().text().strip()
        current = self.itemText(self.currentIndex())
        if text == current:
            return
        wanted = text.casefold()
        names = [self.itemText(row).casefold() for row in range(self.count())]
        exact = [row for row, name in enumerate(names) if name == wanted]
        matches = [row for row, name in enumerate(names) if wanted in name]
        found = exact or (matches if text and len(matches) == 1 else [])
        if found and not self._is_unlisted(found[0]):
            self.setCurrentIndex(found[0])
        self.lineEdit().setText(self.itemText(self.currentIndex()))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not self.completer().popup().isVisible():
            self._settle()

    def _drop_unlisted(self) -> None:
        if self._unlisted_row >= 0:
            self.removeItem(self._unlisted_row)
            del self._values[self._unlisted_row]
            self._unlisted_row = -1

    def _is_unlisted(self, row: int) -> bool:
        return row >= 0 and row == self._unlisted_row


OTHER = "\0other"
"""The item that opens the box for one's own words; never stored."""


class ChoiceOrOwn(QWidget):
    """A list, and "Other…" with a box for the writer's own words: `value_edited` fires with
    the value the user picked or typed. A stored value not on the list opens as "Other"."""

    value_edited = Signal(str)

    def __init__(
        self, label: str, choices: Choices, other_label: str = "Other…", parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._other_label = other_label
        self.combo = ChoiceBox(label, [*choices, (OTHER, other_label)])
        self.own = QLineEdit()
        self.own.setAccessibleName(f"{label} in your words")
        self.own.setPlaceholderText("In your words")
        self.own.setMaximumWidth(self.own.fontMetrics().horizontalAdvance("M" * 18))
        self.own.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.own)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)
        self.combo.value_chosen.connect(self._chosen)
        self.own.textEdited.connect(self.value_edited)

    def set_choices(self, choices: Choices) -> None:
        """A new list (the value shown is set again by the caller, as it may now be listed)."""
        self.combo.set_choices([*choices, (OTHER, self._other_label)])

    def set_value(self, value: str) -> None:
        """Show a stored value without reporting it as an edit."""
        listed = not value.strip() or self.combo.is_listed(value)
        self.combo.set_value(value if listed else OTHER)
        self.own.setText("" if listed else value)
        self.own.setVisible(not listed)

    def value(self) -> str:
        return self.own.text() if self.combo.value() == OTHER else self.combo.value()

    def _chosen(self, value: str) -> None:
        other = value == OTHER
        self.own.setVisible(other)
        if other:
            self.own.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.own.clear()
        self.value_edited.emit(self.value())
