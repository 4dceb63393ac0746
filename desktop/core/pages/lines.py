"""Breaking a block's styled runs into lines that fit a width.

Greedy, as Word and LibreOffice break a left-aligned paragraph: a line takes words while they
fit. Words break only at spaces, so a style change inside a word ("INC-**1042**.") never
splits it; a line break inside a block (document.LINE_BREAK) starts a new line; a word wider
than the whole line (a long web address) is cut where it must be, rather than running off
the paper.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.document import LINE_BREAK, Runs
from desktop.core.pages.model import Face, Piece

Measure = Callable[[str, Face, float], float]
Word = list[tuple[Face, str]]
"""The pieces of one word, each in one face; consecutive pieces differ in face."""
LinePieces = tuple[Piece, ...]

_SPACES = str.maketrans({"\t": " ", "\r": " ", "\u00a0": "\u00a0", "\u2028": LINE_BREAK})


def break_lines(
    runs: Runs, bold: bool, size: float, width: float, measure: Measure
) -> tuple[LinePieces, ...]:
    """The lines of one block; `bold` makes every run bold (a subject, a heading)."""
    lines: list[LinePieces] = []
    builder = _LineBuilder(size, width, measure)
    for word in _words(runs, bold):
        if word is None:
            lines.append(builder.finish())
            continue
        for part in _fitting_parts(word, size, width, measure):
            if not builder.add(part):
                lines.append(builder.finish())
                builder.add(part)
    if not builder.empty or not lines:
        lines.append(builder.finish())
    return tuple(lines)


def _words(runs: Runs, bold: bool) -> list[Word | None]:
    """Words in reading order; None where the text breaks the line."""
    words: list[Word | None] = []
    current: Word | None = None
    for run in runs:
        face = Face.of(run.strong or bold, run.emphasis)
        for k, part in enumerate(run.text.translate(_SPACES).split(LINE_BREAK)):
            if k:
                if current:
                    words.append(current)
                words.append(None)
                current = None
            for m, piece in enumerate(part.split(" ")):
                if m and current:  # a space ends the word in progress
                    words.append(current)
                    current = None
                if not piece:
                    continue
                if current is None:
                    current = [(face, piece)]
                elif current[-1][0] is face:
                    current[-1] = (face, current[-1][1] + piece)
                else:
                    current.append((face, piece))
    if current:
        words.append(current)
    return words


def _fitting_parts(word: Word, size: float, width: float, measure: Measure) -> list[tuple[Word, float]]:
    """The word with its width; cut into parts that each fit when it is wider than a line."""
    total = sum(measure(text, face, size) for face, text in word)
    if total <= width:
        return [(word, total)]
    parts: list[tuple[Word, float]] = []
    part: Word = []
    used = 0.0
    for face, text in word:
        for char in text:
            w = measure(char, face, size)
            if part and used + w > width:
                parts.append((part, used))
                part, used = [], 0.0
            if part and part[-1][0] is face:
                part[-1] = (face, part[-1][1] + char)
            else:
                part.append((face, char))
            used += w
    if part:
        parts.append((part, used))
    return parts


class _LineBuilder:
    """One line in progress: parallel lists of each piece's face, text and start."""

    def __init__(self, size: float, width: float, measure: Measure):
        self._size = size
        self._width = width
        self._measure = measure
        self._faces: list[Face] = []
        self._texts: list[str] = []
        self._starts: list[float] = []
        self._x = 0.0

    @property
    def empty(self) -> bool:
        return not self._faces

    def add(self, part: tuple[Word, float]) -> bool:
        """Append a word if it fits (an empty line takes any word); False when it does not."""
        word, word_width = part
        space = self._measure(" ", word[0][0], self._size) if self._faces else 0.0
        if self._faces and self._x + space + word_width > self._width:
            return False
        x = self._x  # where this word's space, if any, begins
        for i, (face, text) in enumerate(word):
            lead = " " if i == 0 and self._faces else ""
            if self._faces and self._faces[-1] is face:
                self._texts[-1] += lead + text
            else:
                self._faces.append(face)
                self._texts.append(lead + text)
                self._starts.append(x)
            x += (space if lead else 0.0) + self._measure(text, face, self._size)
        self._x = x
        return True

    def finish(self) -> LinePieces:
        line = tuple(Piece(t, f, x) for f, t, x in zip(self._faces, self._texts, self._starts, strict=True))
        self._faces, self._texts, self._starts = [], [], []
        self._x = 0.0
        return line
