"""Every way a letter leaves the window: DOCX, PDF, e-mail draft, the clipboard, a notice run.

Each one asks the core's pipeline for a fresh verdict first. A letter that is not ready
stops at "Not ready to send"; one sent anyway carries the writer's reason into the file
and the history. What left, and how, is recorded as exported, never as sent.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QWidget

from desktop.core.channels import Channel
from desktop.core.compose import Composed, with_override
from desktop.core.context import letter_facts
from desktop.core.document import Document
from desktop.core.history import HistoryError, HistoryStore
from desktop.core.merge.checks import output_row_fields
from desktop.core.merge.profile_rows import profile_rows
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.clipboard import clipboard_payload
from desktop.core.writers.docx import DocxLayout, DocxWriter
from desktop.core.writers.email import AddressError, email_message, write_eml
from desktop.gui import dialogs
from desktop.gui.draft_session import DraftSession
from desktop.gui.file_actions import os_message
from desktop.gui.folders import LastFolders
from desktop.gui.letter_updater import LetterUpdater
from desktop.gui.not_ready_dialog import NotReadyDialog
from desktop.gui.notice import ExportNoticeDialog, RecipientsPanel

Writer = Callable[[Document, Path], None]


class ExportActions(QObject):
    def __init__(
        self,
        window: QWidget,
        session: DraftSession,
        updater: LetterUpdater,
        catalogue: TemplateCatalogue,
        recipients: RecipientsPanel,
        folders: LastFolders,
        history: HistoryStore | None,
        status: Callable[[str, int], None],
    ):
        super().__init__(window)
        self._window = window
        self._session = session
        self._updater = updater
        self._catalogue = catalogue
        self._recipients = recipients
        self._folders = folders
        self._history = history
        self._status = status
        self.layout: DocxLayout | None = None
        """Paper, margins and logo from the settings; replaced when they change."""
        self.not_ready_dialog: NotReadyDialog | None = None
        """The "Not ready to send" question while it is open."""
        self.fix_requested: Callable[[Composed], None] = lambda _composed: None
        """Where "Go to First Error" leads: set by the window."""
        self.recorded: Callable[[], None] = lambda: None
        """Called after the history gained an entry: set by the window."""
        self._composed: Composed | None = None

    # Single letters

    def copy_letter(self) -> bool:
        """Rich text and plain text together: a mail client pastes one, a plain field the other."""
        approved = self._approved("Copy", channel=Channel.EMAIL)
        if approved is None:
            return False
        document, override = approved
        payload = clipboard_payload(document)
        mime = QMimeData()
        mime.setHtml(payload.html)
        mime.setText(payload.text)
        QGuiApplication.clipboard().setMimeData(mime)
        self._record_letter(Path(""), "clipboard", override)
        self._status("Letter copied as formatted and plain text", 4000)
        return True

    def export_docx(self) -> Path | None:
        def write(document: Document, path: Path) -> None:
            DocxWriter(self.layout).write(document, path)

        return self._export_letter(
            "Export letter", ".docx", "Word documents (*.docx)", "docx", write, Channel.PRINT
        )

    def export_pdf(self) -> Path | None:
        def write(document: Document, path: Path) -> None:
            from desktop.core.writers.pdf import PdfWriter  # ReportLab loads when a PDF is asked for

            PdfWriter(self.layout).write(document, path)

        return self._export_letter(
            "Export letter as PDF", ".pdf", "PDF documents (*.pdf)", "pdf", write, Channel.PRINT
        )

    def export_eml(self) -> Path | None:
        def write(document: Document, path: Path) -> None:
            assert self._composed is not None
            recipient, sender = self._composed.letter.recipient, self._composed.draft.sender
            message = email_message(document, recipient.email, recipient.name, sender.email, sender.name)
            write_eml(message, path)

        return self._export_letter(
            "Export e-mail draft", ".eml", "E-mail (*.eml)", "eml", write, Channel.EMAIL
        )

    def _export_letter(
        self, title: str, suffix: str, filter_: str, channel: str, write: Writer, way: Channel
    ) -> Path | None:
        """Judge the letter now as `way` carries it, ask where, write, record in the history,
        offer to open it."""
        approved = self._approved("Export", channel=way)
        if approved is None:
            return None
        document, override = approved
        path = dialogs.ask_save_path(self._window, title, self.suggested_path(channel, suffix), filter_)
        if path is None:
            return None
        path = path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
        try:
            write(document, path)
        except OSError as exc:
            dialogs.show_error(self._window, "Nothing was exported", os_message(exc))
            return None
        except AddressError as exc:  # a To or From that is not exactly one address
            dialogs.show_error(self._window, "Nothing was exported", f"{exc}.")
            return None
        self._folders.remember(channel, path)
        self._record_letter(path, channel, override)
        self._offer_to_open(path)
        return path

    def suggested_path(self, channel: str, suffix: str) -> Path:
        """Where this kind of export last went (else Documents/Amends), named after the draft."""
        return self._folders.start(channel) / f"{self._session.name}{suffix}"

    # Notices

    def export_notice(self) -> ExportNoticeDialog | None:
        inputs = self._recipients.merge_inputs()
        if inputs is None:
            dialogs.show_error(
                self._window, "No recipients", "Import a recipient list on the Recipients tab first."
            )
            return None
        approved = self._approved("Export", columns=inputs.mapping.merge_names)
        if approved is None:
            return None
        _document, override = approved
        draft = self._session.draft
        dialog = ExportNoticeDialog(
            draft,
            self._catalogue,
            inputs,
            self._window,
            layout=self.layout,
            override=override,
            start_folder=lambda kind: self._folders.start(f"notice:{kind.value}"),
            held_rows=lambda channel: profile_rows(
                self._updater.composer,
                draft,
                inputs.table,
                inputs.mapping,
                draft.template,
                channel,
                overrides=inputs.overrides,
            ),
        )
        # the tab marks as errors the rows the chosen output would refuse, as the dialog counts them
        dialog.output_chosen.connect(lambda kind: self._recipients.set_output_needs(output_row_fields(kind)))
        self._recipients.set_output_needs(output_row_fields(dialog.kind()))
        list_name = inputs.table.path.name
        dialog.finished_export.connect(
            lambda result: self._record_notice(list_name, result, f"notice:{dialog.kind().value}", override)
        )
        dialog.open()
        return dialog

    # The verdict

    def _approved(
        self, action: str, columns: Collection[str] | None = None, channel: Channel | None = None
    ) -> tuple[Document, str] | None:
        """The letter as it leaves and the override reason ("" when ready), after the core's
        verdict; None when it must not leave (the writer was told why). A single letter is
        judged as `channel` carries it."""
        self._updater.update_now()  # the window shows the verdict the export acts on
        if columns is None:
            assert channel is not None
            composed = self._updater.compose_for(channel)
        else:  # a notice run is judged for the list as a whole: merge fields against its columns
            composed = self._updater.composer.compose(self._session.draft, columns=columns)
        self._composed = composed
        if composed.ready:
            assert composed.document is not None
            return composed.document, ""
        if composed.document is None:
            reasons = " ".join(f.message for f in composed.findings if f.rule == "unrendered")
            dialogs.show_error(self._window, "Nothing to export", reasons or "The letter cannot be rendered.")
            return None
        dialog = NotReadyDialog(action, composed.blocking, self._window)
        self.not_ready_dialog = dialog
        accepted = dialog.exec() == NotReadyDialog.DialogCode.Accepted
        self.not_ready_dialog = None
        if not accepted:
            if dialog.wants_fix:
                self.fix_requested(composed)
            return None
        reason = dialog.override_reason()
        return with_override(composed.document, reason), reason

    # The history

    def _record_letter(self, path: Path, channel: str, override: str) -> None:
        """The letter is written whatever happens here: a history problem only warns."""
        draft = self._session.draft
        follow_up = letter_facts(draft).follow_up_date
        self._record(
            lambda history: history.record_letter(draft, path, follow_up, channel=channel, override=override)
        )

    def _record_notice(self, list_name: str, result, channel: str, override: str) -> None:
        draft = self._session.draft
        follow_up = letter_facts(draft).follow_up_date
        self._folders.remember(channel, Path(result.output))
        self._record(
            lambda history: history.record_notice(
                draft, list_name, result.written, result.output, follow_up, channel=channel, override=override
            )
        )

    def _record(self, write: Callable[[HistoryStore], object]) -> None:
        if self._history is None:
            return
        try:
            write(self._history)
        except (HistoryError, OSError, sqlite3.Error) as exc:
            self._status(f"Exported, but not recorded in the letter history: {exc}", 10000)
            return
        self.recorded()

    def _offer_to_open(self, path: Path) -> None:
        self._status(f"Saved {path}", 6000)
        choice = dialogs.ask_open_after_export(self._window, path)
        if choice == "file":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif choice == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
