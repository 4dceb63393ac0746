"""The checker's main story, in widgets: a hedged apology is listed, marked, fixed, undone;
or accepted with a reason, withdrawn, and lapsing when its words are rewritten."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop.core.checker import Checker
from desktop.core.checker.choices import apply_choices, live_acceptances
from desktop.core.checker.draft_fields import prose_fields
from desktop.core.model import Draft
from desktop.gui import dialogs
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


def test_an_acceptance_is_shown_held_through_edits_elsewhere_withdrawn_and_lapses(
    qtbot, checker, monkeypatch
):
    """The panel wired to a draft's acceptances as the window wires it: accept stores the reason
    under the finding's acceptance key, withdraw removes the entry that accepted it."""
    editor, panel = QPlainTextEdit(), CheckerPanel()
    for widget in (editor, panel):
        qtbot.addWidget(widget)
    draft = Draft()

    def recheck() -> None:
        draft.incident.what = editor.toPlainText()
        found = checker.check_draft(draft)
        panel.show_findings(
            apply_choices(found, accepted=draft.accepted_findings, texts=dict(prose_fields(draft)))
        )

    def accepted(finding, reason):
        draft.accepted_findings[finding.acceptance_key] = reason
        recheck()

    def withdrawn(finding):
        del draft.accepted_findings[finding.accepted_by]
        recheck()

    panel.accept_requested.connect(accepted)
    panel.withdraw_requested.connect(withdrawn)
    monkeypatch.setattr(dialogs, "ask_text", lambda *args: "the customer's own words, quoted")
    editor.setPlainText(SENTENCE)
    recheck()

    def hedge():
        return next(f for f in panel.model.findings() if f.rule == "conditional-apology")

    assert panel.select_finding(hedge()) and hedge().blocking
    panel.accept_button.click()
    assert list(draft.accepted_findings.values()) == ["the customer's own words, quoted"]
    assert hedge().accepted and not hedge().blocking
    assert panel.current_finding() == hedge() and panel.withdraw_button.isVisibleTo(panel)

    editor.setPlainText(f"Thank you for writing to us. {SENTENCE}")  # an edit elsewhere
    recheck()
    assert hedge().accepted_reason == "the customer's own words, quoted"

    panel.withdraw_action.trigger()
    assert draft.accepted_findings == {}
    assert not hedge().accepted and hedge().blocking and panel.accept_button.isVisibleTo(panel)

    panel.accept_action.trigger()
    assert hedge().accepted and len(draft.accepted_findings) == 1
    editor.setPlainText(SENTENCE.replace("are sorry if", "apologise if"))  # the accepted words rewritten
    recheck()
    assert hedge().matched == "apologise if" and not hedge().accepted and hedge().blocking
    assert live_acceptances(panel.model.findings(), draft.accepted_findings) == {}  # pruned at save
