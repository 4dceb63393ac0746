"""Every menu shortcut works from wherever the cursor is, and file dialogs start where a
user expects: driven with key presses on the focused widget, as a user types them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QPushButton

from desktop import paths
from desktop.gui import dialogs
from desktop.gui.app import build_window
from desktop.gui.form.choice_box import ChoiceOrOwn
from tests.helpers.window import open_window

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_open_after_export", lambda _parent, _path: None)
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(RRSP, example=True)
    return window


def press(qtbot, sequence: QKeySequence) -> None:
    combination = sequence[0]
    qtbot.keyClick(QApplication.focusWidget(), combination.key(), combination.keyboardModifiers())


def focus_name_field(qtbot, window) -> QLineEdit:
    field = window.form.findChild(QLineEdit, "recipient.name")
    window.form.focus_field("recipient.name")
    window.activateWindow()  # a dialog that just closed leaves no active window offscreen
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and QApplication.focusWidget() is field)
    return field


def test_ctrl_e_in_a_one_line_field_exports_and_leaves_the_field_alone(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "letter.docx"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: out)
    field = focus_name_field(qtbot, window)
    field.setCursorPosition(0)
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert out.exists()
    qtbot.keyClicks(field, "X")
    assert field.text() == "XDanielle Tremblay"  # the cursor did not jump to the end


def test_every_menu_shortcut_fires_from_inside_a_text_field(qtbot, window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: None)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *_args: None)
    fired: list[str] = []
    actions = [
        a
        for a in window.findChildren(QAction)
        if not a.shortcut().isEmpty() and a.isEnabled() and a.text() != "&Quit"
    ]
    assert {"&Export Letter as DOCX…", "&Copy Letter", "&History and Follow-ups", "&Plain Text"} <= {
        a.text() for a in actions
    }
    for action in actions:
        text = action.text()
        action.triggered.connect(lambda _checked=False, text=text: fired.append(text))
    for action in actions:
        window.files.open_path(RRSP, example=True)  # Ctrl+N leaves a blank letter, which cannot go
        focus_name_field(qtbot, window)
        press(qtbot, action.shortcut())
        assert fired[-1:] == [action.text()], f"{action.shortcut().toString()} did not reach {action.text()}"
        while (dialog := QApplication.activeModalWidget()) is not None:
            dialog.hide()  # the settings dialog, which Ctrl+, opens


def test_exports_start_in_documents_then_where_each_kind_last_went(qtbot, window, tmp_path, monkeypatch):
    documents = window.folders.documents
    assert window.exports.suggested_path("docx", ".docx").parent == documents
    chosen = tmp_path / "shared drive" / "letters"
    chosen.mkdir(parents=True)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _parent, _title, start, _filter: chosen / start.name)
    window.exports.export_docx()
    assert window.exports.suggested_path("docx", ".docx").parent == chosen
    assert window.exports.suggested_path("eml", ".eml").parent == documents  # remembered per kind


def test_a_new_draft_is_named_from_its_recipient_and_subject(qtbot, window):
    assert window.files.new_draft()
    assert window.windowTitle() == "Untitled letter[*] — Amends"
    window.form.focus_field("recipient.name")
    qtbot.keyClicks(QApplication.focusWidget(), "Priya Shah")
    window.form.focus_field("incident.summary")
    qtbot.keyClicks(QApplication.focusWidget(), "the double charge on your March bill")
    assert window.session.name == "Priya Shah – The double charge on your March bill"
    assert window.windowTitle().startswith("Priya Shah – The double charge on your March bill[*]")


def test_the_readme_shortcuts_for_steps_fix_and_undo_work_from_the_field(qtbot, window):
    focus_name_field(qtbot, window)
    steps = window.form.findChild(QListWidget)
    assert steps.currentItem().text() == "Recipient"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert steps.currentItem().text() == "What went wrong"  # Alt+Down: the next step of a letter
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert steps.currentItem().text() == "Recipient"

    editor = window.form.editor_for("cause")
    editor.clear()
    window.form.focus_field("cause")
    qtbot.keyClicks(editor, "We are sorry if you were inconvenienced by the form.")
    window.updater.update_now()
    (hedge,) = [f for f in window.updater.findings if f.rule == "conditional-apology"]
    assert window.checker_panel.select_finding(hedge)
    window.findings.go_to(hedge)  # as a click on the finding does: the cursor goes to the words
    qtbot.keyClick(editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)  # Ctrl+. : Fix
    assert editor.toPlainText() == "We are sorry that you were inconvenienced by the form."
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z undoes it
    assert editor.toPlainText() == "We are sorry if you were inconvenienced by the form."


def test_a_teams_own_categories_are_offered_in_the_form(qtbot, tmp_path, monkeypatch):
    """The category list comes from the rules in use, so a team's override reaches the form."""
    user = tmp_path / "u"
    (user / "rules").mkdir(parents=True)
    (user / "rules" / "team.toml").write_text(
        '[override.no-compensation]\nparams = { categories = ["billing", "parking fine"] }\n',
        encoding="utf-8",
    )
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(settings=settings, history_path=tmp_path / "history.sqlite3", user_dir=user)
    qtbot.addWidget(window)
    category = window.form.findChild(ChoiceOrOwn, "incident.category") or next(
        c for c in window.form.findChildren(ChoiceOrOwn) if c.combo.accessibleName() == "Category"
    )
    assert category.combo.is_listed("parking fine") and not category.combo.is_listed("appointment")


def test_every_edit_in_the_form_reaches_the_draft_through_the_session(qtbot, window, monkeypatch):
    """The draft session is the one thing that changes the open draft; the form asks it."""
    writes: list[tuple[str, object]] = []
    window.session.edited.connect(lambda: writes.append(("edited", None)))
    original = window.session.set_field

    def recorded(path: str, value: object) -> None:
        writes.append((path, value))
        original(path, value)

    monkeypatch.setattr(window.session, "set_field", recorded)
    focus_name_field(qtbot, window)
    qtbot.keyClicks(QApplication.focusWidget(), "!")
    assert ("recipient.name", "Danielle Tremblay!") in writes and ("edited", None) in writes
    assert window.session.draft.recipient.name == "Danielle Tremblay!" and window.session.dirty

    window.files.open_path(paths.examples_dir() / "community-redesign.amends", example=True)
    writes.clear()
    before = len(window.session.draft.questions)
    window.form.focus_field("questions")
    add = next(b for b in window.form.findChildren(QPushButton) if b.text() == "Add question")
    add.click()
    assert [path for path, _ in writes if path != "edited"] == ["questions"]
    assert len(window.session.draft.questions) == before + 1 and window.session.dirty
