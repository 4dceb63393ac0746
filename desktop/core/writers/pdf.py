"""PDF files from documents: one letter, one file per recipient, or one combined print file.

Each letter is laid out on paper first (desktop/core/pages), so its page count is known
before its first page is drawn: "Page N of M" needs no second pass, and in a combined file
every letter starts on a new page and counts its own pages. ReportLab's canvas writes the
PDF: Carlito subset-embedded with a ToUnicode map (the text can be selected and copied, in
reading order), compressed pages, and the document's properties. The text of each page goes
in as literal operators built once per distinct (face, size, text) and reused: the lines of
a merged notice repeat from letter to letter, which keeps 2,000 letters well under a second.

Files are written to a temporary name and renamed when complete (atomic.py), as DOCX files are.
A combined file is drawn letter by letter, but ReportLab keeps each finished page (about
2 KB compressed) until the file is saved, so its memory grows with the number of pages.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from desktop import __version__
from desktop.core.atomic import atomic_write, write_bytes
from desktop.core.document import Document
from desktop.core.pages import LaidOutLetter, Page, PageLayout
from desktop.core.pages.model import Face, Piece
from desktop.core.writers.docx import DocxLayout, override_note
from desktop.core.writers.docx_parts import PageSetup
from desktop.core.writers.pdf_fonts import ReportLabMetrics, font_names

_PT_PER_MM = 72 / 25.4


class PdfWriter:
    """Lays out and draws letters; one writer serves a whole run, reusing its layout caches."""

    def __init__(self, layout: DocxLayout | None = None, fonts: Path | None = None):
        """`layout`: the same paper, margins and logo as the DOCX; `fonts`: a folder with the
        Carlito files (the shipped resources/fonts by default)."""
        self.layout = layout or DocxLayout()
        self._names = font_names(fonts)
        self._metrics = ReportLabMetrics(self._names)
        self._logo: ImageReader | None = None
        self._logo_size: tuple[float, float] | None = None
        if self.layout.logo is not None:
            self._load_logo(self.layout.logo)
        self._layouts: dict[PageSetup, PageLayout] = {}

    def _load_logo(self, path: Path) -> None:
        try:
            blob = path.read_bytes()
        except OSError as exc:
            raise ValueError(f"{path}: cannot read the logo ({exc.strerror})") from None
        if not blob.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
            raise ValueError(f"{path}: the logo must be a PNG or JPEG image")
        try:
            reader = ImageReader(io.BytesIO(blob))
            pixels_wide, pixels_high = reader.getSize()
        except Exception:
            raise ValueError(f"{path}: the logo must be a PNG or JPEG image") from None
        width = self.layout.logo_width_mm * _PT_PER_MM
        self._logo = reader
        self._logo_size = (width, width * pixels_high / max(pixels_wide, 1))

    def pages(self, document: Document) -> LaidOutLetter:
        """The letter on paper: what the PDF draws, and what a paged preview would paint."""
        page = self.layout.page_for(self.layout.language_of(document))
        layout = self._layouts.get(page)
        if layout is None:
            layout = self._layouts[page] = PageLayout(page, self._metrics, self._logo_size)
        return layout.lay_out(document)

    def write(self, document: Document, target: str | os.PathLike[str] | IO[bytes]) -> None:
        """One letter in one file."""
        write_bytes(self.to_bytes(document), target)

    def to_bytes(self, document: Document) -> bytes:
        buffer = io.BytesIO()
        note = override_note(document.metadata.get("override", ""))
        language = self.layout.language_of(document)
        canvas = _PdfCanvas(self, buffer, document.title, document.author, language, note)
        canvas.add(document)
        canvas.save()
        return buffer.getvalue()

    def combined(
        self, target: str | os.PathLike[str], title: str, author: str, language: str = "", note: str = ""
    ) -> CombinedPdf:
        """A print file: many letters, each starting on a new page with its own page numbers.
        `note` says why it was written despite errors (in the Keywords property)."""
        language = language or self.layout.language or "en-GB"
        return CombinedPdf(self, Path(target), title, author, language, note)


class CombinedPdf:
    """Context manager: `add()` each letter; the file appears only if the block completes."""

    def __init__(self, writer: PdfWriter, target: Path, title: str, author: str, language: str, note: str):
        self._writer = writer
        self._target = target
        self._title = title
        self._author = author
        self._language = language
        self._note = note
        self.count = 0

    def __enter__(self) -> CombinedPdf:
        self._atomic = atomic_write(self._target)
        handle = self._atomic.__enter__()
        self._canvas = _PdfCanvas(self._writer, handle, self._title, self._author, self._language, self._note)
        return self

    def add(self, document: Document) -> None:
        self._canvas.add(document)
        self.count += 1

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> Literal[False]:
        if exc_type is None:
            try:
                self._canvas.save()
            except BaseException as failure:
                self._atomic.__exit__(type(failure), failure, failure.__traceback__)
                raise
        self._atomic.__exit__(exc_type, exc, tb)
        return False


class _PdfCanvas:
    """A ReportLab canvas that draws laid-out pages."""

    def __init__(
        self, writer: PdfWriter, target: IO[bytes], title: str, author: str, language: str, note: str
    ):
        self._writer = writer
        self._fonts = writer._names
        canvas = Canvas(
            target, pageCompression=1, initialFontName=writer._names[Face.REGULAR], lang=language or None
        )
        canvas.setTitle(title)
        canvas.setSubject(title)
        canvas.setAuthor(author)
        canvas.setCreator(f"Amends {__version__}")
        if note:
            canvas.setKeywords(note)
        self._canvas = canvas
        self._segments: dict[tuple[Face, float, str], str] = {}
        self._shows: dict[tuple[tuple[Piece, ...], float], str] = {}
        """Each line's operators: the lines of a merged notice repeat from letter to letter."""
        self._moves: dict[tuple[float, float, float], str] = {}
        """Text positions by line: the letters of a run place their lines alike."""
        self._started = False

    def add(self, document: Document) -> None:
        for page in self._writer.pages(document).pages:
            if self._started:
                self._canvas.showPage()
            self._started = True
            self._draw(page)

    def save(self) -> None:
        self._canvas.save()

    def _draw(self, page: Page) -> None:
        canvas = self._canvas
        canvas.setPageSize((page.width, page.height))
        for box in page.images:
            canvas.drawImage(
                self._writer._logo,
                box.x,
                page.height - box.y - box.height,
                box.width,
                box.height,
                mask="auto",
            )
        for rule in page.rules:
            canvas.setStrokeColorRGB(*rule.color)
            canvas.setLineWidth(rule.width)
            canvas.line(rule.x0, page.height - rule.y, rule.x1, page.height - rule.y)
        ops = ["BT"]
        color: tuple[float, float, float] | None = None
        moves = self._moves
        shows = self._shows
        segment = self._segment
        for line in page.lines:
            if line.color != color:
                color = line.color
                ops.append(f"{fp_str(color[0])} {fp_str(color[1])} {fp_str(color[2])} rg")
            move = moves.get((line.x, line.baseline, page.height))
            if move is None:
                y = page.height - line.baseline
                move = f"1 0 0 1 {fp_str(line.x)} {fp_str(y)} Tm"
                moves[(line.x, line.baseline, page.height)] = move
            ops.append(move)
            shown = shows.get((line.pieces, line.size))
            if shown is None:  # each piece starts where the one before ended
                shown = " ".join(segment(piece.face, line.size, piece.text) for piece in line.pieces)
                if len(shows) > 20_000:
                    shows.clear()
                shows[(line.pieces, line.size)] = shown
            ops.append(shown)
        ops.append("ET")
        canvas.addLiteral("\n".join(ops))

    def _segment(self, face: Face, size: float, text: str) -> str:
        """The operators that show `text`: ReportLab's documented recipe for its TrueType
        subsets (splitString, getSubsetInternalName), remembered for this document."""
        key = (face, size, text)
        found = self._segments.get(key)
        if found is None:
            font: Any = pdfmetrics.getFont(self._fonts[face])
            doc = self._canvas._doc
            found = self._segments[key] = " ".join(
                f"{font.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf ({escapePDF(chunk)}) Tj"
                for subset, chunk in font.splitString(text, doc)
            )
        return found


def write_pdf(
    document: Document, target: str | os.PathLike[str] | IO[bytes], layout: DocxLayout | None = None
) -> None:
    """One letter, with the default layout unless one is given."""
    PdfWriter(layout).write(document, target)
