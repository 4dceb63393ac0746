"""File ▸ Export as E-mail Draft with what a user may type in the E-mail field: an
internationalised address is written so mail programs read it; two addresses, or a name and
an address, write nothing and say which field to fix."""

from __future__ import annotations

import email
import email.policy

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop import paths
from desktop.gui import dialogs
from tests.helpers.window import menu_action, open_window, wait_for_update

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(RRSP, example=True)
    return window


@pytest.fixture
def errors(monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, title, message: shown.append((title, message)))
    monkeypatch.setattr(dialogs, "ask_open_after_export", lambda _parent, _path: None)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: tmp_path / "letter.eml")
    return shown


def retype(qtbot, window, field: str, text: str) -> None:
    """Select what the field holds and type over it, as a user does."""
    widget = window.form.findChild(QLineEdit, field)
    window.form.focus_field(field)
    widget.selectAll()
    for char in text:  # QTest types ASCII only; other letters come as a keyboard layout sends them
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, event)
    assert widget.text() == text
    wait_for_update(qtbot, window)


def test_an_internationalised_address_is_written_so_mail_programs_read_it(qtbot, window, errors, tmp_path):
    retype(qtbot, window, "recipient.email", "zoë@exämple.de")
    menu_action(window, "Export as E-&mail Draft…").trigger()
    assert errors == []
    message = email.message_from_bytes((tmp_path / "letter.eml").read_bytes(), policy=email.policy.default)
    (to,) = message["To"].addresses
    assert to.addr_spec.encode("ascii", "surrogateescape").decode("utf-8") == "zoë@xn--exmple-cua.de"


@pytest.mark.parametrize(
    ("field", "typed", "reason"),
    [
        ("recipient.email", "d.tremblay@example.com, attacker@example.net", "holds 2 addresses"),
        ("recipient.email", "Danielle <d.tremblay@example.com>", "without a name or angle brackets"),
        ("sender.email", "marc@example.com;spoof@example.net", "holds 2 addresses"),
    ],
)
def test_a_field_with_more_than_one_address_exports_nothing(
    qtbot, window, errors, tmp_path, field, typed, reason
):
    retype(qtbot, window, field, typed)
    menu_action(window, "Export as E-&mail Draft…").trigger()
    ((title, message),) = errors
    assert title == "Nothing was exported"
    assert message.startswith(f"{field}: ") and reason in message
    assert not (tmp_path / "letter.eml").exists()
