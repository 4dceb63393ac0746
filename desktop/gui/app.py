"""The composition root of the desktop app: builds the window and runs the event loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop import __version__, paths
from desktop.core.templates import TemplateCatalogue
from desktop.gui.preview_window import PreviewWindow


def build_window(draft: Path | None = None) -> PreviewWindow:
    catalogue = TemplateCatalogue(paths.builtin_templates_dir(), [paths.user_templates_dir()])
    window = PreviewWindow(catalogue)
    if draft is not None:
        window.open_draft(draft)
    return window


def run_app(draft: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Amends")
    app.setApplicationVersion(__version__)
    window = build_window(draft)
    window.show()
    return app.exec()
