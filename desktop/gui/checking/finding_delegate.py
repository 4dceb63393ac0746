"""Paints a finding as two lines (the message, then where it is) and a group with its colour.

The default delegate can only draw one style of text per row; the second, quieter line lets
the writer scan messages while still seeing which field each one is about.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView, QWidget

from desktop.gui.checking.colors import severity_color
from desktop.gui.checking.findings_model import DETAIL_ROLE, FINDING_ROLE, SEVERITY_ROLE

_PAD = 4
_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
AnyIndex = QModelIndex | QPersistentModelIndex


def _dot(color: QColor, size: int = 10) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def _detail_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
    return small


class FindingDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        if index.data(FINDING_ROLE) is None:
            self._paint_group(painter, option, index)
        else:
            self._paint_finding(painter, option, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        hint = super().sizeHint(option, index)
        if index.data(FINDING_ROLE) is None:
            return QSize(hint.width(), hint.height() + _PAD)
        width = self._text_width(option, index)
        message, detail = self._texts(index)
        height = QFontMetrics(option.font).boundingRect(QRect(0, 0, width, 10_000), _WRAP, message).height()
        small = QFontMetrics(_detail_font(option.font))
        height += small.boundingRect(QRect(0, 0, width, 10_000), _WRAP, detail).height()
        return QSize(hint.width(), height + 3 * _PAD)

    # Painting -----------------------------------------------------------------------------

    def _paint_group(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.font.setBold(True)
        opt.icon = _dot(severity_color(index.data(SEVERITY_ROLE), opt.palette))
        opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        opt.decorationSize = QSize(10, 10)
        self._style(opt).drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

    def _paint_finding(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        message, detail = self._texts(index)
        opt.text = ""
        style = self._style(opt)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        accepted = index.data(FINDING_ROLE).accepted
        area = opt.rect.adjusted(_PAD, _PAD, -_PAD, -_PAD)
        painter.save()
        font = QFont(opt.font)
        font.setItalic(accepted)
        painter.setFont(font)
        painter.setPen(self._pen(opt.palette, selected, quiet=accepted))
        used = painter.boundingRect(area, _WRAP, message)
        painter.drawText(area, _WRAP, message)
        painter.setFont(_detail_font(opt.font))
        painter.setPen(self._pen(opt.palette, selected, quiet=True))
        painter.drawText(area.adjusted(0, used.height() + _PAD, 0, 0), _WRAP, detail)
        painter.restore()

    # Helpers ------------------------------------------------------------------------------

    @staticmethod
    def _texts(index: AnyIndex) -> tuple[str, str]:
        return index.data(Qt.ItemDataRole.DisplayRole) or "", index.data(DETAIL_ROLE) or ""

    @staticmethod
    def _pen(palette: QPalette, selected: bool, quiet: bool) -> QColor:
        if selected:
            return palette.color(QPalette.ColorRole.HighlightedText)
        color = palette.color(QPalette.ColorRole.Text)
        if quiet:
            color.setAlphaF(0.68)
        return color

    @staticmethod
    def _style(option: QStyleOptionViewItem) -> QStyle:
        from PySide6.QtWidgets import QApplication

        return option.widget.style() if option.widget else QApplication.style()

    @staticmethod
    def _text_width(option: QStyleOptionViewItem, index: AnyIndex) -> int:
        """The width words wrap at: the column less the tree's indentation for child rows."""
        width = option.rect.width()
        view: QWidget | None = option.widget
        if width <= 0 and view is not None:
            width = view.width()
        if isinstance(view, QTreeView) and index.parent().isValid():
            width -= view.indentation()
        return max(120, width - 2 * _PAD)
