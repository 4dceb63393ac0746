"""Follow-up state colours, in the shade that reads on the current palette (light or dark)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from desktop.core.checker.findings import Severity
from desktop.gui.checking.colors import severity_color, tint

_SEVERITY = {"overdue": Severity.ERROR, "due": Severity.WARNING}


def state_foreground(state: str, palette: QPalette) -> QColor | None:
    """Overdue red, due amber, done muted; None (the palette's text) for upcoming or none.

    The checker's severity colours are reused so "red" means the same thing across the app.
    """
    if state in _SEVERITY:
        return severity_color(_SEVERITY[state], palette)
    if state == "done":
        return muted(palette)
    return None


def muted(palette: QPalette) -> QColor:
    """Text pulled part-way toward the background: quieter, yet still readable, unlike the
    disabled text colour, which is too faint to read on many palettes."""
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    mix = [(t + (b - t) * 0.45) for t, b in zip(text.getRgbF()[:3], base.getRgbF()[:3], strict=True)]
    return QColor.fromRgbF(*mix)


def state_background(state: str, palette: QPalette) -> QColor | None:
    """A faint tint behind overdue and due cells, so they stand out without shouting."""
    if state in _SEVERITY:
        return tint(severity_color(_SEVERITY[state], palette), palette)
    return None
