"""How the layout measures text, without knowing who draws it.

The PDF writer measures with ReportLab from the very font files it embeds; a preview painting
the same pages must use those widths too (it draws each piece at the x the layout gave it).
"""

from __future__ import annotations

from typing import Protocol

from desktop.core.pages.model import Face


class FontMetrics(Protocol):
    def width(self, text: str, face: Face, size: float) -> float:
        """The advance of `text` in points."""
        ...


class CachedWidths:
    """Word widths remembered per face and size: a letter repeats its words, and a merged
    notice repeats whole paragraphs from one letter to the next."""

    LIMIT = 100_000

    def __init__(self, metrics: FontMetrics):
        self._metrics = metrics
        self._cache: dict[tuple[Face, float], dict[str, float]] = {}

    def __call__(self, text: str, face: Face, size: float) -> float:
        known = self._cache.get((face, size))
        if known is None:
            known = self._cache[(face, size)] = {}
        width = known.get(text)
        if width is None:
            if len(known) > self.LIMIT:  # a run over 100,000 recipients meets many names
                known.clear()
            width = known[text] = self._metrics.width(text, face, size)
        return width
