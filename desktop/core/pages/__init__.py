"""A letter laid out on paper: pages of positioned lines, the same for every painter.

The PDF writer (desktop/core/writers/pdf.py) draws these pages, and the window's paged
preview is meant to paint the very same ones, so what the user sees before printing is what
prints. Nothing here knows ReportLab or Qt: text is measured through `FontMetrics`.
"""

from desktop.core.pages.layout import PageLayout
from desktop.core.pages.metrics import FontMetrics
from desktop.core.pages.model import Color, Face, ImageBox, LaidOutLetter, Line, Page, Piece, Rule

__all__ = [
    "Color",
    "Face",
    "FontMetrics",
    "ImageBox",
    "LaidOutLetter",
    "Line",
    "Page",
    "PageLayout",
    "Piece",
    "Rule",
]
