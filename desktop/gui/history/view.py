"""The history view: search past letters and notices, see which follow-ups are due, act on one.

A thin widget over HistoryStore: the store searches and records, the view shows the result and
asks questions through `desktop.gui.dialogs`. Opening a file is a request (`open_requested`)
that the view's own slot carries out, so tests and the main window can listen without a file
manager starting. Exporting is not sending: the user marks the letters that really went, and
deletes test prints, because the repeat-incident warning counts only what is marked sent.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.history import HistoryEntry, HistoryError, HistoryStore
from desktop.gui import dialogs
from desktop.gui.history.colors import state_foreground
from desktop.gui.history.follow_ups import follow_up_counts, follow_up_summary
from desktop.gui.history.model import Column, HistoryTableModel, entry_description, status_details

SEARCH_PAUSE_MS = 200
"""Search after this pause in typing: one query per word typed, not one per key."""
FOLLOW_UP_DAYS_AHEAD = 7
NOTE_WIDTH_CHARS = 28
STORE_ERRORS = (HistoryError, KeyError, OSError, sqlite3.Error)
GONE = "That entry is no longer in the history; it may have been deleted in another window."
MARK_SENT = "Mark as Sent"
MARK_NOT_SENT = "Mark as Not Sent"


def _tooltip(action: QAction, keys: str = "") -> str:
    """The action's name and the key that triggers it, when there is one."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) or keys
    name = action.text().rstrip("…")
    return f"{name} ({keys})" if keys else name


