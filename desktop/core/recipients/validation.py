"""The report shown before a merge writes anything: by row, what is missing, malformed or repeated.

The report is data (a list of issues and a summary) so the GUI can show it in a table and
the user can skip rows or type fixes, then validate again. It streams the file: per row it
keeps only a hash of the e-mail address, so 100,000 rows cost a few megabytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from desktop.core.fields import field_label
from desktop.core.model import Recipient
from desktop.core.recipients.cleaning import describe
from desktop.core.recipients.emails import email_problem
from desktop.core.recipients.mapping import ColumnMapping, Field, map_columns
from desktop.core.recipients.rows import Overrides, RecipientRow, prepared_rows
from desktop.core.recipients.table import RecipientTable

PREFIX = "recipient."


class Severity(StrEnum):
    ERROR = "error"
    """The letter for this row would be wrong or undeliverable: fix the row or skip it."""
    WARNING = "warning"
    """Worth a look, but the row can go out as it is."""


class IssueKind(StrEnum):
    MISSING_VALUE = "missing_value"
    MISSING_COLUMN = "missing_column"
    MALFORMED_EMAIL = "malformed_email"
    DUPLICATE_EMAIL = "duplicate_email"
    FORBIDDEN_CHARACTER = "forbidden_character"
    STRAY_CELLS = "stray_cells"
    NO_ROWS = "no_rows"


@dataclass(frozen=True)
class Issue:
    row: int
    """Row number as a spreadsheet shows it; the header row for problems with a whole column."""
    column: str
    """The column's header name; "" when the issue is about the row as a whole."""
    kind: IssueKind
    severity: Severity
    message: str
    other_row: int | None = None
    """For a duplicate: the row it repeats or is repeated by."""


@dataclass(frozen=True)
class ValidationSummary:
    rows: int
    """Data rows read (blank rows are not counted)."""
    rows_with_errors: int
    rows_with_warnings: int
    """Rows with warnings and no errors."""
    by_kind: dict[IssueKind, int]

    @property
    def clean_rows(self) -> int:
        return self.rows - self.rows_with_errors - self.rows_with_warnings


