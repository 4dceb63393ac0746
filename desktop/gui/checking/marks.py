"""Inline marks: a wavy underline under flagged words in the form's editors, and its tooltip.

Marks are extra selections rather than a syntax highlighter: their QTextCursors move with
the text, so between typing and the next check a mark stays on its words instead of
sliding along by the characters typed before it. Selections the form set for itself are
kept; ours are told apart by a format property.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from desktop.core.checker.findings import LETTER_FIELD, Finding
from desktop.gui.checking.colors import severity_color
from desktop.gui.checking.offsets import to_document

MARK_PROPERTY = int(QTextFormat.Property.UserProperty) + 0x414D
"""Set on the formats of our extra selections, so other selections on the editor survive."""

EditorFor = Callable[[str], QPlainTextEdit | None]


@dataclass
class Mark:
    cursor: QTextCursor
    finding: Finding

    def covers(self, position: int) -> bool:
        return self.cursor.selectionStart() <= position < self.cursor.selectionEnd()


def still_there(text: str, finding: Finding) -> bool:
    """Whether the flagged words are still where the check found them (typing moves them)."""
    span = text[finding.start : finding.end]
    if not finding.matched:
        return bool(span.strip())
    # Long spans (a hard-to-read sentence) carry only the start of their words.
    return span == finding.matched if len(finding.matched) == len(span) else span.startswith(finding.matched)


class FindingMarks(QObject):
    def __init__(self, editor_for: EditorFor, parent: QObject | None = None):
        super().__init__(parent)
        self._editor_for = editor_for
        self._editors: dict[str, QPlainTextEdit] = {}
        self._marks: dict[str, list[Mark]] = {}

    # Showing ------------------------------------------------------------------------------

    def show(self, findings: Sequence[Finding]) -> None:
        """Mark these findings and nothing else: marks of findings that went away are cleared."""
        by_field: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.field != LETTER_FIELD and finding.end > finding.start and not finding.accepted:
                by_field.setdefault(finding.field, []).append(finding)
        for field in list(self._editors):
            if field not in by_field or self._editor_for(field) is not self._editors[field]:
                self._clear(field)
        for field, located in by_field.items():
            editor = self._editor_for(field)
            if editor is not None:
                self._mark(field, editor, located)

    def clear(self) -> None:
        for field in list(self._editors):
            self._clear(field)

    def findings_at(self, field: str, offset: int) -> list[Finding]:
        """The marked findings over Python index `offset` of the field's current text."""
        editor = self._editors.get(field)
        if editor is None or not shiboken6.isValid(editor):
            return []
        position = to_document(editor.toPlainText(), offset)
        return [mark.finding for mark in self._marks.get(field, []) if mark.covers(position)]

    def _mark(self, field: str, editor: QPlainTextEdit, findings: list[Finding]) -> None:
        text = editor.toPlainText()
        marks = []
        for finding in findings:
            if not still_there(text, finding):
                continue
            cursor = QTextCursor(editor.document())
            cursor.setPosition(to_document(text, finding.start))
            cursor.setPosition(to_document(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
            marks.append(Mark(cursor, finding))
        if field not in self._editors:
            editor.viewport().installEventFilter(self)
        self._editors[field] = editor
        self._marks[field] = marks
        self._apply(editor, marks)

    def _clear(self, field: str) -> None:
        editor = self._editors.pop(field)
        self._marks.pop(field, None)
        if shiboken6.isValid(editor):
            editor.viewport().removeEventFilter(self)
            self._apply(editor, [])

    def _apply(self, editor: QPlainTextEdit, marks: list[Mark]) -> None:
        others = [s for s in editor.extraSelections() if not s.format.hasProperty(MARK_PROPERTY)]
        editor.setExtraSelections(others + [self._selection(editor, mark) for mark in marks])

    @staticmethod
    def _selection(editor: QPlainTextEdit, mark: Mark) -> QTextEdit.ExtraSelection:
        style = QTextCharFormat()
        style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        style.setUnderlineColor(severity_color(mark.finding.severity, editor.palette()))
        style.setProperty(MARK_PROPERTY, mark.finding.rule)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = mark.cursor
        selection.format = style
        return selection

    # Hovering -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip:
            return False
        for field, editor in self._editors.items():
            if shiboken6.isValid(editor) and editor.viewport() is watched:
                return self._show_tooltip(field, editor, event)  # type: ignore[arg-type]
        return False

    def _show_tooltip(self, field: str, editor: QPlainTextEdit, event: QHelpEvent) -> bool:
        findings = self._hovered(field, editor, event.pos())
        if not findings:
            QToolTip.hideText()
            return False
        text = "\n\n".join(f"{finding.message}\n{finding.principle}" for finding in findings)
        QToolTip.showText(event.globalPos(), text, editor.viewport())
        return True

    def _hovered(self, field: str, editor: QPlainTextEdit, point: QPoint) -> list[Finding]:
        cursor = editor.cursorForPosition(point)
        near = abs(editor.cursorRect(cursor).center().x() - point.x())
        if near > editor.fontMetrics().horizontalAdvance("M"):
            return []  # past the end of the line: nothing under the mouse
        position = cursor.position()
        # The cursor lands on the nearest gap between characters: look at both neighbours.
        return [
            mark.finding
            for mark in self._marks.get(field, [])
            if mark.covers(position) or mark.covers(position - 1)
        ]
