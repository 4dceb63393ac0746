"""Where merged letters go: a print file (DOCX or PDF), a file per recipient, or a CSV for a mail platform.

Every sink is all-or-nothing. Everything is written in the run's hidden staging folder
(staging.py), beside the output, and moved into place on `commit`. `abort` (a cancel or a
failure) removes what the run wrote, so an interrupted run never leaves half a batch or half
a file behind; what a killed run leaves, the next run into that folder removes.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop.core.atomic import atomic_write
from desktop.core.channels import Channel
from desktop.core.document import Document, message_body
from desktop.core.merge.manifest import sha256
from desktop.core.recipients import FileNamer, RecipientRow, safe_cell
from desktop.core.writers.docx import DocxWriter
from desktop.core.writers.email import (
    FROM_FIELD,
    TO_FIELD,
    AddressError,
    checked_address,
    email_message,
)
from desktop.core.writers.html import to_html_fragment
from desktop.core.writers.plain import to_text

if TYPE_CHECKING:  # ReportLab loads only when a run writes PDF
    from desktop.core.writers.pdf import PdfWriter


class OutputKind(StrEnum):
    DOCX = "docx"
    """One DOCX with every letter, each on a new page: for print runs."""
    DOCX_EACH = "docx-each"
    PDF = "pdf"
    """One PDF with every letter, each starting on a new page with its own page numbers."""
    PDF_EACH = "pdf-each"
    EML = "eml"
    CSV = "csv"
    """Recipient, subject and bodies, for upload to a mail platform."""

    @property
    def is_folder(self) -> bool:
        return self in (OutputKind.DOCX_EACH, OutputKind.PDF_EACH, OutputKind.EML)

    @property
    def channel(self) -> Channel:
        """Print runs are letters, e-mails and the mail platform's CSV are messages."""
        return Channel.EMAIL if self in (OutputKind.EML, OutputKind.CSV) else Channel.PRINT

    @property
    def suffix(self) -> str:
        return {
            "docx": ".docx",
            "docx-each": ".docx",
            "pdf": ".pdf",
            "pdf-each": ".pdf",
            "eml": ".eml",
            "csv": ".csv",
        }[self.value]


class Sink(Protocol):
    def add(self, row: RecipientRow, document: Document) -> tuple[str, str, str]:
        """Write one letter; return (where it went, its SHA-256, what the hash covers)."""

    def commit(self) -> None: ...

    def abort(self) -> None: ...


def letter_digest(document: Document) -> str:
    return sha256(to_text(document).encode("utf-8"))


class CombinedSink:
    """One print file holding every letter: the DOCX or the PDF writer's combined file."""

    def __init__(
        self,
        path: Path,
        writer: DocxWriter | PdfWriter,
        title: str,
        author: str,
        language: str,
        note: str = "",
    ):
        self._path = path
        self._file = writer.combined(path, title, author, language, note)
        self._file.__enter__()

    def add(self, row: RecipientRow, document: Document) -> tuple[str, str, str]:
        self._file.add(document)
        return self._path.name, letter_digest(document), "letter text"

    def commit(self) -> None:
        self._file.__exit__(None, None, None)

    def abort(self) -> None:
        failure = RuntimeError("merge stopped")
        self._file.__exit__(RuntimeError, failure, None)


class MovedOnCommit:
    """A single-file sink writing in the staging folder: its file is moved into place last."""

    def __init__(self, sink: Sink, staged: Path, target: Path):
        self._sink = sink
        self._staged = staged
        self._target = target

    def add(self, row: RecipientRow, document: Document) -> tuple[str, str, str]:
        return self._sink.add(row, document)

    def commit(self) -> None:
        self._sink.commit()
        os.replace(self._staged, self._target)

    def abort(self) -> None:
        self._sink.abort()


ToBytes = Callable[[RecipientRow, Document], bytes]
"""One recipient's file: its row and its letter in, the bytes to write out."""


class FilePerRecipientSink:
    """DOCX, PDF or .eml files named by a pattern, staged until the whole run succeeds."""

    def __init__(self, folder: Path, namer: FileNamer, to_bytes: ToBytes, staging: Path):
        """`staging`: an empty folder of the run's own, on the output folder's drive."""
        self._folder = folder
        self._namer = namer
        self._to_bytes = to_bytes
        self._staging = staging

    def add(self, row: RecipientRow, document: Document) -> tuple[str, str, str]:
        name = self._namer.name_for(row)
        data = self._to_bytes(row, document)
        (self._staging / name).write_bytes(data)
        return name, sha256(data), "file"

    def commit(self) -> None:
        for entry in os.scandir(self._staging):
            os.replace(entry.path, self._folder / entry.name)
        self._staging.rmdir()

    def abort(self) -> None:
        shutil.rmtree(self._staging, ignore_errors=True)


class MailPlatformCsvSink:
    COLUMNS = ("row", "email", "name", "subject", "text_body", "html_body")

    def __init__(self, path: Path):
        self._path = path
        self._atomic = atomic_write(path, binary=False)
        handle = self._atomic.__enter__()
        self._writer = csv.writer(handle)
        self._writer.writerow(self.COLUMNS)

    def add(self, row: RecipientRow, document: Document) -> tuple[str, str, str]:
        body = message_body(document)
        recipient = row.recipient
        try:
            checked_address(TO_FIELD, recipient.email)  # a platform may split a cell holding two
        except AddressError as exc:
            raise _in_row(row, exc) from None
        cells = (
            str(row.row),
            recipient.email,
            recipient.name,
            document.title,
            to_text(body),
            to_html_fragment(body),
        )
        self._writer.writerow([safe_cell(cell) for cell in cells])
        return self._path.name, letter_digest(document), "letter text"

    def commit(self) -> None:
        self._atomic.__exit__(None, None, None)

    def abort(self) -> None:
        failure = RuntimeError("merge stopped")
        self._atomic.__exit__(RuntimeError, failure, None)


def eml_writer(sender_name: str, sender_email: str) -> ToBytes:
    """Bytes of one recipient's e-mail draft, from the draft's sender.

    A sender that is not one address stops the run here, before its first file; a row's
    address that is not one (validation makes it an error, so only a caller that skipped
    validation meets this) stops it at that row, named, and the run leaves nothing."""
    checked_address(FROM_FIELD, sender_email)

    def eml_bytes(row: RecipientRow, document: Document) -> bytes:
        recipient = row.recipient
        try:
            message = email_message(document, recipient.email, recipient.name, sender_email, sender_name)
        except AddressError as exc:
            raise _in_row(row, exc) from None
        return message.as_bytes()

    return eml_bytes


def _in_row(row: RecipientRow, exc: AddressError) -> AddressError:
    return AddressError(f"row {row.row}, {exc.field}", exc.address, exc.reason)
