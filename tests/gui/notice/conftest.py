"""Recipient lists for the notice views: the shipped example and a hostile one (long generated
ones: tests/helpers/recipient_lists.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop import paths

EXAMPLE_LIST = paths.examples_dir() / "renewal-email-recipients.csv"
HOSTILE = (
    "Prénom;Nom;E-mail;Compte\r\n"
    "Zoë;Lefèvre;zoe@example.net;FR-1\r\n"
    "Renée;;renee@example.net;FR-2\r\n"  # row 3: no last name
    "José;García;jose(at)example.com;FR-3\r\n"  # row 4: not an address
    "Anaïs;Dubois;anais@example.net;FR-4\r\n"
)


@pytest.fixture
def example_rows() -> list[dict[str, str]]:
    with EXAMPLE_LIST.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def hostile_list(tmp_path) -> Path:
    """Windows-1252, semicolons, French headers, a row missing a name part, a malformed address."""
    path = tmp_path / "liste.csv"
    path.write_bytes(HOSTILE.encode("cp1252"))
    return path
