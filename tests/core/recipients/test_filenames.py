"""Output file names: filled from a row, safe on Windows, macOS and Linux, never repeated."""

from __future__ import annotations

import pytest

from desktop.core.recipients import FileNameError, FileNamer, iter_recipients, map_columns, read_recipients


def name(pattern: str, row: int = 2, **fields: str) -> str:
    return FileNamer(pattern, fields).name(fields, row)


@pytest.mark.parametrize(
    ("last_name", "expected"),
    [
        ("Müller", "A1-Müller.docx"),
        ("../../etc/passwd", "A1-etc-passwd.docx"),
        ("..\\..\\Windows\\win.ini", "A1-Windows-win.ini.docx"),
        ("/etc/passwd", "A1-etc-passwd.docx"),
        ("C:\\Users\\Public", "A1-Users-Public.docx"),
        ('a<b>c:d"e|f?g*h', "A1-a_b_c_d_e_f_g_h.docx"),
        ("Tab\tand\x07bell\x00", "A1-Tab andbell.docx"),
        ("Wei 🌻", "A1-Wei 🌻.docx"),
        ("\u202eexe.doc", "A1-exe.doc.docx"),
        ("trailing dots... ", "A1-trailing dots.docx"),
    ],
)
def test_values_cannot_escape_or_break_the_name(last_name, expected):
    assert name("{account}-{last_name}.docx", account="A1", last_name=last_name) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("CON", "CON_.docx"),
        ("con", "con_.docx"),
        ("Nul", "Nul_.docx"),
        ("COM1", "COM1_.docx"),
        ("lpt9", "lpt9_.docx"),
        ("con.backup", "con_.backup.docx"),
        ("CON ", "CON_.docx"),
        ("CONSTANCE", "CONSTANCE.docx"),
        ("COM10", "COM10.docx"),
    ],
)
def test_windows_reserved_names(value, expected):
    assert name("{last_name}.docx", last_name=value) == expected


@pytest.mark.parametrize("value", ["", "   ", "..", "../", "///", "\x00\x01", ". ."])
def test_empty_results_fall_back_to_the_row(value):
    assert name("{last_name}.docx", row=17, last_name=value) == "recipient-17.docx"


def test_leading_dots_never_make_a_hidden_file():
    assert name("{last_name}.docx", last_name=".bashrc") == "bashrc.docx"


def test_long_names_are_cut_at_120_utf8_bytes_between_characters():
    long_name = name("{last_name}.docx", last_name="é" * 200)
    assert long_name == "é" * 60 + ".docx"
    family = "👨\u200d👩\u200d👧"  # 18 bytes: cutting mid-sequence must not leave a joiner
    cut = name("{last_name}.docx", last_name="x" * 110 + family)
    stem = cut.removesuffix(".docx")
    assert len(stem.encode("utf-8")) <= 120
    assert not stem.endswith("\u200d")


def test_collisions_are_numbered_ignoring_case():
    namer = FileNamer("{last_name}.docx", ["last_name"])
    names = [
        namer.name({"last_name": value}, row) for row, value in enumerate(["Lee", "LEE", "lee", "Lee (2)"], 2)
    ]
    assert names == ["Lee.docx", "LEE (2).docx", "lee (3).docx", "Lee (2) (2).docx"]


def test_existing_files_are_not_overwritten():
    namer = FileNamer("{last_name}.docx", ["last_name"], existing=["lee.DOCX"])
    assert namer.name({"last_name": "Lee"}, 2) == "Lee (2).docx"


def test_numbered_names_stay_within_the_limit():
    namer = FileNamer("{last_name}.docx", ["last_name"])
    first = namer.name({"last_name": "x" * 300}, 2)
    second = namer.name({"last_name": "x" * 300}, 3)
    assert second == "x" * 116 + " (2).docx"
    assert first != second


def test_unknown_placeholder_names_it_and_the_available_fields():
    with pytest.raises(FileNameError) as caught:
        FileNamer("{acount}-{last_name}.docx", ["signup_source"])
    message = str(caught.value)
    assert "{acount}" in message
    assert "{account}" in message
    assert "{signup_source}" in message


@pytest.mark.parametrize(
    "pattern", ["{last_name.__class__}.docx", "{0}.docx", "{last_name!r}.docx", "{name:>9}", "{x"]
)
def test_patterns_allow_plain_fields_only(pattern):
    with pytest.raises(FileNameError):
        FileNamer(pattern, ["x"])


def test_separators_in_the_pattern_itself_make_no_folder():
    assert name("letters/{last_name}.docx", last_name="Lee") == "letters-Lee.docx"


def test_names_from_a_recipient_list(write_csv):
    table = read_recipients(
        write_csv("Acct,First name,Last name,Signup Source\n7,Zoë,Müller,web\n8,Al,CON,app\n")
    )
    mapping = map_columns(table.columns)
    namer = FileNamer("{account}-{last_name}-{signup_source}.docx", mapping.identifiers)
    assert [namer.name_for(row) for row in iter_recipients(table, mapping)] == [
        "7-Müller-web.docx",
        "8-CON-app.docx",
    ]
    assert (
        FileNamer("{last_name}.docx", mapping.identifiers).name_for(next(iter_recipients(table)))
        == "Müller.docx"
    )
