"""The recipients view of a mass notice: import a list, see its marks, fix or skip rows, pick one to preview.

A thin widget over the core: `read_recipients` opens the file, the table model validates
through `validate`, and `merge_inputs()` hands an export exactly what the table shows.

The Import button reads and checks the list on a worker thread (list_job.py), with a
progress bar and Cancel in place of the summary, so a 100,000-row list never freezes the window;
`load()` does the same work on the spot for callers that want the list when it returns.
A long list is also checked again in the background when the template's fields or the
column mapping change. Results are applied on the GUI thread, and only the newest job's:
a second import started before the first ends wins, and so does the latest check.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
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
    required_recipient_fields,
)
from desktop.gui import dialogs
from desktop.gui.notice import list_job, questions
from desktop.gui.notice.inputs import MergeInputs
from desktop.gui.notice.list_job import ListJob
from desktop.gui.notice.live_report import READING, CheckedList, SheetQuestion, check_list, read_list
from desktop.gui.notice.marks import ERROR_TEXT
from desktop.gui.notice.summary import sentence
from desktop.gui.notice.table_model import FIELD_LABELS, FIRST_DATA, RecipientsTableModel

_MANY_COLUMN_FIELDS = frozenset({Field.ADDRESS, Field.EXTRA, Field.IGNORE})
LIST_FILTER = "Recipient lists (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)"
INLINE_ROWS = 2_000
"""Lists up to this many rows are checked again on the spot when the template's fields or the
column mapping change (a few milliseconds); longer ones on a worker thread."""
FIT_SAMPLE_ROWS = 50
"""Rows whose text sizes the columns after an import (those in sight first): a few
milliseconds, where Qt's default of 1,000 rows costs a frame or four on the GUI thread."""
SHOW_PROGRESS_AFTER_MS = 100
"""A job shows its progress once it has run this long: a short list never flashes a bar."""
_SUMMARY_PAGE, _PROGRESS_PAGE = 0, 1
_NO_MAXIMUM = (1 << 24) - 1  # Qt's QWIDGETSIZE_MAX


