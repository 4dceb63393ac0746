"""Applying a finding's suggestion to the editor it was found in, as one undoable edit."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop.core.checker.findings import LETTER_FIELD, Finding
from desktop.gui.checking.offsets import to_document


def replacement(finding: Finding) -> str | None:
    """The wording a one-click fix puts in place of the flagged words, if the rule has one.

    The core tells drop-in wording (`replacement`) from advice for the writer (`suggestion`):
    pasting advice into a letter would be worse than offering no fix.
    """
    return finding.replacement


def apply_fix(editor: QPlainTextEdit, finding: Finding) -> bool:
    """Replace the flagged words with the suggested wording; Ctrl+Z undoes it in one step.

    Refuses (False) when there is no wording to apply (the rule gives only advice) or
    nowhere to apply it (a whole-letter finding), and when the words
    at the finding's offsets are no longer the ones flagged: the writer typed since the check,
    and replacing by stale offsets would overwrite the wrong text.
    """
    wording = replacement(finding)
    if finding.field == LETTER_FIELD or wording is None or finding.end <= finding.start:
        return False
    text = editor.toPlainText()
    if text[finding.start : finding.end] != finding.matched:
        return False
    cursor = QTextCursor(editor.document())
    cursor.setPosition(to_document(text, finding.start))
    cursor.setPosition(to_document(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
    cursor.beginEditBlock()
    cursor.insertText(wording)
    cursor.endEditBlock()
    cursor.clearSelection()
    editor.setTextCursor(cursor)
    return True
