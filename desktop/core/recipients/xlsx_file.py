"""Rows of one sheet of an XLSX workbook, streamed with openpyxl's read-only mode."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

from desktop.core.recipients.errors import RecipientFileError


def _broken() -> tuple[type[Exception], ...]:
    """What a damaged or disguised workbook raises from inside openpyxl: zip, XML and key
    errors. openpyxl is imported only when a workbook is opened: it costs a tenth of a
    second, and every start of the app and the command would pay it otherwise."""
    from openpyxl.utils.exceptions import InvalidFileException

    return (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, EOFError, OSError)


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names, in order, so the user can pick one."""
    workbook = _open(path)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def xlsx_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) for every row of `sheet` (the first when None), from row 1.

    read_only mode parses the sheet as it goes, so a 100,000-row workbook never sits in
    memory; the stored dimensions are ignored because some tools write them wrong, which
    would silently cut rows off.
    """
    workbook = _open(path)
    try:
        worksheet = _sheet(path, workbook, sheet)
        worksheet.reset_dimensions()
        number = 0
        try:
            for number, values in enumerate(worksheet.iter_rows(values_only=True), 1):
                yield number, [cell_text(value) for value in values]
        except _broken() as exc:
            raise RecipientFileError(path, f"the workbook is damaged after row {number} ({exc})") from None
    finally:
        workbook.close()


def cell_text(value: object) -> str:
    """A cell as the text the user sees: 12345.0 stays an account number "12345", dates are ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _open(path: Path):
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except _broken() as exc:
        raise RecipientFileError(
            path, f"is not a readable .xlsx workbook ({exc or type(exc).__name__})"
        ) from None


def _sheet(path: Path, workbook, sheet: str | None):
    if sheet is None:
        if not workbook.worksheets:
            raise RecipientFileError(path, "has no worksheet with rows in it")
        return workbook.worksheets[0]
    if sheet not in workbook.sheetnames:
        known = ", ".join(repr(name) for name in workbook.sheetnames)
        raise RecipientFileError(path, f"has no sheet called {sheet!r}; its sheets are {known}")
    return workbook[sheet]
