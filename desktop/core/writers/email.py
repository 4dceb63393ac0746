"""E-mail drafts (.eml): the letter as text and HTML alternatives that any mail client opens.

The message carries `X-Unsent: 1`, so Outlook opens it as a draft ready to send rather
than as a received message; Thunderbird and Apple Mail open it as a message to forward or
edit. Nothing is sent from Amends: the user's own mail client does that.
"""

from __future__ import annotations

import email.policy
import os
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formataddr

from desktop.core.atomic import atomic_write
from desktop.core.document import Document, message_body
from desktop.core.writers.html import to_html_page
from desktop.core.writers.plain import to_text


def email_message(
    document: Document, to_address: str, to_name: str = "", from_address: str = "", from_name: str = ""
) -> EmailMessage:
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = _one_line(document.title) or "A letter from us"
    if to_address:
        message["To"] = _address(to_name, to_address)
    if from_address:
        message["From"] = _address(from_name, from_address)
    message["X-Unsent"] = "1"
    if document.metadata.get("override"):
        message["X-Amends-Override"] = _one_line(document.metadata["override"])
    body = message_body(document)
    message.set_content(to_text(body), cte="quoted-printable")
    message.add_alternative(to_html_page(body), subtype="html", cte="quoted-printable")
    return message


def write_eml(message: EmailMessage, target: str | os.PathLike[str]) -> None:
    with atomic_write(target) as handle:
        handle.write(message.as_bytes())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _address(name: str, address: str) -> str:
    """Quote the display name properly; an address the header parser refuses is kept raw."""
    try:
        return str(Address(display_name=_one_line(name), addr_spec=address.strip()))
    except (ValueError, IndexError):
        return formataddr((_one_line(name), address.strip()))
