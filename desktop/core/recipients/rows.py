"""Recipients, one per row, as the merge run and the validation pass both see them.

Both go through `prepared_rows`, so the rows the report describes are exactly the rows a
merge writes: fixes applied, forbidden characters dropped, the same mapping.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

from desktop.core.model import Recipient
from desktop.core.recipients.cleaning import drop_forbidden
from desktop.core.recipients.mapping import ColumnMapping, map_columns
from desktop.core.recipients.table import RecipientTable

Overrides = Mapping[tuple[int, str], str]
"""Fixes typed by the user: (row number, column name) -> the value to use instead."""


@dataclass(frozen=True)
class RecipientRow:
    """One recipient and where it came from."""

    row: int
    """Row number in the file as a spreadsheet shows it (the header is row 1)."""
    recipient: Recipient
    dropped: tuple[tuple[str, str], ...] = ()
    """(column, characters) removed because XML forbids them; reported as warnings."""
    stray_cells: int = 0


def iter_recipients(
    table: RecipientTable,
    mapping: ColumnMapping | None = None,
    *,
    skip_rows: Collection[int] = (),
    overrides: Overrides | None = None,
) -> Iterator[RecipientRow]:
    """Every data row as a Recipient, except blank rows and the rows in `skip_rows`.

    Rows with problems are not dropped here: the user sees them in the validation report
    and chooses what goes in `skip_rows`, so no row is ever lost silently.
    """
    skip = frozenset(skip_rows)
    for row in prepared_rows(table, mapping, overrides):
        if row.row not in skip:
            yield row


def prepared_rows(
    table: RecipientTable, mapping: ColumnMapping | None = None, overrides: Overrides | None = None
) -> Iterator[RecipientRow]:
    """All data rows with the user's fixes applied and forbidden characters dropped."""
    mapping = mapping or map_columns(table.columns)
    if mapping.columns != table.columns:
        raise ValueError("the column mapping was made for a different file's columns")
    fixes = _fixes_by_row(table, overrides or {})
    for source in table.rows():
        values = source.values
        if source.number in fixes:
            values = tuple(fixes[source.number].get(i, value) for i, value in enumerate(values))
        cleaned, dropped = _cleaned(table.columns, values)
        yield RecipientRow(source.number, mapping.to_recipient(cleaned), dropped, source.stray_cells)


def _fixes_by_row(table: RecipientTable, overrides: Overrides) -> dict[int, dict[int, str]]:
    by_row: dict[int, dict[int, str]] = {}
    for (row, column), value in overrides.items():
        if column not in table.columns:
            raise ValueError(f"no column called {column!r}; the columns are {', '.join(table.columns)}")
        by_row.setdefault(row, {})[table.columns.index(column)] = value.strip()
    return by_row


def _cleaned(
    columns: tuple[str, ...], values: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    if "".join(values).isprintable():  # the usual row: no control character at all
        return values, ()
    dropped = []
    out = []
    for column, value in zip(columns, values, strict=True):
        clean, removed = drop_forbidden(value)
        if removed:
            dropped.append((column, removed))
            clean = clean.strip()
        out.append(clean)
    return tuple(out), tuple(dropped)
