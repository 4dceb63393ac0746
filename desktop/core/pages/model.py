"""What a laid-out letter is: pages holding lines of styled pieces, rules and an image box.

Coordinates are points (1/72 inch) from the page's top-left corner, y growing downwards, as a
QPainter paints; a PDF writer flips y itself. Every position is final: a painter measures
nothing, so two painters cannot break a line differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

Color = tuple[float, float, float]
"""Red, green and blue, each 0 to 1."""

BLACK: Color = (0.0, 0.0, 0.0)


class Face(StrEnum):
    """The four styles of the letter's one font family (a str, so it hashes at C speed: the
    layout looks faces up for every word)."""

    REGULAR = "regular"
    BOLD = "bold"
    ITALIC = "italic"
    BOLD_ITALIC = "bold-italic"

    @classmethod
    def of(cls, bold: bool, italic: bool) -> Face:
        return _FACES[(bold, italic)]


_FACES = {
    (False, False): Face.REGULAR,
    (True, False): Face.BOLD,
    (False, True): Face.ITALIC,
    (True, True): Face.BOLD_ITALIC,
}


class Piece(NamedTuple):
    """Text in one face. `x` is its start from the line's own x; a piece after the first
    carries the space before it, so drawing the pieces one after the other is also right."""

    text: str
    face: Face
    x: float


class Line(NamedTuple):
    """A named tuple, as Piece is: a run of 2,000 letters makes some 60,000 of them."""

    x: float
    baseline: float
    size: float
    """Font size in points, for every piece of the line."""
    color: Color
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal line, such as the one under the letterhead."""

    x0: float
    x1: float
    y: float
    width: float
    color: Color


@dataclass(frozen=True, slots=True)
class ImageBox:
    """Where the letterhead's logo goes; the painter knows which image it is."""

    x: float
    y: float
    """Top edge."""
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    """1 for the letter's first page: each letter of a combined file counts from 1."""
    count: int
    width: float
    height: float
    lines: tuple[Line, ...]
    rules: tuple[Rule, ...] = ()
    images: tuple[ImageBox, ...] = ()


@dataclass(frozen=True, slots=True)
class LaidOutLetter:
    pages: tuple[Page, ...]
