"""The guided form: a list of steps with their completion beside the step being edited."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from desktop.core.form_steps import STEPS, Completion, StepStatus, required_fields, step_status
from desktop.core.model import Draft
from desktop.core.templates import LetterTemplate
from desktop.gui.form.marks import SYMBOLS, mark_icon
from desktop.gui.form.pages import IncidentPage, page_for
from desktop.gui.form.prose_edit import ProseEdit

COMPLETION_ROLE = Qt.ItemDataRole.UserRole
"""Each step item's Completion, for whoever reads the list (tests, a status bar)."""


class FormPanel(QWidget):
    """Edits the draft it is given in place; the owner re-reads it after `draft_edited`."""

    draft_edited = Signal()
    """After any user edit; the Draft passed to set_draft was mutated in place."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._draft: Draft | None = None
        self._template: LetterTemplate | None = None
        self._shown: dict[int, StepStatus] = {}
        self._icons: dict[Completion, QIcon] = {}
        self._pages = [page_for(step) for step in STEPS]
        self._build_step_list()
        self._build_stack()
        self._build_shortcuts()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._steps)
        layout.addWidget(self._stack, 1)
        self.setEnabled(False)  # nothing to edit until a draft arrives
        self._merge_names: tuple[str, ...] = ()
        self._last_prose: ProseEdit | None = None
        for editor in self.editors().values():
            editor.merge_names = lambda: self._merge_names
            editor.focused.connect(lambda e=editor: self._prose_focused(e))

    def _build_step_list(self) -> None:
        self._steps = QListWidget()
        self._steps.setAccessibleName("Form steps")
        self._steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        metrics = self._steps.fontMetrics()
        self._steps.setIconSize(QSize(metrics.height(), metrics.height()))
        for page in self._pages:
            item = QListWidgetItem(page.step.title)
            item.setSizeHint(QSize(0, round(metrics.height() * 2)))
            self._steps.addItem(item)
        width = max(metrics.horizontalAdvance(p.step.title) for p in self._pages) + 2 * metrics.height()
        self._steps.setFixedWidth(width + 3 * metrics.averageCharWidth())
        self._steps.currentRowChanged.connect(self._show_row)
        self._steps.itemActivated.connect(lambda item: self._focus_edge(self._steps.row(item), first=True))

    def _build_stack(self) -> None:
        self._stack = QStackedWidget()
        self._stack.setAccessibleName("Form step")
        for page in self._pages:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroll.setAccessibleName(page.step.title)
            scroll.setWidget(page)
            page.setAccessibleName(page.step.title)
            page.field_edited.connect(self._field_edited)
            self._stack.addWidget(scroll)

    def _build_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, step in (("Ctrl+PgDown", 1), ("Alt+Down", 1), ("Ctrl+PgUp", -1), ("Alt+Up", -1)):
            shortcut = QShortcut(QKeySequence(keys), self, context=context)
            shortcut.activated.connect(self._next_step if step > 0 else self._previous_step)

    # The public API

    def set_draft(self, draft: Draft, template: LetterTemplate | None = None) -> None:
        """Show a draft to edit; `template` replaces any set before (None: the kind's defaults)."""
        self._draft = draft
        self._template = template
        for row, page in enumerate(self._pages):
            page.set_draft(draft)
            self._steps.setRowHidden(row, not page.step.applies_to(draft.kind))
        self.setEnabled(True)
        if self._steps.currentRow() < 0 or self._steps.isRowHidden(self._steps.currentRow()):
            self._steps.setCurrentRow(self._visible_rows()[0])
        self._update_required()

    def draft(self) -> Draft | None:
        return self._draft

    def set_template(self, template: LetterTemplate | None) -> None:
        self._template = template
        self._update_required()

    def set_writer(self, writer: Callable[[str, object], None]) -> None:
        """Every edit in the form reaches the draft through `writer` (path, value): the
        window's draft session, the one thing that changes the open draft."""
        for page in self._pages:
            page.set_writer(writer)

    def set_categories(self, categories: Iterable[str]) -> None:
        """The incident categories of the checker in use (a team's rules may change them)."""
        for page in self._pages:
            if isinstance(page, IncidentPage):
                page.set_categories(categories)

    def set_merge_names(self, names: tuple[str, ...]) -> None:
        """What Insert Field offers: the list's columns for a notice, the recipient's details otherwise."""
        self._merge_names = tuple(names)

    def merge_names(self) -> tuple[str, ...]:
        return self._merge_names

    def insert_field_target(self) -> ProseEdit | None:
        """The prose field the writer is in, or was in last: where Insert Field types."""
        return self._last_prose

    def _prose_focused(self, editor: ProseEdit) -> None:
        self._last_prose = editor

    def editor_for(self, field: str) -> QPlainTextEdit | None:
        return self.editors().get(field)

    def editors(self) -> dict[str, QPlainTextEdit]:
        editors: dict[str, QPlainTextEdit] = {}
        for page in self._pages:
            editors.update(page.prose_editors())
        return editors

    def focus_field(self, field: str, start: int = 0, end: int = 0) -> bool:
        """Show the step holding a field and put the cursor there, selecting [start, end) of a text."""
        for row, page in enumerate(self._pages):
            control = page.control_for(field)
            if control is None or self._steps.isRowHidden(row):
                continue
            self._steps.setCurrentRow(row)
            self._scroll_area(row).ensureWidgetVisible(control)
            control.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(control, ProseEdit):
                control.select_span(start, end)
            return True
        return False

    def focus_first_field(self) -> None:
        rows = self._visible_rows()
        if rows:
            self._steps.setCurrentRow(rows[0])
            self._focus_edge(rows[0], first=True)

    def current_step(self) -> str:
        return self._pages[self._stack.currentIndex()].step.id

    # Moving between steps

    def _next_step(self) -> None:
        self._move(1)

    def _previous_step(self) -> None:
        self._move(-1)

    def _move(self, direction: int, first: bool = True) -> bool:
        rows = self._visible_rows()
        current = self._steps.currentRow()
        later = [r for r in rows if (r - current) * direction > 0]
        if not later:
            return False
        target = min(later, key=lambda r: abs(r - current))
        focused = QApplication.focusWidget()
        if focused is not None and self._stack.isAncestorOf(focused):
            focused.clearFocus()  # else hiding its page sends focus on a tour of the window first
        self._steps.setCurrentRow(target)
        self._focus_edge(target, first)
        return True

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab past a step's last input goes on to the next step, so tab order follows the steps."""
        focused = QApplication.focusWidget()
        chain = self._focusable(self._stack.currentIndex())
        at_edge = chain and focused is (chain[-1] if next else chain[0])
        if at_edge and self._move(1 if next else -1, first=next):
            return True
        return super().focusNextPrevChild(next)

    def _focus_edge(self, row: int, first: bool) -> None:
        chain = self._focusable(row)
        if chain:
            target = chain[0] if first else chain[-1]
            self._scroll_area(row).ensureWidgetVisible(target)
            target.setFocus(Qt.FocusReason.TabFocusReason if first else Qt.FocusReason.BacktabFocusReason)

    def _focusable(self, row: int) -> list[QWidget]:
        """The page's inputs in tab order, as Qt's focus chain has them."""
        page = self._pages[row]
        found: list[QWidget] = []
        widget = page.nextInFocusChain()
        while widget is not page and widget is not None:
            if (
                page.isAncestorOf(widget)
                and widget.isVisibleTo(page)
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None
            ):
                found.append(widget)
            widget = widget.nextInFocusChain()
        return found

    def _show_row(self, row: int) -> None:
        if row >= 0:
            self._stack.setCurrentIndex(row)

    def _visible_rows(self) -> list[int]:
        return [row for row in range(self._steps.count()) if not self._steps.isRowHidden(row)]

    def _scroll_area(self, row: int) -> QScrollArea:
        return self._stack.widget(row)

    # Completion

    def _icon(self, completion: Completion) -> QIcon:
        if completion not in self._icons:
            size = self._steps.iconSize().height()
            self._icons[completion] = mark_icon(completion, size, self.devicePixelRatioF())
        return self._icons[completion]

    def _field_edited(self, _field: str) -> None:
        self._update_marks()
        self.draft_edited.emit()

    def _update_required(self) -> None:
        if self._draft is None:
            return
        required = required_fields(self._draft.kind, self._template)
        for page in self._pages:
            page.set_required(tuple(name for name in required if page.step.owns(name)), self._draft.kind)
        self._update_marks()

    def _update_marks(self) -> None:
        """Touch only the items whose status changed: this runs on every keystroke."""
        assert self._draft is not None
        for row, page in enumerate(self._pages):
            status = step_status(self._draft, page.step, self._template)
            if self._shown.get(row) == status:
                continue
            self._shown[row] = status
            item = self._steps.item(row)
            item.setIcon(self._icon(status.completion))
            item.setToolTip(f"{SYMBOLS[status.completion]} {status.description}")
            item.setData(COMPLETION_ROLE, status.completion)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{page.step.title}: {status.description}")
