"""Severity colours that stay readable on both light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from desktop.core.checker.findings import Severity

_LIGHT = {
    Severity.ERROR: "#c62828",
    Severity.WARNING: "#d97706",
    Severity.INFO: "#1565c0",
    "ready": "#2e7d32",
}
_DARK = {
    Severity.ERROR: "#ff6b6b",
    Severity.WARNING: "#ffb74d",
    Severity.INFO: "#64b5f6",
    "ready": "#81c784",
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def severity_color(severity: Severity | str, palette: QPalette) -> QColor:
    """Red, amber or blue (or "ready" green), in the shade that reads on this palette's base."""
    return QColor((_DARK if is_dark(palette) else _LIGHT)[severity])


def tint(color: QColor, palette: QPalette, strength: float = 0.16) -> QColor:
    """`color` blended into the window colour: a background that never fights the text."""
    base = palette.color(QPalette.ColorRole.Window)
    mix = [base.redF(), base.greenF(), base.blueF()]
    top = [color.redF(), color.greenF(), color.blueF()]
    return QColor.fromRgbF(*(b + (t - b) * strength for b, t in zip(mix, top, strict=True)))
