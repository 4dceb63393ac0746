"""The one error a recipient list raises when the file itself cannot be used."""

from __future__ import annotations

from pathlib import Path


class RecipientFileError(Exception):
    """A recipient file that cannot be read as a table, said in words a user can act on.

    Everything that comes from the user's file (bad bytes, a corrupt workbook, a missing
    header) ends here rather than in a traceback; `path` and `reason` let the GUI show the
    two apart.
    """

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
