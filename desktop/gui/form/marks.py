"""The completion marks beside each step: drawn, so they stay crisp on high-DPI screens."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from desktop.core.form_steps import Completion

SYMBOLS = {Completion.COMPLETE: "✓", Completion.INCOMPLETE: "•", Completion.OPTIONAL_EMPTY: "○"}
"""The same marks as text, for tooltips and screen readers."""

# Mid-tone colours that read on light and dark backgrounds alike; the only fixed colours of the form.
_GREEN = QColor("#2e9d4f")
_AMBER = QColor("#e08a00")
_GREY = QColor("#8a8a8a")


def mark_icon(completion: Completion, size: int, ratio: float) -> QIcon:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(0, 0, size, size).adjusted(size * 0.12, size * 0.12, -size * 0.12, -size * 0.12)
    if completion is Completion.COMPLETE:
        _draw_check(painter, box)
    elif completion is Completion.INCOMPLETE:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_AMBER)
        painter.drawEllipse(box.adjusted(size * 0.08, size * 0.08, -size * 0.08, -size * 0.08))
    else:
        painter.setPen(QPen(_GREY, max(1.0, size / 12)))
        painter.drawEllipse(box.adjusted(size * 0.15, size * 0.15, -size * 0.15, -size * 0.15))
    painter.end()
    return QIcon(pixmap)


def _draw_check(painter: QPainter, box: QRectF) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_GREEN)
    painter.drawEllipse(box)
    tick = QPainterPath(QPointF(box.left() + box.width() * 0.27, box.top() + box.height() * 0.52))
    tick.lineTo(box.left() + box.width() * 0.44, box.top() + box.height() * 0.69)
    tick.lineTo(box.left() + box.width() * 0.74, box.top() + box.height() * 0.34)
    pen = QPen(QColor("white"), box.width() / 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(tick)
