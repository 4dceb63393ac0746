"""Runs the core's pipeline a short pause after the last edit, never on every keystroke.

The pipeline (desktop/core/compose.py) renders, checks and judges the letter; this object
only decides when to run it and tells the window what came out. With a shipped template,
rendering (about 0.2 ms) and checking (about 2.5 ms for 400 words, 10 ms for 2,000) are
cheap enough to run in the timer callback on the GUI thread, which keeps the results in
step with the text.

A template from the user's or the team's folder renders in a separate process and may take
up to its time limit (desktop/core/render_worker.py) before it is stopped. So for those the
letter is first rendered on a plain thread from a copy of the draft (Composer.prerender);
the catalogue remembers the result, and the pipeline then runs here on the GUI thread and
finds it at once. The window keeps handling typing meanwhile; a result overtaken by later
edits is dropped and the letter rendered again. The history lookup and the checker stay on
the GUI thread (the history's SQLite connection belongs to it).
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Callable, Collection
from concurrent.futures import Future

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.channels import Channel
from desktop.core.checker.history import HistoryLookup
from desktop.core.compose import Composed, Composer
from desktop.core.document import Document
from desktop.core.model import Draft, Recipient

DEBOUNCE_MS = 200
POLL_MS = 20
"""How often a render on the other thread is looked for: no Qt object is touched from it."""


class LetterUpdater(QObject):
    letter_rendered = Signal(object)
    """The Document as the preview shows it (merged values marked for highlighting)."""
    render_failed = Signal(str)
    findings_ready = Signal(list)

    def __init__(
        self,
        composer: Composer,
        draft: Callable[[], Draft],
        parent: QObject | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        history: HistoryLookup | None = None,
    ):
        super().__init__(parent)
        self.composer = composer
        self._draft = draft
        self._today = today
        self._history = history
        self._recipient: Recipient | None = None
        self._columns: Collection[str] | None = None
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._pause_over)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._collect)
        self._changes = 0
        """Counts every change the letter must catch up with."""
        self._shown = -1
        """The count the last update showed."""
        self._rendering: tuple[int, Future] | None = None
        """The render running on the other thread, and the count it started at."""
        self.composed: Composed | None = None
        threading.Thread(target=composer.catalogue.warm_up, name="amends-warm-up", daemon=True).start()

    @property
    def document(self) -> Document | None:
        return self.composed.document if self.composed else None

    @property
    def findings(self) -> list:
        return self.composed.findings if self.composed else []

    @property
    def busy(self) -> bool:
        """A shared template is rendering off the GUI thread."""
        return self._rendering is not None

    def schedule(self) -> None:
        """Restart the pause: the update runs DEBOUNCE_MS after the last call."""
        self._changes += 1
        self._timer.start()

    def set_preview_recipient(self, recipient: Recipient | None) -> None:
        """For a notice, preview the letter as one recipient of the list will get it."""
        self._recipient = recipient
        self.schedule()

    def set_columns(self, columns: Collection[str] | None) -> None:
        """The recipient list's merge names, or None when the letter has no list."""
        self._columns = None if columns is None else tuple(columns)
        self.schedule()

    def update_now(self) -> None:
        """The pipeline on the current draft, here and now: for tests and exports that need
        the result at once. With a shared template this may wait for its render, up to the
        worker's time limit."""
        self._timer.stop()
        self._shown = self._changes
        self.composed = self.composer.compose(
            self._draft(),
            recipient=self._recipient,
            columns=self._columns,
            today=self._today(),
            history=self._history,
            mark_merged=True,  # for the preview; `document` itself is the letter as it leaves
        )
        if self.composed.preview is None:
            problem = next((f.message for f in self.composed.findings if f.rule == "unrendered"), "")
            self.render_failed.emit(problem)
        else:
            self.letter_rendered.emit(self.composed.preview)
        self.findings_ready.emit(self.composed.findings)

    def compose_for(self, channel: Channel) -> Composed:
        """The verdict an exit acts on: the letter as `channel` carries it, for the same
        recipient and day as the window's. Its errors are among those the window shows, which
        judges the draft for every channel its template is written for."""
        return self.composer.compose(
            self._draft(),
            recipient=self._recipient,
            columns=self._columns,
            today=self._today(),
            history=self._history,
            channel=channel,
        )

    def update_soon(self) -> None:
        """`update_now` without the pause but never holding up the window: with a shipped
        template the same at once, with a shared one when its render (off this thread) ends.
        For a draft just opened or replaced."""
        self._changes += 1
        self._timer.stop()
        self._pause_over()

    def _pause_over(self) -> None:
        if not self.composer.catalogue.needs_worker(self._draft().template):
            self.update_now()
        elif self._rendering is None:
            self._render_elsewhere()
        # else the running render ends, finds itself overtaken and starts the next

    def _render_elsewhere(self) -> None:
        composer, draft = self.composer, copy.deepcopy(self._draft())
        recipient, today = copy.deepcopy(self._recipient), self._today()
        done: Future = Future()

        def render() -> None:
            try:
                composer.prerender(draft, recipient=recipient, today=today, mark_merged=True)
            finally:
                done.set_result(None)

        self._rendering = (self._changes, done)
        threading.Thread(target=render, name="amends-letter-render", daemon=True).start()
        self._poll.start()

    def _collect(self) -> None:
        if self._rendering is None or not self._rendering[1].done():
            return
        started_at, _done = self._rendering
        self._rendering = None
        self._poll.stop()
        if started_at == self._changes:
            if self._shown != started_at:
                self.update_now()  # finds the render remembered: no wait here
        elif self._shown != self._changes and not self._timer.isActive():
            self._render_elsewhere()  # edits came in meanwhile, and their pause is over
