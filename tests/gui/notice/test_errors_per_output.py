"""The export dialog and the Recipients tab agree on which rows are errors for the chosen output.

A row without an address, or with one that is not one address, is only a warning on the tab
when the template does not need an address; for e-mail drafts and the mail-platform CSV it is
an error. The dialog counts the errors of the output the user picks, so "Leave out the N
row(s) with errors" is there, with the right N, exactly when the run would refuse those rows;
and once an output is picked the tab marks the same rows as errors.
Driven from the window, by clicks, as a user does it.
"""

from __future__ import annotations

import email
import email.policy

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QRadioButton

from desktop import paths
from desktop.gui import dialogs
from desktop.gui.notice import output_check
from desktop.gui.notice.marks import RowState
from tests.helpers.window import open_export_notice, open_window

RENEWAL = paths.examples_dir() / "renewal-email.amends"
LIST = (
    "first_name,last_name,email,account\n"
    "Ada,Lovelace,ada@example.com,A-1\n"
    "Bob,Brown,,A-2\n"  # row 3: no address
    'Eve,Evans,"eve@example.com, mallory@example.net",A-3\n'  # row 4: two addresses
    "Zoë,Bell,zoë@exämple.de,A-4\n"
    "Uma,Okafor,uma@exämple.de,A-5\n"
)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_open_after_export", lambda _parent, _path: None)
    return open_window(qtbot, tmp_path, monkeypatch)


def import_list(qtbot, window, monkeypatch, path) -> None:
    """Recipients tab ▸ Import…, choosing `path` in the file dialog."""
    window.files.open_path(RENEWAL, example=True)
    window.show_left(window.recipients)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *_args: path)
    button = next(b for b in window.recipients.findChildren(QPushButton) if b.text() == "&Import…")
    with qtbot.waitSignal(window.recipients.load_finished, timeout=30_000) as loaded:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert loaded.args == [True]


def click_output(qtbot, dialog, label: str) -> None:
    button = next(b for b in dialog.findChildren(QRadioButton) if b.text() == label)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=on_label(button))
    assert button.isChecked()


def on_label(button) -> QPoint:
    """A point on the indicator's side: a radio button or check box takes clicks only on its
    indicator and label, not on the rest of a row the layout widened it to."""
    return QPoint(6, button.height() // 2)


def leave_out_box(dialog) -> QCheckBox:
    return dialog.findChild(QCheckBox)


def export_button(dialog) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == "E&xport")


def addressed_to(path) -> list[str]:
    """Every address the To header names, as Python's own e-mail parser reads the file."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    return [a.addr_spec.encode("ascii", "surrogateescape").decode("utf-8") for a in message["To"].addresses]


def test_email_drafts_offer_to_leave_out_the_rows_without_one_address_and_the_tab_agrees(
    qtbot, window, monkeypatch, tmp_path
):
    path = tmp_path / "list.csv"
    path.write_text(LIST, encoding="utf-8")
    import_list(qtbot, window, monkeypatch, path)
    model = window.recipients.model()
    assert model.state_of(1) is not RowState.ERROR and model.state_of(2) is not RowState.ERROR  # the tab

    dialog = open_export_notice(qtbot, window)
    box, export = leave_out_box(dialog), export_button(dialog)
    assert not box.isVisible() and export.isEnabled()  # letter files need no address

    click_output(qtbot, dialog, "&E-mail drafts (.eml)")
    assert box.isVisible() and box.text().startswith("Leave out the 2 row(s) with errors")
    assert not export.isEnabled()
    errors_on_tab = [row for row in range(model.rowCount()) if model.state_of(row) is RowState.ERROR]
    assert errors_on_tab == [1, 2], "the tab marks the same two rows as errors for e-mail"
    problem = dialog.problem_text()
    assert (
        problem.startswith("2 row(s) have errors for e-mail drafts (row 3: ") and "recipient.email" in problem
    )

    click_output(qtbot, dialog, "One &DOCX for print")
    assert not box.isVisible() and export.isEnabled()
    assert all(model.state_of(row) is not RowState.ERROR for row in range(model.rowCount()))

    click_output(qtbot, dialog, "&CSV for a mail platform")
    assert box.isVisible() and box.text().startswith("Leave out the 2 row(s)")

    click_output(qtbot, dialog, "&E-mail drafts (.eml)")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=on_label(box))
    assert box.isChecked() and export.isEnabled() and dialog.problem_text() == ""
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as done:
        qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    result = done.args[0]
    assert result.written == 3 and result.skipped == 2
    drafts = {p.stem: addressed_to(p) for p in result.output.glob("*.eml")}
    assert drafts == {
        "Ada Lovelace": ["ada@example.com"],
        "Zoë Bell": ["zoë@xn--exmple-cua.de"],
        "Uma Okafor": ["uma@xn--exmple-cua.de"],
    }
    dialog.close()


def test_a_long_list_is_checked_for_the_output_in_the_background(qtbot, window, monkeypatch, tmp_path):
    """More rows than are checked on the spot: the dialog checks on a worker thread, and an
    Export pressed meanwhile waits for the check and then counts its errors."""
    monkeypatch.setattr(output_check, "INLINE_ROWS", 10)
    path = tmp_path / "list.csv"
    rows = "".join(f"P{n},S{n},p{n}@example.com,A-{n}\n" for n in range(40))
    path.write_text(LIST + rows, encoding="utf-8")
    import_list(qtbot, window, monkeypatch, path)
    dialog = open_export_notice(qtbot, window)
    stopped = []
    dialog.export_stopped.connect(stopped.append)
    click_output(qtbot, dialog, "&E-mail drafts (.eml)")
    qtbot.mouseClick(export_button(dialog), Qt.MouseButton.LeftButton)  # pressed while it checks
    assert dialog.status_text() == "Checking the rows for e-mail drafts… The export starts when that is done."
    qtbot.waitUntil(lambda: bool(stopped), timeout=30_000)
    assert "2 row(s) have errors for e-mail drafts" in stopped[0]
    assert leave_out_box(dialog).isVisible() and not dialog.is_running()
    assert not (tmp_path / "list-emails").exists() or not any((tmp_path / "list-emails").iterdir())

    click_output(qtbot, dialog, "&CSV for a mail platform")  # needs the same fields: no new check
    assert leave_out_box(dialog).text().startswith("Leave out the 2 row(s)")
    qtbot.mouseClick(leave_out_box(dialog), Qt.MouseButton.LeftButton, pos=on_label(leave_out_box(dialog)))
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as done:
        qtbot.mouseClick(export_button(dialog), Qt.MouseButton.LeftButton)
    assert (done.args[0].written, done.args[0].skipped) == (43, 2)
    dialog.close()


def test_email_drafts_need_one_sender_address(qtbot, window, monkeypatch, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(LIST, encoding="utf-8")
    import_list(qtbot, window, monkeypatch, path)
    sender = window.form.findChild(QLineEdit, "sender.email")
    window.form.focus_field("sender.email")
    sender.selectAll()
    qtbot.keyClicks(sender, "hello@driftwood.example, spoof@example.net")
    dialog = open_export_notice(qtbot, window)
    click_output(qtbot, dialog, "&E-mail drafts (.eml)")
    problem = dialog.problem_text()
    assert problem.startswith("E-mail drafts need one sender address: sender.email: ")
    assert "holds 2 addresses" in problem and "Sender step" in problem
    assert not export_button(dialog).isEnabled()
    click_output(qtbot, dialog, "One &DOCX for print")
    assert "sender" not in dialog.problem_text()
    dialog.close()
