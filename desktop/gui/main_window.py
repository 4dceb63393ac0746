"""The main window: the guided form, the live preview and the checker side by side.

The window lays out the panels and wires menus, shortcuts and signals; what the actions do
lives with their job: file_actions (the draft's file), export_actions (every way a letter
leaves), recovery_actions (the recovery copy), finding_actions (fix, accept, go to). The
draft session is the one thing that changes the open draft.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt, qVersion
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from desktop.build_info import build_info
from desktop.core.channels import Channel
from desktop.core.checker import Checker
from desktop.core.compose import Composer
from desktop.core.document import Document
from desktop.core.history import HistoryStore
from desktop.core.language import model as language_model
from desktop.core.merge_fields import STANDARD_NAMES
from desktop.core.model import Draft, Kind
from desktop.core.profiles import ProfileCatalogue
from desktop.core.recipients import required_recipient_fields
from desktop.core.recovery import RecoveryStore
from desktop.core.templates import TemplateCatalogue, TemplateError
from desktop.core.writers.docx import DocxLayout
from desktop.gui.checking import CheckerPanel, FindingMarks, ReadinessBanner
from desktop.gui.draft_session import DraftSession
from desktop.gui.export_actions import ExportActions
from desktop.gui.file_actions import FileActions
from desktop.gui.finding_actions import FindingActions
from desktop.gui.folders import AppFolders, LastFolders
from desktop.gui.form import FormPanel
from desktop.gui.letter_toolbar import LetterToolbar
from desktop.gui.letter_updater import LetterUpdater
from desktop.gui.menus import build_menus
from desktop.gui.notice import RecipientsPanel
from desktop.gui.preview_pane import PreviewPane
from desktop.gui.recovery_actions import RecoveryActions
from desktop.gui.shortcut_priority import ShortcutPriority
from desktop.gui.side_panels import SidePanels


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
        reload_defaults: Callable[[], tuple[Callable[[], Draft], DocxLayout | None]] | None = None,
        *,
        folders: AppFolders,
        profiles: ProfileCatalogue | None = None,
    ):
        """`folders` come from where the program starts (app.build_window)."""
        super().__init__()
        self.folders = folders
        self._catalogue = catalogue
        self._settings = settings
        self.history = history
        self._reload_defaults = reload_defaults
        self.session = DraftSession(self)
        self.form, self.recipients = FormPanel(), RecipientsPanel()
        self.preview = PreviewPane(lambda: self.exports.layout)  # paper, margins, logo: as exported
        self.checker_panel, self.readiness = CheckerPanel(), ReadinessBanner()
        lookup = self._earlier_apologies if history else None
        self.updater = LetterUpdater(
            Composer(catalogue, checker, profiles), lambda: self.session.draft, self, history=lookup
        )
        self.marks = FindingMarks(self.form.editor_for)
        if checker.compensation is not None:  # the categories of the rules in use, team's included
            self.form.set_categories(checker.compensation.categories)
        self.toolbar = LetterToolbar(catalogue)
        status = self.statusBar().showMessage
        last = LastFolders(settings, self.folders.documents)
        self.files = FileActions(self, self.session, settings, last, new_draft, status)
        self.files.fit = self._fit_template
        self.exports = ExportActions(
            self, self.session, self.updater, catalogue, self.recipients, last, history, status
        )
        self.exports.layout = layout
        self.recovery = RecoveryActions(self, self.session, recovery, self.files.settle_unsaved, status)
        self.findings = FindingActions(
            self.form, self.session, self.updater, lambda: self.show_left(self.form), status
        )
        self.panels = SidePanels(self, history, self.folders, self._settings_saved)
        self.history_view = self.panels.history_view
        self._build_layout()
        build_menus(self)
        self._connect()
        self.shortcuts = ShortcutPriority(self)
        self.setMinimumSize(960, 600)
        self._restore_state()
        self.session.new(self.files.new_draft_factory())

    # Building

    def _build_layout(self) -> None:
        self.addToolBar(self.toolbar)
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
        self.setCentralWidget(self.main_split)

    def _show_letter(self, document: Document) -> None:
        """The letter by its template's main channel, and on paper for the pages."""
        composed = self.updater.composed
        paper = composed.paper if composed is not None else None
        by_email = composed is not None and composed.channels[0] is Channel.EMAIL
        self.preview.show_document(document, paper, by_email)

    def _connect(self) -> None:
        self.form.set_writer(lambda path, value: self.session.set_field(path, value))
        self.session.edited.connect(self._edited)
        self.session.replaced.connect(self._session_replaced)
        self.session.dirty_changed.connect(lambda _dirty: self._update_title())
        self.session.path_changed.connect(lambda _path: self._update_title())
        self.toolbar.kind_chosen.connect(self._kind_chosen)
        self.toolbar.template_chosen.connect(self._template_chosen)
        self.updater.letter_rendered.connect(self._show_letter)
        self.updater.render_failed.connect(
            lambda why: self.preview.show_problem("The letter cannot be shown", why)
        )
        self.updater.findings_ready.connect(self._show_findings)
        self.checker_panel.finding_activated.connect(self.findings.go_to)
        self.checker_panel.fix_requested.connect(self.findings.fix)
        self.checker_panel.accept_requested.connect(self.findings.accept)
        self.checker_panel.ignore_requested.connect(self.findings.ignore)
        self.checker_panel.withdraw_requested.connect(self.findings.withdraw)
        self.files.before_save = self.findings.keep_live_acceptances
        self.recipients.preview_recipient_changed.connect(self.updater.set_preview_recipient)
        self.recipients.recipients_changed.connect(self._list_changed)
        self.exports.fix_requested = self.findings.go_to_first_blocking
        self.files.saved.append(self.recovery.drop_copy)
        if self.history_view is not None:
            self.exports.recorded = self.history_view.refresh
            self.history_view.history_changed.connect(self.updater.schedule)

    # The open draft

    def _session_replaced(self) -> None:
        draft = self.session.draft
        self.toolbar.show_draft(draft)
        self.form.set_draft(draft, self._current_template())
        self._kind_applies()
        self._update_title()
        self.updater.update_soon()  # a shared template renders off this thread

    def _edited(self) -> None:
        self._update_title()
        self.updater.schedule()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.session.name}[*] — Amends")
        self.setWindowModified(self.session.dirty)

    def _current_template(self):
        try:
            return self._catalogue.get(self.session.draft.template)
        except TemplateError:
            return None

    def _fit_template(self, draft: Draft) -> None:
        """A new draft in the writer's current kind takes a template of that kind."""
        try:
            fits = self._catalogue.get(draft.template).kind is draft.kind
        except TemplateError:
            fits = False
        if not fits:
            draft.template = self.toolbar.first_template(draft.kind)

    def _kind_chosen(self, kind: Kind, template_id: str) -> None:
        if kind is not self.session.draft.kind:
            self.session.set_kind(kind, template_id)
            self._session_shows_choice()

    def _template_chosen(self, template_id: str) -> None:
        self.session.set_template(template_id)
        self._session_shows_choice()

    def _session_shows_choice(self) -> None:
        self.toolbar.show_draft(self.session.draft)
        self.form.set_draft(self.session.draft, self._current_template())
        self._kind_applies()

    def _kind_applies(self) -> None:
        """The recipients tab and notice export belong to notices only."""
        notice = self.session.draft.kind is Kind.NOTICE
        self.left_tabs.setTabVisible(self.left_tabs.indexOf(self.recipients), notice)
        self.export_notice_action.setEnabled(notice)
        template = self._current_template()
        if template is not None:
            self.recipients.set_required_fields(required_recipient_fields(template.requires))
        self._list_changed()

    def _list_changed(self) -> None:
        """Merge fields are judged against the imported list's columns once there is one."""
        inputs = self.recipients.merge_inputs()
        columns = inputs.mapping.merge_names if self.session.draft.kind is Kind.NOTICE and inputs else None
        self.updater.set_columns(columns)
        self.form.set_merge_names(tuple(columns) if columns is not None else STANDARD_NAMES)

    def show_left(self, widget: QWidget) -> None:
        index = self.left_tabs.indexOf(widget)
        if self.left_tabs.isTabVisible(index):
            self.left_tabs.setCurrentIndex(index)

    def export_notice(self) -> None:
        """File ▸ Export Notice: the recipients tab comes forward when there is no list yet."""
        if self.recipients.merge_inputs() is None:
            self.show_left(self.recipients)
        self.exports.export_notice()

    def _show_findings(self, findings: list) -> None:
        self.checker_panel.show_findings(findings)
        self.readiness.show_findings(findings)
        self.marks.show(findings)

    def _earlier_apologies(self, recipient, category, since):
        """The history's sent letters, less this draft's own exports: a proof print is not a
        second apology."""
        return self.history.past_apologies(recipient, category, since, exclude_draft=self.session.draft.id)

    def _settings_saved(self) -> None:
        """New drafts and DOCX exports follow the new settings at once; template and rule
        folders are read at start."""
        if self._reload_defaults is not None:
            self.files.new_draft_factory, self.exports.layout = self._reload_defaults()
            self.preview.pages.refresh()  # new paper or margins: the pages as they will print
        self.statusBar().showMessage(
            "Settings saved: new drafts and exports use them now; new template and rule folders "
            "take effect the next time Amends starts",
            8000,
        )

    # The window

    def about_text(self) -> str:
        return (
            f"{build_info(qVersion()).text()}\nSettings, templates and history: {self.folders.user}\n"
            f"{language_model.ABOUT}"
        )

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

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.settle_unsaved():
            event.ignore()
            return
        self.recovery.drop_copy()
        self._settings.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.main_split, self.right_split):
            self._settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        event.accept()
