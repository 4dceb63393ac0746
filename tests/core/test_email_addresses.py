"""One address field, one address: in the list's report, and again in the e-mail writer.

An e-mail field holding "d@example.com, attacker@example.net", "Ann <a@x.com>" or a line
break would make a draft addressed to someone else as well, or add a header. Validation
names the row and the field; the writer refuses too, whoever calls it. Internationalised
addresses are written so that any mail program reads them: the domain in its IDNA form,
and UTF-8 headers only for a mailbox name that is not ASCII.
"""

from __future__ import annotations

import email
import email.policy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import paths
from desktop.core.recipients import Severity, read_recipients, validate
from desktop.core.recipients.emails import AddressProblem, email_problem, mail_address
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.email import AddressError, email_message
from tests.core.conftest import clinic_draft

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())
DOCUMENT = CATALOGUE.render(clinic_draft())

HOSTILE = [
    ("d@example.com, attacker@example.net", "it holds 2 addresses"),
    ("d@example.com;attacker@example.net", "it holds 2 addresses"),
    ("d@example.com attacker@example.net", "it holds 2 addresses"),
    ("Ann Smith <ann@example.com>", "without a name or angle brackets"),
    ("<ann@example.com>", "without a name or angle brackets"),
    ("ann@example.com\r\nBcc: attacker@example.net", "line break"),
    ("ann@example.com\nX-Evil: 1", "line break"),
    ("ann@exa\u2028mple.com", "U+2028"),
    ("ann@example.com\x00", "U+0000"),
]


def parsed(message) -> email.message.EmailMessage:
    return email.message_from_bytes(message.as_bytes(), policy=email.policy.default)


def to_addresses(message) -> list[str]:
    """The To header's addresses as Python's e-mail parser reads the bytes; a UTF-8 header
    comes back with its bytes escaped, so they are turned back into text."""
    header = parsed(message)["To"]
    return [a.addr_spec.encode("ascii", "surrogateescape").decode("utf-8") for a in header.addresses]


@pytest.mark.parametrize(("address", "reason"), [case for case in HOSTILE if "\x00" not in case[0]])
def test_the_report_names_the_row_and_column_of_a_field_that_is_not_one_address(tmp_path, address, reason):
    """(A NUL never reaches the check: the list reader drops what a document cannot hold.)"""
    path = tmp_path / "list.csv"
    cell = '"' + address.replace('"', '""') + '"'
    path.write_text(
        f"Name,Email\nAda Lovelace,ada@example.com\nEve Evans,{cell}\n", encoding="utf-8", newline=""
    )
    report = validate(read_recipients(path), required=["recipient.email"])
    (issue,) = [i for i in report.issues if i.kind == "malformed_email"]
    assert (issue.row, issue.column, issue.severity) == (3, "Email", Severity.ERROR)
    assert reason in issue.message, issue.message
    assert report.error_rows() == {3}


@pytest.mark.parametrize(("address", "reason"), HOSTILE)
def test_email_problem_says_what_is_wrong_in_words(address, reason):
    assert reason in (email_problem(address) or "")
    with pytest.raises(AddressProblem):
        mail_address(address)


@pytest.mark.parametrize(("address", "reason"), HOSTILE)
@pytest.mark.parametrize("header", ["To", "From"])
def test_the_writer_refuses_a_field_that_is_not_one_address(address, reason, header):
    to, sender = ("ok@example.com", address) if header == "From" else (address, "ok@example.com")
    field = "sender.email" if header == "From" else "recipient.email"
    with pytest.raises(AddressError, match=field) as refused:
        email_message(DOCUMENT, to, "Eve Evans", sender, "Marc Okafor")
    assert refused.value.field == field


def test_an_internationalised_domain_is_written_in_its_ascii_form():
    message = email_message(DOCUMENT, "user@exämple.de", "Zoë Müller", "marc@bücher.example", "Marc")
    data = message.as_bytes()
    assert data.isascii()  # a plain 7-bit message: every mail program reads it
    assert to_addresses(message) == ["user@xn--exmple-cua.de"]
    assert parsed(message)["To"].addresses[0].display_name == "Zoë Müller"
    assert [a.addr_spec for a in parsed(message)["From"].addresses] == ["marc@xn--bcher-kva.example"]


def test_a_mailbox_name_that_is_not_ascii_gets_utf8_headers():
    message = email_message(DOCUMENT, "zoë@exämple.de", 'Zoë "Z" Lefèvre, Jr', "marc@example.com")
    data = message.as_bytes()
    assert "zoë@xn--exmple-cua.de".encode() in data
    assert to_addresses(message) == ["zoë@xn--exmple-cua.de"]
    text = email.message_from_string(data.decode("utf-8"), policy=email.policy.default)
    (to,) = text["To"].addresses
    assert (to.display_name, to.addr_spec) == ('Zoë "Z" Lefèvre, Jr', "zoë@xn--exmple-cua.de")
    assert text.get_body(("plain",)).get_content().startswith("Your reference: PAT-20931")


def test_an_ascii_draft_is_written_as_before():
    message = email_message(DOCUMENT, " tunde@example.org ", 'Tunde "TJ" Adebayo, Jr', "", "")
    assert message.policy.utf8 is False and "From" not in message
    assert str(message["To"]) == '"Tunde \\"TJ\\" Adebayo, Jr" <tunde@example.org>'


def test_names_and_subject_cannot_add_a_header():
    draft = clinic_draft()
    draft.subject = "Sorry\r\nBcc: attacker@example.net"
    document = CATALOGUE.render(draft)
    message = parsed(email_message(document, "a@example.com", "Ann\r\nBcc: attacker@example.net <x@y.com>"))
    assert message["Bcc"] is None and len(message["To"].addresses) == 1
    assert message["To"].addresses[0].addr_spec == "a@example.com"


TOKENS = [
    "ann", "zoë", "@", "example.com", ".", "+", ",", ";", " ", "<", ">", '"', "(", ")", "\\", ":",
    "\r\n", "\n", "\t", "Bcc: ", "\x00", "\u2028", "＠", "=?utf-8?q?x?=",
]  # fmt: skip
JUNK = st.lists(st.sampled_from(TOKENS), max_size=4).map("".join)
LOCAL = st.sampled_from(["ann", "Ann.Lee+x", "zoë", "用户", "o'neil"])
DOMAIN = st.sampled_from(["example.com", "exämple.de", "xn--exmple-cua.de", "例子.广告", "EXAMPLE.ORG"])
TYPED = st.one_of(
    st.builds(lambda head, local, domain, tail: f"{head}{local}@{domain}{tail}", JUNK, LOCAL, DOMAIN, JUNK),
    st.lists(st.sampled_from(TOKENS), max_size=8).map("".join),
)
"""What may be in an address field: an address with or without something around it, or junk."""


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TYPED)
def test_any_text_gives_one_address_or_a_refusal(text):
    """Whatever is typed into the field: exactly the one address validation accepts, or no message."""
    try:
        message = email_message(DOCUMENT, text, "Ann", "marc@example.com")
    except AddressError:
        assert email_problem(text.strip()) is not None
        return
    if not text.strip():
        assert "To" not in message
        return
    assert email_problem(text.strip()) is None
    assert to_addresses(message) == [mail_address(text.strip()).addr_spec]
    assert sorted(parsed(message).keys()) == sorted(
        ["Subject", "To", "From", "X-Unsent", "MIME-Version", "Content-Type"]
    )
