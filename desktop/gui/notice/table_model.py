"""The recipient list as a table: one row per recipient, its validation marks, fixes and skips.

The model holds the rows as `HeldRow` tuples of strings (see held_rows.py), the user's
fixes as overrides {(row number, column): value} and the skipped row numbers: exactly what
`validate` and `run_merge` take, so what the table shows is what a merge will do. Editing a
cell never touches the file.

The marks come from a `LiveReport` (live_report.py): built by a full pass, on a worker
thread for a long list, then kept current by re-checking only the rows a fix can change.
The report is always exactly `validate` of the rows with its own mapping, required fields
and the current fixes; after the mapping or the required fields change, a long list keeps
its last report until the panel's background check hands in the new one (`check_pending`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.core.model import Recipient
from desktop.core.recipients import (
    ColumnMapping,
    Field,
    RecipientTable,
    Severity,
    ValidationReport,
    map_columns,
)
from desktop.gui.notice.held_rows import NUMBER, VALUES, HeldRow, recipient_of
from desktop.gui.notice.live_report import CheckedList, LiveReport, check_list
from desktop.gui.notice.marks import RowState, dot, tint

SEND, STATUS = 0, 1
FIRST_DATA = 2
"""Columns before the file's own: the "Send" check box and the row's status."""

FIELD_LABELS = {
    Field.FIRST_NAME: "first name",
    Field.LAST_NAME: "last name",
    Field.FULL_NAME: "full name",
    Field.EMAIL: "e-mail",
    Field.REFERENCE: "account / reference",
    Field.JURISDICTION: "jurisdiction",
    Field.TITLE: "title",
    Field.SALUTATION: "salutation",
    Field.ORGANISATION: "organisation",
    Field.ADDRESS: "address",
    Field.EXTRA: "merge field",
    Field.IGNORE: "ignored",
}

_Index = QModelIndex | QPersistentModelIndex
_ROWS_SIGNALLED_ONE_BY_ONE = 64
"""More re-checked rows than this are announced as one change of the whole table."""


class RecipientsTableModel(QAbstractTableModel):
    recipients_edited = Signal()
    """A cell was fixed, a row skipped or sent again, or the marks changed with the mapping."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._table: RecipientTable | None = None
        self._rows: Sequence[HeldRow] = []
        self._mapping: ColumnMapping | None = None
        self._required: tuple[str, ...] = ()
        self._overrides: dict[tuple[int, str], str] = {}
        self._skipped: set[int] = set()
        self._live: LiveReport | None = None

    # --- what the panel reads -------------------------------------------------------------

    @property
    def table(self) -> RecipientTable | None:
        return self._table

    @property
    def mapping(self) -> ColumnMapping | None:
        return self._mapping

    @property
    def report(self) -> ValidationReport | None:
        """The marks as a report; its mapping and required fields are `checked_mapping` and
        `checked_required`, which differ from the current ones while a check is pending."""
        return self._live.report() if self._live is not None else None

    @property
    def required(self) -> tuple[str, ...]:
        return self._required

    @property
    def checked_mapping(self) -> ColumnMapping | None:
        """The mapping `report` was made with."""
        return self._live.mapping if self._live is not None else None

    @property
    def checked_rows(self) -> Sequence[HeldRow]:
        """The rows `report` was made from."""
        return self._live.rows if self._live is not None else self._rows

    @property
    def checked_required(self) -> tuple[str, ...]:
        """The required fields `report` checked."""
        return self._live.required if self._live is not None else self._required

    def check_pending(self) -> bool:
        """Whether the marks are for another mapping or other required fields than the current ones."""
        if self._table is None:
            return False
        live = self._live
        return live is None or live.mapping != self._mapping or live.required != self._required

    def error_rows(self) -> set[int]:
        """Rows with errors by the current marks; read-only."""
        return self._live.error_rows() if self._live is not None else set()

    def has_errors_left(self) -> bool:
        """Whether a row with an error is not skipped."""
        return self._live is not None and self._live.has_errors_left(self._skipped)

    def summary_text(self) -> str:
        """ "36 rows: 34 ready, 2 with errors, …"; "" when there is no list."""
        return self._live.summary_text(self._skipped) if self._live is not None else ""

    def header_issues(self):
        """The issues with the list as a whole (a column the template needs is missing)."""
        live = self._live
        return live.issues_for(live.header_row) if live is not None else ()

    def overrides(self) -> dict[tuple[int, str], str]:
        return dict(self._overrides)

    def skip_rows(self) -> frozenset[int]:
        return frozenset(self._skipped)

    def row_number(self, index: int) -> int:
        """The spreadsheet row number of the table's row `index` (0-based)."""
        return self._rows[index][NUMBER]

    def row_values(self, index: int) -> tuple[str, ...]:
        """The row's cells as the file has them, before any fix."""
        return self._rows[index][VALUES]

    def recipient_at(self, index: int) -> Recipient:
        assert self._table is not None and self._mapping is not None
        return recipient_of(self._table, self._rows[index], self._mapping, self._overrides)

    def state_of(self, index: int) -> RowState:
        number = self._rows[index][NUMBER]
        if number in self._skipped:
            return RowState.SKIPPED
        issues = self._live.issues_for(number) if self._live else ()
        if any(issue.severity is Severity.ERROR for issue in issues):
            return RowState.ERROR
        return RowState.WARNING if issues else RowState.READY

    # --- what the panel changes -----------------------------------------------------------

    def set_list(self, table: RecipientTable, rows: Sequence[HeldRow], mapping: ColumnMapping | None = None):
        """Show this list, checked here and now; `show_list` takes one checked on a worker thread."""
        mapping = mapping or map_columns(table.columns)
        self.show_list(check_list(table, rows, mapping, self._required, {}))

    def show_list(self, checked: CheckedList) -> None:
        """Show a list checked elsewhere (a worker thread), without fixes or skips."""
        live = checked.live
        _drop_later([self._rows, self._live])
        self.beginResetModel()
        self._table, self._rows, self._mapping, self._live = live.table, live.rows, live.mapping, live
        self._overrides.clear()
        self._overrides.update(checked.overrides)
        self._skipped.clear()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._table, self._rows, self._mapping, self._live = None, [], None, None
        self._overrides.clear()
        self._skipped.clear()
        self.endResetModel()

    def set_mapping(self, mapping: ColumnMapping, *, check: bool = True) -> None:
        """Read the columns this way; `check=False` leaves the marks to a background check."""
        self._mapping = mapping
        if check:
            self.check_now()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def set_required(self, required: tuple[str, ...], *, check: bool = True) -> None:
        """The recipient fields the template needs; `check=False` leaves the marks to a background check."""
        self._required = required
        if check and self._table is not None:
            self.check_now()

    def check_now(self) -> None:
        """Check every row again, here and now, with the current mapping, required fields and fixes."""
        assert self._table is not None and self._mapping is not None
        self._live = LiveReport(self._table, self._rows, self._mapping, self._required, self._overrides)
        self._all_changed()

    def check_request(self) -> tuple:
        """What a background check needs: (table, rows, mapping, required, a copy of the fixes)."""
        return self._table, self._rows, self._mapping, self._required, dict(self._overrides)

    def apply_check(self, checked: CheckedList) -> bool:
        """Take the marks of a background check of this list; False (nothing done) when they are
        for another list, mapping or required fields. Cells fixed since the check began are
        re-checked here, so no fix is lost."""
        live = checked.live
        if live.rows is not self._rows or live.mapping != self._mapping or live.required != self._required:
            return False
        _drop_later([self._live])
        self._live = live
        mine, theirs = self._overrides, checked.overrides
        fixed_since = {key[0] for key in mine.keys() ^ theirs.keys()}
        fixed_since |= {key[0] for key in mine.keys() & theirs.keys() if mine[key] != theirs[key]}
        for number in sorted(fixed_since):
            live.recheck(number, mine)
        self._all_changed()
        return True

    def set_skipped(self, index: int, skipped: bool) -> None:
        number = self._rows[index][NUMBER]
        if (number in self._skipped) == skipped:
            return
        (self._skipped.add if skipped else self._skipped.discard)(number)
        self._row_changed(index)
        self.recipients_edited.emit()

    def skip_rows_with_errors(self) -> int:
        """Skip every row that has an error; returns how many rows were newly skipped."""
        new = self.error_rows() - self._skipped
        if new:
            self._skipped |= new
            self._all_changed()
            self.recipients_edited.emit()
        return len(new)

    # --- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._table is None:
            return 0
        return FIRST_DATA + len(self._table.columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        if index.column() == SEND:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() >= FIRST_DATA:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
                return str(self._rows[section][NUMBER])
            return None
        if self._table is None or not 0 <= section < self.columnCount():
            return None
        if section < FIRST_DATA:
            if role == Qt.ItemDataRole.DisplayRole:
                return ("Send", "Status")[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return ("Untick to leave the row out of the notice", "Problems found in the row")[section]
            return None
        column = self._table.columns[section - FIRST_DATA]
        field = self._field_of(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{column}\n{FIELD_LABELS[field]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Column “{column}” is used as: {FIELD_LABELS[field]}. Right-click to change."
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if column == SEND:
            if role == Qt.ItemDataRole.CheckStateRole:
                skipped = self._rows[row][NUMBER] in self._skipped
                return Qt.CheckState.Unchecked if skipped else Qt.CheckState.Checked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return "skipped" if self._rows[row][NUMBER] in self._skipped else "send"
            return None
        if column == STATUS:
            return self._status_data(row, role)
        return self._cell_data(row, column - FIRST_DATA, role)

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        if index.column() == SEND and role == Qt.ItemDataRole.CheckStateRole:
            self.set_skipped(index.row(), Qt.CheckState(value) != Qt.CheckState.Checked)
            return True
        if index.column() >= FIRST_DATA and role == Qt.ItemDataRole.EditRole:
            self._fix(index.row(), index.column() - FIRST_DATA, str(value))
            return True
        return False

    # --- cells ------------------------------------------------------------------------------

    def _status_data(self, row: int, role: int):
        state = self.state_of(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return state.value
        if role == Qt.ItemDataRole.DecorationRole:
            return dot(state)
        if role == Qt.ItemDataRole.ToolTipRole:
            issues = self._live.issues_for(self._rows[row][NUMBER]) if self._live else ()
            lines = [f"{i.column or 'Row'}: {i.message}" for i in issues]
            if state is RowState.SKIPPED:
                lines.insert(0, "Left out of the notice.")
            return "\n".join(lines) or "Ready to send."
        if role == Qt.ItemDataRole.ForegroundRole and state is RowState.SKIPPED:
            return _muted()
        return None

    def _cell_data(self, row: int, position: int, role: int):
        source = self._rows[row]
        assert self._table is not None
        column = self._table.columns[position]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._overrides.get((source[NUMBER], column), source[VALUES][position])
        if role == Qt.ItemDataRole.ForegroundRole and source[NUMBER] in self._skipped:
            return _muted()
        if role not in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            return None
        issues = (
            [i for i in self._live.issues_for(source[NUMBER]) if i.column == column] if self._live else []
        )
        if not issues:
            if role == Qt.ItemDataRole.ToolTipRole and (source[NUMBER], column) in self._overrides:
                return f"Fixed here; the file says “{source[VALUES][position]}”."
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(issue.message for issue in issues)
        error = any(issue.severity is Severity.ERROR for issue in issues)
        return tint(RowState.ERROR if error else RowState.WARNING)

    def _fix(self, row: int, position: int, value: str) -> None:
        assert self._table is not None and self._live is not None
        source = self._rows[row]
        column = self._table.columns[position]
        key, value = (source[NUMBER], column), value.strip()
        if value == source[VALUES][position]:
            self._overrides.pop(key, None)
        else:
            self._overrides[key] = value
        self._rows_changed(self._live.recheck(source[NUMBER], self._overrides))
        self.recipients_edited.emit()

    def _field_of(self, column: str) -> Field:
        assert self._mapping is not None
        if not self._mapping.identifiers[self._mapping.columns.index(column)]:
            return Field.IGNORE  # an ignored column has no identifier and no field
        return self._mapping.field_of(column)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _rows_changed(self, numbers: Iterable[int]) -> None:
        """Rows re-checked, by row number."""
        numbers = list(numbers)
        if len(numbers) > _ROWS_SIGNALLED_ONE_BY_ONE:
            self._all_changed()
            return
        for number in numbers:
            self._row_changed(bisect.bisect_left(self._rows, number, key=lambda source: source[NUMBER]))

    def _all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))


def _drop_later(garbage: list) -> None:
    """Free a replaced list on a later turn of the event loop: freeing 100,000 rows takes some
    10 ms, which should not add to the frame that shows the new list."""
    QTimer.singleShot(0, garbage.clear)


def _muted():
    return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
