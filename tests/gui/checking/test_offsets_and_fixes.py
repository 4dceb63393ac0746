"""Offsets across emoji, and fixes that edit only the words they were found on."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QPlainTextEdit

from desktop.core.checker.findings import LETTER_FIELD, Finding, Severity
from desktop.gui.checking import apply_fix
from desktop.gui.checking.fixes import replacement
from desktop.gui.checking.offsets import from_document, to_document

TEXT = "Hi 😀 Ana, we are sorry if you were inconvenienced."


def conditional(text: str = TEXT, field: str = "incident.what") -> Finding:
    start = text.index("sorry if")
    return Finding(
        "conditional-apology",
        Severity.ERROR,
        "hedged",
        "no conditions",
        start,
        start + len("sorry if"),
        field,
        suggestion="I'm sorry that …",
        replacement="sorry that",
        matched="sorry if",
    )


def editor_with(qtbot, text: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    return editor


def test_an_emoji_counts_two_positions_in_the_document():
    start = TEXT.index("sorry")
    assert to_document(TEXT, start) == start + 1
    assert from_document(TEXT, start + 1) == start
    assert to_document(TEXT, 3) == 3 and to_document(TEXT, 4) == 5  # before and after the emoji
    assert from_document(TEXT, 10_000) == len(TEXT)
    assert to_document("ℹ café", 6) == 6  # accents and BMP symbols are one unit each


def test_the_fix_lands_on_the_words_after_an_emoji_and_undoes_in_one_step(qtbot):
    editor = editor_with(qtbot, TEXT)
    assert apply_fix(editor, conditional())
    assert editor.toPlainText() == "Hi 😀 Ana, we are sorry that you were inconvenienced."
    editor.undo()
    assert editor.toPlainText() == TEXT


def test_a_fix_whose_words_changed_meanwhile_is_refused(qtbot):
    editor = editor_with(qtbot, TEXT)
    stale = conditional()
    editor.textCursor().insertText("Hello. ")  # typed at the start: every offset moved
    assert not apply_fix(editor, stale)
    assert editor.toPlainText() == "Hello. " + TEXT


def test_letter_findings_and_findings_without_suggestion_are_refused(qtbot):
    editor = editor_with(qtbot, TEXT)
    assert not apply_fix(editor, conditional(field=LETTER_FIELD))
    no_suggestion = Finding("placeholder", Severity.ERROR, "m", "p", 0, 2, "subject", matched="Hi")
    assert not apply_fix(editor, no_suggestion)
    assert editor.toPlainText() == TEXT


def test_advice_is_shown_but_never_pasted_into_the_letter(qtbot):
    editor = editor_with(qtbot, TEXT)
    advice_only = replace(conditional(), replacement=None)
    assert replacement(advice_only) is None
    assert not apply_fix(editor, advice_only)
    assert editor.toPlainText() == TEXT
    assert replacement(conditional()) == "sorry that"
