"""The validation report: missing values, malformed and repeated addresses, forbidden characters,
and the promise that no valid row is lost."""

from __future__ import annotations

import socket

import pytest

from desktop.core.recipients import (
    IssueKind,
    Severity,
    iter_recipients,
    map_columns,
    read_recipients,
    required_recipient_fields,
    validate,
)
from desktop.core.templates import read_metadata

HOSTILE = (
    "Account No.;First Name;Surname;E-mail;Signup Source\r\n"
    "1001;Zoë;Müller;zoe@example.com;Œuvre €\r\n"
    "\r\n"
    "1002;Jo;../../etc/passwd;jo@;web\r\n"
    '1003;;;amara@example.com;=HYPERLINK("http://x","y")\r\n'
    "1004;Con;CON;ZOE@Example.com;x\x0by\x07\r\n"
    "1005;Li;Wei;a b@example.com;app\r\n"
    ";Sam;Ng;x@localhost;post\r\n"
)
NEEDS = ("recipient.name", "recipient.email", "recipient.extra.account")


@pytest.fixture
def hostile(write_csv):
    return read_recipients(write_csv(HOSTILE, encoding="cp1252"))


def kinds(report, row):
    return sorted((i.kind.value, i.column, i.severity.value) for i in report.issues_for(row))


def test_hostile_windows_1252_list_is_reported_row_by_row(hostile):
    report = validate(hostile, required=NEEDS)
    assert kinds(report, 2) == [("duplicate_email", "E-mail", "warning")]
    assert kinds(report, 3) == []  # the blank row
    assert kinds(report, 4) == [("malformed_email", "E-mail", "error")]
    assert kinds(report, 5) == [("missing_value", "First Name", "error")]
    assert kinds(report, 6) == [
        ("duplicate_email", "E-mail", "warning"),
        ("forbidden_character", "Signup Source", "warning"),
    ]
    assert kinds(report, 7) == [("malformed_email", "E-mail", "error")]
    assert kinds(report, 8) == [
        ("malformed_email", "E-mail", "error"),
        ("missing_value", "Account No.", "error"),
    ]
    assert report.error_rows() == {4, 5, 7, 8}
    assert (report.summary.rows, report.summary.rows_with_errors, report.summary.rows_with_warnings) == (
        6,
        4,
        2,
    )
    assert report.summary.clean_rows == 0
    assert report.summary.by_kind[IssueKind.MALFORMED_EMAIL] == 3
    assert not report.ok


def test_messages_say_what_and_where(hostile):
    report = validate(hostile, required=NEEDS)
    (duplicate,) = report.issues_for(2)
    assert (duplicate.other_row, duplicate.message) == (6, "same e-mail address as row 6")
    later = next(i for i in report.issues_for(6) if i.kind is IssueKind.DUPLICATE_EMAIL)
    assert later.other_row == 2
    assert "same e-mail address as row 2" in later.message
    forbidden = next(i for i in report.issues_for(6) if i.kind is IssueKind.FORBIDDEN_CHARACTER)
    assert forbidden.message == "removed characters a document cannot hold (U+000B, U+0007)"
    missing = next(i for i in report.issues_for(8) if i.kind is IssueKind.MISSING_VALUE)
    assert missing.message == "no value for Account (recipient.extra.account), which this letter needs"
    (jo,) = report.issues_for(4)
    assert jo.message.startswith("'jo@' is not a valid e-mail address: ")


def test_every_row_is_still_there_and_clean(hostile):
    rows = {row.row: row.recipient for row in iter_recipients(hostile)}
    assert sorted(rows) == [2, 4, 5, 6, 7, 8]
    assert rows[2].name == "Zoë Müller"
    assert rows[2].extra["signup_source"] == "Œuvre €"
    assert rows[4].last_name == "../../etc/passwd"  # kept as typed; only file names are made safe
    assert rows[5].extra["signup_source"] == '=HYPERLINK("http://x","y")'
    assert rows[6].extra["signup_source"] == "xy"
    assert rows[7].last_name == "Wei"


def test_skipping_the_rows_with_errors_keeps_all_the_others(hostile):
    report = validate(hostile, required=NEEDS)
    kept = [row.row for row in iter_recipients(hostile, skip_rows=report.error_rows())]
    assert kept == [2, 6]


def test_fixes_are_applied_and_validate_clean(hostile):
    fixes = {
        (4, "E-mail"): "jo@example.com",
        (5, "First Name"): "Amara",
        (7, "E-mail"): " li.wei@example.com ",
        (8, "E-mail"): "sam@example.org",
        (8, "Account No."): "1006",
        (6, "E-mail"): "con@example.com",
    }
    report = validate(hostile, required=NEEDS, overrides=fixes)
    assert report.ok
    assert [i.kind for i in report.issues] == [IssueKind.FORBIDDEN_CHARACTER]
    rows = {row.row: row.recipient for row in iter_recipients(hostile, overrides=fixes)}
    assert rows[5].name == "Amara"
    assert rows[7].email == "li.wei@example.com"
    assert rows[8].reference == "1006"


