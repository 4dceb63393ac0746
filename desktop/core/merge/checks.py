"""What a run needs before it starts: the fields every row must fill, and an output of the right sort.

The command line and the desktop app ask the same questions before a merge, so the answers
live here rather than in either front end.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from desktop.core.merge.outputs import OutputKind
from desktop.core.merge_fields import MergeUse, known_names, row_path
from desktop.core.recipients import Issue, Severity, ValidationReport, required_recipient_fields
from desktop.core.writers.email import FROM_FIELD, AddressError, checked_address

EMAIL_FIELD = "recipient.email"


def output_row_fields(kind: OutputKind) -> tuple[str, ...]:
    """What an output needs of every row whatever the template: an address for e-mail."""
    return (EMAIL_FIELD,) if kind in (OutputKind.EML, OutputKind.CSV) else ()


def required_row_fields(
    requires: tuple[str, ...],
    kind: OutputKind,
    merge_uses: Iterable[MergeUse] = (),
    columns: Collection[str] | None = None,
) -> tuple[str, ...]:
    """What each row must have: the template's recipient fields, an address for e-mail
    outputs, and a value for every merge field the writer's text uses without a fallback.

    `columns` are the list's merge names (ColumnMapping.merge_names). With them, a merge
    field that names no column is left out: it is a mistake in the draft, not in the list,
    and the draft's verdict reports it (a `placeholder` finding, which an override can pass),
    where a missing column would stop the run whatever the writer decided."""
    required = required_recipient_fields(requires)
    required += tuple(field for field in output_row_fields(kind) if field not in required)
    names = known_names(columns) if columns is not None else None
    for use in merge_uses:
        if names is not None and use.name not in names:
            continue
        path = row_path(use.name)
        if use.fallback is None and path not in required:
            required = (*required, path)
    return required


def list_errors(report: ValidationReport) -> list[Issue]:
    """Errors about the list as a whole (no rows; a column the output needs is missing): no
    choice of rows to skip can fix them, so a run must not start."""
    return [i for i in report.issues if i.severity is Severity.ERROR and i.row == report.header_row]


def sender_problem(sender_email: str, kind: OutputKind) -> str | None:
    """Why the draft's sender cannot be the From of every e-mail draft, or None.

    Asked before a run starts: the e-mail writer refuses such a sender too, but by then the
    user has chosen a folder and waited for the run to open."""
    if kind is not OutputKind.EML:
        return None
    try:
        checked_address(FROM_FIELD, sender_email)
    except AddressError as exc:
        return str(exc)
    return None


def output_problem(output: Path, kind: OutputKind) -> str | None:
    """Why `output` cannot take this kind of output (a file where a folder is needed...), or None."""
    if kind.is_folder and output.exists() and not output.is_dir():
        return f"{output} is a file; {kind.value} writes into a folder"
    if not kind.is_folder and output.is_dir():
        return f"{output} is a folder; {kind.value} writes one file"
    if not output.parent.is_dir():
        return f"{output.parent}: no such folder"
    return None
