"""DOCX files from documents: one letter, one file per recipient, or one combined print file.

The package's fixed parts (styles, bullets, settings, logo) are prepared once by a
`DocxWriter` and reused for every letter; only word/document.xml changes. A combined file
streams its document.xml into the ZIP letter by letter, so memory stays flat for any number
of letters. Files are written to a temporary name and renamed when complete.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Literal

from desktop import __version__
from desktop.core.atomic import atomic_write
from desktop.core.document import Document
from desktop.core.writers import docx_parts as parts
from desktop.core.writers import zip_package
from desktop.core.writers.wordml import BodyWriter, Logo

_EMU_PER_MM = 36000


@dataclass(frozen=True)
class DocxLayout:
    page: parts.PageSetup | None = None
    """Paper and margins; None takes the paper usual for the letter's locale (Letter in the US)."""
    logo: Path | None = None
    """A PNG or JPEG printed at the top of each letter's letterhead."""
    logo_width_mm: float = 38.0
    language: str = ""
    """BCP 47 tag for Word's spelling checker ("en-CA"); from the document when empty."""


class DocxWriter:
    def __init__(self, layout: DocxLayout | None = None, created: dt.datetime | None = None):
        self.layout = layout or DocxLayout()
        self._created = created or dt.datetime.now(dt.UTC)
        self._logo: Logo | None = None
        self._media: tuple[str, bytes] | None = None
        if self.layout.logo is not None:
            self._load_logo(self.layout.logo)
        self._prepared: dict[tuple[str, str, str, str], list[zip_package.PreparedPart]] = {}

    def _load_logo(self, path: Path) -> None:
        from docx.image.image import Image  # python-docx pulls in lxml: only a letter with a logo pays

        try:
            blob = path.read_bytes()
            image = Image.from_blob(blob)
        except OSError as exc:
            raise ValueError(f"{path}: cannot read the logo ({exc.strerror})") from None
        except Exception:
            raise ValueError(f"{path}: the logo must be a PNG or JPEG image") from None
        extension = {"image/png": "png", "image/jpeg": "jpeg"}.get(image.content_type)
        if extension is None:
            raise ValueError(f"{path}: the logo must be a PNG or JPEG image, not {image.content_type}")
        width = round(self.layout.logo_width_mm * _EMU_PER_MM)
        height = round(width * image.px_height / max(image.px_width, 1))
        self._logo = Logo(parts.LOGO_RELATIONSHIP_ID, width, height)
        self._media = (f"logo.{extension}", blob)

    def write(self, document: Document, target: str | os.PathLike[str] | IO[bytes]) -> None:
        """One letter in one file."""
        data = self.to_bytes(document)
        if isinstance(target, (str, os.PathLike)):
            with atomic_write(target) as handle:
                handle.write(data)
        else:
            target.write(data)

    def to_bytes(self, document: Document) -> bytes:
        body = BodyWriter(self._logo).letter(document.blocks)
        language = self._language(document)
        xml = parts.document_head() + body + parts.document_tail(self.page_for(language))
        fixed = self._prepared_parts(document.title, document.author, language, _override_note(document))
        return zip_package.build(
            [*fixed, zip_package.prepare("word/document.xml", xml.encode("utf-8"), level=1)]
        )

    def combined(
        self, target: str | os.PathLike[str], title: str, author: str, language: str = "", note: str = ""
    ) -> CombinedDocx:
        """A print file: many letters, each starting on a new page, streamed to disk. `note`
        goes in the document's comments (why it was written despite errors)."""
        language = language or self.layout.language or "en-GB"
        return CombinedDocx(self, Path(target), title, author, language, note)

    def page_for(self, language: str) -> parts.PageSetup:
        return self.layout.page or parts.PageSetup.for_locale(language)

    def _language(self, document: Document) -> str:
        return self.layout.language or document.metadata.get("language", "") or "en-GB"

    def _fixed_parts(
        self, title: str, author: str, language: str, note: str = ""
    ) -> list[tuple[str, bytes, bool]]:
        """(name, content, compress) of every part but word/document.xml."""
        media_name = self._media[0] if self._media else None
        extension = media_name.rsplit(".", 1)[1] if media_name else None
        fixed = [
            ("[Content_Types].xml", parts.content_types(extension).encode("utf-8"), True),
            ("_rels/.rels", parts.PACKAGE_RELS.encode("utf-8"), True),
            ("word/_rels/document.xml.rels", parts.document_rels(media_name).encode("utf-8"), True),
            ("word/styles.xml", parts.styles_xml(language).encode("utf-8"), True),
            ("word/numbering.xml", parts.NUMBERING_XML.encode("utf-8"), True),
            ("word/settings.xml", parts.SETTINGS_XML.encode("utf-8"), True),
            (
                "docProps/core.xml",
                parts.core_properties(title, title, author, self._created, note).encode("utf-8"),
                True,
            ),
            ("docProps/app.xml", parts.app_properties(__version__).encode("utf-8"), True),
        ]
        if self._media:
            fixed.append(
                (f"word/media/{self._media[0]}", self._media[1], False)
            )  # images are compressed already
        return fixed

    def _prepared_parts(
        self, title: str, author: str, language: str, note: str = ""
    ) -> list[zip_package.PreparedPart]:
        key = (title, author, language, note)
        if key not in self._prepared:
            if len(self._prepared) > 16:  # one notice has one title; single letters come and go
                self._prepared.clear()
            self._prepared[key] = [
                zip_package.prepare(name, content, compress)
                for name, content, compress in self._fixed_parts(title, author, language, note)
            ]
        return self._prepared[key]


class CombinedDocx:
    """Context manager: `add()` each letter; the file appears only if the block completes."""

    def __init__(
        self, writer: DocxWriter, target: Path, title: str, author: str, language: str, note: str = ""
    ):
        self._writer = writer
        self._note = note
        self._target = target
        self._title = title
        self._author = author
        self._language = language
        self._body = BodyWriter(writer._logo)
        self.count = 0

    def __enter__(self) -> CombinedDocx:
        self._atomic = atomic_write(self._target)
        handle = self._atomic.__enter__()
        try:
            self._archive = zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
            for name, content, compress in self._writer._fixed_parts(
                self._title, self._author, self._language, self._note
            ):
                self._archive.writestr(
                    name, content, zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
                )
            self._stream = self._archive.open("word/document.xml", "w", force_zip64=True)
            self._stream.write(parts.document_head().encode("utf-8"))
        except BaseException as exc:
            self._atomic.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def add(self, document: Document) -> None:
        xml = self._body.letter(document.blocks, new_page=self.count > 0)
        self._stream.write(xml.encode("utf-8"))
        self.count += 1

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> Literal[False]:
        try:
            if exc_type is None:
                page = self._writer.page_for(self._language)
                self._stream.write(parts.document_tail(page).encode("utf-8"))
            self._stream.close()
            self._archive.close()
        except BaseException as failure:
            self._atomic.__exit__(type(failure), failure, failure.__traceback__)
            raise
        self._atomic.__exit__(exc_type, exc, tb)
        return False


def write_docx(
    document: Document, target: str | os.PathLike[str] | IO[bytes], layout: DocxLayout | None = None
) -> None:
    """One letter, with the default layout unless one is given."""
    DocxWriter(layout).write(document, target)


def _override_note(document: Document) -> str:
    return override_note(document.metadata.get("override", ""))


def override_note(reason: str) -> str:
    """The document's comments say so when it was written despite blocking errors."""
    return f"Written despite errors: {reason}" if reason else ""
