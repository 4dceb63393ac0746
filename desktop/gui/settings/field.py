"""One setting in the dialog: its editor, where its value comes from, its hint and its error.

The field only shows; whether a value is accepted is the dialog's call (through
`Settings.with_value`), so the rules live in the core and nowhere else.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.settings import Setting
from desktop.gui.settings.editors import Editor, make_editor

SOURCE_TEXT = {
    "personal": "your setting",
    "site": "set for this computer",
    "team": "from team profile",
    "default": "default",
}
_ERROR_STYLE = "color: #b00020;"
_QUIET_STYLE = "color: palette(placeholder-text);"


class SettingField(QWidget):
    """`edited(key)` when the user changes the value, `clear_requested(key)` for Clear."""

    edited = Signal(str)
    clear_requested = Signal(str)

    def __init__(self, setting: Setting, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setting = setting
        self.title = title
        self.editor: Editor = make_editor(setting, title)
        self.editor.control().setAccessibleName(title)
        self.editor.control().setAccessibleDescription(setting.description)
        self.editor.control().setToolTip(setting.description)
        self.clear = QPushButton("Clear")
        self.clear.setAccessibleName(f"Clear {title}")
        self.clear.setToolTip("Forget your value: follow the team profile or the default again.")
        self.source = QLabel()
        self.hint = QLabel(setting.description)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(_QUIET_STYLE)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setAccessibleName(f"Problem with {title}")
        self.error.hide()
        self._lay_out()
        self.editor.edited.connect(lambda: self.edited.emit(self.setting.key))
        self.clear.clicked.connect(lambda: self.clear_requested.emit(self.setting.key))

    def _lay_out(self) -> None:
        # One width for every source label, so the editors line up whatever they say.
        widest = max(SOURCE_TEXT.values(), key=self.source.fontMetrics().horizontalAdvance)
        self.source.setFixedWidth(self.source.fontMetrics().horizontalAdvance(widest) + 8)
        self.source.setMinimumHeight(self.clear.sizeHint().height())
        self.source.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.editor, 1)
        top.addWidget(self.source, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.clear, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 4)
        column.setSpacing(2)
        column.addLayout(top)
        column.addWidget(self.error)
        column.addWidget(self.hint)

    def show_source(self, source: str, clearable: bool) -> None:
        """Say where the value comes from; only a value the user set can be cleared (a
        holiday subdivision can be "personal" because the country is, without being set)."""
        self.source.setText(SOURCE_TEXT.get(source, source))
        self.source.setStyleSheet("" if source == "personal" else _QUIET_STYLE)
        self.clear.setEnabled(clearable)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.editor.control().setAccessibleDescription(message or self.setting.description)

    @property
    def has_error(self) -> bool:
        return bool(self.error.text())
