"""The history as a read-only table: one row per exported letter or notice, newest first.

The store does the searching; the model only shows the list it is given and colours the
follow-up column by its state on `today`, which the view passes in so tests control the date.
The first column is when it was exported and the second whether the user has said it was
sent: the two are different facts, and only the second makes it an apology given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication

from desktop.core.history import HistoryEntry
from desktop.core.history.records import channel_text, short_date
from desktop.gui.history.colors import state_background, state_foreground

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
"""The HistoryEntry behind a row, on every column."""
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
"""The follow-up state on today: "overdue", "due", "upcoming", "done" or ""."""

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    EXPORTED = 0
    STATUS = 1
    TO = 2
    CATEGORY = 3
    TITLE = 4
    TEMPLATE = 5
    FOLLOW_UP = 6
    OUTPUT = 7
    NOTE = 8


HEADERS = {
    Column.EXPORTED: "Exported",
    Column.STATUS: "Status",
    Column.TO: "To",
    Column.CATEGORY: "Category",
    Column.TITLE: "Title",
    Column.TEMPLATE: "Template",
    Column.FOLLOW_UP: "Follow-up",
    Column.OUTPUT: "Output",
    Column.NOTE: "Note",
}

STATE_WORDS = {"overdue": "overdue", "due": "due today", "upcoming": "upcoming", "done": "done"}


def exported_text(entry: HistoryEntry) -> str:
    """Stored in UTC, shown in the user's local time."""
    local = entry.exported_at.astimezone()
    return f"{short_date(local.date())}, {local:%H:%M}"


def status_cell_text(entry: HistoryEntry) -> str:
    """The status, flagged when the letter went out over blocking errors, so that shows
    without hovering; the reason itself is in the details."""
    return f"{entry.status_text} · despite errors" if entry.override else entry.status_text


def status_details(entry: HistoryEntry) -> list[str]:
    """Everything about how and whether it went, one fact a line, for a tooltip or a detail line."""
    how = f"{channel_text(entry.channel)} on {exported_text(entry)}"
    lines = [entry.status_text, how] if entry.sent_on is not None else [how, "Not marked as sent"]
    if entry.override:
        lines.append(f"Exported despite errors: {entry.override}")
    return lines


def follow_up_text(entry: HistoryEntry, today: dt.date) -> str:
    """The date and, in words, its state; a tick for done so it reads without colour."""
    if entry.follow_up is None:
        return ""
    state = entry.follow_up_state(today)
    tick = "✓ " if state == "done" else ""
    return f"{tick}{short_date(entry.follow_up)} · {STATE_WORDS[state]}"


def entry_description(entry: HistoryEntry) -> str:
    """Enough to tell one export from another of the same letter: what, to whom, when, sent."""
    what = entry.title or entry.summary or "Untitled"
    sent = f", sent {short_date(entry.sent_on)}" if entry.sent_on else ""
    return f"{what}, to {entry.recipient}, exported {exported_text(entry)}{sent}"


class HistoryTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []
        self._today = dt.date.today()

    def set_entries(self, entries: Sequence[HistoryEntry], today: dt.date) -> None:
        """Replace the rows; a reset, since a new search can change any of them."""
        self.beginResetModel()
        self._entries = list(entries)
        self._today = today
        self.endResetModel()

    def entries(self) -> list[HistoryEntry]:
        return list(self._entries)

    def entry(self, index: AnyIndex) -> HistoryEntry | None:
        return self._entries[index.row()] if index.isValid() else None

    def row_of(self, entry_id: int) -> int:
        """The row showing entry `entry_id`, or -1."""
        return next((row for row, entry in enumerate(self._entries) if entry.id == entry_id), -1)

    # Qt's model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == ENTRY_ROLE:
            return entry
        if role == STATE_ROLE:
            return entry.follow_up_state(self._today)
        if column is Column.FOLLOW_UP and role == Qt.ItemDataRole.ForegroundRole:
            return state_foreground(entry.follow_up_state(self._today), QGuiApplication.palette())
        if column is Column.FOLLOW_UP and role == Qt.ItemDataRole.BackgroundRole:
            return state_background(entry.follow_up_state(self._today), QGuiApplication.palette())
        return None

    def _text(self, entry: HistoryEntry, column: Column) -> str:
        match column:
            case Column.EXPORTED:
                return exported_text(entry)
            case Column.STATUS:
                return status_cell_text(entry)
            case Column.TO:
                return entry.recipient
            case Column.CATEGORY:
                return entry.category
            case Column.TITLE:
                return entry.title or entry.summary
            case Column.TEMPLATE:
                return entry.template
            case Column.FOLLOW_UP:
                return follow_up_text(entry, self._today)
            case Column.OUTPUT:
                return entry.output.name
            case Column.NOTE:
                return entry.note.replace("\n", " ")

    def _tooltip(self, entry: HistoryEntry, column: Column) -> str | None:
        """Long values the cell may cut: the full path, the summary behind a title, the note,
        and how and whether it was sent."""
        match column:
            case Column.OUTPUT:
                return str(entry.output)
            case Column.TITLE:
                return f"{entry.title}\n{entry.summary}".strip()
            case Column.NOTE:
                return entry.note or None
            case Column.EXPORTED:
                return f"Letter dated {short_date(entry.letter_date)}"
            case Column.STATUS:
                return "\n".join(status_details(entry))
            case _:
                return None
