"""Reading a written letter back as words, the same way for every output format."""

from __future__ import annotations

import html
import io
import re

import docx


def words_of_html(markup: str) -> list[str]:
    body = markup.split("<body>", 1)[-1].split("</body>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(text).split()


def words_of_text(text: str) -> list[str]:
    return [word for word in text.split() if word != "•"]


def docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def words_of_docx(data: bytes) -> list[str]:
    return " ".join(docx_paragraphs(data)).split()
