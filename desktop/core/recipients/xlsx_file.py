"""Rows of one sheet of an XLSX workbook, streamed with openpyxl's read-only mode.

openpyxl is imported only when a workbook is opened: it costs a tenth of a second, and
every start of the app and the command would pay it otherwise.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any, TypeVar

from desktop.core.recipients.errors import RecipientFileError
from desktop.core.recipients.xlsx_stream import rows_of

T = TypeVar("T")


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names, in order, so the user can pick one."""
    with _opened(path) as workbook:
        return _damaged_as(path, "is not a readable .xlsx workbook", lambda: list(workbook.sheetnames))


def xlsx_rows(path: Path, sheet: str | None = None) -> Generator[tuple[int, list[str]], None, None]:
    """(row number, cells as text) for every row of `sheet` (the first when None), from row 1.

    read_only mode parses the sheet as it goes, so a 100,000-row workbook never sits in
    memory; the stored dimensions are ignored because some tools write them wrong, which
    would silently cut rows off.
    """
    with _opened(path) as workbook:
        worksheet = _sheet(path, workbook, sheet)
        rows = _damaged_as(path, "is not a readable .xlsx workbook", lambda: _all_rows(worksheet))
        number = 0
        while True:
            after = f"the workbook is damaged after row {number}"
            values = _damaged_as(path, after, lambda: next(rows, None))
            if values is None:
                return
            number += 1
            yield number, [cell_text(value) for value in values]


def _all_rows(worksheet: Any) -> Iterator[tuple[object, ...]]:
    worksheet.reset_dimensions()
    return rows_of(worksheet) or worksheet.iter_rows(values_only=True)  # see xlsx_stream.py


def _damaged_as(path: Path, what: str, step: Callable[[], T]) -> T:
    """Run one step of openpyxl's reading; whatever a damaged or disguised workbook makes
    it raise becomes a RecipientFileError. The list is open-ended: a bad zip, a part that
    will not inflate (zlib.error), XML that will not parse (from lxml or ElementTree), an
    encrypted or unsupported zip entry (NotImplementedError), and the Key-, Type- and
    AttributeErrors of parts that are not what they claim. Only openpyxl's own work runs
    here, never Amends' handling of what it returns, so no bug of ours is hidden by it."""
    try:
        return step()
    except RecipientFileError:
        raise
    except Exception as exc:  # see above: the list is open-ended
        raise RecipientFileError(path, f"{what} ({exc or type(exc).__name__})") from None


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


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[Any]:
    """The workbook, read-only, over a file this module opens and always closes: openpyxl
    leaves its own file open when a damaged workbook fails halfway through loading, and
    does not close a file it was handed."""
    import openpyxl

    try:
        handle = path.open("rb")
    except OSError as exc:
        raise RecipientFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    with handle:
        workbook = _damaged_as(
            path,
            "is not a readable .xlsx workbook",
            lambda: openpyxl.load_workbook(handle, read_only=True, data_only=True),
        )
        try:
            yield workbook
        finally:
            with contextlib.suppress(Exception):  # closing a damaged archive may fail again
                workbook.close()


def _sheet(path: Path, workbook: Any, sheet: str | None) -> Any:
    names = _damaged_as(path, "is not a readable .xlsx workbook", lambda: list(workbook.sheetnames))
    if sheet is None:
        if not names:
            raise RecipientFileError(path, "has no worksheet with rows in it")
        sheet = names[0]
    if sheet not in names:
        known = ", ".join(repr(name) for name in names)
        raise RecipientFileError(path, f"has no sheet called {sheet!r}; its sheets are {known}")
    return _damaged_as(path, "is not a readable .xlsx workbook", lambda: workbook[sheet])
