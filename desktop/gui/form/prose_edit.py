"""The editor for every prose field, so the checker can mark words in any of them the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QKeyEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QMenu, QPlainTextEdit, QSizePolicy, QWidget

_MIN_LINES = 3
_MAX_LINES = 12

PARAGRAPH_HINT = "Enter starts a new paragraph; Shift+Enter a line break."
"""Said by every multi-line prose editor: in its placeholder, its tool tip and its status tip."""

_AS_PLAIN_TEXT = str.maketrans({"\u2029": "\n", "\ufdd0": "\n", "\ufdd1": "\n", "\u00a0": " "})
"""QTextDocument.toPlainText's own conversions but one: it also turns the line separator into a
newline, which would make Shift+Enter and Enter the same thing in the draft."""


class ProseEdit(QPlainTextEdit):
    """A QPlainTextEdit, not a QLineEdit even for one line: a QSyntaxHighlighter needs a document.

    Multi-line editors grow with their text up to a limit, so a long paragraph is readable
    without scrolling inside a scrolling form. In one, Enter starts a new paragraph of the
    letter and Shift+Enter a line break within it (a U+2028 line separator, kept as such in
    the text); with `lines`, for an address or signature, both simply start a new line.
    """

    focused = Signal()
    """The writer is in this field: where Insert Field puts a merge field."""

    def __init__(
        self,
        label: str,
        example: str = "",
        single_line: bool = False,
        parent: QWidget | None = None,
        *,
        lines: bool = False,
    ):
        super().__init__(parent)
        self._single_line = single_line
        self._lines = lines and not single_line
        self.merge_names: Callable[[], Sequence[str]] = tuple
        """The names Insert Field offers: the recipient list's columns, or a recipient's own details."""
        self.setAccessibleName(label)
        self.setTabChangesFocus(True)
        placeholder = [f"e.g. {example}"] if example else []
        if self.makes_paragraphs():
            placeholder.append(PARAGRAPH_HINT)
            self.setToolTip(PARAGRAPH_HINT)
            self.setStatusTip(PARAGRAPH_HINT)
        if placeholder:
            self.setPlaceholderText("\n".join(placeholder))
        if single_line:
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.setFixedHeight(self._height_for_text(self.fontMetrics().lineSpacing()))
        else:
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.textChanged.connect(self._fit_to_text)
            self._fit_to_text()

    def is_single_line(self) -> bool:
        return self._single_line

    def makes_paragraphs(self) -> bool:
        """Whether Enter starts a paragraph and Shift+Enter a line break (multi-line prose)."""
        return not self._single_line and not self._lines

    def toPlainText(self) -> str:
        """The text with Shift+Enter's line separators kept, each one character as in the editor,
        so the letter can tell a line break from a new paragraph and offsets stay put."""
        return self.document().toRawText().translate(_AS_PLAIN_TEXT)

    def select_span(self, start: int, end: int) -> None:
        """Select characters [start, end) of the text, clamped, and scroll them into view."""
        length = len(self.toPlainText())
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(start, length)))
        cursor.setPosition(max(0, min(end, length)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def insert_merge_field(self, name: str) -> None:
        """{{ name }} at the cursor, replaced by each recipient's value in the letter."""
        self.textCursor().insertText(f"{{{{ {name} }}}}")
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def insert_field_menu(self, parent: QWidget | None = None) -> QMenu:
        menu = QMenu("Insert &Field", parent or self)
        names = list(self.merge_names())
        for name in names:
            menu.addAction(name, lambda n=name: self.insert_merge_field(n))
        menu.setEnabled(bool(names))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        menu.addMenu(self.insert_field_menu(menu))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._single_line:
                self.focusNextChild()  # Enter ends a one-line field, as in any line edit
                return
            if self._lines and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertBlock()  # an address has lines, not paragraphs
                self.ensureCursorVisible()
                return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self._single_line and source.hasText():
            self.insertPlainText(" ".join(source.text().split()))
            return
        super().insertFromMimeData(source)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._single_line and event.size().width() != event.oldSize().width():
            self._fit_to_text()  # a new width wraps the text into a different number of lines

    def _fit_to_text(self) -> None:
        """Grow with the text, from a few lines up to a limit, then scroll."""
        spacing = self.fontMetrics().lineSpacing()
        low, high = _MIN_LINES * spacing, _MAX_LINES * spacing
        wanted = self._height_for_text(min(max(self._text_height() + spacing, low), high))
        if wanted != self.minimumHeight() or wanted != self.maximumHeight():
            self.setFixedHeight(wanted)

    def _text_height(self) -> float:
        """Asking the layout for each block's rectangle lays the block out at the current width."""
        layout = self.document().documentLayout()
        block = self.document().begin()
        total = 0.0
        while block.isValid():
            total += layout.blockBoundingRect(block).height()
            block = block.next()
        return total

    def _height_for_text(self, text_height: float) -> int:
        margins = self.contentsMargins()
        document_margin = 2 * self.document().documentMargin()
        frame = 2 * self.frameWidth() if self.frameShape() != QFrame.Shape.NoFrame else 0
        return int(text_height + document_margin + margins.top() + margins.bottom() + frame)
