"""The history database's schema, as a numbered list of migrations from an empty file upward.

The version lives in `PRAGMA user_version`. Each migration takes the database from one version
to the next and runs inside the caller's transaction, so a crash mid-migration leaves the old
version whole. Never edit a shipped migration: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from desktop.core.history.records import normalise_name


def _create_v1(conn: sqlite3.Connection) -> None:
    """Version 1 (Amends 0.x): individual letters only, one row per exported letter."""
    conn.execute(
        """
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
        )
        """
    )
    conn.execute("CREATE INDEX letters_email ON letters (recipient_email COLLATE NOCASE)")


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Version 2: notices (a list and a count instead of one recipient), a free note, a
    follow-up that can be marked done, and a normalised name so a recipient without e-mail
    or reference can still be recognised. The table now holds more than letters."""
    conn.execute("ALTER TABLE letters RENAME TO exports")
    conn.execute("DROP INDEX IF EXISTS letters_email")
    for column in (
        "kind TEXT NOT NULL DEFAULT 'individual'",
        "list_name TEXT NOT NULL DEFAULT ''",
        "recipient_count INTEGER NOT NULL DEFAULT 1",
        "name_key TEXT NOT NULL DEFAULT ''",
        "note TEXT NOT NULL DEFAULT ''",
        "follow_up_done TEXT",
    ):
        conn.execute(f"ALTER TABLE exports ADD COLUMN {column}")
    rows = conn.execute("SELECT id, recipient_name FROM exports").fetchall()
    conn.executemany(
        "UPDATE exports SET name_key = ? WHERE id = ?", [(normalise_name(name), id_) for id_, name in rows]
    )
    conn.execute("CREATE INDEX exports_email ON exports (recipient_email COLLATE NOCASE)")
    conn.execute("CREATE INDEX exports_reference ON exports (recipient_reference COLLATE NOCASE)")
    conn.execute("CREATE INDEX exports_name_key ON exports (name_key)")
    conn.execute("CREATE INDEX exports_follow_up ON exports (follow_up) WHERE follow_up IS NOT NULL")


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """Version 3: exporting is not sending. Each row says how it left the app (`channel`), the
    day the user marked it sent (`sent_on`, NULL until then), the reason given for exporting
    despite blocking errors (`override`) and the draft it came from (`draft_id`), so printing a
    draft three times to proof-read it is not taken for three apologies to the same person.

    Versions 1 and 2 recorded every export as if it had been sent, and nothing in a row says
    whether it was. Old rows are therefore migrated as exported, not sent: channel '' (shown as
    "Exported"), sent_on NULL and draft_id ''. The repeat-incident warning counts only letters
    marked sent, so it no longer counts them until the user marks the ones that really went;
    a warning that misses an old letter is better than one that counts proof prints.
    """
    for column in (
        "channel TEXT NOT NULL DEFAULT ''",
        "sent_on TEXT",
        "override TEXT NOT NULL DEFAULT ''",
        "draft_id TEXT NOT NULL DEFAULT ''",
    ):
        conn.execute(f"ALTER TABLE exports ADD COLUMN {column}")
    conn.execute("CREATE INDEX exports_sent_on ON exports (sent_on) WHERE sent_on IS NOT NULL")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_create_v1, _v1_to_v2, _v2_to_v3]
"""MIGRATIONS[n] takes the database from version n to n + 1 (version 0 is an empty file)."""

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Run the migrations the database still needs, up to `target`; returns the version it had.

    The caller holds a write transaction, so a second window opening the same file waits and
    then finds nothing left to do.
    """
    found: int = conn.execute("PRAGMA user_version").fetchone()[0]
    for step in MIGRATIONS[found:target]:
        step(conn)
    if found < target:
        conn.execute(f"PRAGMA user_version = {int(target)}")
    return found
