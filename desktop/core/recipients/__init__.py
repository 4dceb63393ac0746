"""Recipient lists for mass notices: read CSV or XLSX, map columns, validate, name files.

The merge run builds on this: `read_recipients` opens the file, `map_columns` decides which
column is which field, `validate` reports problems by row before anything is written, and
`iter_recipients` streams the rows the user kept, as `Recipient`s. `FileNamer` and
`safe_cell` make the outputs safe. Nothing here holds the whole list in memory.
"""

from desktop.core.recipients.cells import safe_cell
from desktop.core.recipients.errors import RecipientFileError
from desktop.core.recipients.filenames import FileNameError, FileNamer, placeholder_values
from desktop.core.recipients.mapping import ColumnMapping, Field, guess_field, map_columns, safe_identifier
from desktop.core.recipients.rows import RecipientRow, iter_recipients
from desktop.core.recipients.table import RecipientTable, SourceRow, read_recipients
from desktop.core.recipients.validation import (
    Issue,
    IssueKind,
    Severity,
    ValidationReport,
    ValidationSummary,
    required_recipient_fields,
    validate,
)
from desktop.core.recipients.xlsx_file import sheet_names

__all__ = [
    "ColumnMapping",
    "Field",
    "FileNameError",
    "FileNamer",
    "Issue",
    "IssueKind",
    "RecipientFileError",
    "RecipientRow",
    "RecipientTable",
    "Severity",
    "SourceRow",
    "ValidationReport",
    "ValidationSummary",
    "guess_field",
    "iter_recipients",
    "map_columns",
    "placeholder_values",
    "read_recipients",
    "required_recipient_fields",
    "safe_cell",
    "safe_identifier",
    "sheet_names",
    "validate",
]
