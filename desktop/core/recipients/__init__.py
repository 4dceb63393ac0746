"""Recipient lists for mass notices: read CSV or XLSX as a table whose rows stream from the file."""

from desktop.core.recipients.errors import RecipientFileError
from desktop.core.recipients.table import RecipientTable, SourceRow, read_recipients
from desktop.core.recipients.xlsx_file import sheet_names

__all__ = ["RecipientFileError", "RecipientTable", "SourceRow", "read_recipients", "sheet_names"]
