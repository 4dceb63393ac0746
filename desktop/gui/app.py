"""The composition root of the desktop app: builds the objects, wires them, runs the loop."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop import __version__, paths
from desktop.core.checker import Checker
from desktop.core.history import HistoryError, HistoryStore, default_history_path
from desktop.core.templates import TemplateCatalogue
from desktop.gui.main_window import MainWindow


def build_window(
    draft: Path | None = None, settings: QSettings | None = None, history_path: Path | None = None
) -> MainWindow:
    catalogue = TemplateCatalogue(paths.builtin_templates_dir(), [paths.user_templates_dir()])
    checker = Checker.from_files(sorted((paths.user_data_dir() / "rules").glob("*.toml")))
    history, history_message = open_history(history_path or default_history_path())
    window = MainWindow(catalogue, checker, settings or QSettings("Amends", "Amends"), history)
    if history_message:
        window.statusBar().showMessage(history_message)
    if draft is not None:
        window.open_path(draft)
    return window


def open_history(path: Path) -> tuple[HistoryStore | None, str | None]:
    """The letter history, or None and the reason: the app works without one, only the
    repeat-incident check and the record of what was sent are missing then."""
    try:
        store = HistoryStore(path)
    except (HistoryError, OSError, sqlite3.Error) as exc:
        return None, f"Letter history unavailable: {exc}"
    return store, store.message


def run_app(draft: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Amends")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Amends")
    window = build_window(draft)
    window.show()
    if draft is None:
        window.form.focus_first_field()
    return app.exec()
