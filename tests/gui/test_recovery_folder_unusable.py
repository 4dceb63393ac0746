"""A recovery folder that cannot be used is said at start, naming it and what it means: the
user must not learn that nothing was being kept only after a crash."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QLabel

from desktop.core import recovery
from tests.helpers.window import menu_action, open_window


def recovery_folder(tmp_path):
    return tmp_path / "user" / "recovery"


def assert_said_at_start(window, folder) -> None:
    message = window.statusBar().currentMessage()
    assert str(folder) in message and "will not be auto-saved for recovery" in message
    label = window.statusBar().findChild(QLabel, "recovery_problem")
    assert label is not None and label.isVisible()
    assert str(folder) in label.toolTip()


def test_a_file_where_the_recovery_folder_should_be_is_said_at_start(qtbot, tmp_path, monkeypatch):
    folder = recovery_folder(tmp_path)
    folder.parent.mkdir()
    folder.write_text("someone's notes", encoding="utf-8")
    window = open_window(qtbot, tmp_path, monkeypatch)
    assert_said_at_start(window, folder)
    assert "a file is in the way" in window.recovery.problem
    assert folder.read_text(encoding="utf-8") == "someone's notes", "the file in the way is left alone"

    window.statusBar().clearMessage()
    menu_action(window, "Recover &Unsaved Drafts…").trigger()
    assert str(folder) in window.statusBar().currentMessage(), "asked for drafts, it says why there are none"


def test_a_folder_that_cannot_be_read_is_said_at_start(qtbot, tmp_path, monkeypatch):
    folder = recovery_folder(tmp_path)
    folder.mkdir(parents=True)
    if os.name == "posix" and os.geteuid() != 0:
        folder.chmod(0)
    else:  # root reads any folder (and Windows has no mode 0): the system's refusal, as it comes
        real_scandir = recovery.os.scandir

        def refusing(path=".", *args):
            if Path(path) == folder:
                raise PermissionError(13, "Permission denied", str(folder))
            return real_scandir(path, *args)

        monkeypatch.setattr(recovery.os, "scandir", refusing)
    try:
        window = open_window(qtbot, tmp_path, monkeypatch)
        assert_said_at_start(window, folder)
        assert "Permission denied" in window.recovery.problem
    finally:
        folder.chmod(0o700)


def test_a_usable_folder_says_nothing(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, monkeypatch)
    assert window.recovery.problem is None
    assert window.statusBar().findChild(QLabel, "recovery_problem") is None
    assert "recovery" not in window.statusBar().currentMessage()
