"""The "Recover unsaved drafts" question: which draft left by an interrupted session to
restore, which to throw away, and which to leave for later."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.recovery import RecoverableDraft


class RecoveryDialog(QDialog):
    """Restore or Discard act on the selected draft; Later keeps every copy for next time."""

    def __init__(self, entries: list[RecoverableDraft], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved drafts")
        self.choice: tuple[str, RecoverableDraft] | None = None
        self._entries = entries
        self._list = QListWidget(accessibleName="Unsaved drafts")
        for entry in entries:
            item = QListWidgetItem(f"{entry.title} — last changed {_when(entry.changed_at)}")
            item.setToolTip(str(entry.origin) if entry.origin else "Never saved")
            self._list.addItem(item)
        self._list.setCurrentRow(0)
        buttons = QDialogButtonBox()
        restore = buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        discard = buttons.addButton("&Discard", QDialogButtonBox.ButtonRole.DestructiveRole)
        later = buttons.addButton("&Later", QDialogButtonBox.ButtonRole.RejectRole)
        restore.clicked.connect(lambda: self._choose("restore"))
        discard.clicked.connect(lambda: self._choose("discard"))
        later.clicked.connect(self.reject)
        self._list.itemActivated.connect(lambda _item: self._choose("restore"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Amends closed before these drafts were saved. Restore one to carry on where you "
            "left off, or discard the copies you no longer need.",
            wordWrap=True,
        )
        layout.addWidget(intro)
        layout.addWidget(self._list)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def _choose(self, action: str) -> None:
        row = self._list.currentRow()
        if row >= 0:
            self.choice = (action, self._entries[row])
            self.accept()


def _when(moment: dt.datetime) -> str:
    local = moment.astimezone()
    return local.strftime("%d %b %Y, %H:%M").lstrip("0")
