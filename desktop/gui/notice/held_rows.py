"""A recipient list held in memory for display, and validation over it without re-reading the file.

The table view needs random access to rows, which the core's streaming reader does not
give; so the view keeps each row as the reader's own `SourceRow` turned into a plain tuple
(`HeldRow`: a row number and a tuple of strings), about 100 bytes plus the text per row,
and no Recipient objects. Validating the held rows goes through the core's `validate`, so
the marks in the view are exactly the report a merge would get.

Reading and validating 100,000 rows takes the better part of a second, so list_job.py runs
them on a worker thread: `load_rows` and `validate_held` take a `progress` callback, called
every `PROGRESS_EVERY` rows, which may raise `Cancelled` to stop the pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from desktop.core.model import Recipient
from desktop.core.recipients import (
    ColumnMapping,
    Field,
    RecipientTable,
    SourceRow,
    ValidationReport,
    validate,
)
from desktop.core.recipients.cleaning import drop_forbidden
from desktop.core.recipients.rows import prepared_rows

Overrides = Mapping[tuple[int, str], str]
HeldRow = tuple[int, tuple[str, ...], int]
"""A SourceRow as a plain tuple: (number, values, stray cells). Python's cyclic collector
stops tracking a plain tuple of strings and numbers, never a named tuple; 100,000 tracked
rows would make every full collection some 40 ms longer, on whatever thread runs it and
holding the GIL, so the window would stutter while a list loads and now and then after."""
NUMBER, VALUES = 0, 1
Progress = Callable[[int, int], None]
"""(rows done, rows in all or 0 when not known); may raise Cancelled."""

PROGRESS_EVERY = 1024
"""Rows between progress calls: a cancel is seen within a millisecond or two."""
_COUNT_CHUNK = 1 << 20


class Cancelled(Exception):
    """Raised by a progress callback to stop a pass over the rows."""


@dataclass(frozen=True)
class RowsInMemory:
    """Held rows dressed as a RecipientTable, which is all `validate` and `prepared_rows` read."""

    columns: tuple[str, ...]
    header_row: int
    held: Sequence[HeldRow]
    progress: Progress | None = None

    def rows(self) -> Iterator[SourceRow]:
        rows = map(SourceRow._make, self.held)
        if self.progress is None:
            return rows
        return _reported(rows, self.progress, len(self.held))


def _reported(rows, progress: Progress, total: int) -> Iterator:
    done = 0
    for row in rows:
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
        yield row
    progress(done, total)


def load_rows(table: RecipientTable, progress: Progress | None = None) -> list[HeldRow]:
    """Every data row of the file, read once; `progress` hears about it every so many rows."""
    rows = table.rows()
    if progress is not None:
        rows = _reported(rows, progress, estimated_rows(table))
    return list(map(tuple, rows))  # type: ignore[arg-type]


def estimated_rows(table: RecipientTable) -> int:
    """About how many data rows a CSV file has (its lines below the header); 0 for a workbook.

    Blank lines and cells spanning lines make it an upper bound; counting the line ends of
    a 100,000-row file takes a few milliseconds.
    """
    if table.is_workbook:
        return 0
    lines, last = 0, b"\n"
    try:
        with table.path.open("rb") as stream:
            while chunk := stream.read(_COUNT_CHUNK):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 0
    return max(lines + (last != b"\n") - table.header_row, 0)


def validate_held(
    table: RecipientTable,
    rows: Sequence[HeldRow],
    mapping: ColumnMapping,
    required: tuple[str, ...],
    overrides: Overrides,
    progress: Progress | None = None,
) -> ValidationReport:
    memory = RowsInMemory(table.columns, table.header_row, rows, progress)
    return validate(memory, mapping, required, overrides)  # type: ignore[arg-type]


def email_keys(
    table: RecipientTable, rows: Sequence[HeldRow], mapping: ColumnMapping, overrides: Overrides
) -> dict[int, str]:
    """Row number -> the row's e-mail address casefolded, for rows that have one.

    Two rows repeat an address exactly when their keys are equal, as `validate` judges it:
    the address a merge would use (the fix if any, forbidden characters dropped), casefolded.
    """
    emails = mapping.columns_for(Field.EMAIL)
    if not emails:
        return {}
    column = emails[0]
    position = table.columns.index(column)
    keys: dict[int, str] = {}
    for row in rows:
        key = _email_key(row, position, column, overrides)
        if key:
            keys[row[NUMBER]] = key
    return keys


def email_key(table: RecipientTable, row: HeldRow, mapping: ColumnMapping, overrides: Overrides) -> str:
    """The row's casefolded address ("" when it has none); see `email_keys`."""
    emails = mapping.columns_for(Field.EMAIL)
    if not emails:
        return ""
    return _email_key(row, table.columns.index(emails[0]), emails[0], overrides)


def _email_key(row: HeldRow, position: int, column: str, overrides: Overrides) -> str:
    """What rows.prepared_rows makes of the e-mail cell: the fix stripped, forbidden characters
    dropped (and the rest stripped when any were); tests hold the two to the same answers."""
    fix = overrides.get((row[NUMBER], column)) if overrides else None
    value = row[VALUES][position] if fix is None else fix.strip()
    clean, dropped = drop_forbidden(value)
    if dropped:
        clean = clean.strip()
    return clean.casefold()


def recipient_of(
    table: RecipientTable, row: HeldRow, mapping: ColumnMapping, overrides: Overrides
) -> Recipient:
    """The Recipient a merge would make of this row: fixes applied, forbidden characters dropped."""
    memory = RowsInMemory(table.columns, table.header_row, [row])
    return next(prepared_rows(memory, mapping, overrides)).recipient  # type: ignore[arg-type]
