"""The checker's main story, in widgets: a hedged apology is listed, marked, fixed, undone."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop.core.checker import Checker
from desktop.core.model import Draft
from desktop.gui.checking import CheckerPanel, FindingMarks, ReadinessBanner, apply_fix
from desktop.gui.checking.marks import MARK_PROPERTY

SENTENCE = "We are sorry if you were inconvenienced by the late refund."
FIELD = "incident.what"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_files()


def check(checker: Checker, editor: QPlainTextEdit) -> list:
    draft = Draft()
    draft.incident.what = editor.toPlainText()
    return checker.check_draft(draft)


def wave_marks(editor: QPlainTextEdit) -> list[tuple[int, int, QTextCharFormat]]:
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format)
        for s in editor.extraSelections()
        if s.format.hasProperty(MARK_PROPERTY)
        and s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]


def test_a_conditional_apology_is_listed_marked_fixed_and_undone(qtbot, checker):
    editor = QPlainTextEdit()
    panel = CheckerPanel()
    banner = ReadinessBanner()
    for widget in (editor, panel, banner):
        qtbot.addWidget(widget)
    marks = FindingMarks(lambda field: editor if field == FIELD else None)
    editor.setFocus()
    qtbot.keyClicks(editor, SENTENCE)
    assert editor.toPlainText() == SENTENCE

    findings = check(checker, editor)
    panel.show_findings(findings)
    banner.show_findings(findings)
    marks.show(findings)

    conditional = next(f for f in panel.model.findings() if f.rule == "conditional-apology")
    assert conditional.field == FIELD and conditional.matched == "sorry if"
    start = SENTENCE.index("sorry if")
    assert (start, start + len("sorry if")) in [(s, e) for s, e, _ in wave_marks(editor)]
    assert marks.findings_at(FIELD, start + 2) == [conditional]
    assert "conditional apology in ‘What happened’" in banner.text()
    assert not banner.ready

    assert panel.select_finding(conditional)
    with qtbot.waitSignal(panel.fix_requested) as fix:
        panel.fix_action.trigger()
    assert fix.args == [conditional]
    assert apply_fix(editor, conditional)
    fixed_text = SENTENCE.replace("sorry if", "sorry that")
    assert editor.toPlainText() == fixed_text

    findings = check(checker, editor)
    panel.show_findings(findings)
    banner.show_findings(findings)
    marks.show(findings)
    assert "conditional-apology" not in [f.rule for f in panel.model.findings()]
    assert wave_marks(editor) == []
    assert marks.findings_at(FIELD, start + 2) == []
    assert banner.ready and banner.text().startswith("Ready to send")

    editor.undo()
    assert editor.toPlainText() == SENTENCE
    editor.redo()
    assert editor.toPlainText() == fixed_text


def red_pixels_under(editor: QPlainTextEdit, start: int, end: int) -> int:
    """Red pixels just under the words from `start` to `end`."""
    image = editor.viewport().grab().toImage()
    left, right = editor.cursorRect(cursor_at(editor, start)), editor.cursorRect(cursor_at(editor, end))
    count = 0
    for x in range(left.left(), right.right()):
        for y in range(left.bottom() - 4, left.bottom() + 4):
            pixel = image.pixelColor(x * image.devicePixelRatio(), y * image.devicePixelRatio())
            # Anti-aliasing blends the wave into the background: count clearly red pixels.
            if pixel.red() > pixel.green() + 50 and pixel.red() > pixel.blue() + 50:
                count += 1
    return count


def cursor_at(editor: QPlainTextEdit, position: int) -> QTextCursor:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    return cursor


def test_the_wave_is_painted_under_the_words_and_gone_with_the_finding(qtbot, checker):
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(SENTENCE)
    editor.resize(700, 120)
    editor.show()
    qtbot.waitExposed(editor)
    marks = FindingMarks(lambda field: editor if field == FIELD else None)
    start = SENTENCE.index("sorry if")
    before = red_pixels_under(editor, start, start + 8)
    marks.show(check(checker, editor))
    assert red_pixels_under(editor, start, start + 8) > before + 10
    marks.show([])
    assert red_pixels_under(editor, start, start + 8) == before
