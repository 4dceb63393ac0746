"""The rendered letter as a small tree of blocks: the one thing every writer reads.

A template renders once into a `Document`; the HTML preview, the plain text, the clipboard
and the DOCX are all written from it, so they cannot disagree about a single word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LINE_BREAK = "\n"
"""A line break within a block (Shift+Enter in a field), as it stands in a run's text.

A run's text holds no other newline: a new paragraph is a new block. Every writer renders
the break in its own way (HTML `<br>`, a newline in plain text, Word's `<w:br/>`), and
`plain()` keeps it as a newline, which the checker reads as the end of a line, not of a paragraph.
"""


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style; it may hold `LINE_BREAK`s."""

    text: str
    emphasis: bool = False
    strong: bool = False


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Letterhead:
    lines: tuple[str, ...]


@dataclass(frozen=True)
class DateLine:
    text: str


@dataclass(frozen=True)
class AddressBlock:
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Subject:
    runs: Runs


@dataclass(frozen=True)
class Salutation:
    text: str


@dataclass(frozen=True)
class Heading:
    runs: Runs


@dataclass(frozen=True)
class Paragraph:
    runs: Runs


@dataclass(frozen=True)
class BulletList:
    items: tuple[Runs, ...]


@dataclass(frozen=True)
class SignOff:
    closing: str
    lines: tuple[str, ...]
    """Name, role, company and any signature lines, in order."""


Block = (
    Letterhead | DateLine | AddressBlock | Subject | Salutation | Heading | Paragraph | BulletList | SignOff
)


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    title: str = ""
    """The subject, for document properties and e-mail subjects."""
    author: str = ""
    metadata: dict[str, str] = field(default_factory=dict, compare=False)


POSTAL_PARTS = (Letterhead, DateLine, AddressBlock, Subject)


def message_body(document: Document) -> Document:
    """The letter as an e-mail or a pasted message carries it: no letterhead, date, postal
    address or subject line, which belong to paper (the subject goes in the mail header)."""
    blocks = tuple(block for block in document.blocks if not isinstance(block, POSTAL_PARTS))
    return Document(blocks=blocks, title=document.title, author=document.author, metadata=document.metadata)


def plain(runs: Runs) -> str:
    return "".join(run.text for run in runs)
