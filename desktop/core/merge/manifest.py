"""The record of a bulk run: which row got which file, and which rows were left out and why.

Weeks later a comms lead is asked "did this customer get the notice?"; the manifest
answers it without the original list. It is streamed to a temporary file as the run goes
and appears, beside the output, only when the run completes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path
from typing import IO

from desktop.core.model import Recipient
from desktop.core.recipients import safe_cell

COLUMNS = (
    "row",
    "status",
    "name",
    "email",
    "reference",
    "output",
    "sha256",
    "sha256_of",
    "reason",
    "override",
)


def manifest_path(output: Path, is_folder: bool, started: dt.datetime) -> Path:
    """Beside the output, stamped with the run's start; never the name of an earlier manifest."""
    stamp = started.strftime("%Y%m%d-%H%M%S")
    folder, stem = (output, "manifest") if is_folder else (output.parent, f"{output.stem}-manifest")
    candidate, n = folder / f"{stem}-{stamp}.csv", 2
    while candidate.exists():
        candidate, n = folder / f"{stem}-{stamp}-{n}.csv", n + 1
    return candidate


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ManifestWriter:
    def __init__(self, handle: IO[str], override: str = ""):
        self._writer = csv.writer(handle)
        self._writer.writerow(COLUMNS)
        self._override = override
        """Why the run went ahead despite blocking errors, repeated on each row so that any
        one row, read alone, says so."""

    def written(self, row: int, recipient: Recipient, output: str, digest: str, digest_of: str) -> None:
        self._row(row, "written", recipient, output, digest, digest_of, "")

    def skipped(self, row: int, recipient: Recipient, reason: str) -> None:
        self._row(row, "skipped", recipient, "", "", "", reason)

    def _row(self, row: int, status: str, recipient: Recipient, *rest: str) -> None:
        output, digest, digest_of, reason = rest
        cells = (
            str(row),
            status,
            recipient.name,
            recipient.email,
            recipient.reference,
            output,
            digest,
            digest_of,
            reason,
            self._override,
        )
        self._writer.writerow([safe_cell(cell) for cell in cells])