def test_fix_for_an_unknown_column_is_refused(hostile):
    with pytest.raises(ValueError, match="no column called 'Email'"):
        validate(hostile, overrides={(2, "Email"): "x@example.com"})


def test_required_fields_come_from_the_templates_requires(tmp_path, hostile):
    template = tmp_path / "notice.j2"
    template.write_text(
        '{#-\nname = "N"\nkind = "notice"\ndescription = "d"\n'
        'requires = ["recipient.name", "incident.what", "recipient.extra.account", "sender.name"]\n-#}\nHi\n',
        encoding="utf-8",
    )
    requires = read_metadata(template).requires
    assert required_recipient_fields(requires) == ("recipient.name", "recipient.extra.account")
    report = validate(hostile, required=requires)
    assert report.error_rows() == {5, 8}
    # the e-mail is not required here, so bad addresses are warnings
    assert {i.severity for i in report.issues if i.kind is IssueKind.MALFORMED_EMAIL} == {Severity.WARNING}


def test_a_column_no_row_can_fill_is_one_issue_on_the_header(write_csv):
    table = read_recipients(write_csv("Name,Email\nAda,ada@example.com\nBob,bob@example.com\n"))
    report = validate(table, required=["recipient.name", "recipient.extra.policy", "recipient.reference"])
    assert [(i.row, i.kind) for i in report.issues] == [(1, IssueKind.MISSING_COLUMN)] * 2
    assert "recipient.extra.policy" in report.issues[0].message
    assert "recipient.extra.email" in report.issues[0].message
    assert report.error_rows() == set()
    assert not report.ok


def test_header_only_list_is_an_error(write_csv):
    report = validate(read_recipients(write_csv("Name,Email\n\n")))
    assert [(i.row, i.kind, i.severity) for i in report.issues] == [(1, IssueKind.NO_ROWS, Severity.ERROR)]


def test_duplicates_ignore_case_and_report_the_first_row_once(write_csv):
    text = "Email\nA@example.com\nb@example.com\na@EXAMPLE.com\na@example.com\n"
    report = validate(read_recipients(write_csv(text)))
    assert [(i.row, i.other_row) for i in report.issues] == [(2, 4), (4, 2), (5, 2)]


def test_stray_cells_are_a_warning(write_csv):
    report = validate(read_recipients(write_csv("Name,Email\nAda,ada@example.com,extra\n")))
    assert [(i.row, i.kind, i.severity) for i in report.issues] == [
        (2, IssueKind.STRAY_CELLS, Severity.WARNING)
    ]


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("jo@", False),
        ("a b@example.com", False),
        ("x@localhost", False),  # no customer receives mail at a single-label domain
        ("x@example.invalid", False),
        ("@example.com", False),
        ("jo@@example.com", False),
        ("jo..smith@example.com", False),
        ("jo.smith+notices@example.co.uk", True),
        ("Zoë@exämple.de", True),
        ("O'Brien@example.ie", True),
    ],
)
def test_email_syntax_policy(write_csv, address, valid):
    report = validate(read_recipients(write_csv(f"Name,Email\nA,{address}\n")), required=["recipient.email"])
    assert report.ok is valid


def test_validation_never_touches_the_network(monkeypatch, hostile):
    def refuse(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    report = validate(hostile, required=NEEDS)
    assert report.summary.rows == 6


def test_mapping_for_another_file_is_refused(hostile):
    with pytest.raises(ValueError, match="different file"):
        list(iter_recipients(hostile, map_columns(("Name",))))


@pytest.mark.parametrize(
    "address",
    [
        "jo.smith@example.com",
        "jo_smith+tag@mail.example.co.uk",
        "a" * 64 + "@example.com",
        "a" * 65 + "@example.com",
        "jo@" + "b" * 63 + ".com",
        "jo@" + "b" * 64 + ".com",
        "jo@" + ("b" * 60 + ".") * 4 + "com",
        "jo.@example.com",
        ".jo@example.com",
        "jo@-example.com",
        "jo@example",
        "jo@EXAMPLE.COM",
        "jo@xn--exmple-cua.de",
        "jo@exämple.de",
        "jo@example.com.",
        "jo@localhost.localdomain",
        "jo@x.onion",
        "jo@@example.com",
        "jo@ example.com",
    ],
)
def test_email_shortcut_agrees_with_email_validator(address):
    from email_validator import EmailNotValidError, validate_email

    from desktop.core.recipients.emails import email_problem

    try:
        validate_email(address, check_deliverability=False)
        expected = None
    except EmailNotValidError as exc:
        expected = str(exc)
    assert email_problem(address) == expected
