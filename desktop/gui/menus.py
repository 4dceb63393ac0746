"""The menu bar and its shortcuts, each bound to the object whose job it is."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from desktop.gui import dialogs

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    files, exports, findings, panels = window.files, window.exports, window.findings, window.panels
    file_menu = window.menuBar().addMenu("&File")
    _action(file_menu, "&New", files.new_draft, QKeySequence.StandardKey.New)
    _action(file_menu, "&Open…", files.open_dialog, QKeySequence.StandardKey.Open)
    files.fill_recent_menu(file_menu.addMenu("Open &Recent"))
    files.fill_examples_menu(file_menu.addMenu("E&xamples"), window.folders.examples)
    _action(file_menu, "Recover &Unsaved Drafts…", window.recovery.offer)
    file_menu.addSeparator()
    _action(file_menu, "&Save", files.save, QKeySequence.StandardKey.Save)
    _action(file_menu, "Save &As…", files.save_as, QKeySequence.StandardKey.SaveAs)
    file_menu.addSeparator()
    _action(file_menu, "&Export Letter as DOCX…", exports.export_docx, "Ctrl+E")
    _action(file_menu, "Export Letter as &PDF…", exports.export_pdf, "Ctrl+Shift+P")
    _action(file_menu, "Export as E-&mail Draft…", exports.export_eml, "Ctrl+Alt+E")
    window.export_notice_action = _action(file_menu, "Export &Notice…", window.export_notice, "Ctrl+Shift+E")
    file_menu.addSeparator()
    _action(file_menu, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    edit_menu = window.menuBar().addMenu("&Edit")
    _action(edit_menu, "&Copy Letter", exports.copy_letter, "Ctrl+Shift+C")
    window.insert_field_menu = edit_menu.addMenu("Insert Merge &Field")
    window.insert_field_menu.aboutToShow.connect(
        lambda: findings.fill_insert_field_menu(window.insert_field_menu)
    )
    _action(edit_menu, "Go to Next &Finding", findings.next, "F8")
    edit_menu.addSeparator()
    _action(edit_menu, "Personal &Settings…", panels.open_settings, "Ctrl+,")

    view_menu = window.menuBar().addMenu("&View")
    preview = window.preview
    _action(view_menu, "&Formatted Letter", lambda: preview.setCurrentWidget(preview.html_view()), "Ctrl+1")
    _action(view_menu, "&Plain Text", lambda: preview.setCurrentWidget(preview.plain_view()), "Ctrl+2")
    _action(view_menu, "&Form", lambda: window.show_left(window.form), "Ctrl+3")
    _action(view_menu, "&Recipients", lambda: window.show_left(window.recipients), "Ctrl+4")
    _action(view_menu, "&History and Follow-ups", panels.show_history, "Ctrl+5")
    _action(view_menu, "Pa&ges as Printed", lambda: preview.setCurrentWidget(preview.pages), "Ctrl+6")

    help_menu = window.menuBar().addMenu("&Help")
    _action(help_menu, "&About Amends", lambda: dialogs.show_about(window, window.about_text()))


def _action(menu: QMenu, text: str, slot: Callable, shortcut=None) -> QAction:
    action = QAction(text, menu.parent())
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())  # never hand `checked` to a slot
    menu.addAction(action)
    return action
