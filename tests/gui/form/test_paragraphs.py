"""Typing in a prose field: Enter starts a new paragraph of the letter, Shift+Enter a line
break within one, "- " lines a list; the editor says so, and the checker's offsets still fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop import paths
from desktop.core.checker import Checker
from desktop.core.document import BulletList, Paragraph, Run
from desktop.core.model import Draft
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.plain import to_text
from desktop.gui.form.prose_edit import PARAGRAPH_HINT, ProseEdit

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())
SHIFT = Qt.KeyboardModifier.ShiftModifier
RETURN = Qt.Key.Key_Return


def type_letter_part(qtbot, editor: ProseEdit) -> None:
    """A line break, a blank line between paragraphs, then a two-point list."""
    qtbot.keyClicks(editor, "Please call me on Monday,")
    qtbot.keyClick(editor, RETURN, SHIFT)
    qtbot.keyClicks(editor, "or on Tuesday.")
    qtbot.keyClick(editor, RETURN)
    qtbot.keyClicks(editor, "Please bring:")
    qtbot.keyClick(editor, RETURN)
    qtbot.keyClick(editor, RETURN)
    qtbot.keyClicks(editor, "- your card")
    qtbot.keyClick(editor, RETURN)
    qtbot.keyClicks(editor, "- this letter")


def test_keys_typed_in_the_form_become_paragraphs_line_breaks_and_a_list(qtbot, panel, rrsp):
    panel.set_draft(rrsp)
    editor = panel.editor_for("incident.what")
    editor.clear()
    type_letter_part(qtbot, editor)
    assert rrsp.incident.what == (
        "Please call me on Monday,\u2028or on Tuesday.\nPlease bring:\n\n- your card\n- this letter"
    )

    document = CATALOGUE.render(rrsp)
    start = document.blocks.index(Paragraph((Run("Please call me on Monday,\nor on Tuesday."),)))
    assert document.blocks[start : start + 3] == (
        Paragraph((Run("Please call me on Monday,\nor on Tuesday."),)),
        Paragraph((Run("Please bring:"),)),
        BulletList(((Run("your card"),), (Run("this letter"),))),
    )
    assert (
        "\n\nPlease call me on Monday,\nor on Tuesday.\n\nPlease bring:\n\n• your card\n• this letter\n\n"
        in to_text(document)
    )


def test_the_editor_keeps_shift_enter_apart_from_enter_and_a_reopened_draft_keeps_both(qtbot):
    editor = ProseEdit("What happened")
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor, "one")
    qtbot.keyClick(editor, RETURN, SHIFT)
    qtbot.keyClicks(editor, "two")
    qtbot.keyClick(editor, RETURN)
    qtbot.keyClicks(editor, "three\u00a0four")
    assert editor.toPlainText() == "one\u2028two\nthree four", "a no-break space reads as a space, as before"
    assert editor.document().blockCount() == 2

    reopened = ProseEdit("What happened")
    qtbot.addWidget(reopened)
    reopened.setPlainText("one\u2028two\nthree")
    assert reopened.toPlainText() == "one\u2028two\nthree"
    assert reopened.document().blockCount() == 2


def test_a_one_line_field_still_moves_on_at_enter_with_or_without_shift(qtbot):
    editor = ProseEdit("Subject line", single_line=True)
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor, "Your renewal")
    qtbot.keyClick(editor, RETURN, SHIFT)
    qtbot.keyClick(editor, RETURN)
    qtbot.keyClicks(editor, " e-mail")
    assert editor.toPlainText() == "Your renewal e-mail"


def test_a_prose_field_says_what_enter_and_shift_enter_do_and_a_one_line_field_does_not(qtbot):
    prose = ProseEdit("What happened", "We charged you twice.")
    line = ProseEdit("In a few words", "your renewal", single_line=True)
    for editor in (prose, line):
        qtbot.addWidget(editor)
    assert PARAGRAPH_HINT == "Enter starts a new paragraph; Shift+Enter a line break."
    assert prose.placeholderText() == f"e.g. We charged you twice.\n{PARAGRAPH_HINT}"
    assert prose.toolTip() == PARAGRAPH_HINT and prose.statusTip() == PARAGRAPH_HINT
    assert prose.makes_paragraphs() and not line.makes_paragraphs()
    assert line.placeholderText() == "e.g. your renewal" and line.toolTip() == ""


def test_an_address_editor_has_lines_not_paragraphs(qtbot):
    address = ProseEdit("Postal address", "88 Birchmount Road\nToronto ON", lines=True)
    qtbot.addWidget(address)
    assert not address.makes_paragraphs()
    assert address.placeholderText() == "e.g. 88 Birchmount Road\nToronto ON" and address.toolTip() == ""
    qtbot.keyClicks(address, "88 Birchmount Road")
    qtbot.keyClick(address, RETURN, SHIFT)
    qtbot.keyClicks(address, "Toronto ON")
    assert address.toPlainText() == "88 Birchmount Road\nToronto ON"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_files()


def test_a_finding_after_a_line_break_selects_its_own_words(qtbot, checker):
    editor = ProseEdit("The cause")
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor, "Both branches share one screen.")
    qtbot.keyClick(editor, RETURN, SHIFT)
    qtbot.keyClicks(editor, "Our courier lost the first parcel, so I sent a second one.")
    draft = Draft()
    draft.cause = editor.toPlainText()
    finding = next(f for f in checker.check_draft(draft) if f.rule == "blame-third-party")
    editor.select_span(finding.start, finding.end)
    assert editor.textCursor().selectedText() == finding.matched
    assert finding.matched.startswith("Our courier lost")
