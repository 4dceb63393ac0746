"""Never lose a letter: the recovery copy written a pause after each change, and File ▸
Recover Unsaved Drafts, which offers back what a crash or power cut left."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from desktop.core.draft_file import DraftFormatError
from desktop.core.recovery import RecoveryStore
from desktop.gui import dialogs
from desktop.gui.draft_session import DraftSession
from desktop.gui.file_actions import os_message

AUTOSAVE_MS = 2000
"""How long after the last change the recovery copy is written."""


class RecoveryActions(QObject):
    def __init__(
        self,
        window: QWidget,
        session: DraftSession,
        store: RecoveryStore | None,
        settle_unsaved: Callable[[], bool],
        status: Callable[[str, int], None],
    ):
        super().__init__(window)
        self._window = window
        self._session = session
        self.store = store
        self._settle_unsaved = settle_unsaved
        self._status = status
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.autosave)
        session.edited.connect(self._timer.start)
        session.replaced.connect(self.drop_copy)
        self.problem: str | None = None
        """Why the recovery folder cannot be used, worded for the user; None when it can."""
        if store is not None:
            self._claim(store)

    def _claim(self, store: RecoveryStore) -> None:
        try:
            store.claim()
        except OSError as exc:
            self.problem = unusable_folder_message(store.folder, exc)
            if isinstance(self._window, QMainWindow):
                label = QLabel("No recovery copies", objectName="recovery_problem")
                label.setToolTip(self.problem)
                label.setAccessibleName("Recovery copies are off")
                label.setAccessibleDescription(self.problem)
                self._window.statusBar().addPermanentWidget(label)

    def autosave(self) -> bool:
        """Write the recovery copy of an unsaved draft; a failure warns and loses nothing."""
        self._timer.stop()
        if self.store is None or not self._session.dirty:
            return False
        try:
            self.store.save(self._session.draft, self._session.path)
        except OSError as exc:
            self._status(f"Could not write the recovery copy: {os_message(exc)}", 10000)
            return False
        return True

    def drop_copy(self) -> None:
        """The draft was saved, replaced or closed: its recovery copy has done its job."""
        self._timer.stop()
        if self.store is not None:
            with contextlib.suppress(OSError):  # a stale copy is offered back later: harmless
                self.store.discard()

    def offer(self) -> bool:
        """Ask about each draft an interrupted session left; True when one was restored."""
        if self.store is None:
            return False
        entries = self.store.leftovers()
        if not entries:
            if self.problem:  # nothing could be listed: say why, not that there is nothing
                self._status(self.problem, 10000)
            else:
                self._status("There are no unsaved drafts to recover", 4000)
        while entries:
            choice = dialogs.choose_recovery(self._window, entries)
            if choice is None:
                return False
            action, entry = choice
            if action == "discard":
                self.store.discard(entry.session)
            elif self._restore(entry):
                return True
            entries = self.store.leftovers()
        return False

    def _restore(self, entry) -> bool:
        if not self._settle_unsaved():
            return False
        try:
            draft = self.store.load(entry)
        except DraftFormatError as exc:
            dialogs.show_error(self._window, "The draft cannot be recovered", str(exc))
            return False
        self._session.restore(draft, entry.origin)
        self.store.discard(entry.session)
        self.autosave()  # the copy now lives under this window's session
        return True


def unusable_folder_message(folder: Path, exc: OSError) -> str:
    """What an unusable recovery folder means for the user, naming the folder and the cause."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        reason = "a file is in the way of the folder"
    return (
        f"The recovery folder {folder} cannot be used ({reason}): unsaved drafts will not be "
        "auto-saved for recovery, so a crash would lose them, and drafts left there cannot be "
        "offered back. Save your work often."
    )
