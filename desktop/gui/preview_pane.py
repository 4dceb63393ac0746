"""The letter as it will be sent, formatted, as plain text or on paper, updated without jumping.

The HTML, the text and the pages all come from the core's writers, the same ones the exports
use, so what the preview shows is what leaves Amends.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QTextBrowser, QWidget

from desktop.core.document import Document
from desktop.core.merge_fields import MARK_END, MARK_START
from desktop.core.writers.docx import DocxLayout
from desktop.core.writers.html import to_html_page
from desktop.core.writers.plain import to_text
from desktop.gui.paged_view import PagedView

MERGED_STYLE = "background-color:#fff0a8"
"""A recipient's own values, merged into the writer's text, stand out on the paper."""


class PreviewPane(QTabWidget):
    def __init__(
        self, layout_source: Callable[[], DocxLayout | None] = lambda: None, parent: QWidget | None = None
    ):
        """`layout_source`: the paper, margins and logo the letter prints with, asked each time
        the pages are laid out (settings can change them while the window is open)."""
        super().__init__(parent)
        self._letter = QTextBrowser()
        self._letter.setAccessibleName("Letter preview")
        self._letter.setOpenLinks(False)
        _as_paper(self._letter)
        self._plain = QPlainTextEdit(readOnly=True)
        self._plain.setAccessibleName("Plain text preview")
        self.pages = PagedView(layout_source)
        self.addTab(self._letter, "&Letter")
        self.addTab(self._plain, "Plain &text")
        self.addTab(self.pages, "&Pages")
        self.setAccessibleName("Preview")
        self._shown: tuple[str, Document | None] | None = None

    def show_document(
        self, document: Document, paper: Document | None = None, by_email: bool = False
    ) -> None:
        """Replace the content, keeping both views where the reader had scrolled to.

        `document` is the letter by the template's main channel, `paper` the letter as printed
        when that is another (a notice e-mailed first), for the pages; `by_email` names the
        first tab for what it shows."""
        self.setTabText(0, "&E-mail" if by_email else "&Letter")
        marked = to_text(document)
        if self._shown == (marked, paper):
            return
        self._shown = (marked, paper)
        html = to_html_page(document).replace(MARK_START, f'<span style="{MERGED_STYLE}">')
        html = html.replace(MARK_END, "</span>")
        text = marked.replace(MARK_START, "").replace(MARK_END, "")
        _replace_keeping_scroll(self._letter, lambda: self._letter.setHtml(html))
        _replace_keeping_scroll(self._plain, lambda: self._plain.setPlainText(text))
        self.pages.show_document(paper or document)

    def show_problem(self, title: str, detail: str) -> None:
        self._shown = None
        self._letter.setHtml(f"<h3>{escape(title)}</h3><p>{escape(detail)}</p>")
        self._plain.setPlainText(f"{title}\n\n{detail}")
        self.pages.show_nothing()

    def plain_text(self) -> str:
        return self._plain.toPlainText()

    def html_view(self) -> QTextBrowser:
        return self._letter

    def plain_view(self) -> QPlainTextEdit:
        return self._plain


def _as_paper(view: QTextBrowser) -> None:
    """The formatted letter is shown on white, as it will be printed and as most mail
    clients show it, whatever the system palette; its colours are the letter's own."""
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1d1d1f"))
    view.setPalette(palette)


def _replace_keeping_scroll(view, replace) -> None:
    bar = view.verticalScrollBar()
    position = bar.value()
    replace()
    bar.setValue(min(position, bar.maximum()))
