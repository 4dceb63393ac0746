"""DOCX files from documents: one letter, one file per recipient, or one combined print file.

The package's fixed parts (styles, bullets, settings, logo) are prepared once by a
`DocxWriter` and reused for every letter; only word/document.xml and the letters' headers
change. Each letter is a section of its own: it starts on a new page, numbers its pages from
1, and carries a continuation header on its pages 2 and after ("recipient, date ... Page N
of M"), the header the PDF prints. M is the letter's page count from the page layout the PDF
uses (desktop/core/pages): Word recomputes it, LibreOffice shows it as written.

A combined file streams its document.xml into the ZIP letter by letter, and its header parts
into a temporary file, copied into the ZIP at the end, so memory stays flat for any number of
letters. Files are written to a temporary name and renamed when complete.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Literal

from desktop import __version__
from desktop.core.atomic import atomic_write, write_bytes
from desktop.core.document import Document
from desktop.core.pages import styles as paper
from desktop.core.pages.layout import HEADER_GAP, HEADER_MIN_TOP, PageLayout, header_text
from desktop.core.writers import docx_parts as parts
from desktop.core.writers import zip_package
from desktop.core.writers.wordml import BodyWriter, Logo, with_section

_EMU_PER_MM = 36000
_EMU_PER_PT = 12700
_PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class DocxLayout:
    page: parts.PageSetup | None = None
    """Paper and margins; None takes the paper usual for the letter's locale (Letter in the US)."""
    logo: Path | None = None
    """A PNG or JPEG printed at the top of each letter's letterhead."""
    logo_width_mm: float = 38.0
    language: str = ""
    """BCP 47 tag for Word's spelling checker ("en-CA"); from the document when empty."""

    def language_of(self, document: Document) -> str:
        return self.language or document.metadata.get("language", "") or "en-GB"

    def page_for(self, language: str) -> parts.PageSetup:
        """The paper a letter in `language` is printed on, DOCX and PDF alike: the settings'
        choice, else the paper usual where that language's region is (Letter in Canada)."""
        return self.page or parts.PageSetup.for_locale(language)


class DocxWriter:
    def __init__(self, layout: DocxLayout | None = None, created: dt.datetime | None = None):
        self.layout = layout or DocxLayout()
        self._created = created or dt.datetime.now(dt.UTC)
        self._logo: Logo | None = None
        self._media: tuple[str, bytes] | None = None
        if self.layout.logo is not None:
            self._load_logo(self.layout.logo)
        self._prepared: dict[tuple[str, str, str, str], list[zip_package.PreparedPart]] = {}
        self._page_layouts: dict[parts.PageSetup, PageLayout] = {}

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
        write_bytes(self.to_bytes(document), target)

    def to_bytes(self, document: Document) -> bytes:
        language = self.layout.language_of(document)
        page = self.layout.page_for(language)
        body = BodyWriter(self._logo, page.text_width_twips()).letter(document.blocks)
        xml = parts.document_head() + body + parts.document_tail(page, self.section_headers(page, 1))
        fixed = self._prepared_parts(document.title, document.author, language, _override_note(document))
        header = self.header_xml(document, page)
        return zip_package.build(
            [
                *fixed,
                zip_package.prepare("word/document.xml", xml.encode("utf-8"), level=1),
                zip_package.prepare(parts.header_part(1), header, level=1),
            ]
        )

    def combined(
        self, target: str | os.PathLike[str], title: str, author: str, language: str = "", note: str = ""
    ) -> CombinedDocx:
        """A print file: many letters, each starting on a new page, streamed to disk. `note`
        goes in the document's comments (why it was written despite errors)."""
        language = language or self.layout.language or "en-GB"
        return CombinedDocx(self, Path(target), title, author, language, note)

    def page_count(self, document: Document, page: parts.PageSetup) -> int:
        """The letter's pages as the PDF lays them out on `page`."""
        layout = self._page_layouts.get(page)
        if layout is None:
            from desktop.core.writers.pdf_fonts import ReportLabMetrics, font_names  # ReportLab when needed

            logo = None
            if self._logo is not None:
                logo = (self._logo.width_emu / _EMU_PER_PT, self._logo.height_emu / _EMU_PER_PT)
            layout = self._page_layouts[page] = PageLayout(page, ReportLabMetrics(font_names()), logo)
        return len(layout.lay_out(document).pages)

    def header_xml(self, document: Document, page: parts.PageSetup) -> bytes:
        """The letter's continuation header part."""
        count = self.page_count(document, page)
        return parts.header_xml(header_text(document), count, page.text_width_twips()).encode("utf-8")

    @staticmethod
    def section_headers(page: parts.PageSetup, number: int) -> parts.SectionHeaders:
        """The headers of the `number`th letter, placed in the top margin where the PDF puts them."""
        top = page.margins_mm[0] * _PT_PER_MM
        distance = max(top - HEADER_GAP - paper.HEADER.leading, HEADER_MIN_TOP)
        return parts.SectionHeaders(parts.header_id(number), round(distance * 20))

    def _listing_parts(self, headers: int) -> list[tuple[str, bytes, bool]]:
        """The parts that name the letters' header parts: content types and relationships."""
        media_name = self._media[0] if self._media else None
        extension = media_name.rsplit(".", 1)[1] if media_name else None
        return [
            ("[Content_Types].xml", parts.content_types(extension, headers).encode("utf-8"), True),
            ("word/_rels/document.xml.rels", parts.document_rels(media_name, headers).encode("utf-8"), True),
        ]

    def _fixed_parts(
        self, title: str, author: str, language: str, note: str = ""
    ) -> list[tuple[str, bytes, bool]]:
        """(name, content, compress) of every part but word/document.xml, the listings and
        the letters' headers."""
        fixed = [
            ("_rels/.rels", parts.PACKAGE_RELS.encode("utf-8"), True),
            (parts.FIRST_PAGE_HEADER_PART, parts.EMPTY_HEADER_XML.encode("utf-8"), True),
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
                for name, content, compress in (
                    *self._listing_parts(1),
                    *self._fixed_parts(title, author, language, note),
                )
            ]
        return self._prepared[key]