@dataclass
class ValidationReport:
    issues: list[Issue]
    summary: ValidationSummary
    header_row: int = 1
    _by_row: dict[int, list[Issue]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for issue in self.issues:
            self._by_row.setdefault(issue.row, []).append(issue)

    @property
    def ok(self) -> bool:
        """True when nothing is an error: the merge can run without skipping a row."""
        return not any(issue.severity is Severity.ERROR for issue in self.issues)

    def error_rows(self) -> set[int]:
        """Data rows with at least one error: what "skip the rows with problems" skips."""
        return {i.row for i in self.issues if i.severity is Severity.ERROR and i.row != self.header_row}

    def issues_for(self, row: int) -> list[Issue]:
        """The issues on one row, e.g. as the reason a manifest gives for a skipped row."""
        return list(self._by_row.get(row, ()))


def required_recipient_fields(requires: Iterable[str]) -> tuple[str, ...]:
    """The entries of a template's `requires` that a recipient list must fill ("recipient.name")."""
    return tuple(path for path in requires if path.startswith(PREFIX))


def validate(
    table: RecipientTable,
    mapping: ColumnMapping | None = None,
    required: Iterable[str] = (),
    overrides: Overrides | None = None,
) -> ValidationReport:
    """Check every row of `table` against the fields the template needs; reads the file once."""
    mapping = mapping or map_columns(table.columns)
    required = required_recipient_fields(required)
    checker = _RowChecker(mapping, required, table.header_row)
    for row in prepared_rows(table, mapping, overrides):
        checker.check(row)
    return checker.report()


_SOURCES: dict[str, tuple[Field, ...]] = {
    "name": (Field.FULL_NAME, Field.FIRST_NAME, Field.LAST_NAME),
    "first_name": (Field.FIRST_NAME, Field.FULL_NAME),
    "last_name": (Field.LAST_NAME, Field.FULL_NAME),
    **{f.value: (f,) for f in (Field.EMAIL, Field.REFERENCE, Field.TITLE, Field.SALUTATION)},
    **{f.value: (f,) for f in (Field.ORGANISATION, Field.ADDRESS)},
}
"""Which mapped columns can fill each recipient attribute a template may require."""
_EXTRA_SOURCES = {
    "first_name": (Field.FIRST_NAME, Field.FULL_NAME),
    "last_name": (Field.LAST_NAME, Field.FULL_NAME),
    "account": (Field.REFERENCE,),
}
"""The keys mapping.py adds to `extra` from the standard fields. With no first- or
last-name column, {{ first_name }} and {{ last_name }} are worked out from the full name
(merge_fields.merge_values), so a full-name column can fill them."""
_DERIVED = frozenset({"first_name", "last_name"})


class _RowChecker:
    """The state of one validation pass: issues so far, and one hash per e-mail address seen."""

    def __init__(self, mapping: ColumnMapping, required: tuple[str, ...], header_row: int):
        self.mapping = mapping
        self.header_row = header_row
        self.email_required = f"{PREFIX}email" in required
        self.email_column = next(iter(mapping.columns_for(Field.EMAIL)), "")
        self.issues: list[Issue] = []
        self.rows = 0
        self.seen_emails: dict[int, int] = {}
        """hash(casefolded address) -> first row; a 64-bit hash, so a false match is
        vanishingly unlikely, and holding the addresses themselves is not needed."""
        self.reported_first: set[int] = set()
        self.checks: list[tuple[str, str, str, str | None]] = []
        """(path, column to name, Recipient attribute, extra key) per required field."""
        for path in dict.fromkeys(required):
            column = self._column_for(path)
            if column is None:
                self._add(header_row, "", IssueKind.MISSING_COLUMN, Severity.ERROR, _no_column(path, mapping))
            else:
                name = path.removeprefix(PREFIX)
                key = name.removeprefix("extra.") if name.startswith("extra.") else None
                self.checks.append((path, column, name, key))

    def _column_for(self, path: str) -> str | None:
        """The column named in reports for a required path, or None when no column can fill it."""
        name = path.removeprefix(PREFIX)
        if name.startswith("extra."):
            key = name.removeprefix("extra.")
            if key in self.mapping.identifiers:
                return self.mapping.columns[self.mapping.identifiers.index(key)]
            sources = _EXTRA_SOURCES.get(key, ())
        else:
            sources = _SOURCES.get(name, ())
        columns = [c for source in sources for c in self.mapping.columns_for(source)]
        return columns[0] if columns else None

    def check(self, row: RecipientRow) -> None:
        self.rows += 1
        recipient = row.recipient
        for column, dropped in row.dropped:
            message = f"removed characters a document cannot hold ({describe(dropped)})"
            self._add(row.row, column, IssueKind.FORBIDDEN_CHARACTER, Severity.WARNING, message)
        if row.stray_cells:
            message = f"{row.stray_cells} filled cell(s) right of the last named column are ignored"
            self._add(row.row, "", IssueKind.STRAY_CELLS, Severity.WARNING, message)
        for path, column, attribute, key in self.checks:
            value = _value(recipient, key) if key else getattr(recipient, attribute, "")
            if not isinstance(value, str) or not value.strip():
                message = f"no value for {field_label(path)} ({path}), which this letter needs"
                self._add(row.row, column, IssueKind.MISSING_VALUE, Severity.ERROR, message)
        if recipient.email:
            self._check_email(row.row, recipient.email)

    def _check_email(self, row: int, address: str) -> None:
        problem = email_problem(address)
        if problem:
            severity = Severity.ERROR if self.email_required else Severity.WARNING
            message = f"{address!r} is not a valid e-mail address: {problem}"
            self._add(row, self.email_column, IssueKind.MALFORMED_EMAIL, severity, message)
        key = hash(address.casefold())
        first = self.seen_emails.setdefault(key, row)
        if first == row:
            return
        message = f"same e-mail address as row {first}; this person would get the notice twice"
        self._add(row, self.email_column, IssueKind.DUPLICATE_EMAIL, Severity.WARNING, message, first)
        if first not in self.reported_first:
            self.reported_first.add(first)
            message = f"same e-mail address as row {row}"
            self._add(first, self.email_column, IssueKind.DUPLICATE_EMAIL, Severity.WARNING, message, row)

    def _add(
        self,
        row: int,
        column: str,
        kind: IssueKind,
        severity: Severity,
        message: str,
        other_row: int | None = None,
    ) -> None:
        self.issues.append(Issue(row, column, kind, severity, message, other_row))

    def report(self) -> ValidationReport:
        if not self.rows:
            self._add(
                self.header_row,
                "",
                IssueKind.NO_ROWS,
                Severity.ERROR,
                "there are no recipients below the header",
            )
        order = {column: i for i, column in enumerate(("", *self.mapping.columns))}
        self.issues.sort(key=lambda i: (i.row, order.get(i.column, 0)))
        errors = {i.row for i in self.issues if i.severity is Severity.ERROR and i.row != self.header_row}
        warnings = {i.row for i in self.issues if i.row != self.header_row} - errors
        summary = ValidationSummary(
            rows=self.rows,
            rows_with_errors=len(errors),
            rows_with_warnings=len(warnings),
            by_kind=dict(Counter(issue.kind for issue in self.issues)),
        )
        return ValidationReport(self.issues, summary, self.header_row)


def _value(recipient: Recipient, key: str) -> object:
    """What {{ key }} prints for this row, as merge_fields.merge_values reads it: the cell
    when the list has the column (even empty), else a name part worked out from the name."""
    if key in recipient.extra:
        return recipient.extra[key]
    return getattr(recipient, key) if key in _DERIVED else ""


def _no_column(path: str, mapping: ColumnMapping) -> str:
    known = ", ".join(f"{PREFIX}extra.{key}" for key in mapping.identifiers if key)
    return f"the template needs {path}, but no column supplies it (the columns give {known})"