def open_in_desktop(path: Path) -> bool:
    """Hand `path` to the desktop (file manager or the program for its type)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class HistoryView(QWidget):
    follow_ups_changed = Signal(int, int)
    """(overdue, due today), whenever either count changes."""
    open_requested = Signal(Path)
    """The user asked to open a written file, or the folder holding it."""
    history_changed = Signal()
    """The user changed the history here (marked sent, deleted, a note, a follow-up): what the
    repeat-incident warning counts may have changed with it."""

    def __init__(
        self,
        store: HistoryStore,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._today = today
        self._counts = (0, 0)
        self.model = HistoryTableModel(self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._build_actions()
        self._build_layout()
        self._connect()
        self.setAccessibleName("Letter history")
        self.refresh()

    # Building -------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.mark_done_action = self._action("Mark follow-up done", "Ctrl+D", self._mark_done)
        self.edit_note_action = self._action("Edit note…", "F2", self._edit_note)
        # Enter on the table opens too; Ctrl+O is left to the window's File ▸ Open.
        self.open_action = self._action("Open file", "", self._request_open_file, keys="Enter")
        self.show_folder_action = self._action("Show in folder", "Ctrl+Shift+O", self._request_show_folder)
        # No shortcut: marking sent is a statement about the world, not worth a slip of the fingers.
        self.mark_sent_action = self._action(MARK_SENT, "", self._toggle_sent)
        self.delete_action = self._action("Delete…", "Del", self._delete)
        # Only on the list: Delete with the search field or a button focused must not delete a letter.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def _action(self, text: str, shortcut: str, slot: Callable[[], None], keys: str = "") -> QAction:
        """An action whose shortcut works anywhere in the view but not elsewhere in the window."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(_tooltip(action, keys))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_search_row())
        layout.addWidget(self._build_table(), 1)
        layout.addWidget(self._build_details())
        layout.addLayout(self._build_action_row())

    def _build_search_row(self) -> QHBoxLayout:
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText("Search by recipient, category, title, template or note")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName("Search history")
        self.follow_ups_button = QToolButton(self)
        self.follow_ups_button.setText("Follow-ups")
        self.follow_ups_button.setCheckable(True)
        self.follow_ups_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.follow_ups_button.setAccessibleName("Show only follow-ups")
        self.follow_ups_button.setToolTip(
            f"Show only follow-ups overdue or due in the next {FOLLOW_UP_DAYS_AHEAD} days"
        )
        self.follow_ups_label = QLabel(self)
        self.follow_ups_label.setAccessibleName("Follow-ups due")
        row = QHBoxLayout()
        row.addWidget(self.search_field, 1)
        row.addWidget(self.follow_ups_button)
        row.addWidget(self.follow_ups_label)
        return row

    def _build_table(self) -> QTableView:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Exported letters and notices")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        # The title takes the spare width; a note, usually short or empty, gets a fixed share.
        header.setSectionResizeMode(Column.NOTE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Column.NOTE, NOTE_WIDTH_CHARS * self.fontMetrics().averageCharWidth())
        header.setStretchLastSection(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        separator = QAction(self)
        separator.setSeparator(True)
        self.table.addActions(
            [
                self.open_action,
                self.show_folder_action,
                self.edit_note_action,
                self.mark_done_action,
                self.mark_sent_action,
                separator,
                self.delete_action,
            ]
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        return self.table

    def _build_details(self) -> QLabel:
        """How and whether the selected entry went, and any override, in words: a tooltip
        alone would hide the reason from keyboard and screen-reader users."""
        self.details_label = QLabel(self)
        self.details_label.setAccessibleName("Selected entry")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return self.details_label

    def _build_action_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.action_buttons: dict[str, QToolButton] = {}
        for action in (
            self.mark_sent_action,
            self.mark_done_action,
            self.edit_note_action,
            self.open_action,
            self.show_folder_action,
            self.delete_action,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAccessibleName(action.text().rstrip("…"))
            row.addWidget(button)
            self.action_buttons[action.text()] = button
        row.addStretch(1)
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName("History status")
        row.addWidget(self.status_label)
        return row

    def _connect(self) -> None:
        self.search_field.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.refresh)
        self.follow_ups_button.toggled.connect(self.refresh)
        self.table.activated.connect(self._request_open_file)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.open_requested.connect(self._open)

    # Showing --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the store again, keeping the selected entry selected if it is still listed."""
        self._search_timer.stop()
        today = self._today()
        kept = self.selected_entry()
        follow_ups = self._store.follow_ups(today, FOLLOW_UP_DAYS_AHEAD)
        text = self.search_field.text()
        if self.follow_ups_button.isChecked():
            entries = self._matching(follow_ups, text) if text.strip() else follow_ups
        else:
            entries = self._store.search(text)
        self.model.set_entries(entries, today)
        self._reselect(kept)
        self._show_counts(follow_up_counts(follow_ups, today))
        self._show_status(text)
        self._update_actions()

    def show_follow_ups(self, on: bool = True) -> None:
        """List only follow-ups (for a "2 follow-ups overdue" notice elsewhere to link to)."""
        self.follow_ups_button.setChecked(on)

    def follow_up_counts(self) -> tuple[int, int]:
        """(overdue, due today) as of the last refresh."""
        return self._counts

    def selected_entry(self) -> HistoryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0]) if rows else None

    def _matching(self, entries: list[HistoryEntry], text: str) -> list[HistoryEntry]:
        """Follow-ups narrowed by the search words, searched the store's way."""
        found = {entry.id for entry in self._store.search(text, limit=len(entries) + 10_000)}
        return [entry for entry in entries if entry.id in found]

    def _reselect(self, kept: HistoryEntry | None) -> None:
        row = self.model.row_of(kept.id) if kept else -1
        if row < 0:
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def _show_counts(self, counts: tuple[int, int]) -> None:
        overdue, due = counts
        self.follow_ups_label.setText(follow_up_summary(overdue, due))
        state = "overdue" if overdue else "due" if due else ""
        color = state_foreground(state, self.palette())
        self.follow_ups_label.setStyleSheet(f"color: {color.name()}; font-weight: bold;" if color else "")
        self.follow_ups_button.setText(f"Follow-ups ({overdue + due})" if overdue + due else "Follow-ups")
        if counts != self._counts:
            self._counts = counts
            self.follow_ups_changed.emit(overdue, due)

    def _show_status(self, text: str) -> None:
        count = self.model.rowCount()
        if self.follow_ups_button.isChecked():
            what = f"{count} follow-up{'s' if count != 1 else ''} in the next {FOLLOW_UP_DAYS_AHEAD} days"
        elif text.strip():
            what = f"{count} match{'es' if count != 1 else ''} for “{text.strip()}”"
        else:
            sent = sum(entry.sent_on is not None for entry in self.model.entries())
            what = f"{count} exported" if count else "No letters recorded yet"
            what += f", {sent} of them marked sent" if sent else ""
        self.status_label.setText(what)

    def _update_actions(self) -> None:
        entry = self.selected_entry()
        self.mark_done_action.setEnabled(
            entry is not None and entry.follow_up_state(self._today()) in {"overdue", "due", "upcoming"}
        )
        for action in (
            self.edit_note_action,
            self.open_action,
            self.show_folder_action,
            self.mark_sent_action,
            self.delete_action,
        ):
            action.setEnabled(entry is not None)
        self._retitle(self.mark_sent_action, MARK_NOT_SENT if entry and entry.sent_on else MARK_SENT)
        self.details_label.setText(" · ".join(status_details(entry)) if entry else "")

    def _retitle(self, action: QAction, text: str) -> None:
        """Rename an action and the button showing it, so a screen reader says the new name."""
        if action.text() == text:
            return
        action.setText(text)
        action.setToolTip(_tooltip(action))
        for button in self.findChildren(QToolButton):
            if button.defaultAction() is action:
                button.setAccessibleName(text.rstrip("…"))

    # Acting ---------------------------------------------------------------------------------

    def _mark_done(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.follow_up is None or entry.follow_up_done is not None:
            return
        self._change(lambda: self._store.mark_follow_up_done(entry.id, self._today()))

    def _toggle_sent(self) -> None:
        """Sent today, or back to exported: the user says which exports were the real letter."""
        entry = self.selected_entry()
        if entry is None:
            return
        on = None if entry.sent_on else self._today()
        self._change(lambda: self._store.mark_sent(entry.id, on))

    def _delete(self) -> None:
        """Forget the selected entry once the user confirms; the next row is selected so the
        list keeps its place."""
        entry = self.selected_entry()
        if entry is None or not dialogs.confirm_delete_history(self, entry_description(entry)):
            return
        row = self.model.row_of(entry.id)
        if self._change(lambda: self._store.delete(entry.id)) and self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def _edit_note(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        now = f" It now reads: “{entry.note}”." if entry.note else ""
        note = dialogs.ask_text(self, "Edit note", f"Note for “{entry.title or entry.recipient}”.{now}")
        if note is not None:
            self._change(lambda: self._store.set_note(entry.id, note))

    def _change(self, change: Callable[[], None]) -> bool:
        """Run a change to the store, then show and announce it; tell the user (not crash)
        when it cannot be saved."""
        try:
            change()
        except KeyError:
            dialogs.show_error(self, "History not changed", GONE)
            self.refresh()  # another window deleted it: stop listing it
            return False
        except STORE_ERRORS as error:
            dialogs.show_error(self, "History not changed", str(error))
            return False
        self.refresh()
        self.history_changed.emit()
        return True

    def _request_open_file(self, _index: QModelIndex | None = None) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.open_requested.emit(entry.output)

    def _request_show_folder(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.open_requested.emit(entry.output.parent)

    def _open(self, path: Path) -> None:
        if not path.exists():
            dialogs.show_error(
                self, "File not found", f"{path} is no longer there; it may have been moved or deleted."
            )
        elif not open_in_desktop(path):
            dialogs.show_error(self, "Could not open", f"No program on this computer would open {path}.")
