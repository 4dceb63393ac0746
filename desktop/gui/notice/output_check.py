"""Which rows are errors for the output chosen in the export dialog.

The recipients tab marks rows by what the template needs. An output may need more: e-mail
drafts and the mail-platform CSV need one good address on every row (a missing or malformed
address, only a warning on the tab, is an error there), and a merge field the writer used
without a fallback needs a value in every row. The export dialog asks here for the report of
the fields the chosen output needs and counts errors by it, so the box "Leave out the N
row(s) with errors" appears whenever the run would refuse to go on, with the count the run
would give, and the run is handed that same report.

A report is the core's `validate` over the rows the tab holds, with the tab's fixes, made once
per set of fields: on the spot for a short list, on a worker thread (list_job.py) for a long
one, so picking an output never freezes the window.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desktop.core.recipients import RecipientFileError, ValidationReport, validate
from desktop.gui.notice import list_job
from desktop.gui.notice.held_rows import validate_held
from desktop.gui.notice.inputs import MergeInputs
from desktop.gui.notice.list_job import ListJob
from desktop.gui.notice.live_report import CheckedList, check_list

INLINE_ROWS = 2_000
"""Lists up to this many rows are checked on the spot (a few milliseconds), as the tab does."""


class OutputReports(QObject):
    ready = Signal()
    """A report being made in the background is in, or could not be made (`failure_for`)."""
    progressed = Signal(int, int)
    """(rows checked, rows in all) while a report is made in the background."""

    def __init__(self, inputs: MergeInputs, parent: QObject | None = None):
        super().__init__(parent)
        self._inputs = inputs
        self._reports: dict[frozenset[str], ValidationReport] = {frozenset(inputs.required): inputs.report}
        self._job: ListJob | None = None
        self._job_fields: frozenset[str] = frozenset()
        self._jobs = 0
        self._failures: dict[frozenset[str], str] = {}
        """Why the report for these fields could not be made: asked again, it is not tried again."""

    def report_for(self, needed: Collection[str]) -> ValidationReport | None:
        """The report of every row checked for `needed` (with the fields the tab checked), or None
        while it is made in the background or when it could not be made (`failure_for` says why)."""
        fields = self._fields(needed)
        known = self._reports.get(fields)
        if known is not None or fields in self._failures:
            return known
        rows = self._inputs.rows
        if rows is None or len(rows) <= INLINE_ROWS:
            return self._check_now(fields)
        if self._job is None or self._job_fields != fields:
            self._start(fields)
        return None

    def failure_for(self, needed: Collection[str]) -> str:
        """Why the report for `needed` could not be made, as a clause; "" when it was or is being made."""
        return self._failures.get(self._fields(needed), "")

    def is_checking(self) -> bool:
        return self._job is not None

    def _fields(self, needed: Collection[str]) -> frozenset[str]:
        return frozenset(needed) | frozenset(self._inputs.required)

    def cancel(self) -> None:
        """Stop a background check; what it would have said is dropped."""
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def _check_now(self, fields: frozenset[str]) -> ValidationReport | None:
        inputs = self._inputs
        required = tuple(sorted(fields))
        try:
            if inputs.rows is None:  # the file itself, read again
                report = validate(inputs.table, inputs.mapping, required, inputs.overrides)
            else:
                report = validate_held(inputs.table, inputs.rows, inputs.mapping, required, inputs.overrides)
        except (RecipientFileError, ValueError) as exc:
            self._failures[fields] = f"could not check the list for this output: {exc}"
            return None
        self._reports[fields] = report
        return report

    def _start(self, fields: frozenset[str]) -> None:
        self.cancel()
        inputs = self._inputs
        table, rows, mapping, overrides = inputs.table, inputs.rows, inputs.mapping, dict(inputs.overrides)
        required = tuple(sorted(fields))
        self._jobs += 1
        job = ListJob(
            self._jobs, lambda progress: check_list(table, rows, mapping, required, overrides, progress)
        )
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.progressed.connect(self._progressed)
        self.destroyed.connect(job.cancel, Qt.ConnectionType.DirectConnection)  # nobody awaits it
        self._job, self._job_fields = job, fields
        list_job.start(job)

    def _current(self, number: int) -> bool:
        return self._job is not None and self._job.number == number

    @Slot(int, object)
    def _succeeded(self, number: int, checked: CheckedList) -> None:
        if not self._current(number):
            return
        self._job = None
        self._reports[self._job_fields] = checked.live.report()
        self.ready.emit()

    @Slot(int, str)
    def _failed(self, number: int, reason: str) -> None:
        if not self._current(number):
            return
        self._job = None
        self._failures[self._job_fields] = f"could not check the list for this output: {reason}"
        self.ready.emit()

    @Slot(int, str, int, int)
    def _progressed(self, number: int, _phase: str, done: int, total: int) -> None:
        if self._current(number):
            self.progressed.emit(done, total)
