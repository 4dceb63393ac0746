"""Opening the history file: check it, migrate it, and move a broken one aside rather than lose it.

A database that is not SQLite, fails its integrity check or is not ours is renamed to
`<stem>.corrupt-YYYYmmdd-HHMMSS<suffix>` with its journal files, and a fresh one starts; the
user is told where the old one went. A database from a newer Amends is left exactly where it
is, since that Amends still needs it, and opening it raises `HistoryTooNew`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.history.schema import SCHEMA_VERSION, migrate

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 10.0
"""How long a write waits for another window's transaction before giving up."""
SIDECARS = ("-wal", "-shm", "-journal")


class HistoryError(Exception):
    """The history cannot be used; the message names the file and what to do."""


class HistoryTooNew(HistoryError):
    """The file was written by a newer Amends; this one must not write to it."""


class _Broken(Exception):
    """Internal: the file is unusable for the reason given."""


@dataclass(frozen=True)
class Opened:
    """What opening found: None for both when the file was fine or new."""

    moved_aside: Path | None = None
    message: str | None = None


@contextlib.contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """A short-lived connection in autocommit mode; callers open transactions explicitly.

    Short-lived so that nothing holds the file between operations (another window, a move on
    Windows) and so any thread may ask; opening a local SQLite file costs well under a millisecond.
    """
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        conn.create_function("fold", 1, _fold, deterministic=True)
        yield conn
    finally:
        conn.close()


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE takes the write lock up front, so two windows queue instead of deadlocking."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _fold(text: str | None) -> str:
    return (text or "").casefold()


def open_history(path: Path, now: dt.datetime | None = None) -> Opened:
    """Make `path` a usable history at SCHEMA_VERSION, recovering from a broken file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _check(path)
        _migrate(path)
        return Opened()
    except _Broken as broken:
        moved = move_aside(path, now or dt.datetime.now())
        _migrate(path)
        message = (
            f"The letter history at {path} could not be read ({broken}). It was moved to "
            f"{moved} and a new, empty history was started; the old file is kept untouched."
        )
        return Opened(moved, message)


def _check(path: Path) -> None:
    """Raise _Broken for a file that is not a sound history, HistoryTooNew for a newer one."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise _Broken("it is not an SQLite database")
    try:
        with connect(path) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise HistoryTooNew(
                    f"The letter history at {path} is version {version}, written by a newer Amends; "
                    f"this one knows versions up to {SCHEMA_VERSION}. It was left unchanged and "
                    "no letters will be recorded until the newer Amends is used again."
                )
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise _Broken(f"SQLite says: {error}") from error
    if problems != ["ok"]:
        raise _Broken("its integrity check failed: " + "; ".join(problems[:3]))
    if version == 0 and tables:
        raise _Broken("it is an SQLite database, but not an Amends history")


def _migrate(path: Path) -> None:
    with connect(path) as conn:
        # WAL lets one window read while another writes; it is a property of the file, set once.
        conn.execute("PRAGMA journal_mode = WAL")
        with transaction(conn):
            migrate(conn)


def move_aside(path: Path, now: dt.datetime) -> Path:
    """Rename the file and its journal files to a name that says when and why; never overwrite."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    counter = 2
    while target.exists():
        target = path.with_name(f"{path.stem}.corrupt-{stamp}-{counter}{path.suffix}")
        counter += 1
    path.rename(target)
    for sidecar in SIDECARS:
        leftover = path.with_name(path.name + sidecar)
        if leftover.exists():
            leftover.rename(target.with_name(target.name + sidecar))
    return target
