"""Regulated letters in the window, driven as a user drives it: the "Law and deadlines" step,
findings that name the law and its clause, and a notice export that holds back the rows a
reader's law finds fault with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from desktop import paths
from desktop.gui import dialogs
from tests.gui.notice.test_errors_per_output import click_output, export_button, on_label
from tests.helpers.window import open_export_notice, open_window, wait_for_update

BREACH = paths.examples_dir() / "breach-notice.amends"
BREACH_LIST = paths.examples_dir() / "breach-notice-recipients.csv"
FINAL = paths.examples_dir() / "rrsp-final-response.amends"


def test_a_final_response_shows_its_deadline_and_its_step(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(FINAL, example=True)
    window.updater.update_now()
    assert window.readiness.ready
    (deadline,) = [f for f in window.updater.composed.findings if f.rule == "profile-deadline"]
    assert "56 days from the complaint" in deadline.message and deadline.field == "complaint.received_on"
    kind = window.form.findChild(QComboBox, "letter_type")
    assert kind.currentText() == "Final response to a complaint"
    assert window.form.findChild(QComboBox, "jurisdiction").currentText() == "CA-ON"


def test_a_breach_notice_without_its_contact_point_is_not_ready_under_gdpr(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(BREACH, example=True)
    where = window.form.findChild(QComboBox, "jurisdiction").lineEdit()
    window.form.focus_field("jurisdiction")
    where.selectAll()
    qtbot.keyClicks(where, "GB")  # typed over "US-CA"
    assert window.session.draft.jurisdiction == "GB"
    window.form.editor_for("sender.contact").clear()
    findings = wait_for_update(qtbot, window)
    (missing,) = [f for f in findings if f.rule == "profile-element"]
    assert missing.blocking and missing.message.startswith("GDPR Art. 34 breach notice:")
    assert "Art. 33(3)(b)" in missing.message
    assert not window.readiness.ready and "profile element" in window.readiness.text()


def test_export_notice_holds_back_the_rows_whose_law_the_letter_breaks(qtbot, tmp_path, monkeypatch):
    """The same letter California-style for everyone (a user's template): the two
    Massachusetts rows fail their law, the dialog says so, and leaving them out exports six."""
    folder = tmp_path / "user" / "templates"
    folder.mkdir(parents=True)
    source = (paths.builtin_templates_dir() / "breach-notice.j2").read_text(encoding="utf-8")
    everywhere = source.replace("{% set place = jurisdiction | upper %}", '{% set place = "US-CA" %}')
    (folder / "ca-everywhere.j2").write_text(everywhere, encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_open_after_export", lambda _parent, _path: None)
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(BREACH, example=True)
    window.session.set_field("template", "ca-everywhere")
    assert window.recipients.load(BREACH_LIST)
    window.updater.update_now()

    dialog = open_export_notice(qtbot, window)
    click_output(qtbot, dialog, "One PD&F for print")
    save_to = next(edit for edit in dialog.findChildren(QLineEdit) if edit.accessibleName() == "Save to")
    save_to.clear()
    qtbot.keyClicks(save_to, str(tmp_path / "notices.pdf"))
    problem = next(
        label for label in dialog.findChildren(QLabel) if label.accessibleName() == "Export problem"
    )
    qtbot.waitUntil(lambda: "2 row(s) have errors" in problem.text())
    assert "row 4: Massachusetts breach notice" in problem.text()
    assert not export_button(dialog).isEnabled()
    leave_out = next(
        box for box in dialog.findChildren(QCheckBox) if box.text().startswith("Leave out the 2 row")
    )
    qtbot.mouseClick(leave_out, Qt.MouseButton.LeftButton, pos=on_label(leave_out))
    assert export_button(dialog).isEnabled()
    with qtbot.waitSignal(dialog.finished_export, timeout=120_000) as done:
        qtbot.mouseClick(export_button(dialog), Qt.MouseButton.LeftButton)
    result = done.args[0]
    assert result.written == 6 and result.skipped == 2


def test_the_law_step_shows_what_the_chosen_letter_type_is_checked_by(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(paths.examples_dir() / "rrsp-withdrawal.amends", example=True)
    window.form.focus_field("letter_type")
    kind = window.form.findChild(QComboBox, "letter_type")

    def shown() -> set[str]:
        paths_ = ("jurisdiction", "incident.discovered_on", "complaint.received_on", "complaint.outcome")
        controls = {path: window.form.findChild(QWidget, path) for path in paths_}
        return {  # shown on its step, whether or not that step is the one on screen
            path
            for path, control in controls.items()
            if control.isVisibleTo(control.parentWidget().parentWidget())
        }

    assert kind.currentText() == "An ordinary apology" and shown() == set()
    kind.setCurrentIndex(kind.findText("Personal data breach notice"))
    assert shown() == {"jurisdiction", "incident.discovered_on"}
    kind.setCurrentIndex(kind.findText("Final response to a complaint"))
    assert shown() == {"jurisdiction", "complaint.received_on", "complaint.outcome"}
    assert window.session.draft.letter_type.value == "final-response"
