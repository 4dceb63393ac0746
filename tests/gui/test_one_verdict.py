"""The window says "Ready to send" only when the letter is, and nothing that is not ready
leaves it without a reason: driven through menus, shortcuts and the dialog a user sees."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desktop import paths
from desktop.core.draft_file import load_draft
from desktop.core.fields import FIELDS, field_label
from desktop.core.model import Kind
from desktop.gui import dialogs
from desktop.gui.checking.findings_model import DETAIL_ROLE
from desktop.gui.not_ready_dialog import NotReadyDialog
from tests.helpers.window import (
    menu_action,
    open_window,
    shown_export_notice_dialogs,
    type_into,
    wait_for_update,
)

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"
RENEWAL = paths.examples_dir() / "renewal-email.amends"
RENEWAL_LIST = paths.examples_dir() / "renewal-email-recipients.csv"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_open_after_export", lambda _parent, _path: None)
    return open_window(qtbot, tmp_path, monkeypatch)


@pytest.fixture
def answers_not_ready():
    """The test answers the "Not ready to send" dialog itself (see tests/gui/conftest.py)."""


def answer_not_ready(window, answer) -> list:
    """Answer the "Not ready to send" dialog as a user would, once it is up; returns what it listed."""
    listed: list[str] = []

    def respond() -> None:
        dialog = window.exports.not_ready_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, respond)
            return
        listed.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        answer(dialog)

    QTimer.singleShot(0, respond)
    return listed


def send_anyway(reason: str):
    def answer(dialog: NotReadyDialog) -> None:
        anyway = dialog.findChild(QPushButton, "send_anyway")
        anyway.click()  # asks for the reason first
        assert dialog.reason.isVisible() and not anyway.isEnabled()
        dialog.reason.setText(reason)
        anyway.click()

    return answer


def test_a_blank_letter_is_not_ready_and_names_each_required_field_as_the_form_does(qtbot, window):
    window.updater.update_now()
    assert not window.readiness.ready
    assert window.readiness.text().startswith("Not ready: 6 errors — required field in ‘Name’")
    type_into(qtbot, window, "recipient.name", "Danielle Tremblay")
    findings = wait_for_update(qtbot, window)
    missing = {f.field for f in findings if f.rule == "required-field"}
    assert missing == {"incident.summary", "incident.what", "fixed", "follow_up", "sender.name"}
    assert "required field in ‘In a few words’" in window.readiness.text()
    assert not window.readiness.ready
    labels = {label.text() for label in window.form.findChildren(QLabel)}
    for path in missing:
        assert f"{field_label(path)} *" in labels, path  # the form marks it with the same words


def test_export_of_a_letter_with_an_error_stops_and_cancel_writes_nothing(
    qtbot, window, tmp_path, monkeypatch, answers_not_ready
):
    window.files.open_path(RRSP, example=True)
    type_into(qtbot, window, "opening", " Dear [Customer Name],")
    wait_for_update(qtbot, window)
    out = tmp_path / "letter.docx"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: out)
    listed = answer_not_ready(window, lambda dialog: dialog.reject())
    window.form.focus_field("cause")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert any(line.startswith("‘Opening’: “[Customer Name]” — ") for line in listed), listed
    assert not out.exists()
    assert window.history.search("") == []


def test_export_anyway_asks_for_a_reason_and_records_it(
    qtbot, window, tmp_path, monkeypatch, answers_not_ready
):
    window.files.open_path(RRSP, example=True)
    type_into(qtbot, window, "opening", " Dear [Customer Name],")
    wait_for_update(qtbot, window)
    out = tmp_path / "proof.docx"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: out)
    listed = answer_not_ready(window, send_anyway("proof print for legal review"))
    menu_action(window, "&Export Letter as DOCX…").trigger()
    assert listed and out.exists()
    assert (
        docx.Document(out).core_properties.comments == "Written despite errors: proof print for legal review"
    )
    (entry,) = window.history.search("")
    assert entry.override == "proof print for legal review" and entry.status_text == "Exported (DOCX)"


def test_go_to_first_error_puts_the_cursor_on_it(qtbot, window, tmp_path, monkeypatch, answers_not_ready):
    window.files.open_path(RRSP, example=True)
    editor = window.form.editor_for("opening")
    editor.clear()
    type_into(qtbot, window, "opening", "Dear [Customer Name], thank you.")
    wait_for_update(qtbot, window)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: pytest.fail("must not ask where to save"))
    answer_not_ready(window, lambda dialog: dialog.findChild(QPushButton, "go_to_error").click())
    menu_action(window, "Export as E-&mail Draft…").trigger()
    assert editor.textCursor().selectedText() == "[Customer Name]"
    window.activateWindow()  # a desktop gives the window back its focus when the dialog closes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)


def test_copy_letter_is_refused_too_and_leaves_the_clipboard_alone(qtbot, window, answers_not_ready):
    QGuiApplication.clipboard().setText("what was there before")
    window.updater.update_now()
    listed = answer_not_ready(window, lambda dialog: dialog.reject())
    menu_action(window, "&Copy Letter").trigger()
    assert any("‘Name’" in line for line in listed)
    assert QGuiApplication.clipboard().text() == "what was there before"


def notice_with_list(qtbot, window) -> None:
    window.files.open_path(RENEWAL, example=True)
    assert window.session.draft.kind is Kind.NOTICE
    assert window.recipients.load(RENEWAL_LIST)
    window.updater.update_now()


def test_merge_fields_are_replaced_in_the_preview_and_highlighted(qtbot, window):
    notice_with_list(qtbot, window)
    editor = window.form.editor_for("opening")
    editor.clear()
    type_into(qtbot, window, "opening", "Hi {{ first_name }}, you signed up through our {{ signup_source }}.")
    findings = wait_for_update(qtbot, window)
    assert not [f for f in findings if f.blocking]
    assert "Hi Amara, you signed up through our newsletter." in window.preview.plain_text()
    window.recipients.set_preview_index(3)
    wait_for_update(qtbot, window)
    assert "Hi Zoë, you signed up through our ebook." in window.preview.plain_text()
    html = window.preview.html_view().toHtml()
    assert "Zoë" in html and "background-color:#fff0a8" in html
    assert "{{" not in window.preview.plain_text()


def test_a_merge_field_naming_no_column_blocks_and_is_shown_in_place(qtbot, window):
    notice_with_list(qtbot, window)
    type_into(qtbot, window, "opening", " Hi {{ frist_name }},")
    findings = wait_for_update(qtbot, window)
    (unknown,) = [f for f in findings if f.matched == "{{ frist_name }}"]
    assert unknown.rule == "placeholder" and unknown.blocking and "no column" in unknown.message
    assert "placeholder in ‘Opening’" in window.readiness.text()
    assert "{{ frist_name }}" in window.preview.plain_text()  # stays visible, never silently dropped


def test_insert_field_offers_the_lists_columns_and_types_the_field(qtbot, window):
    notice_with_list(qtbot, window)
    editor = window.form.editor_for("closing_note")
    editor.clear()
    window.form.focus_field("closing_note")
    menu = window.insert_field_menu
    menu.aboutToShow.emit()
    names = [a.text() for a in menu.actions()]
    assert {"first_name", "last_name", "email", "account", "signup_source", "country_code"} <= set(names)
    next(a for a in menu.actions() if a.text() == "signup_source").trigger()
    assert editor.toPlainText() == "{{ signup_source }}"
    wait_for_update(qtbot, window)
    assert "newsletter" in window.preview.plain_text()


def test_every_field_has_one_label_in_the_form_and_in_the_findings_about_it(qtbot, window):
    window.files.open_path(RRSP, example=True)
    form_labels = {label.text().removesuffix(" *") for label in window.form.findChildren(QLabel)}
    for spec in FIELDS:
        assert spec.label in form_labels, spec.path
    for spec in (spec for spec in FIELDS if spec.prose and spec.applies_to(Kind.INDIVIDUAL)):
        editor = window.form.editor_for(spec.path)
        before = editor.toPlainText()
        editor.setPlainText(f"{before} [Customer Name]".strip())
        window.updater.update_now()
        model = window.checker_panel.model
        details = [
            model.index(row, 0, model.index(0, 0)).data(DETAIL_ROLE)
            for row in range(model.rowCount(model.index(0, 0)))
        ]
        assert f"{spec.label}: “[Customer Name]”" in details, (spec.path, details)
        assert f"placeholder in ‘{spec.label}’" in window.readiness.text()
        editor.setPlainText(before)


def test_a_notice_with_an_unknown_merge_field_stops_before_the_export_dialog(
    qtbot, window, tmp_path, answers_not_ready
):
    notice_with_list(qtbot, window)
    type_into(qtbot, window, "opening", " Hi {{ signup_sorce }},")
    wait_for_update(qtbot, window)
    listed = answer_not_ready(window, lambda dialog: dialog.reject())
    menu_action(window, "Export &Notice…").trigger()
    assert any("{{ signup_sorce }}" in line and "‘Opening’" in line for line in listed), listed
    assert not shown_export_notice_dialogs()


def test_an_acceptance_lapses_with_its_words_can_be_withdrawn_and_is_not_saved_stale(
    qtbot, window, tmp_path, monkeypatch
):
    window.files.open_path(RRSP, example=True)
    editor = window.form.editor_for("cause")
    editor.clear()
    type_into(qtbot, window, "cause", "I am sorry if the form confused you. I chose the wrong account.")
    findings = wait_for_update(qtbot, window)
    (hedge,) = [f for f in findings if f.rule == "conditional-apology"]
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args: "legal approved this wording")
    assert window.checker_panel.select_finding(hedge)
    window.checker_panel.accept_action.trigger()
    assert window.readiness.ready

    type_into(qtbot, window, "opening", " Thank you again.")  # an edit elsewhere keeps it
    wait_for_update(qtbot, window)
    assert window.readiness.ready

    (accepted,) = [f for f in window.updater.findings if f.rule == "conditional-apology"]
    assert window.checker_panel.select_finding(accepted)
    window.checker_panel.withdraw_action.trigger()  # withdrawn: it blocks again
    assert not window.readiness.ready and window.session.draft.accepted_findings == {}

    window.checker_panel.select_finding(accepted)
    window.checker_panel.accept_action.trigger()
    assert window.readiness.ready
    editor.setPlainText("I am sorry if the wait upset you. I chose the wrong account.")  # its words change
    window.updater.update_now()
    assert not window.readiness.ready  # the acceptance lapsed with the words it was given for

    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: tmp_path / "kept.amends")
    assert window.files.save()
    assert load_draft(tmp_path / "kept.amends").accepted_findings == {}
