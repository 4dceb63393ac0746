"""Plain text of a letter: what a plain field, a help desk or the text part of an e-mail gets.

Lines are not wrapped: mail clients and help desks wrap to their own width, and hard breaks
would come out ragged there.
"""

from __future__ import annotations

from desktop.core.document import (
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
        case BulletList(items):
            return "\n".join(f"{BULLET} {plain(item)}" for item in items)
        case SignOff(closing, lines):
            parts = [closing] if closing else []
            if lines:
                parts.append("\n".join(lines))
            return "\n\n".join(parts)
    raise TypeError(f"no text for {block!r}")
