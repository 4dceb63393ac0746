"""What "Copy" puts on the clipboard: the same letter as HTML and as plain text at once.

A mail client pastes the HTML and keeps paragraphs, lists and emphasis; a plain field (a
help desk, a chat box) pastes the text. Both come from one document, so they agree. What is
copied is the message, from greeting to sign-off: letterhead, date and postal address
belong to the printed letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.document import Document, message_body
from desktop.core.writers.html import to_html_fragment
from desktop.core.writers.plain import to_text


@dataclass(frozen=True)
class ClipboardPayload:
    html: str
    text: str


_WRAPPER_STYLE = "font-family: Calibri, Arial, sans-serif; font-size: 11pt"
"""Inline, because mail clients drop style sheets from pasted HTML."""


def clipboard_payload(document: Document) -> ClipboardPayload:
    body = message_body(document)
    html = f'<div style="{_WRAPPER_STYLE}">{to_html_fragment(body)}</div>'
    return ClipboardPayload(html=html, text=to_text(body))
