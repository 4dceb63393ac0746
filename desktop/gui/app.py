"""The composition root of the desktop app: builds the objects, wires them, runs the loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop import __version__, paths
from desktop.core.checker import Checker
from desktop.core.templates import TemplateCatalogue
from desktop.gui.main_window import MainWindow


def build_window(draft: Path | None = None, settings: QSettings | None = None) -> MainWindow:
    catalogue = TemplateCatalogue(paths.builtin_templates_dir(), [paths.user_templates_dir()])
    checker = Checker.from_files(sorted((paths.user_data_dir() / "rules").glob("*.toml")))
    window = MainWindow(catalogue, checker, settings or QSettings("Amends", "Amends"))
    if draft is not None:
        window.open_path(draft)
    return window


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
