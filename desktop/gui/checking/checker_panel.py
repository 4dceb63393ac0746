"""The checker panel: findings by severity, and the writer's answers to them (fix, accept,
withdraw an acceptance, ignore).

The panel only asks; it emits `*_requested` signals and leaves editing the text and the draft
to whoever owns them (the main window).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checker.findings import Finding
from desktop.core.checker.rules import UNACCEPTABLE
from desktop.gui import dialogs
from desktop.gui.checking.finding_delegate import FindingDelegate
from desktop.gui.checking.findings_model import GROUPS, FindingsModel, acceptance_text
from desktop.gui.checking.fixes import replacement
from desktop.gui.checking.labels import field_label, rule_label

FIX_SHORTCUT = QKeySequence("Ctrl+.")

REFUSAL = (
    "A {rule} finding cannot be accepted: the letter would go out visibly broken. "
    "Fill in the missing text instead."
)

WITHDRAW_TIP = "Take back the acceptance: the finding counts again, and an error blocks the letter again"
RULE_WIDE_WITHDRAW_TIP = "Take back the acceptance of every {rule} finding in this draft, not only this one"


class FindingsView(QTreeView):
    """A tree whose wrapped rows re-measure their height when the panel is resized."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()


class CheckerPanel(QWidget):
    finding_activated = Signal(object)
    fix_requested = Signal(object)
    accept_requested = Signal(object, str)
    """(finding, reason): store the reason under `finding.acceptance_key`."""
    withdraw_requested = Signal(object)
    """(finding): remove `finding.accepted_by` from the draft's acceptances."""
    ignore_requested = Signal(object)

    def __init__(self, label_for: Callable[[str], str] = field_label, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Checker")
        self.model = FindingsModel(label_for, self)
        self._build_view()
        self._build_actions()
        self._build_layout()
        self.view.selectionModel().currentChanged.connect(self._update_actions)
        self._update_actions()

    def _build_view(self) -> None:
        self.view = FindingsView(accessibleName="Checker findings")
        self.view.setAccessibleDescription(
            "Enter goes to the words; Ctrl+. applies the fix; "
            "the context menu accepts, withdraws an acceptance or ignores."
        )
        self.view.setModel(self.model)
        self.view.setItemDelegate(FindingDelegate(self.view))
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setIndentation(14)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.expandAll()
        self.view.activated.connect(self._activate)
        self.view.clicked.connect(self._activate)
        self.view.customContextMenuRequested.connect(self._show_menu)
        self.model.rowsInserted.connect(self._expand_group)

    def _build_actions(self) -> None:
        self.go_action = self._action("&Go to Words", self._go, "Move the cursor to the flagged words")
        self.fix_action = self._action("&Fix", self._fix, "Replace the words with the suggestion")
        self.fix_action.setShortcut(FIX_SHORTCUT)
        # A window-wide shortcut: after a click has moved the cursor into the field, Ctrl+.
        # still fixes the finding the writer just went to.
        self.fix_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.accept_action = self._action("&Accept…", self._accept, "Keep this wording, with a reason")
        self.withdraw_action = self._action("&Withdraw Acceptance", self._withdraw, WITHDRAW_TIP)
        self.ignore_action = self._action(
            "&Ignore", self._ignore, "Stop reporting this finding for the draft"
        )
        self.addAction(self.fix_action)

    def _action(self, text: str, slot: Callable[[], None], tip: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_layout(self) -> None:
        self.principle = QLabel(wordWrap=True, accessibleName="Principle behind the finding")
        self.principle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.fix_button = self._button(self.fix_action, "Fix the selected finding (Ctrl+.)")
        self.accept_button = self._button(self.accept_action, "Accept the selected finding")
        self.withdraw_button = self._button(
            self.withdraw_action, "Withdraw the acceptance of the selected finding"
        )
        self.withdraw_button.setVisible(False)  # it takes the Accept button's place
        self.ignore_button = self._button(self.ignore_action, "Ignore the selected finding")
        for button in (self.fix_button, self.accept_button, self.withdraw_button, self.ignore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.principle)
        layout.addLayout(buttons)

    @staticmethod
    def _button(action: QAction, name: str) -> QPushButton:
        button = QPushButton(action.text().replace("&", ""), accessibleName=name)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        button.setEnabled(action.isEnabled())
        return button

    # Showing ------------------------------------------------------------------------------

    def show_findings(self, findings: Sequence[Finding]) -> None:
        """Show a new round of findings; the selected one stays selected if it is still there."""
        self.model.set_findings(findings)
        self._update_actions()

    def current_finding(self) -> Finding | None:
        return self.model.finding(self.view.currentIndex())

    def select_finding(self, finding: Finding) -> bool:
        """Make the row for `finding`'s words current, e.g. when the cursor lands on its mark."""
        index = self._index_where(lambda candidate: candidate.key == finding.key)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _index_where(self, test: Callable[[Finding], bool]) -> QModelIndex:
        for severity, _ in GROUPS:
            group = self.model.group_index(severity)
            for row in range(self.model.rowCount(group)):
                index = self.model.index(row, 0, group)
                if test(self.model.finding(index)):
                    return index
        return QModelIndex()

    def _expand_group(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if not parent.isValid():
            return
        self.view.expand(parent)

    # Acting -------------------------------------------------------------------------------

    def _update_actions(self, *_: object) -> None:
        finding = self.current_finding()
        self.go_action.setEnabled(finding is not None)
        self.fix_action.setEnabled(finding is not None and replacement(finding) is not None)
        accepted = finding is not None and finding.accepted
        self.accept_action.setEnabled(finding is not None and not accepted)
        self.withdraw_action.setEnabled(accepted)
        self.accept_button.setVisible(not accepted)
        self.withdraw_button.setVisible(accepted)
        self.ignore_action.setEnabled(finding is not None)
        refused = finding is not None and finding.rule in UNACCEPTABLE
        self.accept_button.setToolTip(
            REFUSAL.format(rule=rule_label(finding.rule))
            if refused and finding
            else self.accept_action.toolTip()
        )
        tip = self._withdraw_tip(finding)
        self.withdraw_button.setToolTip(tip)
        self.withdraw_action.setToolTip(tip)
        self.withdraw_action.setStatusTip(tip)
        self.principle.setText(self._explain(finding) if finding else "")
        self.principle.setVisible(finding is not None)

    @staticmethod
    def _explain(finding: Finding) -> str:
        """The principle, advice the Fix button cannot apply (e.g. "State the facts"), and the
        writer's reason when the finding is accepted."""
        lines = [finding.principle]
        if finding.suggestion and replacement(finding) is None:
            lines.append(f"Try: {finding.suggestion}")
        if finding.accepted:
            accepted = acceptance_text(finding)
            lines.append(accepted[:1].upper() + accepted[1:])
        return "\n".join(lines)

    @staticmethod
    def _withdraw_tip(finding: Finding | None) -> str:
        if finding is not None and finding.accepted_rule_wide:
            return RULE_WIDE_WITHDRAW_TIP.format(rule=rule_label(finding.rule))
        return WITHDRAW_TIP

    def _activate(self, index: QModelIndex) -> None:
        finding = self.model.finding(index)
        if finding is not None:
            self.finding_activated.emit(finding)

    def _go(self) -> None:
        self._activate(self.view.currentIndex())

    def _fix(self) -> None:
        finding = self.current_finding()
        if finding is not None and replacement(finding) is not None:
            self.fix_requested.emit(finding)

    def _accept(self) -> None:
        finding = self.current_finding()
        if finding is None or finding.accepted:
            return
        if finding.rule in UNACCEPTABLE:
            dialogs.show_error(self, "Cannot accept", REFUSAL.format(rule=rule_label(finding.rule)))
            return
        reason = dialogs.ask_text(
            self, "Accept finding", f"Why keep this wording? ({finding.message.split('.')[0]})\nReason:"
        )
        if reason:
            self.accept_requested.emit(finding, reason)

    def _withdraw(self) -> None:
        finding = self.current_finding()
        if finding is not None and finding.accepted:
            self.withdraw_requested.emit(finding)

    def _ignore(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.ignore_requested.emit(finding)

    def _show_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        finding = self.model.finding(index)
        if finding is None:
            return
        self.view.setCurrentIndex(index)
        self.menu_for(finding).exec(self.view.viewport().mapToGlobal(point))

    def menu_for(self, finding: Finding) -> QMenu:
        """The context menu of a finding's row: withdrawing in place of accepting once accepted."""
        menu = QMenu(self)
        menu.setAccessibleName("Finding actions")
        answer = self.withdraw_action if finding.accepted else self.accept_action
        for action in (self.go_action, self.fix_action, answer, self.ignore_action):
            menu.addAction(action)
        return menu
