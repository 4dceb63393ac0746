"""The main window as GUI tests open and drive it: a fresh user folder, and the waits and
keystrokes a person's use comes down to."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from desktop.gui import dialogs
from desktop.gui.app import build_window
from desktop.gui.letter_updater import DEBOUNCE_MS


def open_window(qtbot, tmp_path, monkeypatch, settings: QSettings | None = None):
    """Shown and exposed; closing at teardown never stops on the unsaved-changes question."""
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda _parent, _name: dialogs.UnsavedChoice.DISCARD)
    settings = settings or QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(
        settings=settings, history_path=tmp_path / "history.sqlite3", user_dir=tmp_path / "user"
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def menu_action(window, text: str) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text() == text)


def shown_export_notice_dialogs() -> list:
    return [
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w.accessibleName() == "Export notice"
    ]


def open_export_notice(qtbot, window):
    """File ▸ Export Notice…; the dialog as it shows itself."""
    menu_action(window, "Export &Notice…").trigger()
    (dialog,) = shown_export_notice_dialogs()
    qtbot.waitExposed(dialog)
    return dialog


def wait_for_update(qtbot, window) -> list:
    """The findings of the next debounced update."""
    with qtbot.waitSignal(window.updater.findings_ready, timeout=DEBOUNCE_MS * 20) as ready:
        pass
    return ready.args[0]


def type_into(qtbot, window, field: str, text: str) -> None:
    widget = window.form.findChild(QLineEdit, field) or window.form.findChild(QPlainTextEdit, field)
    assert widget is not None, f"no control for {field}"
    window.form.focus_field(field)
    qtbot.keyClicks(widget, text)
