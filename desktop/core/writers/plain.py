"""Plain text of a letter: what a plain field, a help desk or the text part of an e-mail gets.

Lines are not wrapped: mail clients and help desks wrap to their own width, and hard breaks
would come out ragged there. Paragraphs are parted by a blank line; a line break within one
(Shift+Enter in a field) is a single newline.
"""

from __future__ import annotations

from desktop.core.document import (
    LINE_BREAK,
    AddressBlock,
    Block,
    BulletList,
    DateLine,
    Document,
    Heading,
    Letterhead,
    Paragraph,
    Salutation,
    SignOff,
    Subject,
    plain,
)

BULLET = "•"


def to_text(document: Document) -> str:
    return "\n\n".join(_block(block) for block in document.blocks) + "\n"


def _block(block: Block) -> str:
    match block:
        case Letterhead(lines) | AddressBlock(lines):
            return "\n".join(lines)
        case DateLine(text) | Salutation(text):
            return text
        case Subject(runs) | Heading(runs) | Paragraph(runs):
            return plain(runs)
        case BulletList(items):  # an item's second line lines up with its first
            return "\n".join(f"{BULLET} {plain(item)}".replace(LINE_BREAK, "\n  ") for item in items)
        case SignOff(closing, lines):
            parts = [closing] if closing else []
            if lines:
                parts.append("\n".join(lines))
            return "\n\n".join(parts)
    raise TypeError(f"no text for {block!r}")
