"""The window's shortcuts work wherever the cursor is.

Qt lets a focused text field claim a key before any shortcut sees it, and a one-line field
claims Ctrl+E (end of line, as in Emacs): pressed there, "Export Letter as DOCX" did nothing
and the next keystrokes went into the letter. A text field keeps its own editing keys
(copy, paste, undo, select all); every other key combination that a menu item of this
window carries goes to the menu item.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
)

_EDITING = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
)
_COMMAND_KEYS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)
"""Every menu shortcut of the window holds one of these but F8, which no text field claims."""
_TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class ShortcutPriority(QObject):
    def __init__(self, window: QMainWindow):
        """Made once the window's actions exist: their shortcuts are read here, not per key."""
        super().__init__(window)
        self._window = window
        self._actions = [action for action in window.findChildren(QAction) if action.shortcuts()]
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, _TEXT_FIELDS):
            return False
        if not isinstance(event, QKeyEvent) or not event.modifiers() & _COMMAND_KEYS:
            return False  # plain typing, sent through here before every character
        if watched.window() is not self._window:
            return False
        if any(event.matches(key) for key in _EDITING):
            return False
        pressed = QKeySequence(event.keyCombination())
        for action in self._actions:
            if action.isEnabled() and any(shortcut == pressed for shortcut in action.shortcuts()):
                return True  # the field never claims it, so the window's shortcut fires
        return False
