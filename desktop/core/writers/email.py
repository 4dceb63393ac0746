"""E-mail drafts (.eml): the letter as text and HTML alternatives that any mail client opens.

The message carries `X-Unsent: 1`, so Outlook opens it as a draft ready to send rather
than as a received message; Thunderbird and Apple Mail open it as a message to forward or
edit. Nothing is sent from Amends: the user's own mail client does that.

The To and From fields each hold exactly one address, or the message is not written
(`AddressError`). Validation refuses a list of addresses, a "Name <address>" form or a
line break before a run starts; the writer refuses them again, so no caller that skips
validation can write a draft addressed to a second, unintended person.

Internationalised addresses: the domain is always written in its ASCII (IDNA) form,
"user@exämple.de" as "user@xn--exmple-cua.de", so the message stays plain 7-bit ASCII and
every mail program reads it. A mailbox name that is not ASCII ("zoë@…") has no ASCII form;
such a message is written with UTF-8 headers (RFC 6532, Python's SMTPUTF8 policy), which
current mail programs and the large mail services accept. Only those messages are: every
other draft is byte for byte what it would be without them.
"""

from __future__ import annotations

import email.policy
import os
import re
from email.headerregistry import Address
from email.message import EmailMessage
from typing import TYPE_CHECKING

from desktop.core.atomic import atomic_write
from desktop.core.document import Document, message_body
from desktop.core.writers.html import to_html_page
from desktop.core.writers.plain import to_text

if TYPE_CHECKING:
    from desktop.core.recipients.emails import MailAddress

TO_FIELD = "recipient.email"
FROM_FIELD = "sender.email"
_SPECIALS = re.compile(r'[][\\()<>@,:;".]')
"""RFC 5322's specials: a display name holding one must be quoted."""


class AddressError(ValueError):
    """An address field that does not hold exactly one usable address; nothing is written."""

    def __init__(self, field: str, address: str, reason: str):
        super().__init__(f"{field}: {address!r} is not one usable e-mail address: {reason}")
        self.field, self.address, self.reason = field, address, reason


def email_message(
    document: Document, to_address: str, to_name: str = "", from_address: str = "", from_name: str = ""
) -> EmailMessage:
    """The draft for one recipient; AddressError when an address given is not exactly one address."""
    to = checked_address(TO_FIELD, to_address)
    sender = checked_address(FROM_FIELD, from_address)
    utf8 = any(mailbox is not None and mailbox.needs_utf8 for mailbox in (to, sender))
    message = EmailMessage(policy=email.policy.SMTPUTF8 if utf8 else email.policy.SMTP)
    message["Subject"] = _one_line(document.title) or "A letter from us"
    if to is not None:
        _set_address(message, "To", TO_FIELD, to_name, to)
    if sender is not None:
        _set_address(message, "From", FROM_FIELD, from_name, sender)
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


def checked_address(field: str, address: str) -> MailAddress | None:
    """The MailAddress `address` holds, None when it is blank; AddressError naming `field` when it
    is not exactly one address. Spaces around it are dropped; anything else is the user's to fix."""
    from desktop.core.recipients.emails import AddressProblem, mail_address  # only when writing mail

    text = address.strip()
    if not text:
        return None
    try:
        return mail_address(text)
    except AddressProblem as exc:
        raise AddressError(field, address, str(exc)) from None


def _set_address(message: EmailMessage, header: str, field: str, name: str, mailbox: MailAddress) -> None:
    """Write the header, then read it back: it must name exactly this one mailbox."""
    name = _one_line(name)
    if mailbox.needs_utf8:  # the header registry's Address refuses a non-ASCII mailbox name
        message[header] = f"{_quoted(name)} <{mailbox.addr_spec}>" if name else mailbox.addr_spec
    else:
        message[header] = Address(display_name=name, username=mailbox.local, domain=mailbox.domain)
    written = [address.addr_spec for address in message[header].addresses]
    if written != [mailbox.addr_spec]:
        del message[header]
        raise AddressError(field, mailbox.addr_spec, f"the {header} header would read {written}")


def _quoted(name: str) -> str:
    """The display name as a header writes it: in quotes when it holds a comma or the like."""
    if not _SPECIALS.search(name):
        return name
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _one_line(text: str) -> str:
    """Words joined by single spaces, without control characters: nothing that could end a header."""
    return " ".join("".join(c for c in text if c.isprintable() or c.isspace()).split())
