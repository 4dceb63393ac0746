"""A recipient list held in memory for display, and validation over it without re-reading the file.

The table view needs random access to rows, which the core's streaming reader does not
give; so the view keeps each row as the reader's own `SourceRow` (a row number and a tuple
of strings), about 100 bytes plus the text per row, and no Recipient objects. Validating
the held rows goes through the core's `validate`, so the marks in the view are exactly the
report a merge would get.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from desktop.core.model import Recipient
from desktop.core.recipients import ColumnMapping, RecipientTable, SourceRow, ValidationReport, validate
from desktop.core.recipients.rows import prepared_rows
from desktop.core.recipients.validation import IssueKind, Severity, ValidationSummary

Overrides = Mapping[tuple[int, str], str]


@dataclass(frozen=True)
class RowsInMemory:
    """Held rows dressed as a RecipientTable, which is all `validate` and `prepared_rows` read."""

    columns: tuple[str, ...]
    header_row: int
    held: Sequence[SourceRow]

    def rows(self) -> Iterator[SourceRow]:
        return iter(self.held)


def load_rows(table: RecipientTable) -> list[SourceRow]:
    """Every data row of the file, read once."""
    return list(table.rows())


def validate_held(
    table: RecipientTable,
    rows: Sequence[SourceRow],
    mapping: ColumnMapping,
    required: tuple[str, ...],
    overrides: Overrides,
) -> ValidationReport:
    return validate(RowsInMemory(table.columns, table.header_row, rows), mapping, required, overrides)  # type: ignore[arg-type]


def revalidate_row(
    report: ValidationReport,
    table: RecipientTable,
    row: SourceRow,
    mapping: ColumnMapping,
    required: tuple[str, ...],
    overrides: Overrides,
) -> ValidationReport:
    """`report` with one row checked again: milliseconds, where the whole list may take a second.

    Only right when the edit cannot change which addresses repeat; the caller validates the
    whole list for an edit of the e-mail column or of a row marked as a duplicate.
    """
    mine = {key: value for key, value in overrides.items() if key[0] == row.number}
    fresh = validate_held(table, [row], mapping, required, mine)
    issues = [i for i in report.issues if i.row != row.number]
    issues += [i for i in fresh.issues if i.row == row.number and i.kind is not IssueKind.NO_ROWS]
    issues.sort(key=lambda issue: issue.row)  # stable: each row keeps the core's column order
    return _report(issues, report.summary.rows, report.header_row)


def _report(issues: list, rows: int, header_row: int) -> ValidationReport:
    """A report from issues, summarised as the core summarises a validation pass."""
    errors = {i.row for i in issues if i.severity is Severity.ERROR and i.row != header_row}
    warnings = {i.row for i in issues if i.row != header_row} - errors
    summary = ValidationSummary(rows, len(errors), len(warnings), dict(Counter(i.kind for i in issues)))
    return ValidationReport(issues, summary, header_row)


def recipient_of(
    table: RecipientTable, row: SourceRow, mapping: ColumnMapping, overrides: Overrides
) -> Recipient:
    """The Recipient a merge would make of this row: fixes applied, forbidden characters dropped."""
    memory = RowsInMemory(table.columns, table.header_row, [row])
    return next(prepared_rows(memory, mapping, overrides)).recipient  # type: ignore[arg-type]
