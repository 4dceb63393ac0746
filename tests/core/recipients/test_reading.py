"""Reading recipient files: encodings, delimiters, workbooks, row numbers and user-facing errors."""

from __future__ import annotations

import codecs
import zipfile

import pytest

from desktop.core.recipients import RecipientFileError, read_recipients, sheet_names


def rows(table):
    return [(row.number, row.values) for row in table.rows()]


def test_windows_1252_with_semicolons_comes_out_right(write_csv):
    path = write_csv("Name;First;Note;Price\r\nMüller;Zoë;Œuvre;€\r\n", encoding="cp1252")
    table = read_recipients(path)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.columns == ("Name", "First", "Note", "Price")
    assert rows(table) == [(2, ("Müller", "Zoë", "Œuvre", "€"))]


def test_windows_1252_character_far_down_a_long_ascii_file(write_csv):
    body = "".join(f"Person {n},p{n}@example.com\n" for n in range(20_000))
    path = write_csv("Name,Email\n" + body + "Renée Lefèvre,renee@example.com\n", encoding="cp1252")
    table = read_recipients(path)
    assert table.encoding == "cp1252"
    assert list(table.rows())[-1].values == ("Renée Lefèvre", "renee@example.com")


def test_utf8_with_bom_does_not_leak_into_the_first_column(write_csv):
    path = write_csv("Email,Name\nzoe@example.com,Zoë\n", encoding="utf-8-sig")
    table = read_recipients(path)
    assert table.encoding == "utf-8-sig"
    assert table.columns == ("Email", "Name")
    assert rows(table) == [(2, ("zoe@example.com", "Zoë"))]


def test_utf8_without_bom(write_csv):
    path = write_csv("Name|Email\n李小龙|lee@example.com\nZoë 🌻|zoe@example.com\n")
    table = read_recipients(path)
    assert (table.encoding, table.delimiter) == ("utf-8", "|")
    assert [r.values[0] for r in table.rows()] == ["李小龙", "Zoë 🌻"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_as_excel_unicode_text_writes_it(tmp_path, encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "unicode.txt"
    path.write_bytes(bom + "Name\tEmail\r\nZoë Müller\tzoe@example.com\r\n".encode(encoding))
    table = read_recipients(path)
    assert table.delimiter == "\t"
    assert rows(table) == [(2, ("Zoë Müller", "zoe@example.com"))]


def test_utf16_without_bom_is_recognised(tmp_path):
    path = tmp_path / "nobom.csv"
    path.write_bytes("Name,Email\nZoë,zoe@example.com\n".encode("utf-16-le"))
    assert rows(read_recipients(path)) == [(2, ("Zoë", "zoe@example.com"))]


def test_tab_delimited_with_commas_inside_cells(write_csv):
    path = write_csv("Name\tCompany\tEmail\nSmith, John\tAcme, Inc.\tjohn@example.com\n", name="list.tsv")
    table = read_recipients(path)
    assert table.delimiter == "\t"
    assert rows(table) == [(2, ("Smith, John", "Acme, Inc.", "john@example.com"))]


def test_semicolon_file_with_commas_in_names_is_not_split_on_commas(write_csv):
    text = "Name;Email;Account\n" + "".join(f'"Smith, J{n}";j{n}@example.com;{n}\n' for n in range(5))
    table = read_recipients(write_csv(text))
    assert table.delimiter == ";"
    assert next(table.rows()).values == ("Smith, J0", "j0@example.com", "0")


def test_given_encoding_overrides_detection(write_csv):
    path = write_csv("Name\nŁukasz Wróbel\n", encoding="cp1250")
    table = read_recipients(path, encoding="cp1250")
    assert rows(table) == [(2, ("Łukasz Wróbel",))]


def test_blank_rows_are_skipped_but_row_numbers_stay_true(write_csv):
    text = '\nName,Email\n\nAda,ada@example.com\n,\n  ,  \n"Multi\nline",m@example.com\nBob,bob@example.com\n'
    path = write_csv(text)
    table = read_recipients(path)
    assert table.header_row == 2
    assert rows(table) == [
        (4, ("Ada", "ada@example.com")),
        (7, ("Multi\nline", "m@example.com")),
        (8, ("Bob", "bob@example.com")),
    ]


def test_short_rows_are_padded_and_stray_cells_counted(write_csv):
    table = read_recipients(write_csv("Name,Email,Account\nAda\nBob,b@example.com,7,oops,\n"))
    found = list(table.rows())
    assert found[0].values == ("Ada", "", "")
    assert (found[1].values, found[1].stray_cells) == (("Bob", "b@example.com", "7"), 1)


def test_header_trailing_empty_cells_dropped_inner_ones_named(write_csv):
    table = read_recipients(write_csv("Name;;Email;;;\nAda;x;a@example.com;;;\n"))
    assert table.columns == ("Name", "Column 2", "Email")


def test_rows_can_be_read_twice_from_the_file(write_csv):
    table = read_recipients(write_csv("Name\nAda\nBob\n"))
    assert rows(table) == rows(table) == [(2, ("Ada",)), (3, ("Bob",))]


def test_xlsx_first_sheet_numbers_and_text(write_xlsx):
    path = write_xlsx(
        {
            "Recipients": [
                ["Name", "Email", "Account", "Joined"],
                ["Zoë Müller", "zoe@example.com", 12345, None],
                None,
                ["Bob", "bob@example.com", 7.5, None],
            ],
            "Other": [["Ignored"]],
        }
    )
    table = read_recipients(path)
    assert (table.sheet, table.encoding) == ("Recipients", None)
    assert table.columns == ("Name", "Email", "Account", "Joined")
    assert rows(table) == [
        (2, ("Zoë Müller", "zoe@example.com", "12345", "")),
        (4, ("Bob", "bob@example.com", "7.5", "")),
    ]


def test_xlsx_named_sheet_and_header_below_blank_rows(write_xlsx):
    path = write_xlsx({"Notes": [["n"]], "List": [None, None, ["Name", "Email"], ["Ada", "ada@example.com"]]})
    assert sheet_names(path) == ["Notes", "List"]
    table = read_recipients(path, sheet="List")
    assert table.header_row == 3
    assert rows(table) == [(4, ("Ada", "ada@example.com"))]


def test_xlsx_unknown_sheet_lists_the_sheets(write_xlsx):
    path = write_xlsx({"Notes": [["n"]], "List": [["Name"]]})
    with pytest.raises(RecipientFileError, match=r"no sheet called 'People'; its sheets are 'Notes', 'List'"):
        read_recipients(path, sheet="People")


def test_xlsx_dates_read_as_iso_text(write_xlsx):
    import datetime as dt

    path = write_xlsx({"S": [["Name", "Joined"], ["Ada", dt.datetime(2024, 3, 1)]]})
    assert rows(read_recipients(path)) == [(2, ("Ada", "2024-03-01"))]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\r\n\r\n,,\r\n", "is empty"),
        (b"Name,Email,Name\r\nA,a@example.com,B\r\n", r"two columns are called 'Name' \(columns 1 and 3\)"),
        (b"name,NAME\r\n", "two columns are called 'NAME'"),
        (b"Ada Lovelace,ada@example.com\r\n", "row 1 should name the columns but holds data"),
        (b"PK\x03\x04rest-of-a-zip", "is an Excel workbook or other zip file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", r"old Excel \(.xls\) file"),
    ],
)
def test_unusable_csv_files_give_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(RecipientFileError, match=message) as caught:
        read_recipients(path)
    assert caught.value.path == path
    assert str(caught.value).startswith(str(path))


