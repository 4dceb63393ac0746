"""Bringing the language model and the spelling dictionaries in after the window shows,
without the window waiting.

Harper's dictionaries take about a second to build, spaCy's import and the model's load
another, and parsing a long letter for the first time a few hundred milliseconds more. All
of it happens on a thread: until it is done the checker uses its word rules alone; then
the letter is checked again, with every sentence already parsed, so that first full check
costs the window nothing either.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop.core.checker import Checker
from desktop.core.fields import prose_texts
from desktop.core.language import ModelUnavailable
from desktop.core.model import Draft
from desktop.core.spelling import shared_checker

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

POLL_MS = 50


class LanguageLoading(QObject):
    def __init__(
        self,
        checker: Callable[[], Checker],
        draft: Callable[[], Draft],
        recheck: Callable[[], None],
        status: Callable[[str], None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._checker, self._draft, self._recheck, self._status = checker, draft, recheck, status
        self._done = threading.Event()
        self._error: ModelUnavailable | None = None
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._collect)

    def start(self) -> None:
        checker = self._checker()
        checker.syntax.enabled = checker.spelling.enabled = False
        draft = self._draft()
        texts = [text for _path, text in prose_texts(draft)]
        threading.Thread(
            target=self._load, args=(checker, texts, draft.locale), name="amends-language", daemon=True
        ).start()
        self._poll.start()

    @property
    def finished(self) -> bool:
        return self._done.is_set() and not self._poll.isActive()

    def _load(self, checker: Checker, texts: list[str], locale: str) -> None:
        # Harper builds its dictionaries in Rust, beside spaCy's imports: 1.3 s for both
        # together where one after the other took 1.8.
        spelling = threading.Thread(target=shared_checker().warm_up, args=(locale,), name="amends-spelling")
        spelling.start()
        try:
            checker.syntax.parses.model.load()
            checker.syntax.warm(texts)  # parses whether or not checks may use them yet
        except ModelUnavailable as error:
            self._error = error
        finally:
            spelling.join()
            self._done.set()

    def _collect(self) -> None:
        if not self._done.is_set():
            return
        self._poll.stop()
        checker = self._checker()
        checker.spelling.enabled = True
        if self._error is not None:
            self._status(f"{self._error}; checking with word rules only")
        else:
            checker.syntax.enabled = True
        self._recheck()


def start_language_loading(window: MainWindow) -> LanguageLoading:
    """Started by run_app once the window shows; tests build windows with the model loaded."""
    loading = LanguageLoading(
        lambda: window.updater.composer.checker,
        lambda: window.session.draft,
        window.updater.update_soon,
        window.statusBar().showMessage,
        window,
    )
    loading.start()
    return loading
