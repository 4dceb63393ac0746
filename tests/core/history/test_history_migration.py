"""A history written by the first version opens in this one, upgraded, with every letter kept."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from desktop.core.history import SCHEMA_VERSION, HistoryStore
from desktop.core.model import Kind, Recipient
from tests.core.conftest import clinic_draft

# The first version's table as Amends 0.x shipped it, written out here rather than taken from
# the migration code, so a change to that code cannot quietly change what "version 1" means.
V1_SCHEMA = """
CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    exported_at TEXT NOT NULL,
    letter_date TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    recipient_name TEXT NOT NULL DEFAULT '',
    recipient_email TEXT NOT NULL DEFAULT '',
    recipient_reference TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    template TEXT NOT NULL DEFAULT '',
    follow_up TEXT,
    output TEXT NOT NULL
);
CREATE INDEX letters_email ON letters (recipient_email COLLATE NOCASE);
PRAGMA user_version = 1;
"""

V1_ROWS = [
    (
        7,
        "2025-10-10T09:30:00+00:00",
        "2025-10-10",
        "Missed appointment",
        "Zoë  Ångström",
        "",
        "",
        "appointment",
        "your check-up on 8 October",
        "formal-letter",
        "2025-10-14",
        "/letters/angstrom.docx",
    ),
    (
        8,
        "2026-01-05T16:00:00+00:00",
        "2026-01-05",
        "",
        "Tunde Adebayo",
        "tunde@example.org",
        "PAT-20931",
        "billing",
        "the double charge",
        "email-short",
        None,
        "/letters/adebayo.docx",
    ),
]


def _v1_database(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript(V1_SCHEMA)
        conn.executemany(f"INSERT INTO letters VALUES ({', '.join('?' * 12)})", V1_ROWS)
        conn.commit()


def _version(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def test_a_version_1_history_is_upgraded_with_its_rows_intact(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    _v1_database(path)
    store = HistoryStore(path)
    assert _version(path) == SCHEMA_VERSION == 2
    assert store.moved_aside is None and store.message is None
    old, new = store.get(7), store.get(8)
    assert old.exported_at == dt.datetime(2025, 10, 10, 9, 30, tzinfo=dt.UTC)
    assert (old.letter_date, old.title, old.recipient_name, old.category) == (
        dt.date(2025, 10, 10),
        "Missed appointment",
        "Zoë  Ångström",
        "appointment",
    )
    assert (old.summary, old.template, old.follow_up, old.output) == (
        "your check-up on 8 October",
        "formal-letter",
        dt.date(2025, 10, 14),
        Path("/letters/angstrom.docx"),
    )
    assert (new.recipient_email, new.recipient_reference, new.follow_up) == (
        "tunde@example.org",
        "PAT-20931",
        None,
    )
    # What version 2 added has its defaults: letters, one recipient, no note, follow-up open.
    for entry in (old, new):
        added = (entry.kind, entry.recipient_count, entry.list_name, entry.note, entry.follow_up_done)
        assert added == (Kind.INDIVIDUAL, 1, "", "", None)


def test_old_rows_are_found_by_name_after_the_upgrade(tmp_path) -> None:
    """Version 2 fills in the normalised name for version 1's rows, so the checker sees them."""
    path = tmp_path / "history.sqlite3"
    _v1_database(path)
    store = HistoryStore(path)
    found = store.past_apologies(Recipient(name="zoe angstrom"), "Appointment", dt.date(2025, 3, 13))
    assert [(p.sent_on, p.title) for p in found] == [(dt.date(2025, 10, 10), "your check-up on 8 October")]
    assert [e.id for e in store.search("ångström")] == [7]


def test_an_upgraded_history_takes_new_letters_and_notices(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    _v1_database(path)
    store = HistoryStore(path)
    letter = store.record_letter(clinic_draft(), tmp_path / "a.docx", None)
    notice = store.record_notice(clinic_draft(), "list.csv", 40, tmp_path / "n", None, note="first notice")
    assert letter > 8 and notice > letter
    assert {e.id for e in store.search()} == {7, 8, letter, notice}


def test_opening_again_changes_nothing(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    _v1_database(path)
    HistoryStore(path)
    before = [vars(e) for e in HistoryStore(path).search()]
    assert [vars(e) for e in HistoryStore(path).search()] == before
    assert _version(path) == SCHEMA_VERSION


def test_a_failed_migration_leaves_version_1_whole(tmp_path, monkeypatch) -> None:
    """The migration runs in one transaction: a crash part-way leaves the old file as it was."""
    from desktop.core.history import schema

    path = tmp_path / "history.sqlite3"
    _v1_database(path)

    def breaks_half_way(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE letters RENAME TO exports")
        raise RuntimeError("power cut")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], breaks_half_way])
    with pytest.raises(RuntimeError, match="power cut"):
        HistoryStore(path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT id FROM letters ORDER BY id").fetchall() == [(7,), (8,)]
