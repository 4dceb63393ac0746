"""Test setup shared by every suite: Qt runs offscreen, GUI tests are marked by folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_GUI_DIR = Path(__file__).parent / "gui"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _GUI_DIR in Path(item.fspath).parents:
            item.add_marker(pytest.mark.gui)
