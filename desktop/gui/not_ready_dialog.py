"""What the window says when a letter that is not ready is asked to leave.

Every exit (export, e-mail draft, clipboard, notice run) asks the core's verdict first; when
errors block the letter, this dialog names them in the form's words and offers two ways
on: go and fix the first one, or send it anyway, which takes a one-line reason that is
kept with the history entry or the manifest. There is no silent way through.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checker.findings import Finding
from desktop.core.compose import clean_reason, explain, plural


class NotReadyDialog(QDialog):
    """Ends with accept() and a reason (go anyway), or reject(); `wants_fix` says whether
    the writer chose to go to the first error."""

    def __init__(self, action: str, blocking: Sequence[Finding], parent: QWidget | None = None):
        super().__init__(parent)
        self.blocking = list(blocking)
        self.wants_fix = False
        self._action = action
        self.setWindowTitle("Not ready to send")
        self.setObjectName("not_ready_dialog")
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            f"{plural(len(self.blocking), 'error')} would go out with this letter. "
            "Fix them first, or give the reason it must go as it is.",
            wordWrap=True,
        )
        layout.addWidget(self.summary)
        self.list = QListWidget(accessibleName="What blocks the letter")
        self.list.addItems([explain(finding) for finding in self.blocking])
        self.list.setWordWrap(True)
        layout.addWidget(self.list)
        self.reason_label = QLabel("Why it must go out as it is (kept on record):")
        self.reason = QLineEdit(accessibleName="Reason to send anyway", objectName="override_reason")
        self.reason.setPlaceholderText("e.g. a proof print for legal review")
        self.reason_label.setBuddy(self.reason)
        for widget in (self.reason_label, self.reason):
            widget.hide()
            layout.addWidget(widget)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.fix_button = QPushButton("&Go to First Error", objectName="go_to_error")
        self.anyway_button = QPushButton(f"{action} &Anyway…", objectName="send_anyway")
        self.buttons.addButton(self.fix_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.anyway_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(self.buttons)
        self.fix_button.setAutoDefault(True)
        self.fix_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.resize(620, 360)
        self.fix_button.clicked.connect(self._fix)
        self.anyway_button.clicked.connect(self._anyway)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._reason_changed)
        self.reason.returnPressed.connect(self._anyway)

    def override_reason(self) -> str:
        return clean_reason(self.reason.text())

    def _fix(self) -> None:
        self.wants_fix = True
        self.reject()

    def _anyway(self) -> None:
        """First press asks for the reason; with a reason, the letter goes."""
        if not self.reason.isVisible():
            self.reason_label.show()
            self.reason.show()
            self.reason.setFocus()
            self.anyway_button.setText(f"{self._action} Anyway")
            self.anyway_button.setEnabled(False)
            self.anyway_button.setDefault(True)
            return
        if self.override_reason():
            self.accept()

    def _reason_changed(self, _text: str) -> None:
        self.anyway_button.setEnabled(bool(self.override_reason()))
