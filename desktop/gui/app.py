"""The composition root of the desktop app: builds the objects, wires them, runs the loop."""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
import time
import uuid
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from desktop import __version__, paths
from desktop.core import places
from desktop.core.draft_file import DraftFormatError, load_draft
from desktop.core.history import HistoryError, HistoryStore, default_history_path
from desktop.core.profiles import ProfileCatalogue
from desktop.core.recovery import RecoveryStore
from desktop.core.settings import (
    compliance_dirs,
    docx_layout,
    known_words,
    load_effective,
    new_draft_defaults,
    rule_files,
    template_dirs,
    usable_checker,
)
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.docx import DocxLayout, DocxWriter
from desktop.gui.first_run import offer_regional_setup
from desktop.gui.folders import AppFolders
from desktop.gui.language_loading import start_language_loading
from desktop.gui.long_lived import set_aside_startup_objects
from desktop.gui.main_window import MainWindow


def build_window(
    draft: Path | None = None,
    settings: QSettings | None = None,
    history_path: Path | None = None,
    user_dir: Path | None = None,
    first_run: bool = False,
    language_later: bool = False,
) -> MainWindow:
    """`user_dir` (settings, own templates and rules) and `history_path` default to the
    user's data folder; tests pass their own.

    `first_run` asks where the user writes from when they have no settings file yet, before
    anything reads the settings; `run_app` sets it, and tests leave it off unless they are
    testing that question (every test has a fresh user folder, so it would be asked in each).

    `language_later` checks with the word rules alone until start_language_loading has the
    parser and the spelling dictionaries ready (run_app); tests have both loaded already.
    """
    places.use(paths.places())  # the window's starting point tells the core where things are
    if first_run:
        offer_regional_setup(user_dir)
    effective = load_effective(user_dir)
    recovery = RecoveryStore((user_dir or paths.user_data_dir()) / "recovery", uuid.uuid4().hex)
    checker, _rules, rule_problems = usable_checker(rule_files(effective))
    checker.known_words, word_problems = known_words(effective)
    if language_later:  # run_app: start_language_loading brings both in once the window shows
        checker.syntax.enabled = checker.spelling.enabled = False
    catalogue = TemplateCatalogue(paths.builtin_templates_dir(), template_dirs(effective))
    profiles = ProfileCatalogue(paths.builtin_profiles_dir(), compliance_dirs(effective))
    history, history_message = open_history(history_path or default_history_path())
    window = MainWindow(
        catalogue,
        checker,
        settings or QSettings("Amends", "Amends"),
        history,
        new_draft=lambda: new_draft_defaults(effective),
        layout=_layout_or_none(effective),
        recovery=recovery,
        reload_defaults=lambda: _defaults(load_effective(user_dir)),
        folders=AppFolders(
            examples=paths.examples_dir(),
            documents=paths.documents_dir(),
            user=user_dir or paths.user_data_dir(),
            site_settings=None
            if user_dir
            else paths.site_settings_file(),  # a test's folder: not this computer's
        ),
        profiles=profiles,
    )
    problems = [str(p) for p in (*effective.problems, *rule_problems, *word_problems, *catalogue.problems)]
    problems += [str(p) for p in profiles.problems]
    recovery_problem = [window.recovery.problem] if window.recovery.problem else []
    notes = [*recovery_problem, *problems[:1], *([history_message] if history_message else [])]
    if len(problems) > 1:
        notes.append(f"and {len(problems) - 1} more settings problem(s)")
    window.panels.announce_follow_ups()
    if notes:
        window.statusBar().showMessage("; ".join(notes))
    if draft is not None:
        window.files.open_path(draft)
    return window


def _defaults(effective):
    """What a settings change alters in a running window: new drafts and the DOCX page."""
    return (lambda: new_draft_defaults(effective)), _layout_or_none(effective)


def _layout_or_none(effective) -> DocxLayout | None:
    """The team's paper, margins and logo; a logo that cannot be read is left out, not fatal."""
    layout = docx_layout(effective)
    try:
        DocxWriter(layout)
    except ValueError:
        return dataclasses.replace(layout, logo=None)
    return layout


def open_history(path: Path) -> tuple[HistoryStore | None, str | None]:
    """The letter history, or None and the reason: the app works without one, only the
    repeat-incident check and the record of what was sent are missing then."""
    try:
        store = HistoryStore(path)
    except (HistoryError, OSError, sqlite3.Error) as exc:
        return None, f"Letter history unavailable: {exc}"
    return store, store.message


class SystemFileOpener(QObject):
    """Opens the drafts the system hands over while the app runs: macOS sends a draft
    double-clicked in Finder as a FileOpen event, never as a command-line argument."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            self._window.files.open_path(Path(event.file()))
            return True
        return super().eventFilter(watched, event)


def run_app(draft: Path | None = None, startup_check: bool = False) -> int:
    """`startup_check` opens the window, reports once the event loop has it shown, and
    quits, leaving any recovery copies alone: installers and IT run it to prove a fresh
    install starts, and the startup benchmark times it.

    A draft the check cannot open is reported on stderr with status 2, before any window:
    the window would say so in a message box, and nobody is there to close it."""
    if startup_check and draft is not None and (problem := _unreadable(draft)):
        print(f"amends: {problem}", file=sys.stderr, flush=True)
        return EXIT_UNREADABLE
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Amends")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Amends")
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "amends-256.png")))
    # An install check must never wait; the language model and dictionaries come after the window.
    window = build_window(draft, first_run=not startup_check, language_later=True)
    app.installEventFilter(SystemFileOpener(window))
    window.show()
    if not startup_check:  # an install check quits before a load could finish
        start_language_loading(window)
    set_aside_startup_objects()
    if draft is None:
        window.form.focus_first_field()
    if startup_check:
        QTimer.singleShot(0, lambda: _finish_startup_check(app, window, started, draft))
    elif window.recovery.store is not None and window.recovery.store.leftovers():
        window.recovery.offer()
    return app.exec()


EXIT_UNREADABLE = 2
"""As the command line's tools exit for a draft they cannot read."""


def _unreadable(draft: Path) -> str | None:
    """Why the draft cannot be opened, in the words File ▸ Open would show; None if it can."""
    try:
        load_draft(draft)
    except DraftFormatError as exc:
        return str(exc)
    return None


def _finish_startup_check(app: QApplication, window: MainWindow, started: float, draft: Path | None) -> None:
    elapsed_ms = (time.perf_counter() - started) * 1000
    words = len(window.preview.plain_text().split())
    ready = window.isVisible() and (draft is None or words > 0)
    verdict = "ready" if ready else "NOT ready"
    print(
        f"Amends {__version__}: window {verdict} {elapsed_ms:.0f} ms after Qt started; "
        f"the preview shows {words} words",
        flush=True,
    )
    window.close()
    app.exit(0 if ready else 1)
