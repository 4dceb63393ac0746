"""Inline marks: placed by UTF-16 position, looked up for tooltips, cleared when findings go."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from desktop.core.checker.findings import Finding, Severity
from desktop.gui.checking import FindingMarks
from desktop.gui.checking.colors import severity_color
from desktop.gui.checking.marks import MARK_PROPERTY

TEXT = "Hi 😀 Ana, we are sorry if you were inconvenienced. It was only a minor delay."


def span(rule: str, severity: Severity, words: str, field: str = "incident.what") -> Finding:
    start = TEXT.index(words)
    return Finding(
        rule, severity, f"About {words}.", "Why it matters.", start, start + len(words), field, matched=words
    )


CONDITIONAL = span("conditional-apology", Severity.ERROR, "sorry if")
MINIMIZING = span("minimizing", Severity.WARNING, "only a minor delay")


def setup(qtbot) -> tuple[QPlainTextEdit, FindingMarks]:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(TEXT)
    return editor, FindingMarks(lambda field: editor if field == "incident.what" else None)


def our_selections(editor: QPlainTextEdit) -> list[tuple[str, str, QColor]]:
    return [
        (s.cursor.selectedText(), s.format.property(MARK_PROPERTY), s.format.underlineColor())
        for s in editor.extraSelections()
        if s.format.hasProperty(MARK_PROPERTY)
    ]


def test_marks_sit_on_the_words_after_an_emoji_coloured_by_severity(qtbot):
    editor, marks = setup(qtbot)
    marks.show([CONDITIONAL, MINIMIZING])
    palette = editor.palette()
    assert our_selections(editor) == [
        ("sorry if", "conditional-apology", severity_color(Severity.ERROR, palette)),
        ("only a minor delay", "minimizing", severity_color(Severity.WARNING, palette)),
    ]
    for selection in editor.extraSelections():
        assert selection.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline


def test_findings_at_an_offset_is_what_the_tooltip_shows(qtbot):
    _editor, marks = setup(qtbot)
    marks.show([CONDITIONAL, MINIMIZING])
    assert marks.findings_at("incident.what", CONDITIONAL.start) == [CONDITIONAL]
    assert marks.findings_at("incident.what", CONDITIONAL.end - 1) == [CONDITIONAL]
    assert marks.findings_at("incident.what", CONDITIONAL.end) == []
    assert marks.findings_at("incident.what", 1) == []
    assert marks.findings_at("subject", CONDITIONAL.start) == []


def test_hovering_a_marked_word_shows_its_message(qtbot):
    editor, marks = setup(qtbot)
    editor.resize(800, 200)
    editor.show()
    qtbot.waitExposed(editor)
    marks.show([CONDITIONAL])
    cursor = QTextCursor(editor.document())
    cursor.setPosition(CONDITIONAL.start + 1 + 2)  # +1: the emoji is two positions
    point = editor.cursorRect(cursor).center()
    viewport = editor.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    assert marks.eventFilter(viewport, event)
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert QToolTip.text() == "About sorry if.\nWhy it matters."
    far = QPoint(790, point.y())
    assert not marks.eventFilter(viewport, QHelpEvent(QEvent.Type.ToolTip, far, viewport.mapToGlobal(far)))
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # nothing under the mouse hides it


def test_marks_follow_typing_until_the_next_check_and_clear_when_findings_go(qtbot):
    editor, marks = setup(qtbot)
    marks.show([CONDITIONAL, MINIMIZING])
    editor.textCursor().insertText("Hello. ")
    assert [text for text, _, _ in our_selections(editor)] == ["sorry if", "only a minor delay"]
    marks.show([replace(MINIMIZING, start=MINIMIZING.start + 7, end=MINIMIZING.end + 7)])
    assert [text for text, _, _ in our_selections(editor)] == ["only a minor delay"]
    marks.show([])
    assert our_selections(editor) == []


def test_stale_and_accepted_findings_are_not_marked_and_other_selections_stay(qtbot):
    editor, marks = setup(qtbot)
    theirs = QTextEdit.ExtraSelection()
    theirs.cursor = QTextCursor(editor.document())
    theirs.format = QTextCharFormat()
    editor.setExtraSelections([theirs])
    moved = replace(CONDITIONAL, start=CONDITIONAL.start - 3, end=CONDITIONAL.end - 3)
    marks.show([moved, MINIMIZING.accept("it really was minor")])
    assert our_selections(editor) == []
    marks.show([CONDITIONAL])
    assert len(editor.extraSelections()) == 2
    marks.clear()
    assert len(editor.extraSelections()) == 1
