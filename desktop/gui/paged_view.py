"""The letter on paper, page by page: the very pages the PDF draws.

The core lays the letter out (desktop/core/pages) with the widths of the font the PDF
embeds; this view paints those pages with the same font files, each piece of text where the
layout put it. A page break, a continuation header or a signature pushed over to page 2
shows here before anything is printed, and nowhere can the two disagree.

Laying a letter out costs a few milliseconds, but importing the PDF side costs more; it is
done only once the Pages tab is first shown, so a user who never opens it never pays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QWidget

from desktop.core import places
from desktop.core.document import (
    AddressBlock,
    Block,
    BulletList,
    Document,
    Heading,
    Letterhead,
    Paragraph,
    Runs,
    SignOff,
    Subject,
)
from desktop.core.merge_fields import MARK_END, MARK_START
from desktop.core.pages import Face, Page
from desktop.core.writers.docx import DocxLayout

GAP = 16
"""Grey space around and between pages, in pixels."""
MAX_SCALE = 1.6
"""Wider than this the page grows no more: a line of text stays a line one can read."""

_families: dict[Face, str] | None = None


def letter_fonts() -> dict[Face, str]:
    """The family Qt knows each face of the letter's font by, registering the shipped files
    once. A file Qt cannot read leaves that face to Qt's default font, not a blank page."""
    global _families
    if _families is None:
        from desktop.core.writers.pdf_fonts import FILES

        _families = {}
        for face, file_name in FILES.items():
            font_id = QFontDatabase.addApplicationFont(str(places.current().fonts / file_name))
            found = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            _families[face] = found[0] if found else QFont().family()
    return _families


def without_marks(document: Document) -> Document:
    """The document with the preview's merge marks taken out: they highlight the flowing
    preview, but on paper they would take up room the letter does not have."""
    return replace(document, blocks=tuple(_unmarked_block(block) for block in document.blocks))


def _unmarked_block(block: Block) -> Block:
    if isinstance(block, Subject | Heading | Paragraph):
        return replace(block, runs=_unmarked_runs(block.runs))
    if isinstance(block, BulletList):
        return replace(block, items=tuple(_unmarked_runs(item) for item in block.items))
    if isinstance(block, Letterhead | AddressBlock):
        return replace(block, lines=tuple(_unmarked(line) for line in block.lines))
    if isinstance(block, SignOff):
        return replace(
            block, closing=_unmarked(block.closing), lines=tuple(_unmarked(x) for x in block.lines)
        )
    return replace(block, text=_unmarked(block.text))  # DateLine, Salutation


def _unmarked_runs(runs: Runs) -> Runs:
    return tuple(replace(run, text=_unmarked(run.text)) for run in runs)


def _unmarked(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


class PagedView(QScrollArea):
    """Pages stacked down a grey desk, scaled to the view's width."""

    def __init__(self, layout_source: Callable[[], DocxLayout | None], parent: QWidget | None = None):
        super().__init__(parent)
        self._layout_source = layout_source
        self._writer = None
        self._writer_layout: DocxLayout | None = None
        self._document: Document | None = None
        self._stale = False
        self.canvas = PagesCanvas()
        self.setWidget(self.canvas)
        self.setWidgetResizable(True)
        self.setAccessibleName("Pages preview")
        self.setBackgroundRole(self.canvas.backgroundRole())

    def show_document(self, document: Document) -> None:
        self._document = document
        self._stale = True
        if self.isVisible():
            self.refresh()

    def show_nothing(self) -> None:
        self._document = None
        self._stale = False
        self.canvas.set_pages(())

    def refresh(self) -> None:
        """Lay the letter out again if it, or the paper it goes on, changed since last time."""
        if self._document is None or not (self._stale or self._layout_source() != self._writer_layout):
            return
        self._stale = False
        self.canvas.set_pages(self._pdf_writer().pages(without_marks(self._document)).pages)

    @property
    def pages(self) -> tuple[Page, ...]:
        self.refresh()
        return self.canvas.pages

    def _pdf_writer(self):
        from desktop.core.writers.pdf import PdfWriter

        layout = self._layout_source()
        if self._writer is None or layout != self._writer_layout:
            try:
                self._writer = PdfWriter(layout)
            except ValueError:  # a logo that cannot be read: the letter without it, as the DOCX
                self._writer = PdfWriter(replace(layout, logo=None) if layout else None)
            self._writer_layout = layout
            self.canvas.set_logo(self._writer.layout.logo)
        return self._writer

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)


class PagesCanvas(QWidget):
    """Paints laid-out pages; measures nothing, so it breaks no line differently."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pages: tuple[Page, ...] = ()
        self._logo: QPixmap | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("#8a8d91"))
        self.setPalette(palette)

    def set_logo(self, path: Path | None) -> None:
        self._logo = QPixmap(str(path)) if path is not None else None

    def set_pages(self, pages: tuple[Page, ...]) -> None:
        self.pages = pages
        self._fit_height()
        self.update()

    def _fit_height(self) -> None:
        """As tall as its pages at the current width, so the scroll area scrolls through them."""
        self.setMinimumHeight(self.sizeHint().height())

    def scale(self) -> float:
        widest = max((page.width for page in self.pages), default=595.0)
        return max(0.2, min(MAX_SCALE, (self.width() - 2 * GAP) / widest))

    def page_rects(self) -> list[QRectF]:
        """Where each page sits in the canvas, in pixels."""
        scale, top, rects = self.scale(), float(GAP), []
        for page in self.pages:
            width, height = page.width * scale, page.height * scale
            rects.append(QRectF((self.width() - width) / 2, top, width, height))
            top += height + GAP
        return rects

    def sizeHint(self) -> QSize:
        rects = self.page_rects()
        return QSize(400, int(rects[-1].bottom() + GAP) if rects else 200)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        scale = self.scale()
        exposed = QRectF(event.rect())
        for page, rect in zip(self.pages, self.page_rects(), strict=True):
            if not rect.intersects(exposed):
                continue
            painter.fillRect(rect.translated(3, 3), QColor(0, 0, 0, 60))
            painter.fillRect(rect, QColor("#ffffff"))
            painter.save()
            painter.translate(rect.topLeft())
            painter.scale(scale, scale)
            self._paint_page(painter, page)
            painter.restore()
        painter.end()

    def _paint_page(self, painter: QPainter, page: Page) -> None:
        for rule in page.rules:
            painter.setPen(QPen(QColor.fromRgbF(*rule.color), rule.width))
            painter.drawLine(QPointF(rule.x0, rule.y), QPointF(rule.x1, rule.y))
        for image in page.images:
            if self._logo is not None and not self._logo.isNull():
                painter.drawPixmap(QRectF(image.x, image.y, image.width, image.height), self._logo, QRectF())
        families = letter_fonts()
        dpi = self.logicalDpiY() or 96
        for line in page.lines:
            painter.setPen(QColor.fromRgbF(*line.color))
            for piece in line.pieces:
                font = QFont(families[piece.face])
                font.setBold(piece.face in (Face.BOLD, Face.BOLD_ITALIC))
                font.setItalic(piece.face in (Face.ITALIC, Face.BOLD_ITALIC))
                font.setPointSizeF(line.size * 72 / dpi)  # one unit is one point once scaled
                font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
                painter.setFont(font)
                painter.drawText(QPointF(line.x + piece.x, line.baseline), piece.text)
