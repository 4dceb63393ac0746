"""What a run needs before it starts: the fields every row must fill, and an output of the right sort.

The command line and the desktop app ask the same questions before a merge, so the answers
live here rather than in either front end.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.merge.outputs import OutputKind
from desktop.core.recipients import required_recipient_fields

EMAIL_FIELD = "recipient.email"


def required_row_fields(requires: tuple[str, ...], kind: OutputKind) -> tuple[str, ...]:
    """What each row must have: the template's recipient fields, and an address for e-mail outputs."""
    required = required_recipient_fields(requires)
    if kind in (OutputKind.EML, OutputKind.CSV) and EMAIL_FIELD not in required:
        required = (*required, EMAIL_FIELD)
    return required


def output_problem(output: Path, kind: OutputKind) -> str | None:
    """Why `output` cannot take this kind of output (a file where a folder is needed...), or None."""
    if kind.is_folder and output.exists() and not output.is_dir():
        return f"{output} is a file; {kind.value} writes into a folder"
    if not kind.is_folder and output.is_dir():
        return f"{output} is a folder; {kind.value} writes one file"
    if not output.parent.is_dir():
        return f"{output.parent}: no such folder"
    return None
