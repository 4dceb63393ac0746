"""The letter's font for PDF: Carlito, registered with ReportLab from the shipped files.

Carlito has Calibri's metrics (the font the DOCX styles name), so lines and pages break as
in Word and LibreOffice. ReportLab embeds a subset of each face with a ToUnicode map, so
the text of a PDF can be selected and copied. Widths are measured from the same files,
through `ReportLabMetrics`, for the page layout (desktop/core/pages).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.core import places
from desktop.core.pages.model import Face

FILES = {
    Face.REGULAR: "Carlito-Regular.ttf",
    Face.BOLD: "Carlito-Bold.ttf",
    Face.ITALIC: "Carlito-Italic.ttf",
    Face.BOLD_ITALIC: "Carlito-BoldItalic.ttf",
}
FAMILY = "Carlito"


class _SplitCachingFont(TTFont):  # type: ignore[misc]  # ReportLab has no type information
    """A TrueType font that remembers how it split a text into subset codes, per document.

    ReportLab's splitString walks every character in Python; for a given text its answer
    never changes within one document (subsets only ever grow), and the lines of a merged
    notice repeat from letter to letter, so the cache saves most of that walk.
    """

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:
        cache: dict[tuple[str, str], Any] | None = getattr(doc, "_amends_split_cache", None)
        if cache is None:
            cache = {}
            doc._amends_split_cache = cache
        key = (self.fontName, text)
        found = cache.get(key)
        if found is None:
            found = cache[key] = super().splitString(text, doc, encoding)
        return found


_registered: dict[Path, dict[Face, str]] = {}


def font_names(folder: Path | None = None) -> dict[Face, str]:
    """ReportLab's names for the four faces, registering them from `folder` (the shipped
    resources/fonts by default) the first time."""
    folder = folder or places.current().fonts
    names = _registered.get(folder)
    if names is None:
        tag = f"{FAMILY}-{len(_registered)}" if _registered else FAMILY
        names = {}
        for face, file_name in FILES.items():
            name = f"{tag}-{face.value}"
            path = folder / file_name
            if not path.is_file():
                raise FileNotFoundError(2, "the PDF font is missing from this installation", str(path))
            pdfmetrics.registerFont(_SplitCachingFont(name, str(path)))
            names[face] = name
        _registered[folder] = names
    return names


class ReportLabMetrics:
    """`FontMetrics` for the page layout, from the very fonts the PDF embeds."""

    def __init__(self, names: dict[Face, str]):
        self._names = names

    def width(self, text: str, face: Face, size: float) -> float:
        return float(pdfmetrics.stringWidth(text, self._names[face], size))
