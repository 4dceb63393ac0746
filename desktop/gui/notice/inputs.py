"""What the recipients view hands to an export: the list, how it is read, and what the user changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.core.recipients import ColumnMapping, RecipientTable, ValidationReport
from desktop.gui.notice.held_rows import HeldRow


@dataclass(frozen=True)
class MergeInputs:
    """Everything a MergeRequest needs from the recipients view, fixed at the moment of export."""

    table: RecipientTable
    mapping: ColumnMapping
    skip_rows: frozenset[int]
    overrides: Mapping[tuple[int, str], str]
    report: ValidationReport
    required: tuple[str, ...] = ()
    """The recipient fields the template needs ("recipient.name"), as the report checked them."""
    rows: Sequence[HeldRow] | None = None
    """The rows the report was made from, as the tab holds them: an output that needs more
    fields checks these again rather than reading the file (None: read the file)."""

    @property
    def letters(self) -> int:
        """Letters a run writes when nothing more is left out: the rows not skipped."""
        return self.report.summary.rows - len(self.skip_rows)

    def unskipped_error_rows(self, report: ValidationReport | None = None) -> list[int]:
        """Rows with errors the user has neither fixed nor skipped, in file order."""
        return sorted((report or self.report).error_rows() - self.skip_rows)
