"""Property tests of the recipient reader: whatever bytes a list holds, in whatever encoding
or (damaged) workbook, reading it gives rows or RecipientFileError, never another exception.

The suite runs each property a few dozen times (the "default" hypothesis profile, in
tests/conftest.py). For a fuzz run, choose the "fuzz" profile and a time limit:

    HYPOTHESIS_PROFILE=fuzz FUZZ_SECONDS=300 .venv/bin/pytest -q -rs -p no:cacheprovider \\
        tests/core/recipients/test_reading_properties.py

Each property then runs for FUZZ_SECONDS and ends as a skip saying how many examples it ran
(tests/helpers/fuzzing.py); a failure found on the way is shrunk and reported.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.recipients import RecipientFileError, map_columns, read_recipients, sheet_names, validate
from tests.helpers.fuzzing import Budget

SUFFIXES = (".csv", ".txt", ".tsv")
ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
    "cp1250",
)
NEEDS = ("recipient.name", "recipient.email")

any_char = st.characters(codec=None, categories=None)
cell_text = st.text(
    st.one_of(any_char, st.sampled_from(list('"\r\n\t,;|\x00\x0b\ufeff\ud800@=é€Œ'))), max_size=12
)
rows = st.lists(st.lists(cell_text, max_size=6), min_size=0, max_size=8)


def _read_all(path: Path, budget: Budget, **options) -> None:
    """What the app and `amends merge` do with a list: open it, map it, validate every row."""
    try:
        table = read_recipients(path, **options)
        report = validate(table, map_columns(table.columns), NEEDS)
        list(table.rows())
    except RecipientFileError as exc:
        str(exc).encode("utf-8", "backslashreplace")
        budget.tally("refused")
        return
    report.summary  # noqa: B018 - the counts the window shows
    budget.tally("read")


@st.composite
def csv_files(draw) -> bytes:
    """Rows joined with a delimiter and quoted (or not, or half), in some encoding, perhaps
    with a BOM that does not match it, perhaps cut short in the middle of a character."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|", " ", ""]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", ""]))
    quote = draw(st.sampled_from(['"', "", "'"]))
    text = newline.join(delimiter.join(f"{quote}{cell}{quote}" for cell in row) for row in draw(rows))
    encoding = draw(st.sampled_from(ENCODINGS))
    lossy = ["replace", "ignore"] if encoding.startswith(("cp", "latin")) else ["surrogatepass"]
    data = text.encode(encoding, errors=draw(st.sampled_from(lossy)))
    if draw(st.booleans()):
        data = (
            draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b"PK\x03\x04"]))
            + data
        )
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


CSV_BYTES = Budget("CSV files")
ANY_BYTES = Budget("any bytes as CSV")
XLSX = Budget("workbooks")
DAMAGED = Budget("damaged workbooks")


@given(content=csv_files(), suffix=st.sampled_from(SUFFIXES), encoding=st.none() | st.sampled_from(ENCODINGS))
def test_a_csv_file_is_read_or_refused(tmp_path_factory, content, suffix, encoding):
    CSV_BYTES.tick()
    path = tmp_path_factory.mktemp("csv") / f"list{suffix}"
    path.write_bytes(content)
    _read_all(path, CSV_BYTES, encoding=encoding)


@given(content=st.binary(max_size=600))
def test_any_bytes_named_csv_are_read_or_refused(tmp_path_factory, content):
    ANY_BYTES.tick()
    path = tmp_path_factory.mktemp("bytes") / "list.csv"
    path.write_bytes(content)
    _read_all(path, ANY_BYTES)


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, sheet_rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in sheet_rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


workbook_cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=12),
    st.datetimes(),
    st.dates(),
)
sheets = st.dictionaries(
    st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=10),
    st.lists(st.lists(workbook_cells, max_size=5), max_size=6),
    min_size=1,
    max_size=3,
)


@given(book=sheets, pick=st.integers(0, 3))
def test_a_workbook_is_read_or_refused(tmp_path_factory, book, pick):
    XLSX.tick()
    path = tmp_path_factory.mktemp("xlsx") / "list.xlsx"
    path.write_bytes(_workbook(book))
    names = sheet_names(path)
    _read_all(path, XLSX, sheet=names[pick % len(names)] if pick < 3 else "no such sheet")


def _damaged(content: bytes, draw) -> bytes:
    """A workbook with bytes changed, cut short, or one of its parts replaced by junk.

    Places are drawn as numbers and then fitted to the file: openpyxl stamps the time it
    saves, so the same workbook is not always the same length."""
    how = draw(st.sampled_from(["flip", "cut", "part"]))
    place = st.integers(0, 1 << 20)
    if how == "flip":
        data = bytearray(content)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(place) % len(data)] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "cut":
        return content[: draw(place) % (len(content) + 1)]
    source = zipfile.ZipFile(io.BytesIO(content))
    names = sorted(source.namelist())
    victim = names[draw(place) % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            data = source.read(name)
            if name == victim:
                data = draw(st.one_of(st.binary(max_size=200), st.just(data[: len(data) // 2]), st.just(b"")))
            target.writestr(name, data)
    return out.getvalue()


@given(book=sheets, data=st.data())
def test_a_damaged_workbook_is_read_or_refused(tmp_path_factory, book, data):
    content = _damaged(_workbook(book), data.draw)
    DAMAGED.tick()  # after the last draw: hypothesis wants each example to draw the same way
    path = tmp_path_factory.mktemp("damaged") / "list.xlsx"
    path.write_bytes(content)
    _read_all(path, DAMAGED)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_empty_file_is_refused(tmp_path, suffix):
    path = tmp_path / f"list{suffix}"
    path.write_bytes(b"")
    with pytest.raises(RecipientFileError):
        read_recipients(path)
