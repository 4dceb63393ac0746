"""The export of a mass notice: choose an output, watch the progress, cancel, open the result.

The dialog only gathers a MergeRequest and shows what the run reports; the run itself is
the core's `run_merge` on a worker thread (merge_job.py), so the window keeps painting and
typing elsewhere never waits. A cancelled or failed run leaves nothing behind: that is
`run_merge`'s promise, and the dialog says so.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.channels import Channel
from desktop.core.merge import MergeRequest, MergeResult, OutputKind
from desktop.core.merge.checks import list_errors, output_problem, required_row_fields, sender_problem
from desktop.core.merge.profile_rows import RowVerdict, skip_reasons
from desktop.core.merge.run import DEFAULT_NAME_PATTERN, output_namer
from desktop.core.merge_fields import draft_uses
from desktop.core.model import Draft
from desktop.core.recipients import (
    FileNameError,
    RecipientFileError,
    RecipientRow,
    Severity,
    ValidationReport,
    iter_recipients,
)
from desktop.core.templates import TemplateCatalogue, TemplateError
from desktop.core.writers.docx import DocxLayout
from desktop.gui import dialogs
from desktop.gui.notice.inputs import MergeInputs
from desktop.gui.notice.marks import ERROR_TEXT
from desktop.gui.notice.merge_job import MergeJob
from desktop.gui.notice.output_check import OutputReports
from desktop.gui.notice.summary import sentence

KINDS = (
    (OutputKind.DOCX, "One &DOCX for print", "Every letter in one document, each on a new page."),
    (OutputKind.DOCX_EACH, "One DOCX &per recipient", "A folder of letters, named by the pattern below."),
    (OutputKind.EML, "&E-mail drafts (.eml)", "A folder of drafts to open in a mail program and send."),
    (OutputKind.CSV, "&CSV for a mail platform", "Address, subject and message bodies, one row each."),
    (OutputKind.PDF, "One PD&F for print", "Every letter in one PDF, each on a new page."),
    (OutputKind.PDF_EACH, "One PDF pe&r recipient", "A folder of PDF letters, named by the pattern below."),
)
_DEFAULT_NAMES = {
    OutputKind.DOCX: "{stem}-letters.docx",
    OutputKind.DOCX_EACH: "{stem}-letters",
    OutputKind.EML: "{stem}-emails",
    OutputKind.CSV: "{stem}-mail-platform.csv",
    OutputKind.PDF: "{stem}-letters.pdf",
    OutputKind.PDF_EACH: "{stem}-letters-pdf",
}
_FILTERS = {
    OutputKind.DOCX: "Word documents (*.docx)",
    OutputKind.PDF: "PDF documents (*.pdf)",
    OutputKind.CSV: "CSV files (*.csv)",
}
_FOR = {
    OutputKind.DOCX: "a print document",
    OutputKind.DOCX_EACH: "letter files",
    OutputKind.EML: "e-mail drafts",
    OutputKind.CSV: "a mail platform",
    OutputKind.PDF: "a print PDF",
    OutputKind.PDF_EACH: "PDF letter files",
}
"""How a message names each output: "2 row(s) have errors for e-mail drafts"."""


class ExportNoticeDialog(QDialog):
    finished_export = Signal(object)
    """The MergeResult of a run that completed."""
    export_progressed = Signal(int, int)
    """(letters written, letters in all), a few dozen times a second at most."""
    output_chosen = Signal(object)
    """The OutputKind the user picked (not emitted for the one the dialog opens with)."""
    export_stopped = Signal(str)
    """A run ended without output: cancelled, or the reason it could not go on."""

    def __init__(
        self,
        draft: Draft,
        catalogue: TemplateCatalogue,
        inputs: MergeInputs,
        parent: QWidget | None = None,
        layout: DocxLayout | None = None,
        override: str = "",
        start_folder: Callable[[OutputKind], Path] | None = None,
        held_rows: Callable[[Channel], list[RowVerdict]] | None = None,
    ):
        """`layout`: the paper, margins and logo from the settings, as a single letter gets.
        `held_rows`: the rows whose letter, as that channel carries it, fails its reader's
        compliance profiles (core/merge/profile_rows.py); they count as rows with errors.
        `override`: why the notice goes out although errors block it; kept in the manifest.
        `start_folder`: where an output of that kind goes until the user picks a place (the
        window's remembered folder, else Documents/Amends); without it, beside the list."""
        super().__init__(parent)
        self.override = override
        self.setWindowTitle("Export notice")
        self.setAccessibleName("Export notice")
        self._draft, self._catalogue, self._inputs = draft, catalogue, inputs
        self._page_layout = layout
        self._first_row: RecipientRow | bool | None = False  # False: not read yet
        self._output_chosen = False
        self._start_folder = start_folder or (lambda _kind: inputs.table.path.parent)
        self._held_rows = held_rows or (lambda _channel: [])
        self._held: dict[Channel, list[RowVerdict]] = {}
        self._thread: QThread | None = None
        self._job: MergeJob | None = None
        self._outcome: tuple[str, object] | None = None
        self._cleared_note = ""
        """What the run removed of an interrupted earlier one, for its report however it ends."""
        self._close_when_stopped = False
        self._needs: dict[OutputKind, tuple[str, ...]] = {}
        self._reports = OutputReports(inputs, self)
        """The rows checked for what each output needs: what the box and the run count as errors."""
        self._reports.ready.connect(self._checked)
        self._reports.progressed.connect(self._check_progressed)
        self._export_when_checked = False
        self._checking_text = ""
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_intro())
        layout.addWidget(self._build_kinds())
        layout.addLayout(self._build_destination())
        layout.addWidget(self._build_progress())
        layout.addWidget(self._build_buttons())
        self._kind_changed()
        self.resize(560, self.sizeHint().height())

    # --- building ---------------------------------------------------------------------------

    def _build_intro(self) -> QLabel:
        inputs = self._inputs
        skipped = len(inputs.skip_rows)
        text = f"{inputs.letters:,} letter{'s' if inputs.letters != 1 else ''} from {inputs.table.path.name}"
        if skipped:
            text += f" ({skipped:,} row{'s' if skipped != 1 else ''} left out)"
        intro = QLabel(text + ".")
        intro.setAccessibleName("What will be exported")
        return intro

    def _build_kinds(self) -> QGroupBox:
        box = QGroupBox("Output")
        layout = QVBoxLayout(box)
        self._kinds = QButtonGroup(self)
        for number, (kind, label, hint) in enumerate(KINDS):
            button = QRadioButton(label)
            button.setToolTip(hint)
            button.setAccessibleDescription(hint)
            self._kinds.addButton(button, number)
            layout.addWidget(button)
            note = QLabel(hint)
            note.setIndent(24)
            note.setEnabled(False)  # the disabled text colour: a quieter line under each choice
            layout.addWidget(note)
            button.setChecked(kind is OutputKind.DOCX_EACH)
        self._kinds.idToggled.connect(lambda _id, checked: checked and self._kind_changed())
        return box

    def _build_destination(self) -> QFormLayout:
        self._output = QLineEdit()
        self._output.setAccessibleName("Save to")
        self._output.textEdited.connect(self._output_edited)
        self._choose = QPushButton("C&hoose…")
        self._choose.clicked.connect(self._choose_requested)
        where = QHBoxLayout()
        where.addWidget(self._output, 1)
        where.addWidget(self._choose)
        self._pattern = QLineEdit(DEFAULT_NAME_PATTERN)
        self._pattern.setAccessibleName("File name pattern")
        self._pattern.setToolTip("Fields in braces: {name}, {first_name}, {last_name}, {account}, {row}, …")
        self._pattern.textChanged.connect(self._refresh)
        self._example = QLabel()
        self._example.setAccessibleName("First file name")
        self._leave_out = QCheckBox()
        self._leave_out.toggled.connect(self._refresh)
        self._problem = QLabel(wordWrap=True)
        self._problem.setStyleSheet(f"color: {ERROR_TEXT}")
        self._problem.setAccessibleName("Export problem")
        form = QFormLayout()
        form.addRow(_label("&Save to:", self._output), where)
        form.addRow(_label("File &names:", self._pattern), self._pattern)
        form.addRow("", self._example)
        form.addRow("", self._leave_out)
        form.addRow(self._problem)
        self._form = form
        return form

    def _build_progress(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self._bar = QProgressBar()
        self._bar.setAccessibleName("Export progress")
        self._bar.setTextVisible(True)
        self._bar.setFormat("")
        self._bar.setValue(0)
        self._status = QLabel(wordWrap=True)
        self._status.setAccessibleName("Export status")
        self._status.setOpenExternalLinks(False)
        layout.addWidget(self._bar)
        layout.addWidget(self._status)
        self._bar.hide()  # shown from the first run on: an empty bar before then says nothing
        return box

    def _build_buttons(self) -> QDialogButtonBox:
        self._buttons = QDialogButtonBox()
        self._export = self._buttons.addButton("E&xport", QDialogButtonBox.ButtonRole.AcceptRole)
        self._export.setDefault(True)
        self._close = self._buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._export.clicked.connect(self._export_requested)
        self._close.clicked.connect(self.reject)
        return self._buttons

    # --- public API -------------------------------------------------------------------------

    def start(self, kind: OutputKind, output: Path, name_pattern: str = DEFAULT_NAME_PATTERN) -> None:
        """Fill in the choices and press Export: what a test or a scripted caller does."""
        self._kinds.button(_kind_id(kind)).setChecked(True)
        self._output.setText(str(output))
        self._output_chosen = True
        self._pattern.setText(name_pattern)
        self._export_requested()

    def cancel(self) -> None:
        """Stop the run before its next letter; it removes what it wrote."""
        if self._job is not None:
            self._job.cancel()
            self._status.setText("Cancelling…")

    def is_running(self) -> bool:
        return self._thread is not None

    def kind(self) -> OutputKind:
        return KINDS[self._kinds.checkedId()][0]

    def problem_text(self) -> str:
        return self._problem.text()

    def example_text(self) -> str:
        return self._example.text()

    def status_text(self) -> str:
        return self._status.text()

    def progress_text(self) -> str:
        return self._bar.text()

    def reject(self) -> None:
        """Close, or while a run goes on, cancel it and close once it has cleaned up."""
        if self.is_running():
            self._close_when_stopped = True
            self.cancel()
            return
        self._export_when_checked = False
        self._reports.cancel()
        super().reject()

    # --- choosing ---------------------------------------------------------------------------

    def _kind_changed(self) -> None:
        self._export_when_checked = False
        kind = self.kind()
        self._pattern.setEnabled(kind.is_folder)
        self._form.setRowVisible(self._pattern, kind.is_folder)
        self._form.setRowVisible(self._example, kind.is_folder)
        if not self._output_chosen:
            stem = self._inputs.table.path.stem
            self._output.setText(str(self._start_folder(kind) / _DEFAULT_NAMES[kind].format(stem=stem)))
        self._refresh()
        self.output_chosen.emit(kind)

    def _output_edited(self, _text: str) -> None:
        self._output_chosen = True
        self._refresh()

    def _choose_requested(self) -> None:
        kind = self.kind()
        current = Path(self._output.text().strip() or self._start_folder(kind))
        if kind.is_folder:
            chosen = dialogs.ask_folder(self, "Export into folder", current)
        else:
            chosen = dialogs.ask_save_path(self, "Export notice as", current, _FILTERS[kind])
            if chosen is not None and chosen.suffix.lower() != kind.suffix:
                chosen = chosen.with_name(chosen.name + kind.suffix)
        if chosen is not None:
            self._output.setText(str(chosen))
            self._output_chosen = True
            self._refresh()

    def _refresh(self) -> None:
        """The live example name, the inline problem, and whether Export can be pressed.

        Errors are counted by the report for the chosen output (output_check.py), the one the
        run gets: the box to leave them out shows exactly when the run would refuse them."""
        report, problem = self._report()
        errors = self._inputs.unskipped_error_rows(report) if report is not None else []
        held = self._unskipped_held()
        errors = sorted({*errors, *(verdict.row for verdict in held)}) if report is not None else []
        self._form.setRowVisible(self._leave_out, bool(errors))
        self._leave_out.setText(f"Leave out the {len(errors):,} row(s) with errors (listed in the manifest)")
        example, pattern_problem = self._example_name()
        self._example.setText(f"First file: {example}" if example else "")
        problem = problem or pattern_problem or self._output_problem()
        if not problem and errors and not self._leave_out.isChecked():
            problem = _errors_problem(errors, report, self.kind(), held)  # type: ignore[arg-type]
        self._problem.setText(problem or "")
        self._form.setRowVisible(self._problem, bool(problem))
        self._export.setEnabled(not problem and not self.is_running())
        self._show_checking(report is None and not problem and self._reports.is_checking())

    def _report(self) -> tuple[ValidationReport | None, str | None]:
        """(the rows checked for the chosen output, None) or (None, why the export cannot go
        ahead whatever rows are left out); (None, None) while the rows are being checked."""
        kind = self.kind()
        try:
            needed = self._needed(kind)
        except TemplateError as exc:
            return None, sentence(exc.reason)
        if problem := sender_problem(self._draft.sender.email, kind):
            return (
                None,
                f"E-mail drafts need one sender address: {problem}. Change “Your e-mail” on the Sender step.",
            )
        report = self._reports.report_for(needed)
        if report is None:
            failure = self._reports.failure_for(needed)
            return None, sentence(failure) if failure else None
        whole_list = list_errors(report)
        if whole_list:
            return report, " ".join(sentence(issue.message) for issue in whole_list)
        return report, None

    def _needed(self, kind: OutputKind) -> tuple[str, ...]:
        """Every field each row needs for this output: the template's, an address for e-mail,
        the merge fields used without a fallback. TemplateError when the template is gone."""
        if kind not in self._needs:
            template = self._catalogue.get(self._draft.template)
            uses = draft_uses(self._draft)
            needed = required_row_fields(template.requires, kind, uses, self._inputs.mapping.merge_names)
            self._needs[kind] = tuple(sorted(set(needed) | set(self._inputs.required)))
        return self._needs[kind]

    def _show_checking(self, checking: bool) -> None:
        """ "Checking the rows for e-mail drafts…" under the choices while a long list is checked."""
        if checking and not self._checking_text:
            self._set_checking_text(f"Checking the rows for {_FOR[self.kind()]}…")
        elif not checking and self._checking_text:
            if self._status.text() == self._checking_text:
                self._status.clear()
            self._checking_text = ""

    def _set_checking_text(self, text: str) -> None:
        if self._export_when_checked:
            text += " The export starts when that is done."
        self._checking_text = text
        self._status.setText(text)

    @Slot(int, int)
    def _check_progressed(self, done: int, total: int) -> None:
        if self._checking_text:
            self._set_checking_text(f"Checking the rows for {_FOR[self.kind()]}: {done:,} of {total:,}…")

    @Slot()
    def _checked(self) -> None:
        """A long list's check for the chosen output is in: count its errors, and export if asked to."""
        self._refresh()
        if self._export_when_checked:
            self._export_when_checked = False
            self._export_requested()

    def _example_name(self) -> tuple[str, str | None]:
        """(the first recipient's file name, None) or ("", what is wrong with the pattern)."""
        kind = self.kind()
        if not kind.is_folder:
            return "", None
        try:
            namer = output_namer(self._pattern.text(), kind, self._inputs.mapping.identifiers)
        except FileNameError as exc:
            return "", sentence(str(exc))
        row = self._first_kept_row()
        return (namer.name_for(row) if row is not None else ""), None

    def _first_kept_row(self) -> RecipientRow | None:
        if self._first_row is False:
            inputs = self._inputs
            rows = iter_recipients(
                inputs.table, inputs.mapping, skip_rows=inputs.skip_rows, overrides=inputs.overrides
            )
            try:
                self._first_row = next(rows, None)
            except (RecipientFileError, ValueError):
                self._first_row = None
            finally:
                rows.close()
        return self._first_row  # type: ignore[return-value]

    def _output_problem(self) -> str | None:
        text = self._output.text().strip()
        if not text:
            return "Choose where to save the notice."
        problem = output_problem(Path(text).expanduser(), self.kind())
        return sentence(problem) if problem else None

    # --- running ----------------------------------------------------------------------------

    @Slot()
    def _export_requested(self) -> None:
        """Export now; after the check when the rows are still being checked for this output;
        else say, in the dialog and by `export_stopped`, why not."""
        self._refresh()
        if self.is_running():
            return
        report, problem = self._report()
        if report is None and problem is None:
            self._export_when_checked = True
            self._set_checking_text(self._checking_text or f"Checking the rows for {_FOR[self.kind()]}…")
            return
        if not self._export.isEnabled() or report is None:
            self.export_stopped.emit(self._problem.text() or problem or "")
            return
        try:
            request = self._request(report)
        except TemplateError as exc:
            self._problem.setText(sentence(exc.reason))
            self._form.setRowVisible(self._problem, True)
            return
        self._launch(MergeJob(request, None, self._leave_out.isChecked()))

    def _request(self, report: ValidationReport) -> MergeRequest:
        """The run to do, with the report of the rows checked for this output."""
        inputs, kind = self._inputs, self.kind()
        template = self._catalogue.get(self._draft.template)
        request = MergeRequest(
            draft=copy.deepcopy(self._draft),  # the form may change while the run goes on
            catalogue=self._catalogue,
            table=inputs.table,
            kind=kind,
            output=Path(self._output.text().strip()).expanduser(),
            mapping=inputs.mapping,
            template_id=template.id,
            name_pattern=self._pattern.text(),
            skip_rows=inputs.skip_rows,
            overrides=dict(inputs.overrides),
            report=report,
            layout=self._page_layout,
            override=self.override,
        )
        held = self._unskipped_held()
        if held and self._leave_out.isChecked():  # else the box is shown and Export is off
            request.skip_rows = frozenset(request.skip_rows) | {verdict.row for verdict in held}
            request.skip_reasons = skip_reasons(held)
        return request

    def _unskipped_held(self) -> list[RowVerdict]:
        """The rows the chosen output's letters fail the law for, worked out once per channel."""
        channel = self.kind().channel
        if channel not in self._held:
            self._held[channel] = self._held_rows(channel)
        skipped = self._inputs.skip_rows
        return [verdict for verdict in self._held[channel] if verdict.blocking and verdict.row not in skipped]

    def _launch(self, job: MergeJob) -> None:
        thread = QThread(self)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._job_succeeded)
        job.failed.connect(self._job_failed)
        job.cancelled.connect(self._job_cancelled)
        job.cleared.connect(self._job_cleared)
        job.finished.connect(thread.quit)
        thread.finished.connect(self._thread_finished)
        self._thread, self._job, self._outcome = thread, job, None
        self._cleared_note = ""
        self._set_running(True)
        self._bar.show()
        self._bar.setRange(0, max(self._inputs.letters, 1))
        self._bar.setValue(0)
        self._bar.setFormat(f"0 of {self._inputs.letters:,}")
        self._status.setText("Writing letters…")
        thread.start()

    def _set_running(self, running: bool) -> None:
        for widget in (*self._kinds.buttons(), self._output, self._choose, self._pattern, self._leave_out):
            widget.setEnabled(not running)
        if not running:
            self._pattern.setEnabled(self.kind().is_folder)
        self._export.setEnabled(not running)
        self._close.setText("Cancel" if running else "Close")

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self._bar.maximum() != max(total, 1):
            self._bar.setRange(0, max(total, 1))
        self._bar.setValue(done)
        self._bar.setFormat(f"{done:,} of {total:,}")
        self.export_progressed.emit(done, total)

    @Slot(object)
    def _job_succeeded(self, result: MergeResult) -> None:
        self._outcome = ("succeeded", result)

    @Slot(str)
    def _job_failed(self, reason: str) -> None:
        self._outcome = ("failed", reason)

    @Slot(str)
    def _job_cleared(self, note: str) -> None:
        self._cleared_note = note

    @Slot()
    def _job_cancelled(self) -> None:
        self._outcome = ("cancelled", None)

    @Slot()
    def _thread_finished(self) -> None:
        """The worker has stopped: only now is it safe to report, close, or start again."""
        # The job is Python's to delete (it has no parent; a deleteLater as well would free it
        # twice); the finished thread stays a child of the dialog until the dialog goes.
        self._thread, self._job = None, None
        self._set_running(False)
        outcome, value = self._outcome or ("failed", "The export stopped without saying why.")
        if outcome == "succeeded":
            self._show_result(value)  # type: ignore[arg-type]
        else:
            reason = "Cancelled: nothing was written." if outcome == "cancelled" else str(value)
            said = reason if outcome == "cancelled" else f"Not exported: {reason}"
            self._status.setText("\n".join(filter(None, [said, self._cleared_note])))
            self._bar.setValue(0)
            self._bar.setFormat("")
            self.export_stopped.emit(reason)
        self._refresh()
        if self._close_when_stopped:
            super().reject()
        elif outcome == "succeeded":
            self._offer_to_open(value)  # type: ignore[arg-type]

    def _show_result(self, result: MergeResult) -> None:
        lines = [f"Wrote {result.written:,} letter{'s' if result.written != 1 else ''} to {result.output}."]
        if self._cleared_note:
            lines.append(self._cleared_note)
        if result.skipped:
            lines.append(f"Left out {result.skipped:,} row(s); the manifest says why.")
        if result.warnings:
            lines.append(f"{len(result.warnings):,} warning(s): {result.warnings[0]}")
        lines.append(f"Manifest: {result.manifest.name}")
        self._status.setText("\n".join(lines))
        self.finished_export.emit(result)

    def _offer_to_open(self, result: MergeResult) -> None:
        answer = dialogs.ask_open_after_export(self, result.output)
        if answer == "file" and result.output.is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.output)))
        elif answer == "folder":
            folder = result.output if result.output.is_dir() else result.output.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic (Alt+S) moves the focus to its field."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _kind_id(kind: OutputKind) -> int:
    return next(number for number, (k, _label, _hint) in enumerate(KINDS) if k is kind)


def _errors_problem(
    errors: list[int], report: ValidationReport, kind: OutputKind, held: Sequence[RowVerdict] = ()
) -> str:
    """ "2 row(s) have errors for e-mail drafts (row 3: no value for E-mail (recipient.email), …)." """
    first = errors[0]
    listed = [i.message for i in report.issues_for(first) if i.severity is Severity.ERROR]
    lawful = [f.message for verdict in held if verdict.row == first for f in verdict.blocking]
    reason = (listed or lawful)[0]
    return (
        f"{len(errors):,} row(s) have errors for {_FOR[kind]} (row {first}: {reason}). "
        "Fix or skip them in the recipient list, or leave them out here."
    )
