"""How a row's state looks: one small coloured dot per severity, and a translucent tint for cells.

Tints are translucent so they sit on the palette's own base colour and read the same in a
light or a dark theme; the dots are drawn rather than taken from the style, whose message
box icons are too large for a table row and differ between platforms.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap


class RowState(StrEnum):
    READY = "Ready"
    WARNING = "Warning"
    ERROR = "Error"
    SKIPPED = "Skipped"


_COLOURS = {
    RowState.READY: QColor(46, 160, 67),
    RowState.WARNING: QColor(219, 143, 0),
    RowState.ERROR: QColor(214, 48, 49),
    RowState.SKIPPED: QColor(140, 140, 140),
}
_TINTS = {state: QColor(c.red(), c.green(), c.blue(), 64) for state, c in _COLOURS.items()}
"""Made once: painting asks for a tint per visible cell, many times a second while scrolling."""

ERROR_TEXT = "#d63031"
"""Inline error messages: a red that reads on light and dark backgrounds alike."""


def tint(state: RowState) -> QColor | None:
    """The background of a cell with a problem of this kind; None for a cell without one."""
    if state not in (RowState.WARNING, RowState.ERROR):
        return None
    return _TINTS[state]


@cache
def dot(state: RowState, size: int = 12) -> QIcon:
    """A filled circle in the state's colour (a ring for a skipped row)."""
    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size: crisp on high-DPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = _COLOURS[state]
    if state is RowState.SKIPPED:
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
    painter.drawEllipse(2, 2, size - 4, size - 4)
    painter.end()
    return QIcon(pixmap)