class CombinedDocx:
    """Context manager: `add()` each letter; the file appears only if the block completes.

    Each letter is written when the next one arrives (or at the end): only then is it known
    whether its section ends in its last paragraph or, for the last letter, in the body's
    closing section properties. Its header goes to a temporary file meanwhile, since the ZIP
    takes no other part while document.xml is open."""

    def __init__(
        self, writer: DocxWriter, target: Path, title: str, author: str, language: str, note: str = ""
    ):
        self._writer = writer
        self._note = note
        self._target = target
        self._title = title
        self._author = author
        self._language = language
        self._page = writer.layout.page_for(language)
        self._body = BodyWriter(writer._logo, self._page.text_width_twips())
        self._pending = ""
        self._header_sizes: list[int] = []
        self.count = 0

    def __enter__(self) -> CombinedDocx:
        self._atomic = atomic_write(self._target)
        handle = self._atomic.__enter__()
        try:
            self._headers = tempfile.TemporaryFile()
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
        header = self._writer.header_xml(document, self._page)
        xml = self._body.letter(document.blocks)
        self._headers.write(header)
        self._header_sizes.append(len(header))
        if self.count:
            section = self._page.section_xml(self._writer.section_headers(self._page, self.count))
            self._stream.write(with_section(self._pending, section).encode("utf-8"))
        self._pending = xml
        self.count += 1

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> Literal[False]:
        try:
            try:
                if exc_type is None:
                    self._finish()
                self._stream.close()
                self._archive.close()
            finally:
                self._headers.close()
        except BaseException as failure:
            self._atomic.__exit__(type(failure), failure, failure.__traceback__)
            raise
        self._atomic.__exit__(exc_type, exc, tb)
        return False

    def _finish(self) -> None:
        """The last letter, the closing section properties, then the headers and listings."""
        headers = self._writer.section_headers(self._page, self.count) if self.count else None
        self._stream.write((self._pending + parts.document_tail(self._page, headers)).encode("utf-8"))
        self._stream.close()
        self._headers.seek(0)
        for number, size in enumerate(self._header_sizes, start=1):
            self._archive.writestr(parts.header_part(number), self._headers.read(size))
        for name, content, _ in self._writer._listing_parts(self.count):
            self._archive.writestr(name, content)


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
