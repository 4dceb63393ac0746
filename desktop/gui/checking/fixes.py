"""Applying a finding's suggestion to the editor it was found in, as one undoable edit."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop.core.checker.findings import LETTER_FIELD, Finding
from desktop.gui.checking.offsets import to_document


def apply_fix(editor: QPlainTextEdit, finding: Finding) -> bool:
    """Replace the flagged words with the suggestion; Ctrl+Z undoes it in one step.

    Refuses (False) when there is nothing to apply or nowhere to apply it, and when the words
    at the finding's offsets are no longer the ones flagged: the writer typed since the check,
    and replacing by stale offsets would overwrite the wrong text.
    """
    if finding.field == LETTER_FIELD or not finding.suggestion or finding.end <= finding.start:
        return False
    text = editor.toPlainText()
    if text[finding.start : finding.end] != finding.matched:
        return False
    cursor = QTextCursor(editor.document())
    cursor.setPosition(to_document(text, finding.start))
    cursor.setPosition(to_document(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
    cursor.beginEditBlock()
    cursor.insertText(finding.suggestion)
    cursor.endEditBlock()
    cursor.clearSelection()
    editor.setTextCursor(cursor)
    return True
