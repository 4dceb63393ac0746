"""View ▸ History and Follow-ups, and Edit ▸ Personal Settings: the panels beside the letter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from desktop.core.history import HistoryStore
from desktop.gui.folders import AppFolders
from desktop.gui.history import HistoryView, follow_up_summary
from desktop.gui.settings import SettingsDialog


class SidePanels(QObject):
    def __init__(
        self,
        window: QMainWindow,
        history: HistoryStore | None,
        folders: AppFolders,
        settings_saved: Callable[[], None],
    ):
        super().__init__(window)
        self._window = window
        self._folders = folders
        self._settings_saved = settings_saved
        self.history_view = HistoryView(history, parent=window) if history is not None else None
        self.history_dock: QDockWidget | None = None
        if self.history_view is not None:
            self.history_dock = QDockWidget("History", window, objectName="history_dock")
            self.history_dock.setWidget(self.history_view)
            window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history_dock)
            self.history_dock.hide()
            self.history_view.follow_ups_changed.connect(self._follow_ups_changed)

    def show_history(self) -> None:
        if self.history_view is None or self.history_dock is None:
            self._status("The letter history is not available; see the message at start", 6000)
            return
        self.history_view.refresh()
        self.history_dock.show()
        self.history_view.search_field.setFocus()

    def announce_follow_ups(self) -> None:
        if self.history_view is not None:
            self._follow_ups_changed(*self.history_view.follow_up_counts())

    def _follow_ups_changed(self, overdue: int, due: int) -> None:
        if overdue or due:
            summary = follow_up_summary(overdue, due)
            self._status(f"{summary[:1].upper()}{summary[1:]} (View ▸ History, Ctrl+5)", 0)

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self._folders.user, self._window, site_path=self._folders.site_settings)
        dialog.settings_saved.connect(self._settings_saved)
        dialog.open()
        return dialog

    def _status(self, text: str, timeout: int) -> None:
        self._window.statusBar().showMessage(text, timeout)
