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
    """The lines of one block; `bold` makes every run bold (a subject, a heading).

    One loop with its state in local variables: a merge breaks every letter's personal
    paragraphs anew, so this runs for thousands of paragraphs a run."""
    short = _short_lines(runs, bold, size, width, measure)
    if short is not None:
        return short
    lines: list[LinePieces] = []
    faces: list[Face] = []  # the line in progress: each piece's face, text and start
    texts: list[str] = []
    starts: list[float] = []
    x = 0.0
    spaces: dict[Face, float] = {}
    for word in _words(runs, bold):
        if word is None:
            lines.append(_line(faces, texts, starts))
            faces, texts, starts, x = [], [], [], 0.0
            continue
        for part, widths, part_width in _fitting_parts(word, size, width, measure):
            first_face = part[0][0]
            space = 0.0
            if faces:
                space = spaces.get(first_face, -1.0)
                if space < 0:
                    space = spaces[first_face] = measure(" ", first_face, size)
                if x + space + part_width > width:  # the word starts the next line
                    lines.append(_line(faces, texts, starts))
                    faces, texts, starts, x, space = [], [], [], 0.0, 0.0
            for i, (face, text) in enumerate(part):
                if i == 0 and faces:
                    text = " " + text
                if faces and faces[-1] == face:
                    texts[-1] += text
                else:
                    faces.append(face)
                    texts.append(text)
                    starts.append(x)
                x += widths[i] + (space if i == 0 else 0.0)
    if faces or not lines:
        lines.append(_line(faces, texts, starts))
    return tuple(lines)


_NOT_SHORT = ("  ", "\t", "\r", "\u2028")


def _short_lines(
    runs: Runs, bold: bool, size: float, width: float, measure: Measure
) -> tuple[LinePieces, ...] | None:
    """The lines of one run whose every line fits as it stands (a name, a salutation, an
    address), without splitting it into words; None when the text needs the full breaker."""
    if len(runs) != 1:
        return None
    run = runs[0]
    text = run.text
    if any(mark in text for mark in _NOT_SHORT):
        return None
    face = Face.of(run.strong or bold, run.emphasis)
    lines = []
    for line in text.split(LINE_BREAK):
        if not line or line[0] == " " or line[-1] == " " or measure(line, face, size) > width:
            return None
        lines.append((Piece(line, face, 0.0),))
    return tuple(lines)


def _line(faces: list[Face], texts: list[str], starts: list[float]) -> LinePieces:
    return tuple(map(Piece, texts, faces, starts))


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
                elif current[-1][0] == face:
                    current[-1] = (face, current[-1][1] + piece)
                else:
                    current.append((face, piece))
    if current:
        words.append(current)
    return words


Part = tuple[Word, list[float], float]
"""A word (or the piece of one that fits a line), the width of each of its pieces, and in all."""


def _fitting_parts(word: Word, size: float, width: float, measure: Measure) -> list[Part]:
    """The word with its widths; cut into parts that each fit when it is wider than a line."""
    widths = [measure(text, face, size) for face, text in word]
    total = sum(widths)
    if total <= width:
        return [(word, widths, total)]
    parts: list[Part] = []
    part: Word = []
    used = 0.0
    for face, text in word:
        for char in text:
            w = measure(char, face, size)
            if part and used + w > width:
                parts.append(_measured(part, size, measure))
                part, used = [], 0.0
            if part and part[-1][0] is face:
                part[-1] = (face, part[-1][1] + char)
            else:
                part.append((face, char))
            used += w
    if part:
        parts.append(_measured(part, size, measure))
    return parts


def _measured(word: Word, size: float, measure: Measure) -> Part:
    widths = [measure(text, face, size) for face, text in word]
    return word, widths, sum(widths)
