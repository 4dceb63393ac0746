"""The form panel fills its inputs from a draft, writes edits straight back, and shows each step's state."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from desktop.core.checker.draft_fields import WORDING_FIELDS
from desktop.core.model import CompensationKind, Kind
from desktop.core.templates import LetterTemplate
from desktop.gui.form import ProseEdit
from desktop.gui.form.choice_box import ChoiceBox
from desktop.gui.form.controls import OptionalDateEdit
from tests.gui.form.conftest import show, step_marks


def template(*requires: str) -> LetterTemplate:
    return LetterTemplate("t", "T", Kind.INDIVIDUAL, "", tuple(requires), Path("t.j2"), True)


def test_set_draft_fills_every_input_from_the_draft(panel, rrsp):
    panel.set_draft(rrsp)
    assert panel.draft() is rrsp
    assert panel.editor_for("incident.what").toPlainText() == rrsp.incident.what
    assert panel.editor_for("sender.contact").toPlainText() == rrsp.sender.contact
    assert panel.findChild(QLineEdit, "recipient.name").text() == "Danielle Tremblay"
    assert panel.findChild(QPlainTextEdit, "recipient.address").toPlainText() == rrsp.recipient.address
    assert panel.findChild(OptionalDateEdit, "incident.occurred_on").value() == dt.date(2026, 11, 16)
    assert panel.findChild(QComboBox, "compensation.kind").currentText() == "Something else, in your words"
    assert panel.findChild(QComboBox, "follow_up.mode").currentText() == "Within a number of business days"
    assert panel.findChild(QAbstractSpinBox, "follow_up.business_days").value() == 2
    subdivision = panel.findChild(ChoiceBox, "follow_up.subdivision")
    assert (subdivision.value(), subdivision.currentText()) == ("ON", "Ontario (ON)")
    assert panel.findChild(ChoiceBox, "locale").currentText() == "English (Canada)"
    assert panel.findChild(QComboBox, "sender.sign_off").currentText() == "Yours sincerely"
    assert panel.findChild(OptionalDateEdit, "letter_date").text() == "Fri 20 Nov 2026"


def test_every_prose_field_has_a_prose_editor_named_after_it(panel, rrsp):
    panel.set_draft(rrsp)
    editors = panel.editors()
    assert set(editors) == set(WORDING_FIELDS)
    assert all(isinstance(editor, ProseEdit) for editor in editors.values())
    assert editors["incident.summary"].is_single_line() and editors["subject"].is_single_line()
    assert not editors["incident.what"].is_single_line()
    assert panel.editor_for("recipient.address") is None and panel.editor_for("nonsense") is None


def test_typing_writes_into_the_same_draft_and_reports_the_edit(qtbot, panel, empty_letter):
    panel.set_draft(empty_letter)
    with qtbot.waitSignal(panel.draft_edited):
        qtbot.keyClicks(panel.editor_for("cause"), "I sent it to the wrong list.")
    assert empty_letter.cause == "I sent it to the wrong list."
    with qtbot.waitSignal(panel.draft_edited):
        qtbot.keyClicks(panel.findChild(QLineEdit, "recipient.name"), "Tunde Adebayo")
    assert empty_letter.recipient.name == "Tunde Adebayo"


def test_filling_a_draft_is_not_an_edit(qtbot, panel, rrsp, open_letter):
    with qtbot.assertNotEmitted(panel.draft_edited):
        panel.set_draft(rrsp)
        panel.set_draft(open_letter)
        panel.set_template(template("cause"))


def test_other_inputs_write_typed_values_into_the_draft(qtbot, panel, empty_letter):
    panel.set_draft(empty_letter)
    panel.findChild(QComboBox, "compensation.kind").setCurrentIndex(1)
    assert empty_letter.compensation.kind is CompensationKind.REFUND
    qtbot.keyClicks(panel.findChild(QLineEdit, "compensation.amount"), "25.5")
    qtbot.keyClicks(panel.findChild(QLineEdit, "compensation.currency"), "gbp")
    assert empty_letter.compensation.amount == Decimal("25.5")
    assert empty_letter.compensation.currency == "GBP"
    date = panel.findChild(OptionalDateEdit, "incident.occurred_on")
    date.setDate(date.date().currentDate())
    assert empty_letter.incident.occurred_on == dt.date.today()
    qtbot.keyClick(date, Qt.Key.Key_Delete)
    assert empty_letter.incident.occurred_on is None and date.text() == "Not set"
    category = panel.findChild(ChoiceBox, "incident.category")
    category.setCurrentIndex(category.findText("Billing"))
    assert empty_letter.incident.category == "billing"


def test_a_one_line_field_keeps_to_one_line(qtbot, panel, empty_letter):
    panel.set_draft(empty_letter)
    summary = panel.editor_for("incident.summary")
    qtbot.keyClicks(summary, "your renewal")
    qtbot.keyClick(summary, Qt.Key.Key_Return)
    qtbot.keyClicks(summary, " e-mail")
    assert empty_letter.incident.summary == "your renewal e-mail"
    assert summary.placeholderText() == "e.g. the restart of your RRSP withdrawal"


def test_marks_show_each_step_complete_and_change_as_required_fields_are_filled(qtbot, panel, empty_letter):
    panel.set_draft(empty_letter)
    marks = step_marks(panel)
    assert marks["What went wrong"] == "•" and marks["The cause"] == "○"
    steps = panel.findChild(QListWidget)
    incident = next(steps.item(r) for r in range(steps.count()) if steps.item(r).text() == "What went wrong")
    assert incident.toolTip() == "• Still needed: In a few words, What happened."
    qtbot.keyClicks(panel.editor_for("incident.summary"), "your renewal e-mail")
    assert incident.toolTip() == "• Still needed: What happened."
    qtbot.keyClicks(panel.editor_for("incident.what"), "We sent a renewal e-mail to the wrong list.")
    assert step_marks(panel)["What went wrong"] == "✓"
    assert incident.toolTip() == "✓ Complete."


def test_the_template_decides_which_fields_are_required(panel, empty_letter):
    panel.set_draft(empty_letter)
    cause = panel.editor_for("cause")
    cause_label = next(label for label in panel.findChildren(QLabel) if label.buddy() is cause)
    assert cause_label.text() == "Why it happened"
    panel.set_template(template("cause"))
    assert step_marks(panel)["The cause"] == "•" and step_marks(panel)["What went wrong"] == "○"
    assert cause_label.text() == "Why it happened *"


def test_a_new_kind_shows_its_own_steps(panel, rrsp, open_letter):
    panel.set_draft(rrsp)
    assert "Recipient" in step_marks(panel) and "Readers" not in step_marks(panel)
    assert panel.current_step() == "recipient"
    panel.set_draft(open_letter)
    assert "Readers" in step_marks(panel) and "Recipient" not in step_marks(panel)
    assert panel.current_step() == "readers"
    assert panel.editor_for("audience").toPlainText() == open_letter.audience
    assert panel.focus_field("questions[0].answer")
    panel.set_draft(rrsp)
    assert not panel.focus_field("audience")  # a notice's field has no place in a letter


def test_focus_field_shows_the_step_and_selects_the_words(qtbot, panel, rrsp):
    panel.set_draft(rrsp)
    show(qtbot, panel)
    start = rrsp.cause.index("the account")
    assert panel.focus_field("cause", start, start + len("the account"))
    editor = panel.editor_for("cause")
    assert panel.current_step() == "cause"
    qtbot.waitUntil(editor.hasFocus)
    assert editor.textCursor().selectedText() == "the account"
    assert panel.focus_field("follow_up")  # a group: its first input
    qtbot.waitUntil(panel.findChild(QComboBox, "follow_up.mode").hasFocus)
    assert not panel.focus_field("no.such.field")


def test_focus_first_field_puts_the_cursor_in_the_first_step(qtbot, panel, rrsp):
    panel.set_draft(rrsp)
    show(qtbot, panel)
    panel.focus_field("sender.contact")
    panel.focus_first_field()
    assert panel.current_step() == "recipient"
    qtbot.waitUntil(panel.findChild(QLineEdit, "recipient.name").hasFocus)


def test_keys_move_between_steps_and_tab_runs_on_into_the_next_step(qtbot, panel, rrsp):
    panel.set_draft(rrsp)
    show(qtbot, panel)
    panel.focus_first_field()
    name = panel.findChild(QLineEdit, "recipient.name")
    qtbot.waitUntil(name.hasFocus)
    qtbot.keyClick(name, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert panel.current_step() == "incident"
    summary = panel.editor_for("incident.summary")
    qtbot.waitUntil(summary.hasFocus)
    qtbot.keyClick(summary, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert panel.current_step() == "cause"
    cause = panel.editor_for("cause")
    qtbot.waitUntil(cause.hasFocus)
    qtbot.keyClick(cause, Qt.Key.Key_Tab)  # the cause is the step's only field
    assert panel.current_step() == "fix"
    qtbot.waitUntil(panel.editor_for("fixed").hasFocus)
    qtbot.keyClick(panel.editor_for("fixed"), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert panel.current_step() == "cause"
    qtbot.waitUntil(cause.hasFocus)


def test_every_control_has_an_accessible_name(panel, rrsp, open_letter):
    for draft in (rrsp, open_letter):
        panel.set_draft(draft)
        window = panel.window()
        controls = [
            widget
            for widget in panel.findChildren(QWidget)
            if widget.window() is window  # popups (calendar, combo lists) are separate windows
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
        ]
        assert len(controls) > 40
        unnamed = [f"{type(w).__name__} {w.objectName()}" for w in controls if not w.accessibleName()]
        assert unnamed == []


def test_a_prose_editor_grows_with_its_text_up_to_a_limit(qtbot, panel, empty_letter):
    panel.set_draft(empty_letter)
    show(qtbot, panel)
    panel.focus_field("incident.what")
    what = panel.editor_for("incident.what")
    empty_height = what.height()
    qtbot.keyClicks(what, "We sent the renewal e-mail to the wrong list. " * 8)
    qtbot.waitUntil(lambda: what.height() > empty_height)
    grown = what.height()
    what.insertPlainText("And again. " * 300)
    qtbot.waitUntil(lambda: what.height() > grown)
    assert what.height() < 14 * what.fontMetrics().lineSpacing()


def test_pasting_lines_into_a_one_line_field_joins_them(qtbot, panel, empty_letter):
    panel.set_draft(empty_letter)
    QApplication.clipboard().setText("the renewal\ne-mail  we sent")
    subject = panel.editor_for("subject")
    subject.paste()
    assert empty_letter.subject == "the renewal e-mail we sent"


def test_typing_does_not_wear_down_none(qtbot, panel, rrsp):
    """PySide6 6.12 on Python 3.11 drops a reference to None on each call of a method returning
    nothing; the app aborts when the count reaches zero. A keystroke must cost next to no such calls."""
    panel.set_draft(rrsp)
    what = panel.editor_for("incident.what")
    qtbot.keyClicks(what, "x")
    before = sys.getrefcount(None)
    qtbot.keyClicks(what, " and more" * 20)
    assert before - sys.getrefcount(None) < 180  # about 80 a keystroke before the form was trimmed
