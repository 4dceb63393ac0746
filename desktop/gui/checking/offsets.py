"""Python string offsets and QTextDocument positions differ after any character outside the
BMP (an emoji counts 1 in Python, 2 UTF-16 code units in Qt); these convert between them."""

from __future__ import annotations


def to_document(text: str, offset: int) -> int:
    """The QTextDocument position of Python index `offset` in `text`."""
    head = text[: max(0, offset)]
    return len(head) + sum(1 for char in head if ord(char) > 0xFFFF)


def from_document(text: str, position: int) -> int:
    """The Python index in `text` of QTextDocument position `position` (clamped to the text)."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)
