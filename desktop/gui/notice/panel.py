"""The recipients view of a mass notice: import a list, see its marks, fix or skip rows, pick one to preview.

A thin widget over the core: `read_recipients` opens the file, the table model validates
through `validate`, and `merge_inputs()` hands an export exactly what the table shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.recipients import (
    Field,
    RecipientFileError,
    Severity,
    map_columns,
    read_recipients,
    required_recipient_fields,
    sheet_names,
)
from desktop.core.recipients.table import XLSX_SUFFIXES
from desktop.gui import dialogs
from desktop.gui.notice import questions
from desktop.gui.notice.held_rows import load_rows
from desktop.gui.notice.inputs import MergeInputs
from desktop.gui.notice.marks import ERROR_TEXT
from desktop.gui.notice.summary import sentence, summary_text
from desktop.gui.notice.table_model import FIELD_LABELS, FIRST_DATA, RecipientsTableModel

_MANY_COLUMN_FIELDS = frozenset({Field.ADDRESS, Field.EXTRA, Field.IGNORE})
LIST_FILTER = "Recipient lists (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)"


class RecipientsPanel(QWidget):
    recipients_changed = Signal()
    """A list was loaded, a row fixed, skipped or sent again, or the column mapping changed."""
    preview_recipient_changed = Signal(object)
    """The Recipient to preview the letter for, or None when there is no list."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._model = RecipientsTableModel(self)
        self._fields: dict[str, Field] = {}
        """The user's own choices of field by column; guesses fill in the rest."""
        self._start_folder = Path.home()
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self._build_message())
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_navigator())
        self._model.recipients_edited.connect(self._edited)
        self._show_state()

    # --- building ---------------------------------------------------------------------------

    def _build_toolbar(self) -> QHBoxLayout:
        self._import = QPushButton("&Import…")
        self._import.setToolTip("Open a CSV or Excel (.xlsx) list with a header row")
        self._import.clicked.connect(self._import_requested)
        self._columns = QPushButton("C&olumns…")
        self._columns.setToolTip("Say which column holds the name, the e-mail address, …")
        self._columns.clicked.connect(self._columns_requested)
        self._skip_errors = QAction("Skip all rows with &errors", self)
        self._skip_errors.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self._skip_errors.triggered.connect(self.skip_rows_with_errors)
        skip_button = QToolButton()
        skip_button.setDefaultAction(self._skip_errors)
        self.addAction(self._skip_errors)
        self._summary = QLabel(wordWrap=True)  # wraps rather than widening the whole window
        self._summary.setAccessibleName("Recipient list summary")
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        for widget in (self._import, self._columns, skip_button):
            row.addWidget(widget)
        row.addSpacing(12)
        row.addWidget(self._summary, 1)
        return row

    def _build_message(self) -> QLabel:
        self._message = QLabel(wordWrap=True)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        self._message.setStyleSheet(f"color: {ERROR_TEXT}")
        self._message.setAccessibleName("Recipient list problems")
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return self._message

    def _build_table(self) -> QTableView:
        self._view = QTableView()
        self._view.setAccessibleName("Recipients")
        self._view.setModel(self._model)
        self._view.setAlternatingRowColors(True)
        self._view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self._view.verticalHeader().setDefaultSectionSize(self._view.fontMetrics().height() + 8)
        header = self._view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu_requested)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        self._view.selectionModel().currentRowChanged.connect(
            lambda current, _old: self._follow(current.row())
        )
        return self._view

    def _build_navigator(self) -> QHBoxLayout:
        self._previous = QToolButton(text="◀", toolTip="Previous recipient (Alt+Left)")
        self._previous.setShortcut(QKeySequence("Alt+Left"))
        self._previous.setAccessibleName("Previous recipient")
        self._previous.clicked.connect(lambda: self.set_preview_index(self.preview_index() - 1))
        self._next = QToolButton(text="▶", toolTip="Next recipient (Alt+Right)")
        self._next.setShortcut(QKeySequence("Alt+Right"))
        self._next.setAccessibleName("Next recipient")
        self._next.clicked.connect(lambda: self.set_preview_index(self.preview_index() + 1))
        self._spin = QSpinBox()
        self._spin.setAccessibleName("Recipient to preview")
        self._spin.setGroupSeparatorShown(True)
        self._spin.valueChanged.connect(self._preview_moved)
        self._of = QLabel()
        label = QLabel("Preview recipient")
        label.setBuddy(self._spin)
        row = QHBoxLayout()
        for widget in (label, self._previous, self._spin, self._next, self._of):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    # --- public API -------------------------------------------------------------------------

    def load(self, path: Path, sheet: str | None = None) -> bool:
        """Open a recipient list; False, with the reason shown in the panel, when it cannot be read."""
        path = Path(path)
        try:
            table = read_recipients(path, sheet=sheet)
            rows = load_rows(table)
        except RecipientFileError as exc:
            self._show_problem(f"Could not import {path.name}: {exc.reason}.")
            return False
        self._fields = {}
        self._start_folder = path.parent
        self._model.set_list(table, rows)
        self._fit_columns()
        self._show_state()
        self._spin.blockSignals(True)
        self._spin.setValue(1)
        self._spin.blockSignals(False)
        self._update_navigator()
        self.recipients_changed.emit()
        self._emit_preview()
        return True

    def set_required_fields(self, fields: tuple[str, ...]) -> None:
        """The template's `requires`; only its recipient fields matter here. Re-validates the list."""
        self._model.set_required(required_recipient_fields(fields))
        if self._model.table is not None:
            self._show_state()
            self.recipients_changed.emit()

    def merge_inputs(self) -> MergeInputs | None:
        """What an export needs from this view; None when no list is loaded."""
        model = self._model
        if model.table is None or model.mapping is None or model.report is None:
            return None
        return MergeInputs(
            model.table, model.mapping, model.skip_rows(), model.overrides(), model.report, model.required
        )

    def preview_index(self) -> int:
        """1-based: "recipient 3 of 36"; 0 when there is no list."""
        return self._spin.value() if self.row_count() else 0

    def set_preview_index(self, n: int) -> None:
        if self.row_count():
            self._spin.setValue(max(1, min(n, self.row_count())))

    def row_count(self) -> int:
        return self._model.rowCount()

    def model(self) -> RecipientsTableModel:
        return self._model

    def view(self) -> QTableView:
        return self._view

    def summary_text(self) -> str:
        return self._summary.text()

    def message_text(self) -> str:
        return self._message.text()

    def skip_rows_with_errors(self) -> int:
        return self._model.skip_rows_with_errors()

    def set_column_fields(self, fields: dict[str, Field]) -> bool:
        """Use these fields for these columns; False when two of them claim a one-column field.

        A one-column field chosen for a column moves there from the column it was on before.
        """
        mapping = self._model.mapping
        if mapping is None:
            return False
        taken = set(fields.values()) - _MANY_COLUMN_FIELDS
        kept = {column: f for column, f in self._fields.items() if f not in taken}  # a field moves
        chosen = {**kept, **fields}
        try:
            new = map_columns(mapping.columns, chosen)
        except ValueError as exc:
            self._show_problem(sentence(str(exc)))
            return False
        self._fields = chosen
        self._model.set_mapping(new)
        self._show_state()
        self.recipients_changed.emit()
        self._emit_preview()
        return True

    # --- reacting ---------------------------------------------------------------------------

    def _import_requested(self) -> None:
        path = dialogs.ask_open_path(self, "Import recipients", self._start_folder, LIST_FILTER)
        if path is None:
            return
        sheet = None
        if path.suffix.lower() in XLSX_SUFFIXES:
            try:
                names = sheet_names(path)
            except RecipientFileError as exc:
                self._show_problem(f"Could not import {path.name}: {exc.reason}.")
                return
            if len(names) > 1:
                sheet = questions.ask_sheet(self, path.name, names)
                if sheet is None:
                    return
        self.load(path, sheet)

    def _columns_requested(self) -> None:
        mapping = self._model.mapping
        if mapping is None:
            return
        samples = self._model.row_values(0) if self.row_count() else ()
        fields = questions.ask_column_fields(self, mapping, samples)
        if fields is not None:
            self.set_column_fields(fields)

    def _header_menu_requested(self, point: QPoint) -> None:
        section = self._view.horizontalHeader().logicalIndexAt(point)
        mapping = self._model.mapping
        if mapping is None or section < FIRST_DATA:
            return
        column = mapping.columns[section - FIRST_DATA]
        menu = QMenu(self)
        menu.addSection(f"“{column}” holds")
        for field in Field:
            action = menu.addAction(FIELD_LABELS[field].capitalize())
            action.triggered.connect(lambda _checked=False, f=field: self.set_column_fields({column: f}))
        menu.exec(self._view.horizontalHeader().mapToGlobal(point))

    def _edited(self) -> None:
        self._show_state()
        self.recipients_changed.emit()
        self._emit_preview()

    def _preview_moved(self, _value: int) -> None:
        row = self.preview_index() - 1
        if row >= 0 and self._view.currentIndex().row() != row:
            self._view.selectRow(row)
        self._update_navigator()
        self._emit_preview()

    def _follow(self, row: int) -> None:
        """Selecting a row in the table previews that recipient."""
        if row >= 0:
            self.set_preview_index(row + 1)

    def _emit_preview(self) -> None:
        index = self.preview_index()
        self.preview_recipient_changed.emit(self._model.recipient_at(index - 1) if index else None)

    # --- showing ----------------------------------------------------------------------------

    def _fit_columns(self) -> None:
        """Columns as wide as their first rows need (Qt samples 1,000 rows, so any list is quick)."""
        self._view.resizeColumnsToContents()
        limit = max(self._view.fontMetrics().horizontalAdvance("m") * 24, 120)
        header = self._view.horizontalHeader()
        for section in range(FIRST_DATA, header.count()):
            header.resizeSection(section, min(header.sectionSize(section) + 8, limit))

    def _show_state(self) -> None:
        model = self._model
        has_list = model.table is not None
        self._columns.setEnabled(has_list)
        report = model.report
        errors = report is not None and bool(report.error_rows() - model.skip_rows())
        self._skip_errors.setEnabled(errors)
        if report is None or model.table is None:
            self._summary.setText("No recipient list yet: import a CSV or Excel file with a header row.")
            self._message.hide()
        else:
            self._summary.setText(f"{model.table.path.name} — {summary_text(report, model.skip_rows())}")
            self._show_list_problems()
        self._update_navigator()

    def _show_list_problems(self) -> None:
        """Problems with the list as a whole (a column the template needs is missing) above the table."""
        report = self._model.report
        assert report is not None
        whole = [i for i in report.issues if i.row == report.header_row and i.severity is Severity.ERROR]
        if whole:
            self._show_problem(" ".join(sentence(issue.message) for issue in whole))
        else:
            self._message.hide()

    def _show_problem(self, text: str) -> None:
        self._message.setText(text)
        self._message.show()

    def _update_navigator(self) -> None:
        count = self.row_count()
        self._spin.setEnabled(count > 0)
        self._spin.setRange(1 if count else 0, max(count, 0))
        self._of.setText(f"of {count:,}" if count else "(no list)")
        index = self.preview_index()
        self._previous.setEnabled(index > 1)
        self._next.setEnabled(0 < index < count)
