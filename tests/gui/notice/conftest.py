"""Recipient lists for the notice views: the shipped example and a hostile one (long generated
ones: tests/helpers/recipient_lists.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop import paths
from desktop.gui import dialogs
from tests.helpers.window import open_window

EXAMPLE = paths.examples_dir() / "renewal-email.amends"
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


@pytest.fixture
def notice_window(qtbot, tmp_path, monkeypatch):
    """The window on the renewal notice with its 36-recipient list loaded as File ▸ Import
    does it (in the background); no question after an export is left waiting."""
    monkeypatch.setattr(dialogs, "ask_open_after_export", lambda _parent, _path: None)
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(EXAMPLE, example=True)
    with qtbot.waitSignal(window.recipients.load_finished, timeout=30_000):
        window.recipients.load_async(EXAMPLE_LIST)
    window.updater.update_now()
    return window
