"""Renders and checks the letter a short pause after the last edit, never on every keystroke.

Rendering (about 0.3 ms) and checking (about 2.5 ms for 400 words, 10 ms for 2,000) are
cheap enough to run in the timer callback on the GUI thread, which keeps the results in
step with the text: there is no stale result from a worker to reconcile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.checker import Checker
from desktop.core.checker.history import HistoryLookup
from desktop.core.document import Document
from desktop.core.merge.run import personalised
from desktop.core.model import Draft, Recipient
from desktop.core.templates import TemplateCatalogue, TemplateError
from desktop.core.writers.plain import to_text

DEBOUNCE_MS = 200


class LetterUpdater(QObject):
    letter_rendered = Signal(object)
    """The Document as it will be sent."""
    render_failed = Signal(str)
    findings_ready = Signal(list)

    def __init__(
        self,
        catalogue: TemplateCatalogue,
        checker: Checker,
        draft: Callable[[], Draft],
        parent: QObject | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        history: HistoryLookup | None = None,
    ):
        super().__init__(parent)
        self._catalogue = catalogue
        self._checker = checker
        self._draft = draft
        self._today = today
        self._history = history
        self._recipient: Recipient | None = None
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.update_now)
        self.document: Document | None = None
        self.findings: list = []

    def schedule(self) -> None:
        """Restart the pause: the update runs DEBOUNCE_MS after the last call."""
        self._timer.start()

    def set_preview_recipient(self, recipient: Recipient | None) -> None:
        """For a notice, preview the letter as one recipient of the list will get it."""
        self._recipient = recipient
        self.schedule()

    def update_now(self) -> None:
        self._timer.stop()
        draft = self._draft()
        shown = personalised(draft, self._recipient) if self._recipient else draft
        letter_text = None
        try:
            self.document = self._catalogue.render(shown, today=self._today())
        except (TemplateError, ValueError) as exc:
            self.document = None
            self.render_failed.emit(str(exc))
        else:
            letter_text = to_text(self.document)
            self.letter_rendered.emit(self.document)
        self.findings = self._checker.check_draft(
            draft,
            letter_text,
            today=self._today(),
            ignored=draft.ignored_findings,
            accepted=draft.accepted_findings,
            history=self._history,
        )
        self.findings_ready.emit(self.findings)
