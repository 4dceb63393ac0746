"""Recipient lists made up for tests: as many well-formed rows as a test needs."""

from __future__ import annotations

import csv
from pathlib import Path


def generated_list(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["first_name", "last_name", "email", "account"])
        for n in range(rows):
            writer.writerow([f"Ann{n}", f"Lee{n}", f"ann{n}@example.com", f"DW-{n:06d}"])
    return path
