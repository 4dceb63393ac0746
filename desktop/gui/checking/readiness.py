"""The readiness banner: "Ready to send", or what still blocks the letter, in the form's words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.core.checker.findings import LETTER_FIELD, Finding, Severity
from desktop.gui.checking.colors import severity_color, tint
from desktop.gui.checking.labels import field_label, rule_label

LISTED = 3
"""Blockers named in full; more would turn the banner into a second findings list."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def readiness_text(findings: Sequence[Finding], label_for: Callable[[str], str] = field_label) -> str:
    """One line saying whether the letter can go, and if not, what blocks it and where."""
    blockers = [finding for finding in findings if finding.blocking]
    if not blockers:
        warnings = sum(1 for f in findings if f.severity is Severity.WARNING and not f.accepted)
        return "Ready to send" + (f" — {_plural(warnings, 'warning')} worth a look" if warnings else "")
    places = Counter((finding.rule, finding.field) for finding in blockers)
    named = []
    for (rule, field), count in list(places.items())[:LISTED]:
        where = "" if field == LETTER_FIELD else f" in ‘{label_for(field)}’"
        named.append(f"{rule_label(rule)}{where}" + (f" (×{count})" if count > 1 else ""))
    if len(places) > LISTED:
        named.append(f"and {len(places) - LISTED} more")
    return f"Not ready: {_plural(len(blockers), 'error')} — {', '.join(named)}"


class ReadinessBanner(QWidget):
    """A tinted strip: green when ready, red when errors remain; tints follow the palette."""

    STRIPE = 4

    def __init__(self, label_for: Callable[[str], str] = field_label, parent: QWidget | None = None):
        super().__init__(parent)
        self._label_for = label_for
        self._ready = True
        self.setAccessibleName("Readiness")
        self.label = QLabel(wordWrap=True, accessibleName="Readiness summary")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(self.STRIPE + 8, 6, 8, 6)
        layout.addWidget(self.label)
        self.show_findings([])

    @property
    def ready(self) -> bool:
        return self._ready

    def text(self) -> str:
        return self.label.text()

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self._ready = not any(finding.blocking for finding in findings)
        text = readiness_text(findings, self._label_for)
        if text != self.label.text():
            self.label.setText(text)
            self.setAccessibleDescription(text)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        color = severity_color("ready" if self._ready else Severity.ERROR, self.palette())
        painter = QPainter(self)
        painter.fillRect(self.rect(), tint(color, self.palette()))
        painter.fillRect(0, 0, self.STRIPE, self.height(), color)
        painter.end()
