"""A recipient file opened as a table: its header checked, its rows streamed on demand.

`read_recipients` reads only as far as the header, so opening a list of any size is
instant; `RecipientTable.rows()` re-reads the file each time it is called, which lets the
validation pass and the merge run each stream the file instead of holding it in memory.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from desktop.core.recipients.csv_file import csv_dialect, csv_rows
from desktop.core.recipients.errors import RecipientFileError
from desktop.core.recipients.xlsx_file import sheet_names, xlsx_rows

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_LOOKS_LIKE_DATA = re.compile(r"@|^[\d\s.,+()/-]+$")


class SourceRow(NamedTuple):
    """One non-blank data row: its number as a spreadsheet shows it, and one text per column."""

    number: int
    values: tuple[str, ...]
    stray_cells: int = 0
    """Non-empty cells to the right of the last named column; they have no column to go to."""


@dataclass(frozen=True)
class RecipientTable:
    """An opened recipient file: where it is, how to read it, and its column names."""

    path: Path
    columns: tuple[str, ...]
    header_row: int
    """Row number of the header: 1 unless blank rows come first."""
    encoding: str | None = None
    """Codec a CSV file is read with ("utf-8-sig", "cp1252"...); None for a workbook."""
    delimiter: str | None = None
    sheet: str | None = None
    """The sheet read from a workbook; None for CSV."""

    @property
    def is_workbook(self) -> bool:
        return self.path.suffix.lower() in XLSX_SUFFIXES

    def rows(self) -> Iterator[SourceRow]:
        """The data rows below the header, blank ones skipped, each time read afresh from the file."""
        width = len(self.columns)
        padding = ("",) * width
        for number, cells in self._raw_rows():
            stripped = [cell.strip() for cell in cells]
            if number <= self.header_row or not any(stripped):
                continue
            if len(stripped) == width:
                yield SourceRow(number, tuple(stripped))
            elif len(stripped) < width:
                yield SourceRow(number, (*stripped, *padding[len(stripped) :]))
            else:
                yield SourceRow(
                    number, tuple(stripped[:width]), len(stripped) - width - stripped[width:].count("")
                )

    def _raw_rows(self) -> Generator[tuple[int, list[str]], None, None]:
        if self.is_workbook:
            return xlsx_rows(self.path, self.sheet)
        assert self.encoding is not None and self.delimiter is not None
        return csv_rows(self.path, self.encoding, self.delimiter)


def read_recipients(
    path: Path | str, *, sheet: str | None = None, encoding: str | None = None
) -> RecipientTable:
    """Open a CSV or XLSX recipient list and check its header; RecipientFileError if unusable.

    `sheet` picks a workbook's sheet (the first by default); `encoding` overrides the
    detected encoding of a CSV file when the user knows better.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise RecipientFileError(path, "no such file" if not path.exists() else "is not a file")
    if suffix in XLSX_SUFFIXES:
        if not sheet:
            names = sheet_names(path)
            if not names:  # a damaged workbook can list none
                raise RecipientFileError(path, "has no worksheets; open it in a spreadsheet, save it again")
            sheet = names[0]
        table = RecipientTable(path, (), 0, sheet=sheet)
    elif suffix in CSV_SUFFIXES:
        encoding, delimiter = csv_dialect(path, encoding)
        table = RecipientTable(path, (), 0, encoding=encoding, delimiter=delimiter)
    elif suffix == ".xls":
        raise RecipientFileError(path, "old Excel (.xls) files cannot be read; save it as .xlsx or CSV")
    else:
        known = ", ".join((*CSV_SUFFIXES, *XLSX_SUFFIXES))
        raise RecipientFileError(path, f"is not a recipient list Amends can read (use {known})")
    number, columns = _header(table)
    return RecipientTable(path, columns, number, table.encoding, table.delimiter, table.sheet)


def _header(table: RecipientTable) -> tuple[int, tuple[str, ...]]:
    rows = table._raw_rows()
    try:
        for number, cells in rows:
            if any(cell.strip() for cell in cells):
                return number, _checked_columns(table.path, number, cells)
    finally:
        rows.close()
    raise RecipientFileError(table.path, "is empty: there is no header row and no recipients")


def _checked_columns(path: Path, number: int, cells: list[str]) -> tuple[str, ...]:
    """The header's names: trailing empty cells dropped, inner ones named "Column N"."""
    names = [cell.strip() for cell in cells]
    while names and not names[-1]:
        names.pop()
    data_like = [name for name in names if name and _LOOKS_LIKE_DATA.search(name)]
    if data_like:
        raise RecipientFileError(
            path,
            f"row {number} should name the columns but holds data ({data_like[0]!r}); "
            "add a header row such as Name, Email",
        )
    names = [name or f"Column {index}" for index, name in enumerate(names, 1)]
    seen: dict[str, int] = {}
    for index, name in enumerate(names, 1):
        key = name.casefold()
        if key in seen:
            raise RecipientFileError(
                path, f"two columns are called {name!r} (columns {seen[key]} and {index}); rename one"
            )
        seen[key] = index
    return tuple(names)
