"""Inputs for the form's non-prose values that Qt has no ready widget for: optional dates, codes, amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator, QShowEvent, QValidator
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QLineEdit, QWidget

from desktop.core.draft_values import LATEST_DATE

_NOT_SET = QDate(1900, 1, 1)
_LATEST = QDate(LATEST_DATE.year, LATEST_DATE.month, LATEST_DATE.day)


class _Calendar(QCalendarWidget):
    """Opens on this month when the date is not set, not on the sentinel's January 1900."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.selectedDate() == _NOT_SET:
            today = QDate.currentDate()
            self.setCurrentPage(today.year(), today.month())


class OptionalDateEdit(QDateEdit):
    """A date that may be "Not set": the lowest date stands for none, as Qt's special value text allows.

    Delete clears it; the arrow keys or the calendar start from today rather than from 1900.
    """

    date_edited = Signal()
    """The user changed the date (not `set_value`)."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(label)
        self.setCalendarPopup(True)
        self.setCalendarWidget(_Calendar(self))
        self.setDisplayFormat("ddd d MMM yyyy")
        self.setMinimumDate(_NOT_SET)
        self.setMaximumDate(_LATEST)  # what a saved draft may hold, so it opens again
        self.setSpecialValueText("Not set")
        self.setDate(_NOT_SET)
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.horizontalAdvance("Wed 30 Sep 20260") + 3 * metrics.height())
        self._loading = False
        self.dateChanged.connect(self._report)

    def value(self) -> dt.date | None:
        date = self.date()
        return None if date == _NOT_SET else dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: dt.date | None) -> None:
        self._loading = True
        try:
            self.setDate(_NOT_SET if value is None else QDate(value.year, value.month, value.day))
        finally:
            self._loading = False

    def stepBy(self, steps: int) -> None:
        if self.date() == _NOT_SET:
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.setDate(_NOT_SET)
            return
        super().keyPressEvent(event)

    def _report(self) -> None:
        if not self._loading:
            self.date_edited.emit()


class _UpperCaseValidator(QValidator):
    """Letters only, turned upper-case as they are typed, so "ca" is stored as "CA"."""

    def __init__(self, max_length: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._max_length = max_length

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if len(text) > self._max_length or not all(c.isascii() and c.isalpha() for c in text):
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, text.upper(), pos


def code_edit(label: str, max_length: int, example: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(label)
    edit.setValidator(_UpperCaseValidator(max_length, edit))
    edit.setMaxLength(max_length)
    edit.setPlaceholderText(example)
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("W" * (max_length + 3)))
    return edit


def amount_edit(label: str, example: str = "") -> QLineEdit:
    """Digits with up to two decimals; empty means no amount (None), which a spin box cannot say."""
    edit = QLineEdit()
    edit.setAccessibleName(label)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,9}(\.\d{0,2})?"), edit))
    edit.setPlaceholderText(example)
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0" * 16))
    return edit


def parse_amount(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text.strip(". ") else None
    except InvalidOperation:
        return None
