"""Histories written by earlier versions open in this one, upgraded, with every letter kept."""

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
    assert _version(path) == SCHEMA_VERSION == 3
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
    # ... and what version 3 added says "exported", since nobody can know which were sent.
    for entry in (old, new):
        assert (entry.channel, entry.sent_on, entry.override, entry.draft_id) == ("", None, "", "")
        assert (entry.status, entry.status_text) == ("exported", "Exported")


def test_old_rows_are_found_by_name_once_marked_sent(tmp_path) -> None:
    """Version 2 fills in the normalised name for version 1's rows, so the checker sees them;
    version 3 counts them only once the user says they were sent."""
    path = tmp_path / "history.sqlite3"
    _v1_database(path)
    store = HistoryStore(path)
    zoe = Recipient(name="zoe angstrom")
    assert store.past_apologies(zoe, "Appointment", dt.date(2025, 3, 13)) == []
    store.mark_sent(7, dt.date(2025, 10, 11))
    found = store.past_apologies(zoe, "Appointment", dt.date(2025, 3, 13))
    assert [(p.sent_on, p.title) for p in found] == [(dt.date(2025, 10, 11), "your check-up on 8 October")]
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


# Version 2 as Amends 1.x shipped it: version 1's table renamed, with the columns version 2 added.
V2_SCHEMA = """
CREATE TABLE exports (
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
    output TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'individual',
    list_name TEXT NOT NULL DEFAULT '',
    recipient_count INTEGER NOT NULL DEFAULT 1,
    name_key TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    follow_up_done TEXT
);
CREATE INDEX exports_email ON exports (recipient_email COLLATE NOCASE);
CREATE INDEX exports_reference ON exports (recipient_reference COLLATE NOCASE);
CREATE INDEX exports_name_key ON exports (name_key);
CREATE INDEX exports_follow_up ON exports (follow_up) WHERE follow_up IS NOT NULL;
PRAGMA user_version = 2;
"""

V2_COLUMNS = (
    "id, exported_at, letter_date, title, recipient_name, recipient_email, recipient_reference, category, "
    "summary, template, follow_up, output, kind, list_name, recipient_count, name_key, note, follow_up_done"
)
V2_ROWS = [
    (
        3,
        "2026-02-02T10:15:00+00:00",
        "2026-02-02",
        "Double charge – Tremblay",
        "Marie Tremblay",
        "marie@example.org",
        "",
        "billing",
        "the February invoice",
        "formal-letter",
        "2026-02-09",
        "/letters/tremblay.docx",
        "individual",
        "",
        1,
        "marie tremblay",
        "printed twice to proof-read",
        "2026-02-08",
    ),
    (
        4,
        "2026-02-20T08:00:00+00:00",
        "2026-02-20",
        "Booking system outage",
        "",
        "",
        "",
        "outage",
        "the outage on 19 February",
        "notice",
        None,
        "/letters/outage",
        "notice",
        "february-list.csv",
        1250,
        "",
        "",
        None,
    ),
]


def _v2_database(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript(V2_SCHEMA)
        conn.executemany(f"INSERT INTO exports ({V2_COLUMNS}) VALUES ({', '.join('?' * 18)})", V2_ROWS)
        conn.commit()


def _columns(path: Path) -> dict[str, tuple[int, str | None]]:
    """{name: (not null, default)} as SQLite reports the table."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return {row[1]: (row[3], row[4]) for row in conn.execute("PRAGMA table_info(exports)")}


def test_a_version_2_history_gains_the_sent_columns_with_its_rows_intact(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    _v2_database(path)
    store = HistoryStore(path)
    assert _version(path) == SCHEMA_VERSION == 3
    assert store.moved_aside is None and store.message is None
    columns = _columns(path)
    assert columns["channel"] == (1, "''")
    assert columns["sent_on"] == (0, None)
    assert columns["override"] == (1, "''")
    assert columns["draft_id"] == (1, "''")
    letter, notice = store.get(3), store.get(4)
    assert (letter.title, letter.recipient_email, letter.category, letter.note) == (
        "Double charge – Tremblay",
        "marie@example.org",
        "billing",
        "printed twice to proof-read",
    )
    assert (letter.follow_up, letter.follow_up_done) == (dt.date(2026, 2, 9), dt.date(2026, 2, 8))
    assert (notice.kind, notice.list_name, notice.recipient_count) == (Kind.NOTICE, "february-list.csv", 1250)
    for entry in (letter, notice):
        assert (entry.channel, entry.sent_on, entry.override, entry.draft_id) == ("", None, "", "")
        assert (entry.status, entry.status_text) == ("exported", "Exported")


def test_version_2_letters_are_exported_not_sent_until_the_user_says(tmp_path) -> None:
    """Version 2 recorded proof prints and posted letters alike, so none is counted as sent."""
    path = tmp_path / "history.sqlite3"
    _v2_database(path)
    store = HistoryStore(path)
    marie = Recipient(name="Marie Tremblay", email="marie@example.org")
    assert store.past_apologies(marie, "billing", dt.date(2025, 6, 1)) == []
    store.mark_sent(3, dt.date(2026, 2, 3))
    assert [(p.sent_on, p.title) for p in store.past_apologies(marie, "billing", dt.date(2025, 6, 1))] == [
        (dt.date(2026, 2, 3), "the February invoice")
    ]
    assert store.get(3).status_text == "Sent 3 Feb 2026"


def test_a_failed_version_3_migration_leaves_version_2_whole(tmp_path, monkeypatch) -> None:
    from desktop.core.history import schema

    path = tmp_path / "history.sqlite3"
    _v2_database(path)

    def breaks_half_way(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE exports ADD COLUMN channel TEXT NOT NULL DEFAULT ''")
        raise RuntimeError("power cut")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:2], breaks_half_way])
    with pytest.raises(RuntimeError, match="power cut"):
        HistoryStore(path)
    assert _version(path) == 2
    assert "channel" not in _columns(path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT id FROM exports ORDER BY id").fetchall() == [(3,), (4,)]
