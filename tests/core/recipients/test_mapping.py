"""Column mapping: header spellings, overrides, identifiers in extra, and the Recipient built."""

from __future__ import annotations

import pytest

from desktop.core.recipients import Field, guess_field, map_columns, safe_identifier


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("First Name", Field.FIRST_NAME),
        ("first_name", Field.FIRST_NAME),
        ("FIRSTNAME", Field.FIRST_NAME),
        ("Given name", Field.FIRST_NAME),
        ("Forename", Field.FIRST_NAME),
        ("Prénom", Field.FIRST_NAME),
        ("Last name", Field.LAST_NAME),
        ("Surname", Field.LAST_NAME),
        ("family-name", Field.LAST_NAME),
        ("Name", Field.FULL_NAME),
        ("Full Name", Field.FULL_NAME),
        ("Customer name", Field.FULL_NAME),
        ("E-mail", Field.EMAIL),
        ("Email Address", Field.EMAIL),
        ("EMAIL", Field.EMAIL),
        ("e_mail_address", Field.EMAIL),
        ("Courriel", Field.EMAIL),
        ("Account No.", Field.REFERENCE),
        ("Account #", Field.REFERENCE),
        ("Acct", Field.REFERENCE),
        ("Acct Nr", Field.REFERENCE),
        ("Customer ref", Field.REFERENCE),
        ("Policy number", Field.REFERENCE),
        ("Title", Field.TITLE),
        ("Salutation", Field.SALUTATION),
        ("Company", Field.ORGANISATION),
        ("Organization", Field.ORGANISATION),
        ("Address line 1", Field.ADDRESS),
        ("Post code", Field.ADDRESS),
        ("Signup Source", None),
        ("Job title", None),
        ("Phone", None),
    ],
)
def test_header_spellings(header, field):
    assert guess_field(header) is field


@pytest.mark.parametrize(
    ("header", "identifier"),
    [
        ("Signup Source", "signup_source"),
        ("Account No.", "account_no"),
        ("  Plan (2024)  ", "plan_2024"),
        ("Zoë's café", "zoe_s_cafe"),
        ("2024 spend", "column_2024_spend"),
        ("€", "column"),
    ],
)
def test_safe_identifiers(header, identifier):
    assert safe_identifier(header) == identifier


def test_every_column_is_in_extra_under_a_unique_identifier():
    mapping = map_columns(("Name", "Notes", "notes!", "Имя"))
    assert mapping.identifiers == ("name", "notes", "notes_2", "column_4")


def test_recipient_from_first_and_last_name_columns():
    columns = ("Acct", "Given name", "Surname", "E-mail", "Signup Source", "Street", "City", "Postcode")
    mapping = map_columns(columns)
    recipient = mapping.to_recipient(
        ("A-17", "Zoë", "Müller", "zoe@example.com", "web", "1 High St", "", "LS6 2AB")
    )
    assert recipient.name == "Zoë Müller"
    assert (recipient.first_name, recipient.last_name) == ("Zoë", "Müller")
    assert (recipient.email, recipient.reference) == ("zoe@example.com", "A-17")
    assert recipient.address == "1 High St\nLS6 2AB"
    assert recipient.extra["signup_source"] == "web"
    assert recipient.extra["account"] == "A-17"
    assert recipient.extra["first_name"] == "Zoë"
    assert recipient.extra["last_name"] == "Müller"
    assert recipient.extra["acct"] == "A-17"


def test_full_name_column_wins_over_first_and_last():
    mapping = map_columns(("Name", "First name", "Last name"))
    recipient = mapping.to_recipient(("Dr Priya Shah", "Priya", "Shah"))
    assert recipient.name == "Dr Priya Shah"
    assert recipient.last_name == "Shah"


def test_second_column_for_the_same_field_stays_an_extra():
    mapping = map_columns(("Email", "E-mail address"))
    assert mapping.columns_for(Field.EMAIL) == ("Email",)
    assert mapping.field_of("E-mail address") is Field.EXTRA
    recipient = mapping.to_recipient(("a@example.com", "b@example.com"))
    assert recipient.email == "a@example.com"
    assert recipient.extra["e_mail_address"] == "b@example.com"


def test_overrides_win_and_ignore_drops_a_column():
    mapping = map_columns(("Email", "Contact", "Secret"), {"Contact": "email", "Secret": Field.IGNORE})
    assert mapping.columns_for(Field.EMAIL) == ("Contact",)
    recipient = mapping.to_recipient(("old@example.com", "new@example.com", "hunter2"))
    assert recipient.email == "new@example.com"
    assert "secret" not in recipient.extra
    assert recipient.extra["email"] == "old@example.com"


def test_override_can_keep_a_recognised_column_as_an_extra():
    mapping = map_columns(("Name", "Title"), {"Title": "extra"})
    recipient = mapping.to_recipient(("Ada", "Product manager"))
    assert recipient.title == ""
    assert recipient.extra["title"] == "Product manager"


def test_bad_overrides_are_named():
    with pytest.raises(ValueError, match=r"no column called 'Mail'; the columns are Name, Email"):
        map_columns(("Name", "Email"), {"Mail": "email"})
    with pytest.raises(
        ValueError, match="column 'Name' cannot be mapped to 'nickname'; choose one of first_name, last_name"
    ):
        map_columns(("Name", "Email"), {"Name": "nickname"})
    with pytest.raises(ValueError, match="both 'A' and 'B' are mapped to email"):
        map_columns(("A", "B"), {"A": "email", "B": "email"})
