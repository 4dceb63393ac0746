"""Reading or checking a recipient list on a worker thread, reporting progress and the outcome by signal.

Opening and checking 100,000 rows takes most of a second; on the GUI thread that freezes
the window, so the recipients view hands the work (live_report.read_list or check_list) to
a `ListJob` on its own QThread, as the export does with merge_job.py. Every signal carries
the job's number: the view keeps the number of the job it is waiting for and drops what
an older one says, so a newer import or check always wins. Cancel takes effect within a
thousand rows.

A job may outlive the view that started it (the window closes mid-import): its thread is
held here, not by the view, until it ends, and waited for when the program exits.
"""

from __future__ import annotations

import atexit
import gc
import sys
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from desktop.core.recipients import RecipientFileError
from desktop.gui.notice.held_rows import Cancelled
from desktop.gui.notice.live_report import CheckedList, PhaseProgress, SheetQuestion

PROGRESS_INTERVAL = 0.05
"""Seconds between progress signals: a smooth bar without flooding the GUI thread."""
SWITCH_INTERVAL = 0.001
"""Seconds a thread waits for the GIL before it asks the holder to let go, while a job runs
(Python's default is 5 ms; `sys.setswitchinterval` is the whole program's, and is put back
when the last job ends).

A job is pure Python, so it holds the GIL whenever it can, and every time the GUI thread
calls into Python (a key handler, a slot, each cell of a table it paints) it waits for the
job to hand it over. At 1 ms a keystroke waits about a millisecond for it rather than five
(bench_recipients_gui.py: p95 2 ms rather than 8 while a list is checked); the job pays
only when the GUI thread asks."""

JOB_GC_THRESHOLDS = (20_000, 10, 1_000)
"""The collector's thresholds while a job runs (Python's are 700, 10, 10).

A job makes objects by the hundred thousand, and at the usual thresholds the collector
runs a full collection every few thousand rows, each holding the GIL for tens of
milliseconds; keys wait for it (bench_window_recipients.py). Rarer young collections and
far rarer full ones cost the same in all and stall the window less often."""

Work = Callable[[PhaseProgress], CheckedList | SheetQuestion]


class ListJob(QObject):
    progressed = Signal(int, str, int, int)
    """(job number, READING or CHECKING, rows done, rows in all or 0 when not known)."""
    succeeded = Signal(int, object)
    """(job number, the CheckedList, or a SheetQuestion when the user must pick a sheet first)."""
    failed = Signal(int, str)
    """(job number, why the list could not be read, as a clause: "is empty: …")."""
    cancelled = Signal(int)
    finished = Signal()
    """Emitted last, whatever the outcome."""

    def __init__(self, number: int, work: Work):
        super().__init__()
        self.number = number
        self._work = work
        self._stop = threading.Event()
        self._last_signal = 0.0

    def cancel(self) -> None:
        """Safe from any thread: the job stops at its next progress call and says `cancelled`."""
        self._stop.set()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Cancelled:
            self.cancelled.emit(self.number)
        except RecipientFileError as exc:
            self.failed.emit(self.number, exc.reason)
        except Exception as exc:  # a bug must still end the job visibly, not kill the thread silently
            self.failed.emit(self.number, f"reading stopped unexpectedly ({type(exc).__name__}: {exc})")
        else:
            if self._stop.is_set():
                self.cancelled.emit(self.number)
            else:
                self.succeeded.emit(self.number, result)
        finally:
            self.finished.emit()

    def _progress(self, phase: str, done: int, total: int) -> None:
        if self._stop.is_set():
            raise Cancelled
        now = time.monotonic()
        if now - self._last_signal >= PROGRESS_INTERVAL:
            self._last_signal = now
            self.progressed.emit(self.number, phase, done, total)


class _Threads(QObject):
    """The running jobs and their threads, until each thread has finished."""

    def __init__(self):
        super().__init__()
        self.running: dict[QThread, ListJob] = {}
        self._usual_interval = sys.getswitchinterval()
        self._usual_thresholds = gc.get_threshold()

    def add(self, thread: QThread, job: ListJob) -> None:
        if not self.running:
            self._usual_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(self._usual_interval, SWITCH_INTERVAL))
            self._usual_thresholds = gc.get_threshold()
            gc.set_threshold(*JOB_GC_THRESHOLDS)
        self.running[thread] = job

    def remove(self, thread: QThread) -> None:
        del self.running[thread]
        if not self.running:
            sys.setswitchinterval(self._usual_interval)
            gc.set_threshold(*self._usual_thresholds)

    @Slot()
    def forget(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread) and thread in self.running:
            thread.wait()  # `finished` is emitted just before the thread really ends
            self.remove(thread)


_threads: _Threads | None = None


def start(job: ListJob) -> None:
    """Run `job` on a new thread; call from the GUI thread."""
    global _threads
    if _threads is None:
        _threads = _Threads()
        atexit.register(stop_all)
    thread = QThread()
    job.moveToThread(thread)
    thread.started.connect(job.run)
    job.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)  # ends without the GUI thread
    thread.finished.connect(_threads.forget)
    _threads.add(thread, job)
    thread.start()


def running() -> int:
    """Jobs whose thread has not been seen to finish yet."""
    return len(_threads.running) if _threads is not None else 0


def join(timeout_ms: int = 30_000) -> bool:
    """Wait for every job's thread to end, without running the event loop: what the jobs said
    stays queued for the GUI thread. False if one is still running after `timeout_ms`."""
    if _threads is None:
        return True
    return all(thread.wait(timeout_ms) for thread in list(_threads.running))


def stop_all(timeout_ms: int = 10_000) -> None:
    """Cancel every job and wait for its thread: a QThread must not be destroyed while it runs."""
    if _threads is None:
        return
    for thread, job in list(_threads.running.items()):
        job.cancel()
        thread.quit()
    for thread in list(_threads.running):
        thread.wait(timeout_ms)
        _threads.remove(thread)
