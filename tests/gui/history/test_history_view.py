"""The history view: searching as you type, the follow-ups list and its counts, and the actions:
marking a letter sent (exporting is not sending) and deleting an entry, once confirmed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QToolButton

from desktop.gui import dialogs
from desktop.gui.history import HistoryView, follow_up_summary
from desktop.gui.history import view as view_module
from desktop.gui.history.model import STATE_ROLE, Column
from tests.gui.history.conftest import TODAY, letter


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch) -> None:
    """A real message box would block the offscreen run; any test that expects one patches it."""

    def refuse(*args):
        raise AssertionError(f"unexpected dialog: {args[1:]}")

    for name in ("ask_text", "show_error", "show_info", "confirm_delete_history"):
        monkeypatch.setattr(dialogs, name, refuse)


@pytest.fixture
def view(qtbot, history) -> HistoryView:
    widget = HistoryView(history.store, today=lambda: TODAY)
    qtbot.addWidget(widget)
    return widget


def listed_ids(view: HistoryView) -> list[int]:
    return [entry.id for entry in view.model.entries()]


def select(view: HistoryView, entry_id: int) -> None:
    view.table.selectRow(view.model.row_of(entry_id))


def test_it_lists_everything_newest_first(view, history) -> None:
    assert listed_ids(view)[0] == history.notice
    assert set(listed_ids(view)) == {
        history.overdue,
        history.due,
        history.upcoming,
        history.notice,
        history.done,
    }
    assert view.status_label.text() == "5 exported"


def test_typing_searches_after_a_pause(qtbot, view, history) -> None:
    qtbot.keyClicks(view.search_field, "Tremblay")
    assert len(listed_ids(view)) == 5, "no query per key: the search waits for a pause"
    qtbot.waitUntil(lambda: listed_ids(view) == [history.overdue], timeout=2000)
    assert view.status_label.text() == "1 match for “Tremblay”"
    view.search_field.clear()
    qtbot.waitUntil(lambda: len(listed_ids(view)) == 5, timeout=2000)


def test_follow_ups_list_overdue_and_due_first_with_counts(view, history) -> None:
    assert view.follow_ups_label.text() == "1 follow-up overdue, 1 due today"
    assert view.follow_up_counts() == (1, 1)
    view.show_follow_ups()
    assert listed_ids(view) == [history.overdue, history.due, history.upcoming]
    states = [view.model.index(row, Column.FOLLOW_UP).data(STATE_ROLE) for row in range(3)]
    assert states == ["overdue", "due", "upcoming"]
    assert view.model.index(0, Column.FOLLOW_UP).data().endswith("· overdue")
    view.show_follow_ups(False)
    assert len(listed_ids(view)) == 5


def test_search_narrows_the_follow_ups_too(qtbot, view, history) -> None:
    view.show_follow_ups()
    view.search_field.setText("adebayo")
    view.refresh()
    assert listed_ids(view) == [history.due]


def test_marking_done_removes_it_from_follow_ups_and_says_so(qtbot, view, history) -> None:
    view.show_follow_ups()
    select(view, history.overdue)
    assert view.mark_done_action.isEnabled()
    with qtbot.waitSignal(view.follow_ups_changed, timeout=1000) as changed:
        view.mark_done_action.trigger()
    assert changed.args == [0, 1]
    assert history.store.get(history.overdue).follow_up_done == TODAY
    assert history.overdue not in listed_ids(view)
    assert view.follow_ups_label.text() == "1 follow-up due today"


def test_the_shortcut_marks_done(qtbot, view, history) -> None:
    view.show()
    qtbot.waitExposed(view)
    select(view, history.due)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    with qtbot.waitSignal(view.follow_ups_changed, timeout=1000):
        qtbot.keyClick(view.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert history.store.get(history.due).follow_up_done == TODAY


def test_a_done_or_absent_follow_up_cannot_be_marked(view, history) -> None:
    select(view, history.done)
    assert not view.mark_done_action.isEnabled()
    select(view, history.notice)
    assert not view.mark_done_action.isEnabled()


def test_editing_a_note_keeps_it(monkeypatch, view, history) -> None:
    asked = []
    monkeypatch.setattr(
        dialogs, "ask_text", lambda parent, title, label: asked.append(label) or "Rang her back"
    )
    select(view, history.overdue)
    view.edit_note_action.trigger()
    assert history.store.get(history.overdue).note == "Rang her back"
    assert "Double charge – Tremblay" in asked[0]
    row = view.model.row_of(history.overdue)
    assert view.model.index(row, Column.NOTE).data() == "Rang her back"
    assert view.selected_entry().id == history.overdue, "the row stays selected after the refresh"


def test_a_cancelled_note_changes_nothing(monkeypatch, view, history) -> None:
    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, label: None)
    select(view, history.due)
    view.edit_note_action.trigger()
    assert history.store.get(history.due).note == ""


def test_open_and_show_in_folder_request_the_output_path(qtbot, monkeypatch, view, history) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(view_module, "open_in_desktop", lambda path: opened.append(path) or True)
    history.out.mkdir()
    (history.out / "Tremblay.docx").write_bytes(b"docx")
    select(view, history.overdue)
    with qtbot.waitSignal(view.open_requested, timeout=1000) as requested:
        view.open_action.trigger()
    assert requested.args == [history.out / "Tremblay.docx"]
    with qtbot.waitSignal(view.open_requested, timeout=1000) as requested:
        view.show_folder_action.trigger()
    assert requested.args == [history.out]
    assert opened == [history.out / "Tremblay.docx", history.out]


def test_enter_on_the_table_opens(qtbot, monkeypatch, view, history) -> None:
    monkeypatch.setattr(view_module, "open_in_desktop", lambda path: True)
    history.out.mkdir()
    (history.out / "Adebayo.docx").write_bytes(b"docx")
    select(view, history.due)
    with qtbot.waitSignal(view.open_requested, timeout=1000) as requested:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert requested.args == [history.out / "Adebayo.docx"]


def test_a_missing_file_is_reported_not_opened(monkeypatch, view, history) -> None:
    errors, opened = [], []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: errors.append(message))
    monkeypatch.setattr(view_module, "open_in_desktop", opened.append)
    select(view, history.upcoming)
    view.open_action.trigger()
    assert opened == []
    assert "Angstrom.docx" in errors[0]


def test_every_control_has_an_accessible_name(view) -> None:
    controls = view.findChildren(QLineEdit) + view.findChildren(QToolButton) + view.findChildren(QTableView)
    controls += view.findChildren(QLabel)
    # The search field's own clear button is Qt's, named by Qt's accessibility for the field.
    controls = [c for c in controls if not isinstance(c.parentWidget(), QLineEdit)]
    assert controls
    assert all(control.accessibleName() for control in controls), [
        c for c in controls if not c.accessibleName()
    ]
    names = {button.accessibleName() for button in view.findChildren(QToolButton)}
    assert {
        "Mark follow-up done",
        "Edit note",
        "Open file",
        "Show in folder",
        "Show only follow-ups",
        "Mark as Sent",
        "Delete",
    } <= names


@pytest.mark.parametrize(
    ("overdue", "due", "text"),
    [
        (2, 1, "2 follow-ups overdue, 1 due today"),
        (1, 0, "1 follow-up overdue"),
        (0, 2, "2 follow-ups due today"),
        (0, 0, "No follow-ups due"),
    ],
)
def test_follow_up_summary_wording(overdue, due, text) -> None:
    assert follow_up_summary(overdue, due) == text


def status_of(view: HistoryView, entry_id: int) -> str:
    return view.model.index(view.model.row_of(entry_id), Column.STATUS).data()


def button_for(view: HistoryView, action) -> QToolButton:
    (button,) = [b for b in view.findChildren(QToolButton) if b.defaultAction() is action]
    return button


def test_mark_as_sent_turns_an_export_into_a_sent_letter_and_back(qtbot, view, history) -> None:
    select(view, history.overdue)
    assert status_of(view, history.overdue) == "Exported (DOCX)"
    assert view.mark_sent_action.text() == "Mark as Sent"
    assert view.details_label.text().endswith("· Not marked as sent")
    with qtbot.waitSignal(view.history_changed, timeout=1000):
        qtbot.mouseClick(button_for(view, view.mark_sent_action), Qt.MouseButton.LeftButton)
    assert history.store.get(history.overdue).sent_on == TODAY
    assert status_of(view, history.overdue) == "Sent 20 Mar 2026"
    assert view.selected_entry().id == history.overdue
    assert view.details_label.text().startswith("Sent 20 Mar 2026 · Exported (DOCX) on 10 Mar 2026")
    assert view.mark_sent_action.text() == "Mark as Not Sent"
    assert button_for(view, view.mark_sent_action).accessibleName() == "Mark as Not Sent"
    assert view.status_label.text() == "5 exported, 1 of them marked sent"

    view.mark_sent_action.trigger()
    assert history.store.get(history.overdue).sent_on is None
    assert status_of(view, history.overdue) == "Exported (DOCX)"
    assert view.mark_sent_action.text() == "Mark as Sent"
    assert view.status_label.text() == "5 exported"


def test_the_action_follows_the_selected_entry(view, history) -> None:
    history.store.mark_sent(history.due, TODAY - dt.timedelta(days=1))
    view.refresh()
    select(view, history.due)
    assert view.mark_sent_action.text() == "Mark as Not Sent"
    select(view, history.upcoming)
    assert view.mark_sent_action.text() == "Mark as Sent"
    view.table.clearSelection()
    assert not view.mark_sent_action.isEnabled() and not view.delete_action.isEnabled()
    assert view.details_label.text() == ""


def test_an_override_reason_is_shown_for_the_selected_entry(view, history) -> None:
    forced = history.store.record_letter(
        letter("Ada Lovelace", "billing", "Wrong invoice – Lovelace"),
        history.out / "Lovelace.docx",
        None,
        override="The director approved the wording",
    )
    view.refresh()
    select(view, forced)
    assert status_of(view, forced) == "Exported (DOCX) · despite errors"
    assert view.details_label.text().endswith("· Exported despite errors: The director approved the wording")


def confirm(monkeypatch, answer: bool) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "confirm_delete_history", lambda parent, description: asked.append(description) or answer
    )
    return asked


def test_delete_asks_and_no_keeps_the_entry(qtbot, monkeypatch, view, history) -> None:
    asked = confirm(monkeypatch, False)
    select(view, history.overdue)
    with qtbot.assertNotEmitted(view.history_changed):
        view.delete_action.trigger()
    assert len(asked) == 1
    assert "Double charge – Tremblay" in asked[0] and "to Marie Tremblay" in asked[0]
    assert history.store.get(history.overdue).id == history.overdue
    assert history.overdue in listed_ids(view)


def test_delete_asks_and_yes_removes_the_entry(qtbot, monkeypatch, view, history) -> None:
    asked = confirm(monkeypatch, True)
    select(view, history.overdue)
    with (
        qtbot.waitSignal(view.history_changed, timeout=1000),
        qtbot.waitSignal(view.follow_ups_changed, timeout=1000) as counts,
    ):
        view.delete_action.trigger()
    assert len(asked) == 1
    assert counts.args == [0, 1], "the overdue follow-up went with it"
    assert history.store.search("Tremblay") == []
    assert history.overdue not in listed_ids(view)
    assert view.status_label.text() == "4 exported"
    assert view.selected_entry() is not None, "the next entry is selected, so the list keeps its place"


def test_the_delete_key_on_the_list_deletes_after_asking(qtbot, monkeypatch, view, history) -> None:
    asked = confirm(monkeypatch, True)
    view.show()
    qtbot.waitExposed(view)
    select(view, history.upcoming)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    with qtbot.waitSignal(view.history_changed, timeout=1000):
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "Late parcel – Ångström" in asked[0]
    assert history.upcoming not in listed_ids(view)


def test_the_delete_key_in_the_search_field_only_edits_the_text(qtbot, monkeypatch, view, history) -> None:
    asked = confirm(monkeypatch, True)
    view.show()
    qtbot.waitExposed(view)
    select(view, history.upcoming)
    view.search_field.setText("ab")
    view.search_field.setFocus()
    qtbot.waitUntil(view.search_field.hasFocus)
    view.search_field.setCursorPosition(0)
    qtbot.keyClick(view.search_field, Qt.Key.Key_Delete)
    assert view.search_field.text() == "b"
    assert asked == []


def test_deleting_an_entry_another_window_deleted_says_so(monkeypatch, view, history) -> None:
    confirm(monkeypatch, True)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: errors.append(message))
    select(view, history.due)
    history.store.delete(history.due)
    view.delete_action.trigger()
    assert "no longer in the history" in errors[0]
    assert history.due not in listed_ids(view)
