"""A read-only window that shows a draft's letter as it will be sent.

The guided form, live checking and export come with the full desktop app; until then this
window lets a user open a draft or a built-in example and read the letter it produces.
"""

from __future__ import annotations

from html import escape as _escape
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QPlainTextEdit, QTabWidget, QTextBrowser

from desktop import paths
from desktop.core.draft_file import SUFFIX, DraftFormatError, load_draft
from desktop.core.templates import TemplateCatalogue, TemplateError
from desktop.core.writers.html import to_html_page
from desktop.core.writers.plain import to_text


class PreviewWindow(QMainWindow):
    def __init__(self, catalogue: TemplateCatalogue):
        super().__init__()
        self._catalogue = catalogue
        self._letter = QTextBrowser()
        self._letter.setAccessibleName("Letter preview")
        self._plain = QPlainTextEdit(readOnly=True)
        self._plain.setAccessibleName("Plain text preview")
        self._tabs = QTabWidget()
        self._tabs.addTab(self._letter, "Letter")
        self._tabs.addTab(self._plain, "Plain text")
        self.setCentralWidget(self._tabs)
        self._build_menus()
        self.resize(900, 1000)
        self.show_message(
            "No draft open",
            "Open a draft with File ▸ Open, or try one of the built-in examples under File ▸ Examples.",
        )

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open…", self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._choose_draft)
        file_menu.addAction(open_action)
        examples = file_menu.addMenu("&Examples")
        for path in sorted(paths.examples_dir().glob(f"*{SUFFIX}")):
            action = QAction(path.stem.replace("-", " ").capitalize(), self)
            action.triggered.connect(lambda _checked=False, p=path: self.open_draft(p))
            examples.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def _choose_draft(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open draft", str(paths.examples_dir()), f"Drafts (*{SUFFIX})"
        )
        if name:
            self.open_draft(Path(name))

    def open_draft(self, path: Path) -> bool:
        try:
            draft = load_draft(path)
            document = self._catalogue.render(draft)
        except (DraftFormatError, TemplateError) as exc:
            self.show_message(f"Cannot show {path.name}", str(exc))
            return False
        self._letter.setHtml(to_html_page(document))
        self._plain.setPlainText(to_text(document))
        self.setWindowTitle(f"{draft.title or path.stem} — Amends")
        return True

    def show_message(self, title: str, detail: str) -> None:
        self.setWindowTitle("Amends")
        self._letter.setHtml(f"<h2>{_escape(title)}</h2><p>{_escape(detail)}</p>")
        self._plain.setPlainText(f"{title}\n\n{detail}")

    def letter_text(self) -> str:
        return self._plain.toPlainText()
