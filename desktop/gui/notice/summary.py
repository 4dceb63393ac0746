"""The one-line state of a recipient list: "36 rows: 34 ready, 2 with errors"."""

from __future__ import annotations

from collections.abc import Set

from desktop.core.recipients import Severity, ValidationReport


def summary_text(report: ValidationReport, skipped: Set[int]) -> str:
    """Counts of rows ready, with warnings (they can still go out), with errors, and skipped.

    Skipped rows count only as skipped, whatever their marks: they will not be sent.
    """
    header = report.header_row
    errors = {i.row for i in report.issues if i.severity is Severity.ERROR and i.row != header} - skipped
    warned = {i.row for i in report.issues if i.row != header} - errors - skipped
    return counts_text(report.summary.rows, len(warned), len(errors), len(skipped))


def counts_text(rows: int, warned: int, errors: int, skipped: int) -> str:
    """The words for the counts, "36 rows: 34 ready, 2 with errors"; skipped rows are not
    among the warned or the errors. Kept apart so a running count can say it without a report."""
    ready = rows - skipped - errors
    parts = [f"{ready:,} ready" + (f" ({warned:,} with warnings)" if warned else "")]
    if errors:
        parts.append(f"{errors:,} with errors")
    if skipped:
        parts.append(f"{skipped:,} skipped")
    return f"{rows:,} {'row' if rows == 1 else 'rows'}: {', '.join(parts)}"


def sentence(message: str) -> str:
    """A core message ("no value for …") as a sentence: capital first letter, a full stop."""
    message = message.strip()
    if not message:
        return message
    return message[0].upper() + message[1:] + ("" if message.endswith((".", "?", "!")) else ".")