class RecipientsPanel(QWidget):
    recipients_changed = Signal()
    """A list was loaded, a row fixed, skipped or sent again, or the column mapping changed."""
    preview_recipient_changed = Signal(object)
    """The Recipient to preview the letter for, or None when there is no list."""
    load_finished = Signal(bool)
    """An import ended: True when the list is shown, False when it could not be read or was cancelled."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._model = RecipientsTableModel(self)
        self._fields: dict[str, Field] = {}
        """The user's own choices of field by column; guesses fill in the rest."""
        self._template_needs: tuple[str, ...] = ()
        self._output_needs: tuple[str, ...] = ()
        """What the output last chosen in the export dialog needs besides (an address for
        e-mail), so the tab marks as errors the rows that export would refuse."""
        self._start_folder = Path.home()
        self._jobs = 0
        """Numbers every job; a result counts only when its number is the one awaited."""
        self._import: ListJob | None = None
        self._import_path = Path()
        self._check: ListJob | None = None
        self._progress_due = QTimer(self, singleShot=True, interval=SHOW_PROGRESS_AFTER_MS)
        self._progress_due.timeout.connect(self._show_progress_page)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self._build_message())
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_navigator())
        self._model.recipients_edited.connect(self._edited)
        self._show_state()

    # --- building ---------------------------------------------------------------------------

    def _build_toolbar(self) -> QHBoxLayout:
        self._import_button = QPushButton("&Import…")
        self._import_button.setToolTip("Open a CSV or Excel (.xlsx) list with a header row")
        self._import_button.clicked.connect(self._import_requested)
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
        self._status = QStackedWidget()  # the summary, or the progress of a long job in its place
        self._status.addWidget(self._summary)
        self._status.addWidget(self._build_progress())
        row = QHBoxLayout()
        for widget in (self._import_button, self._columns, skip_button):
            row.addWidget(widget)
        row.addSpacing(12)
        row.addWidget(self._status, 1)
        return row

    def _build_progress(self) -> QWidget:
        """A bar, "Reading 40,000 of about 100,000 rows…" and Cancel, shown while a long job runs.

        It takes the summary's place rather than a row of its own: the table must not move
        or resize while a job runs, as repainting it then would wait on the job for the GIL
        once for every cell and so stall the window."""
        self._bar = QProgressBar()
        self._bar.setAccessibleName("Recipient list progress")
        self._bar.setTextVisible(False)
        self._bar.setMaximumWidth(200)
        self._progress = QLabel()
        self._progress.setAccessibleName("Recipient list progress text")
        self._progress.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._cancel = QPushButton("Cancel")
        self._cancel.setToolTip("Stop importing; the list shown now stays")
        self._cancel.setAccessibleName("Cancel import")
        self._cancel.clicked.connect(self.cancel_load)
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._bar)
        row.addWidget(self._progress, 1)
        row.addWidget(self._cancel)
        return page

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
        header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
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
        """Open a recipient list, here and now; False, with the reason shown in the panel, when it
        cannot be read. A long list blocks the window for a while: the Import button uses
        `load_async`. Supersedes an import still running."""
        self._end_import()
        path = Path(path)
        try:
            checked = read_list(path, sheet, self._model.required)
        except RecipientFileError as exc:
            self._import_failed(path, exc.reason)
            return False
        assert isinstance(checked, CheckedList)
        self._show_imported(checked)
        return True

    def load_async(self, path: Path, sheet: str | None = None) -> None:
        """Start reading and checking a list on a worker thread; returns at once.

        Progress shows in place of the summary after a moment; the list replaces the one shown
        when it is ready (`recipients_changed`, then `load_finished(True)`), or the reason it
        cannot be read shows in the panel (`load_finished(False)`). Supersedes an import still
        running.
        """
        self._start_import(Path(path), sheet, ask_sheet=False)

    def _start_import(self, path: Path, sheet: str | None, *, ask_sheet: bool) -> None:
        self._end_import()
        required = self._model.required
        job = ListJob(
            self._next_job(),
            lambda progress: read_list(path, sheet, required, progress, ask_sheet=ask_sheet),
        )
        job.succeeded.connect(self._import_succeeded)
        job.failed.connect(self._import_job_failed)
        self._import, self._import_path = job, path
        self._launch(job)

    def cancel_load(self) -> None:
        """Stop a running import; the list shown before stays."""
        if self._import is not None:
            self._end_import()
            self.load_finished.emit(False)
            self._check_if_needed()

    def is_busy(self) -> bool:
        """Whether an import or a background check is running."""
        return self._import is not None or self._check is not None

    def progress_text(self) -> str:
        """ "Reading 40,000 of about 100,000 rows…" while a long job runs, else ""."""
        return self._progress.text() if self._status.currentIndex() == _PROGRESS_PAGE else ""

    def set_required_fields(self, fields: tuple[str, ...]) -> None:
        """The template's `requires`; only its recipient fields matter here. Re-validates the list,
        in the background when it is long."""
        self._template_needs = required_recipient_fields(fields)
        self._require_now()

    def set_output_needs(self, fields: tuple[str, ...]) -> None:
        """What the output chosen for export needs of every row beyond the template's fields."""
        self._output_needs = required_recipient_fields(fields)
        self._require_now()

    def _require_now(self) -> None:
        extra = tuple(f for f in self._output_needs if f not in self._template_needs)
        required = (*self._template_needs, *extra)
        model = self._model
        if required == model.required:
            return
        inline = self._checks_inline()
        model.set_required(required, check=inline)
        if model.table is None:
            return
        if inline:
            self._show_state()
            self.recipients_changed.emit()
        else:
            self._check_if_needed()

    def merge_inputs(self) -> MergeInputs | None:
        """What an export needs from this view; None when no list is loaded.

        The report, mapping and required fields always belong together: while a long list is
        checked again for a new mapping or template, they are the ones of the last check."""
        model = self._model
        mapping, report = model.checked_mapping, model.report
        if model.table is None or mapping is None or report is None:
            return None
        return MergeInputs(
            model.table,
            mapping,
            model.skip_rows(),
            model.overrides(),
            report,
            model.checked_required,
            model.checked_rows,
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
        inline = self._checks_inline()
        self._model.set_mapping(new, check=inline)
        if inline:
            self._show_state()
            self.recipients_changed.emit()
        else:
            self._check_if_needed()
        self._emit_preview()
        return True

    # --- reacting ---------------------------------------------------------------------------

    def _import_requested(self) -> None:
        path = dialogs.ask_open_path(self, "Import recipients", self._start_folder, LIST_FILTER)
        if path is not None:
            self._start_import(path, None, ask_sheet=True)  # a workbook with sheets asks which

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

    # --- jobs ---------------------------------------------------------------------------------

    def _next_job(self) -> int:
        self._jobs += 1
        return self._jobs

    def _launch(self, job: ListJob) -> None:
        job.progressed.connect(self._job_progressed)
        job.finished.connect(self._show_progress)
        self.destroyed.connect(job.cancel, Qt.ConnectionType.DirectConnection)  # nobody awaits it
        list_job.start(job)
        if job is self._import:  # until the first rows are read (a workbook takes a while to open)
            self._show_job_state(f"Reading {self._import_path.name}…", 0, 0, cancel=True)
        elif self._import is None:
            self._show_job_state(f"Checking {self.row_count():,} rows…", 0, 0, cancel=False)
        if self._status.currentIndex() != _PROGRESS_PAGE:
            self._progress_due.start()

    def _end_import(self) -> None:
        """Forget the running import, if any: it stops soon, and what it says is ignored."""
        if self._import is not None:
            self._import.cancel()
            self._import = None
            self._show_progress()

    def _end_check(self) -> None:
        if self._check is not None:
            self._check.cancel()
            self._check = None
            self._show_progress()

    @Slot(int, object)
    def _import_succeeded(self, number: int, result: CheckedList | SheetQuestion) -> None:
        if self._import is None or number != self._import.number:
            return  # superseded or cancelled
        self._import = None
        if isinstance(result, CheckedList):
            self._show_imported(result)
            return
        self._show_progress()
        path = self._import_path
        sheet = questions.ask_sheet(self, path.name, result.names)
        if sheet is None:
            self.load_finished.emit(False)
            self._check_if_needed()
        else:
            self.load_async(path, sheet)

    @Slot(int, str)
    def _import_job_failed(self, number: int, reason: str) -> None:
        if self._import is None or number != self._import.number:
            return
        self._import = None
        self._import_failed(self._import_path, reason)

    def _show_imported(self, checked: CheckedList) -> None:
        self._end_check()  # it was checking the list now replaced
        self._fields = {}
        self._start_folder = checked.live.table.path.parent
        self._model.show_list(checked)
        self._fit_columns()
        self._show_state()
        self._spin.blockSignals(True)
        self._spin.setValue(1)
        self._spin.blockSignals(False)
        self._update_navigator()
        self._show_progress()
        self.recipients_changed.emit()
        self._emit_preview()
        self.load_finished.emit(True)
        self._check_if_needed()  # the template's fields changed while it was read

    def _import_failed(self, path: Path, reason: str) -> None:
        self._show_progress()
        self._show_problem(f"Could not import {path.name}: {reason}.")
        self.load_finished.emit(False)
        self._check_if_needed()

    def _checks_inline(self) -> bool:
        return self._model.rowCount() <= INLINE_ROWS

    def _check_if_needed(self) -> None:
        """Check the list again when its marks are for another mapping or template's fields: on
        the spot for a short list, else in the background (after any import, which replaces it)."""
        model = self._model
        if not model.check_pending() or self._import is not None:
            return
        if self._checks_inline():
            self._end_check()
            model.check_now()
            self._show_state()
            self.recipients_changed.emit()
            return
        self._end_check()
        table, rows, mapping, required, overrides = model.check_request()
        job = ListJob(
            self._next_job(),
            lambda progress: check_list(table, rows, mapping, required, overrides, progress),
        )
        job.succeeded.connect(self._check_succeeded)
        job.failed.connect(self._check_failed)
        self._check = job
        self._launch(job)

    @Slot(int, object)
    def _check_succeeded(self, number: int, checked: CheckedList) -> None:
        if self._check is None or number != self._check.number:
            return
        self._check = None
        self._show_progress()
        if self._model.apply_check(checked):
            self._show_state()
            self.recipients_changed.emit()
            self._emit_preview()
        self._check_if_needed()

    @Slot(int, str)
    def _check_failed(self, number: int, reason: str) -> None:
        if self._check is None or number != self._check.number:
            return
        self._check = None
        self._show_progress()
        self._show_problem(f"Could not check the list: {reason}.")

    @Slot(int, str, int, int)
    def _job_progressed(self, number: int, phase: str, done: int, total: int) -> None:
        job = self._import or self._check
        if job is None or number != job.number:
            return
        if phase != READING:
            text = f"Checking {done:,} of {total:,} rows…"
        elif total >= done:
            text = f"Reading {self._import_path.name}: {done:,} of about {total:,} rows…"
        else:  # a workbook, whose length is not known before the end, or a low estimate
            text = f"Reading {self._import_path.name}: {done:,} rows…"
            total = 0
        self._show_job_state(text, done, total, cancel=job is self._import)

    def _show_job_state(self, text: str, done: int, total: int, *, cancel: bool) -> None:
        self._bar.setRange(0, total)  # 0 to 0: a busy bar
        self._bar.setValue(done)
        self._progress.setText(text)
        self._cancel.setVisible(cancel)

    @Slot()
    def _show_progress_page(self) -> None:
        if not self.is_busy() or self._status.currentIndex() == _PROGRESS_PAGE:
            return
        # Keep the summary's height, whatever the pages' size hints say: see _build_progress.
        height = self._status.height() if self._status.isVisible() else 0
        self._status.setFixedHeight(max(height, self._status.widget(_PROGRESS_PAGE).sizeHint().height()))
        self._status.setCurrentIndex(_PROGRESS_PAGE)

    @Slot()
    def _show_progress(self) -> None:
        """Back to the summary when no job the progress reports on runs any more."""
        if self._import is not None or self._check is not None:
            return
        self._progress_due.stop()
        if self._status.currentIndex() != _SUMMARY_PAGE:
            self._status.setCurrentIndex(_SUMMARY_PAGE)
            self._status.setMinimumHeight(0)
            self._status.setMaximumHeight(_NO_MAXIMUM)
        self._progress.clear()

    # --- showing ----------------------------------------------------------------------------

    def _fit_columns(self) -> None:
        """Columns as wide as their first rows need (FIT_SAMPLE_ROWS of them, so any list is quick)."""
        self._view.resizeColumnsToContents()
        limit = max(self._view.fontMetrics().horizontalAdvance("m") * 24, 120)
        header = self._view.horizontalHeader()
        for section in range(FIRST_DATA, header.count()):
            header.resizeSection(section, min(header.sectionSize(section) + 8, limit))

    def _show_state(self) -> None:
        model = self._model
        self._columns.setEnabled(model.table is not None)
        self._skip_errors.setEnabled(model.has_errors_left())
        if model.table is None:
            self._summary.setText("No recipient list yet: import a CSV or Excel file with a header row.")
            self._message.hide()
        else:
            self._summary.setText(f"{model.table.path.name} — {model.summary_text()}")
            self._show_list_problems()
        self._update_navigator()

    def _show_list_problems(self) -> None:
        """Problems with the list as a whole (a column the template needs is missing) above the table."""
        whole = [i for i in self._model.header_issues() if i.severity is Severity.ERROR]
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