def test_corrupt_xlsx(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"this is not a zip file at all")
    with pytest.raises(RecipientFileError, match=r"broken.xlsx: is not a readable .xlsx workbook"):
        read_recipients(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(RecipientFileError, match=r"is not a readable \.xlsx workbook"):
        read_recipients(path)


def test_truncated_xlsx(write_xlsx):
    path = write_xlsx({"S": [["Name"], *[[f"person {n}"] for n in range(2000)]]})
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(RecipientFileError, match="workbook"):
        read_recipients(path)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("list.xls", r"old Excel \(.xls\) files cannot be read; save it as .xlsx or CSV"),
        ("list.pdf", r"is not a recipient list Amends can read \(use .csv, .txt, .tsv, .xlsx, .xlsm\)"),
    ],
)
def test_unsupported_extensions(tmp_path, name, message):
    path = tmp_path / name
    path.write_bytes(b"Name\nAda\n")
    with pytest.raises(RecipientFileError, match=message):
        read_recipients(path)


def test_missing_file(tmp_path):
    with pytest.raises(RecipientFileError, match="no such file"):
        read_recipients(tmp_path / "absent.csv")


def test_wrong_encoding_given_is_an_error_not_a_traceback(write_csv):
    path = write_csv("Name\n" + "Ada\n" * 10 + "Zoë\n")
    with pytest.raises(RecipientFileError, match="cannot be read as ascii; choose another encoding"):
        read_recipients(path, encoding="ascii")
    with pytest.raises(RecipientFileError, match="cannot be read"):
        read_recipients(path, encoding="no-such-codec")


def test_wrong_encoding_found_past_the_sample_names_the_row(write_csv):
    path = write_csv("Name\n" + "Ada\n" * 20_000 + "Zoë\n")
    table = read_recipients(path, encoding="ascii")
    with pytest.raises(RecipientFileError, match=r"line 20002 is not valid ascii text; save the file as CSV"):
        list(table.rows())
