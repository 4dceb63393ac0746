"""DOCX with Word's own styles, so the letter stays editable in Word and LibreOffice.

Basic for now: each block maps to a built-in style of python-docx's default template.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from desktop.core.document import (
    AddressBlock,
    Block,
    BulletList,
    DateLine,
    Document,
    Heading,
    Letterhead,
    Paragraph,
    Runs,
    Salutation,
    SignOff,
    Subject,
)


def write_docx(document: Document, target: str | Path | IO[bytes]) -> None:
    out = docx.Document()
    out.core_properties.title = document.title
    out.core_properties.subject = document.title
    out.core_properties.author = document.author
    out.core_properties.comments = "Written with Amends"
    for block in document.blocks:
        _block(out, block)
    out.save(target)


def _block(out: docx.document.Document, block: Block) -> None:
    match block:
        case Letterhead(lines):
            first, *rest = lines
            head = out.add_paragraph(style="Title")
            head.add_run(first)
            if rest:
                _lines(out.add_paragraph(), rest)
        case DateLine(text) | Salutation(text):
            out.add_paragraph(text)
        case AddressBlock(lines):
            _lines(out.add_paragraph(), lines)
        case Subject(runs):
            para = out.add_paragraph()
            _runs(para, runs, strong=True)
        case Heading(runs):
            _runs(out.add_paragraph(style="Heading 3"), runs)
        case Paragraph(runs):
            _runs(out.add_paragraph(), runs)
        case BulletList(items):
            for item in items:
                _runs(out.add_paragraph(style="List Bullet"), item)
        case SignOff(closing, lines):
            if closing:
                out.add_paragraph(closing)
            if lines:
                para = out.add_paragraph()
                para.paragraph_format.space_before = Pt(36)
                _lines(para, lines)
        case _:
            raise TypeError(f"no DOCX for {block!r}")


def _lines(para: docx.text.paragraph.Paragraph, lines: list[str] | tuple[str, ...]) -> None:
    for i, line in enumerate(lines):
        run = para.add_run(line)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _runs(para: docx.text.paragraph.Paragraph, runs: Runs, strong: bool = False) -> None:
    for run in runs:
        added = para.add_run(run.text)
        added.bold = run.strong or strong or None
        added.italic = run.emphasis or None
