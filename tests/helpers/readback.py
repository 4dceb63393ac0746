"""Reading a written letter back as words, the same way for every output format."""

from __future__ import annotations

import html
import io
import re

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph


def words_of_html(markup: str) -> list[str]:
    body = markup.split("<body>", 1)[-1].split("</body>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(text).split()


def words_of_text(text: str) -> list[str]:
    return [word for word in text.split() if word != "•"]


def docx_paragraph_objects(data: bytes) -> list[Paragraph]:
    """The letter's paragraphs in reading order: those of the body and those in the sign-off's
    table (python-docx's `paragraphs` lists the body's alone), without the empty hairline
    paragraph that ends each letter's section."""
    out: list[Paragraph] = []
    for item in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(item, Table):
            out.extend(p for row in item.rows for cell in row.cells for p in cell.paragraphs)
        elif item.text or item.style is None or item.style.name != "Normal":
            out.append(item)
    return out


def docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx_paragraph_objects(data)]


def words_of_docx(data: bytes) -> list[str]:
    return " ".join(docx_paragraphs(data)).split()
