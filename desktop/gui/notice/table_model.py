"""The recipient list as a table: one row per recipient, its validation marks, fixes and skips.

The model holds the rows as `SourceRow` tuples of strings (see held_rows.py), the user's
fixes as overrides {(row number, column): value} and the skipped row numbers: exactly what
`validate` and `run_merge` take, so what the table shows is what a merge will do. Editing a
cell never touches the file.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.core.model import Recipient
from desktop.core.recipients import (
    ColumnMapping,
    Field,
    IssueKind,
    RecipientTable,
    Severity,
    SourceRow,
    ValidationReport,
    map_columns,
)
from desktop.gui.notice.held_rows import recipient_of, revalidate_row, validate_held
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
    Field.TITLE: "title",
    Field.SALUTATION: "salutation",
    Field.ORGANISATION: "organisation",
    Field.ADDRESS: "address",
    Field.EXTRA: "merge field",
    Field.IGNORE: "ignored",
}

_Index = QModelIndex | QPersistentModelIndex


class RecipientsTableModel(QAbstractTableModel):
    recipients_edited = Signal()
    """A cell was fixed, a row skipped or sent again, or the marks changed with the mapping."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._table: RecipientTable | None = None
        self._rows: list[SourceRow] = []
        self._mapping: ColumnMapping | None = None
        self._required: tuple[str, ...] = ()
        self._overrides: dict[tuple[int, str], str] = {}
        self._skipped: set[int] = set()
        self._report: ValidationReport | None = None

    # --- what the panel reads -------------------------------------------------------------

    @property
    def table(self) -> RecipientTable | None:
        return self._table

    @property
    def mapping(self) -> ColumnMapping | None:
        return self._mapping

    @property
    def report(self) -> ValidationReport | None:
        return self._report

    @property
    def required(self) -> tuple[str, ...]:
        return self._required

    def overrides(self) -> dict[tuple[int, str], str]:
        return dict(self._overrides)

    def skip_rows(self) -> frozenset[int]:
        return frozenset(self._skipped)

    def row_number(self, index: int) -> int:
        """The spreadsheet row number of the table's row `index` (0-based)."""
        return self._rows[index].number

    def row_values(self, index: int) -> tuple[str, ...]:
        """The row's cells as the file has them, before any fix."""
        return self._rows[index].values

    def recipient_at(self, index: int) -> Recipient:
        assert self._table is not None and self._mapping is not None
        return recipient_of(self._table, self._rows[index], self._mapping, self._overrides)

    def state_of(self, index: int) -> RowState:
        number = self._rows[index].number
        if number in self._skipped:
            return RowState.SKIPPED
        issues = self._report.issues_for(number) if self._report else []
        if any(issue.severity is Severity.ERROR for issue in issues):
            return RowState.ERROR
        return RowState.WARNING if issues else RowState.READY

    # --- what the panel changes -----------------------------------------------------------

    def set_list(self, table: RecipientTable, rows: list[SourceRow], mapping: ColumnMapping | None = None):
        self.beginResetModel()
        self._table, self._rows = table, rows
        self._mapping = mapping or map_columns(table.columns)
        self._overrides.clear()
        self._skipped.clear()
        self._report = validate_held(table, rows, self._mapping, self._required, self._overrides)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._table, self._rows, self._mapping, self._report = None, [], None, None
        self._overrides.clear()
        self._skipped.clear()
        self.endResetModel()

    def set_mapping(self, mapping: ColumnMapping) -> None:
        self._mapping = mapping
        self._revalidate_all()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def set_required(self, required: tuple[str, ...]) -> None:
        self._required = required
        if self._table is not None:
            self._revalidate_all()

    def set_skipped(self, index: int, skipped: bool) -> None:
        number = self._rows[index].number
        if (number in self._skipped) == skipped:
            return
        (self._skipped.add if skipped else self._skipped.discard)(number)
        self._row_changed(index)
        self.recipients_edited.emit()

    def skip_rows_with_errors(self) -> int:
        """Skip every row that has an error; returns how many rows were newly skipped."""
        if self._report is None:
            return 0
        new = self._report.error_rows() - self._skipped
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
                return str(self._rows[section].number)
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
                skipped = self._rows[row].number in self._skipped
                return Qt.CheckState.Unchecked if skipped else Qt.CheckState.Checked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return "skipped" if self._rows[row].number in self._skipped else "send"
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
            issues = self._report.issues_for(self._rows[row].number) if self._report else []
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
            return self._overrides.get((source.number, column), source.values[position])
        if role == Qt.ItemDataRole.ForegroundRole and source.number in self._skipped:
            return _muted()
        if role not in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            return None
        issues = (
            [i for i in self._report.issues_for(source.number) if i.column == column] if self._report else []
        )
        if not issues:
            if role == Qt.ItemDataRole.ToolTipRole and (source.number, column) in self._overrides:
                return f"Fixed here; the file says “{source.values[position]}”."
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(issue.message for issue in issues)
        error = any(issue.severity is Severity.ERROR for issue in issues)
        return tint(RowState.ERROR if error else RowState.WARNING)

    def _fix(self, row: int, position: int, value: str) -> None:
        assert self._table is not None and self._mapping is not None and self._report is not None
        source = self._rows[row]
        column = self._table.columns[position]
        key, value = (source.number, column), value.strip()
        if value == source.values[position]:
            self._overrides.pop(key, None)
        else:
            self._overrides[key] = value
        if self._touches_duplicates(source.number, column):
            self._revalidate_all()
        else:
            self._report = revalidate_row(
                self._report, self._table, source, self._mapping, self._required, self._overrides
            )
            self._row_changed(row)
        self.recipients_edited.emit()

    def _touches_duplicates(self, number: int, column: str) -> bool:
        """Whether an edit may change which rows repeat an address: then every row is checked."""
        assert self._mapping is not None and self._report is not None
        if column in self._mapping.columns_for(Field.EMAIL):
            return True
        return any(i.kind is IssueKind.DUPLICATE_EMAIL for i in self._report.issues_for(number))

    def _revalidate_all(self) -> None:
        assert self._table is not None and self._mapping is not None
        self._report = validate_held(self._table, self._rows, self._mapping, self._required, self._overrides)
        self._all_changed()

    def _field_of(self, column: str) -> Field:
        assert self._mapping is not None
        if not self._mapping.identifiers[self._mapping.columns.index(column)]:
            return Field.IGNORE  # an ignored column has no identifier and no field
        return self._mapping.field_of(column)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))


def _muted():
    return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
