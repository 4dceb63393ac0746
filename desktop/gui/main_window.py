"""The main window: the guided form, the live preview and the checker side by side, with the
menus that open, save, copy and export the letter."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QSettings, Qt, QTimer, QUrl, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import paths
from desktop.build_info import build_info
from desktop.core.checker import Checker
from desktop.core.compose import Composed, Composer, with_override
from desktop.core.context import letter_facts
from desktop.core.draft_file import SUFFIX, DraftFormatError, load_draft
from desktop.core.history import HistoryError, HistoryStore
from desktop.core.merge_fields import STANDARD_NAMES
from desktop.core.model import Draft, Kind
from desktop.core.recipients import required_recipient_fields
from desktop.core.recovery import RecoveryStore
from desktop.core.templates import TemplateCatalogue, TemplateError
from desktop.core.writers.clipboard import clipboard_payload
from desktop.core.writers.docx import DocxLayout, DocxWriter
from desktop.core.writers.email import email_message, write_eml
from desktop.gui import dialogs
from desktop.gui.checking import CheckerPanel, FindingMarks, ReadinessBanner, apply_fix
from desktop.gui.draft_session import DraftSession
from desktop.gui.form import FormPanel
from desktop.gui.history import HistoryView, follow_up_summary
from desktop.gui.letter_updater import LetterUpdater
from desktop.gui.not_ready_dialog import NotReadyDialog
from desktop.gui.notice import ExportNoticeDialog, RecipientsPanel
from desktop.gui.preview_pane import PreviewPane
from desktop.gui.settings import SettingsDialog

MAX_RECENT = 8
AUTOSAVE_MS = 2000
"""How long after the last change the recovery copy is written."""
DRAFT_FILTER = f"Amends drafts (*{SUFFIX})"
KIND_LABELS = {Kind.INDIVIDUAL: "Individual letter", Kind.NOTICE: "Mass notice"}


class MainWindow(QMainWindow):
    def __init__(
        self,
        catalogue: TemplateCatalogue,
        checker: Checker,
        settings: QSettings,
        history: HistoryStore | None = None,
        new_draft: Callable[[], Draft] = Draft,
        layout: DocxLayout | None = None,
        recovery: RecoveryStore | None = None,
        user_dir: Path | None = None,
        reload_defaults: Callable[[], tuple[Callable[[], Draft], DocxLayout | None]] | None = None,
    ):
        super().__init__()
        self._catalogue = catalogue
        self._settings = settings
        self.history = history
        self._new_draft = new_draft
        """A blank draft with the sender, sign-off and template from settings."""
        self._layout = layout
        self.recovery = recovery
        self._user_dir = user_dir
        """Where settings.toml lives, for the settings dialog."""
        self._reload_defaults = reload_defaults
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self.session = DraftSession(self)
        self.form = FormPanel()
        self.preview = PreviewPane()
        self.checker_panel = CheckerPanel()
        self.readiness = ReadinessBanner()
        self.recipients = RecipientsPanel()
        self.updater = LetterUpdater(
            Composer(catalogue, checker),
            lambda: self.session.draft,
            self,
            history=self._earlier_apologies if history else None,
        )
        self.marks = FindingMarks(self.form.editor_for)
        self.not_ready_dialog: NotReadyDialog | None = None
        """The question asked when a letter that is not ready is asked to leave, while it is open."""
        self._composed: Composed | None = None
        self._build_toolbar()
        self._build_layout()
        self._build_menus()
        self._connect()
        self.setMinimumSize(960, 600)
        self._restore_state()
        self._load_session()

    # --- building -------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar("Letter", objectName="letter_toolbar", movable=False)
        self.kind_choice = QComboBox(accessibleName="Kind of letter")
        for kind, label in KIND_LABELS.items():
            self.kind_choice.addItem(label, kind)
        self.template_choice = QComboBox(accessibleName="Template", minimumContentsLength=28)
        bar.addWidget(QLabel("Kind: "))
        bar.addWidget(self.kind_choice)
        bar.addSeparator()
        bar.addWidget(QLabel("Template: "))
        bar.addWidget(self.template_choice)
        self.addToolBar(bar)

    def _build_layout(self) -> None:
        self.left_tabs = QTabWidget(accessibleName="Draft")
        self.left_tabs.addTab(self.form, "&Form")
        self.left_tabs.addTab(self.recipients, "&Recipients")
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.readiness)
        self.right_split = QSplitter(Qt.Orientation.Vertical, objectName="right_split")
        self.right_split.addWidget(self.preview)
        self.right_split.addWidget(self.checker_panel)
        self.right_split.setStretchFactor(0, 3)
        self.right_split.setStretchFactor(1, 2)
        column.addWidget(self.right_split)
        self.main_split = QSplitter(Qt.Orientation.Horizontal, objectName="main_split")
        self.main_split.addWidget(self.left_tabs)
        self.main_split.addWidget(right)
        self.main_split.setStretchFactor(0, 1)
        self.main_split.setStretchFactor(1, 1)
        self.setCentralWidget(self.main_split)
        self.history_view = HistoryView(self.history, parent=self) if self.history is not None else None
        if self.history_view is not None:
            self.history_dock = QDockWidget("History", self, objectName="history_dock")
            self.history_dock.setWidget(self.history_view)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history_dock)
            self.history_dock.hide()
            self.history_view.follow_ups_changed.connect(self._follow_ups_changed)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New", self.new_draft, QKeySequence.StandardKey.New)
        self._action(file_menu, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        examples = file_menu.addMenu("E&xamples")
        for title, path in _examples(paths.examples_dir()):
            # triggered(bool) would land in a defaulted lambda argument: bind the path by closure
            self._action(examples, title, _opener(self.open_path, path))
        self._action(file_menu, "Recover &Unsaved Drafts…", self.offer_recovery)
        file_menu.addSeparator()
        self._action(file_menu, "&Save", self.save, QKeySequence.StandardKey.Save)
        self._action(file_menu, "Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs)
        file_menu.addSeparator()
        self._action(file_menu, "&Export Letter as DOCX…", self.export_docx, "Ctrl+E")
        self._action(file_menu, "Export as E-&mail Draft…", self.export_eml, "Ctrl+Alt+E")
        self.export_notice_action = self._action(
            file_menu, "Export &Notice…", self.export_notice, "Ctrl+Shift+E"
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu("&Edit")
        self._action(edit_menu, "&Copy Letter", self.copy_letter, "Ctrl+Shift+C")
        self.insert_field_menu = edit_menu.addMenu("Insert Merge &Field")
        self.insert_field_menu.aboutToShow.connect(self._fill_insert_field_menu)
        self._action(edit_menu, "Go to Next &Finding", self.next_finding, "F8")
        edit_menu.addSeparator()
        self._action(edit_menu, "Personal &Settings…", self.open_settings, "Ctrl+,")

        view_menu = self.menuBar().addMenu("&View")
        self._action(view_menu, "&Formatted Letter", lambda: self.preview.setCurrentIndex(0), "Ctrl+1")
        self._action(view_menu, "&Plain Text", lambda: self.preview.setCurrentIndex(1), "Ctrl+2")
        self._action(view_menu, "&Form", lambda: self._show_left(self.form), "Ctrl+3")
        self._action(view_menu, "&Recipients", lambda: self._show_left(self.recipients), "Ctrl+4")
        self._action(view_menu, "&History and Follow-ups", self.show_history, "Ctrl+5")

        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&About Amends", self._about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _connect(self) -> None:
        self.form.draft_edited.connect(self._edited)
        self.kind_choice.activated.connect(self._kind_chosen)
        self.template_choice.activated.connect(self._template_chosen)
        self.session.replaced.connect(self._session_replaced)
        self.session.dirty_changed.connect(self.setWindowModified)
        self.session.path_changed.connect(lambda _path: self._update_title())
        self.updater.letter_rendered.connect(self.preview.show_document)
        self.updater.render_failed.connect(
            lambda reason: self.preview.show_problem("The letter cannot be shown", reason)
        )
        self.updater.findings_ready.connect(self._show_findings)
        self.checker_panel.finding_activated.connect(self.go_to_finding)
        self.checker_panel.fix_requested.connect(self.fix_finding)
        self.checker_panel.accept_requested.connect(self._accept_finding)
        self.checker_panel.ignore_requested.connect(self._ignore_finding)
        self.recipients.preview_recipient_changed.connect(self.updater.set_preview_recipient)
        self.recipients.recipients_changed.connect(self._list_changed)
        if self.history_view is not None:
            self.history_view.history_changed.connect(self.updater.schedule)

    # --- the open draft -------------------------------------------------------------------

    def _load_session(self) -> None:
        self.session.new(self._new_draft())

    def _session_replaced(self) -> None:
        self._drop_recovery_copy()
        draft = self.session.draft
        self.kind_choice.setCurrentIndex(self.kind_choice.findData(draft.kind))
        self._fill_templates()
        self.form.set_draft(draft, self._current_template())
        self._kind_applies()
        self._update_title()
        self.updater.update_now()

    def _edited(self) -> None:
        self.session.mark_edited()
        self._update_title()
        self.updater.schedule()
        self._autosave_timer.start()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.session.name}[*] — Amends")
        self.setWindowModified(self.session.dirty)

    def _fill_templates(self) -> None:
        draft = self.session.draft
        self.template_choice.clear()
        for template in self._catalogue:
            if template.kind is draft.kind:
                self.template_choice.addItem(template.name, template.id)
                self.template_choice.setItemData(
                    self.template_choice.count() - 1, template.description, Qt.ItemDataRole.ToolTipRole
                )
        index = self.template_choice.findData(draft.template)
        if index < 0 and self.template_choice.count():
            index = 0
            draft.template = self.template_choice.itemData(0)
        self.template_choice.setCurrentIndex(index)

    def _current_template(self):
        try:
            return self._catalogue.get(self.session.draft.template)
        except TemplateError:
            return None

    def _kind_chosen(self, index: int) -> None:
        kind = Kind(self.kind_choice.itemData(index))  # Qt hands the enum back as its plain value
        if kind is self.session.draft.kind:
            return
        self.session.draft.kind = kind
        self._fill_templates()
        self.form.set_draft(self.session.draft, self._current_template())
        self._kind_applies()
        self._edited()

    def _template_chosen(self, index: int) -> None:
        self.session.draft.template = self.template_choice.itemData(index)
        self.form.set_template(self._current_template())
        self._kind_applies()
        self._edited()

    def _kind_applies(self) -> None:
        """The recipients tab and notice export belong to notices only."""
        notice = self.session.draft.kind is Kind.NOTICE
        self.left_tabs.setTabVisible(self.left_tabs.indexOf(self.recipients), notice)
        self.export_notice_action.setEnabled(notice)
        template = self._current_template()
        if template is not None:
            self.recipients.set_required_fields(required_recipient_fields(template.requires))
        self._list_changed()

    def _show_left(self, widget: QWidget) -> None:
        index = self.left_tabs.indexOf(widget)
        if self.left_tabs.isTabVisible(index):
            self.left_tabs.setCurrentIndex(index)

    # --- files ----------------------------------------------------------------------------

    def new_draft(self) -> None:
        if self._settle_unsaved():
            draft = self._new_draft()
            draft.kind = self.session.draft.kind
            self.session.new(draft)
            self.form.focus_first_field()

    def open_dialog(self) -> None:
        start = self.session.path.parent if self.session.path else Path.home()
        path = dialogs.ask_open_path(self, "Open draft", start, DRAFT_FILTER)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path, example: bool = False) -> bool:
        if not self._settle_unsaved():
            return False
        try:
            self.session.open(path, example=example)
        except DraftFormatError as exc:
            dialogs.show_error(self, "Cannot open the draft", str(exc))
            return False
        if not example:
            self._remember_recent(path)
        return True

    def save(self) -> bool:
        if self.session.needs_save_as():
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        path = dialogs.ask_save_path(self, "Save draft", self._suggested_path(SUFFIX), DRAFT_FILTER)
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path | None) -> bool:
        try:
            saved = self.session.save(path)
        except OSError as exc:
            dialogs.show_error(self, "The draft was not saved", _os_message(exc))
            return False
        self._drop_recovery_copy()
        self._remember_recent(saved)
        return True

    def _settle_unsaved(self) -> bool:
        """True when it is fine to replace or close the open draft."""
        if not self.session.dirty:
            return True
        choice = dialogs.ask_unsaved_changes(self, self.session.name)
        if choice is dialogs.UnsavedChoice.SAVE:
            return self.save()
        return choice is dialogs.UnsavedChoice.DISCARD

    def _remember_recent(self, path: Path) -> None:
        recent = [p for p in self._recent() if Path(p) != path]
        recent.insert(0, str(path))
        self._settings.setValue("recent_files", recent[:MAX_RECENT])
        self._fill_recent_menu()

    def _recent(self) -> list[str]:
        value = self._settings.value("recent_files", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self._recent():
            action = self.recent_menu.addAction(Path(name).name, lambda p=Path(name): self.open_path(p))
            action.setToolTip(name)
        self.recent_menu.setEnabled(bool(self._recent()))

    # --- output ---------------------------------------------------------------------------

    def copy_letter(self) -> bool:
        """Rich text and plain text together: a mail client pastes one, a plain field the other."""
        approved = self._approved("Copy")
        if approved is None:
            return False
        document, override = approved
        payload = clipboard_payload(document)
        mime = QMimeData()
        mime.setHtml(payload.html)
        mime.setText(payload.text)
        QGuiApplication.clipboard().setMimeData(mime)
        self._record_letter(Path(""), "clipboard", override)
        self.statusBar().showMessage("Letter copied as formatted and plain text", 4000)
        return True

    def export_docx(self) -> Path | None:
        return self._export_letter(
            "Export letter",
            ".docx",
            "Word documents (*.docx)",
            "docx",
            lambda document, path: DocxWriter(self._layout).write(document, path),
        )

    def export_eml(self) -> Path | None:
        def write(document, path: Path) -> None:
            recipient, sender = self._composed.letter.recipient, self._composed.draft.sender
            write_eml(
                email_message(document, recipient.email, recipient.name, sender.email, sender.name), path
            )

        return self._export_letter("Export e-mail draft", ".eml", "E-mail (*.eml)", "eml", write)

    def _export_letter(self, title: str, suffix: str, filter_: str, channel: str, write) -> Path | None:
        """Judge the letter now, ask where, write, record in the history, offer to open it."""
        approved = self._approved("Export")
        if approved is None:
            return None
        document, override = approved
        path = dialogs.ask_save_path(self, title, self._suggested_path(suffix), filter_)
        if path is None:
            return None
        path = path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
        try:
            write(document, path)
        except OSError as exc:
            dialogs.show_error(self, "Nothing was exported", _os_message(exc))
            return None
        self._record_letter(path, channel, override)
        self._offer_to_open(path)
        return path

    def _approved(self, action: str, columns=None) -> tuple[object, str] | None:
        """The letter as it leaves and the override reason ("" when ready), after the core's
        verdict; None when it must not leave (the writer was told why)."""
        self.updater.update_now()  # the window shows the verdict the export acts on
        composed = self.updater.compose() if columns is None else self._notice_verdict(columns)
        self._composed = composed
        if composed.ready:
            assert composed.document is not None
            return composed.document, ""
        if composed.document is None:
            dialogs.show_error(self, "Nothing to export", _unrendered(composed))
            return None
        dialog = NotReadyDialog(action, composed.blocking, self)
        self.not_ready_dialog = dialog
        accepted = dialog.exec() == NotReadyDialog.DialogCode.Accepted
        self.not_ready_dialog = None
        if not accepted:
            if dialog.wants_fix:
                self._go_to_first(composed)
            return None
        reason = dialog.override_reason()
        return with_override(composed.document, reason), reason

    def _notice_verdict(self, columns) -> Composed:
        """A notice run is judged for the list as a whole: merge fields against its columns."""
        return self.updater.composer.compose(self.session.draft, columns=columns, history=None)

    def _go_to_first(self, composed: Composed) -> None:
        located = [f for f in composed.blocking if self.form.editor_for(f.field) is not None]
        if located:
            self.go_to_finding(located[0])
        else:
            self._show_left(self.form)
            self.form.focus_field(composed.blocking[0].field)

    def export_notice(self) -> ExportNoticeDialog | None:
        inputs = self.recipients.merge_inputs()
        if inputs is None:
            dialogs.show_error(self, "No recipients", "Import a recipient list on the Recipients tab first.")
            self._show_left(self.recipients)
            return None
        approved = self._approved("Export", columns=inputs.mapping.merge_names)
        if approved is None:
            return None
        _document, override = approved
        dialog = ExportNoticeDialog(
            self.session.draft, self._catalogue, inputs, self, layout=self._layout, override=override
        )
        dialog.finished_export.connect(
            lambda result: self._record_notice(
                inputs.table.path.name, result, f"notice:{dialog.kind().value}", override
            )
        )
        dialog.open()
        return dialog

    def _follow_up_date(self):
        return letter_facts(self.session.draft).follow_up_date

    def _record_letter(self, path: Path, channel: str, override: str) -> None:
        """The letter is written whatever happens here: a history problem only warns."""
        self._record(
            lambda: self.history.record_letter(
                self.session.draft, path, self._follow_up_date(), channel=channel, override=override
            )
        )

    def _record_notice(self, list_name: str, result, channel: str, override: str) -> None:
        draft = self.session.draft
        self._record(
            lambda: self.history.record_notice(
                draft,
                list_name,
                result.written,
                result.output,
                self._follow_up_date(),
                channel=channel,
                override=override,
            )
        )

    def _earlier_apologies(self, recipient, category, since):
        """The history's sent letters, less this draft's own exports: a proof print is not a
        second apology."""
        return self.history.past_apologies(recipient, category, since, exclude_draft=self.session.draft.id)

    def _list_changed(self) -> None:
        """Merge fields are judged against the imported list's columns once there is one."""
        inputs = self.recipients.merge_inputs()
        notice = self.session.draft.kind is Kind.NOTICE
        columns = inputs.mapping.merge_names if notice and inputs else None
        self.updater.set_columns(columns)
        self.form.set_merge_names(tuple(columns) if columns is not None else STANDARD_NAMES)

    def _fill_insert_field_menu(self) -> None:
        """{{ column }} into the prose field the writer is in; each recipient gets their value."""
        menu = self.insert_field_menu
        menu.clear()
        target = self.form.insert_field_target()
        for name in self.form.merge_names():
            action = menu.addAction(name, lambda n=name: self._insert_field(n))
            action.setEnabled(target is not None)
        if target is None:
            menu.addAction("Click in a text field of the form first").setEnabled(False)

    def _insert_field(self, name: str) -> None:
        target = self.form.insert_field_target()
        if target is not None:
            target.insert_merge_field(name)

    def _record(self, write) -> None:
        if self.history is None:
            return
        try:
            write()
            self.history_view.refresh()
        except (HistoryError, OSError, sqlite3.Error) as exc:
            self.statusBar().showMessage(f"Exported, but not recorded in the letter history: {exc}", 10000)

    def _suggested_path(self, suffix: str) -> Path:
        """Beside the draft's own file; in the home folder for new drafts and examples."""
        session = self.session
        folder = session.path.parent if session.path and not session.from_example else Path.home()
        return folder / f"{session.name}{suffix}"

    def _offer_to_open(self, path: Path) -> None:
        self.statusBar().showMessage(f"Saved {path}", 6000)
        choice = dialogs.ask_open_after_export(self, path)
        if choice == "file":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif choice == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    # --- findings -------------------------------------------------------------------------

    def _show_findings(self, findings: list) -> None:
        self.checker_panel.show_findings(findings)
        self.readiness.show_findings(findings)
        self.marks.show(findings)

    def go_to_finding(self, finding) -> None:
        self._show_left(self.form)
        self.form.focus_field(finding.field, finding.start, finding.end)

    def fix_finding(self, finding) -> bool:
        editor = self.form.editor_for(finding.field)
        if editor is None or not apply_fix(editor, finding):
            self.statusBar().showMessage("That fix no longer fits the text; edit it by hand", 4000)
            return False
        self.updater.update_now()
        return True

    def next_finding(self) -> None:
        located = [f for f in self.updater.findings if self.form.editor_for(f.field) is not None]
        if located:
            self.go_to_finding(located[0])

    def _accept_finding(self, finding, reason: str) -> None:
        self.session.draft.accepted_findings[finding.key] = reason
        self._edited()
        self.updater.update_now()

    def _ignore_finding(self, finding) -> None:
        if finding.key not in self.session.draft.ignored_findings:
            self.session.draft.ignored_findings.append(finding.key)
        self._edited()
        self.updater.update_now()

    # --- history and settings -------------------------------------------------------------

    def show_history(self) -> None:
        if self.history_view is None:
            self.statusBar().showMessage(
                "The letter history is not available; see the message at start", 6000
            )
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
            self.statusBar().showMessage(f"{summary[:1].upper()}{summary[1:]} (View ▸ History, Ctrl+5)")

    def open_settings(self) -> SettingsDialog:
        # This computer's settings apply to the real user, not to a folder a test passes.
        site = None if self._user_dir else paths.site_settings_file()
        dialog = SettingsDialog(self._user_dir or paths.user_data_dir(), self, site_path=site)
        dialog.settings_saved.connect(self._settings_saved)
        dialog.open()
        return dialog

    def _settings_saved(self) -> None:
        """New drafts and DOCX exports follow the new settings at once; template and rule
        folders are read at start."""
        if self._reload_defaults is not None:
            self._new_draft, self._layout = self._reload_defaults()
        self.statusBar().showMessage(
            "Settings saved: new drafts and exports use them now; new template and rule folders "
            "take effect the next time Amends starts",
            8000,
        )

    # --- recovery -------------------------------------------------------------------------

    def autosave(self) -> bool:
        """Write the recovery copy of an unsaved draft; a failure warns and loses nothing."""
        self._autosave_timer.stop()
        if self.recovery is None or not self.session.dirty:
            return False
        try:
            self.recovery.save(self.session.draft, self.session.path)
        except OSError as exc:
            self.statusBar().showMessage(f"Could not write the recovery copy: {_os_message(exc)}", 10000)
            return False
        return True

    def _drop_recovery_copy(self) -> None:
        self._autosave_timer.stop()
        if self.recovery is not None:
            with contextlib.suppress(OSError):  # a stale copy is offered back later: harmless
                self.recovery.discard()

    def offer_recovery(self) -> bool:
        """Ask about each draft an interrupted session left; True when one was restored."""
        if self.recovery is None:
            return False
        entries = self.recovery.leftovers()
        if not entries:
            self.statusBar().showMessage("There are no unsaved drafts to recover", 4000)
        while entries:
            choice = dialogs.choose_recovery(self, entries)
            if choice is None:
                return False
            action, entry = choice
            if action == "discard":
                self.recovery.discard(entry.session)
            elif self._restore(entry):
                return True
            entries = self.recovery.leftovers()
        return False

    def _restore(self, entry) -> bool:
        if not self._settle_unsaved():
            return False
        try:
            draft = self.recovery.load(entry)
        except DraftFormatError as exc:
            dialogs.show_error(self, "The draft cannot be recovered", str(exc))
            return False
        self.session.restore(draft, entry.origin)
        self.recovery.discard(entry.session)
        self.autosave()  # the copy now lives under this window's session
        return True

    # --- window ---------------------------------------------------------------------------

    def about_text(self) -> str:
        folder = self._user_dir or paths.user_data_dir()
        return f"{build_info(qVersion()).text()}\nSettings, templates and history: {folder}"

    def _about(self) -> None:
        dialogs.show_about(self, self.about_text())

    def _restore_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        self.main_split.setSizes([560, 720])  # the letter gets the larger share until the user moves it
        self.right_split.setSizes([440, 280])
        for splitter in (self.main_split, self.right_split):
            state = self._settings.value(f"window/{splitter.objectName()}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        self._fill_recent_menu()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._settle_unsaved():
            event.ignore()
            return
        self._drop_recovery_copy()
        self._settings.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.main_split, self.right_split):
            self._settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        event.accept()


def _examples(folder: Path) -> list[tuple[str, Path]]:
    """(the draft's own title, its file) for each built-in example, sorted by title."""
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            title = load_draft(path).title.strip()
        except DraftFormatError:
            continue  # a broken example is left out of the menu rather than breaking the window
        found.append((title or path.stem.replace("-", " ").capitalize(), path))
    return sorted(found)


def _opener(open_path: Callable[..., bool], path: Path) -> Callable[[], None]:
    def open_example(_checked: bool = False) -> None:
        open_path(path, True)

    return open_example


def _unrendered(composed: Composed) -> str:
    reasons = [f.message for f in composed.findings if f.rule == "unrendered"]
    return " ".join(reasons) or "The letter cannot be rendered yet; see the preview."


def _os_message(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}. The letter is still open; nothing was lost."
