"""The Qt bindings must not leak references to None: a build that does (PySide6 6.12.0)
aborts the app after a few thousand calls, mid-letter or mid-export."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel


def test_calls_that_return_nothing_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    colour = QColor(1, 2, 3)
    before = sys.getrefcount(None)
    for _ in range(2000):
        colour.setAlpha(5)
        label.setText("x")
    assert before - sys.getrefcount(None) < 100
