"""One merge run on a worker thread, reporting progress and its outcome by signal.

`run_merge` streams the list and renders letter after letter for seconds or minutes; on
the GUI thread that would freeze the window. The job checks the rows once more for the
chosen output (e-mail outputs need an address on every row), then runs the merge with a
`cancelled` callback reading a thread-safe flag, so Cancel takes effect between letters.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal, Slot

from desktop.core.merge import MergeCancelled, MergeRequest, MergeResult, run_merge
from desktop.core.merge.staging import describe as describe_cleared
from desktop.core.recipients import FileNameError, RecipientFileError, ValidationReport, validate
from desktop.core.templates import TemplateError
from desktop.gui.notice.summary import sentence

PROGRESS_INTERVAL = 0.03
"""Seconds between progress signals: often enough for a smooth bar, rare enough that 100,000
letters do not queue 100,000 events on the GUI thread."""


class MergeJob(QObject):
    progressed = Signal(int, int)
    """(letters written, letters in all)."""
    succeeded = Signal(object)
    """The MergeResult."""
    failed = Signal(str)
    """Why the run could not go ahead or stopped; nothing it wrote remains."""
    cancelled = Signal()
    cleared = Signal(str)
    """What an interrupted earlier run left and this one removed, said before the run goes on."""
    finished = Signal()
    """Emitted last, whatever the outcome."""

    def __init__(self, request: MergeRequest, recheck: tuple[str, ...] | None, leave_out_errors: bool):
        """`recheck`: the fields every row needs, when the request's report did not check them all."""
        super().__init__()
        self._request = request
        self._recheck = recheck
        self._leave_out_errors = leave_out_errors
        self._stop = threading.Event()
        self._last_signal = 0.0

    def cancel(self) -> None:
        """Safe from any thread: the run stops before its next letter."""
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            self._run()
        except MergeCancelled:
            self.cancelled.emit()
        except (FileNameError, RecipientFileError, TemplateError, OSError, ValueError) as exc:
            self.failed.emit(sentence(str(exc)))
        except Exception as exc:  # a bug must still end the run visibly, not kill the thread silently
            self.failed.emit(f"The export stopped unexpectedly ({type(exc).__name__}: {exc}).")
        finally:
            self.finished.emit()

    def _run(self) -> None:
        request = self._request
        if self._recheck is not None or request.report is None:
            request.report = validate(request.table, request.mapping, self._recheck or (), request.overrides)
        report = request.report
        errors = report.error_rows() - set(request.skip_rows)
        if errors and not self._leave_out_errors:
            self.failed.emit(_errors_left(sorted(errors), report))
            return
        request.skip_rows = frozenset(request.skip_rows) | errors
        total = report.summary.rows - len(request.skip_rows)
        result: MergeResult = run_merge(
            request,
            progress=self._progress,
            cancelled=self._stop.is_set,
            total=total,
            cleared_now=lambda debris: self.cleared.emit(sentence(describe_cleared(debris))),
        )
        self.progressed.emit(result.written, total)
        self.succeeded.emit(result)

    def _progress(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if done == 1 or done == total or now - self._last_signal >= PROGRESS_INTERVAL:
            self._last_signal = now
            self.progressed.emit(done, total or 0)


def _errors_left(rows: list[int], report: ValidationReport) -> str:
    shown = ", ".join(str(row) for row in rows[:5]) + (" …" if len(rows) > 5 else "")
    first = report.issues_for(rows[0])[0].message
    return (
        f"{len(rows):,} row(s) have errors for this output (rows {shown}; row {rows[0]}: {first}). "
        "Fix or skip them in the recipient list, or tick “Leave out rows with errors”."
    )
