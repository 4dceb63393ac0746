"""A broken history is moved aside whole and a fresh one started; a newer one is left alone."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from desktop.core.history import SCHEMA_VERSION, HistoryError, HistoryStore, HistoryTooNew
from tests.core.conftest import clinic_draft

WHEN = dt.datetime(2026, 11, 23, 18, 30, 5)


def _fresh_store_works(store: HistoryStore, tmp_path: Path) -> None:
    assert store.search() == []
    store.record_letter(clinic_draft(), tmp_path / "a.docx", None)
    assert len(store.search()) == 1


def test_a_file_that_is_not_sqlite_is_moved_aside_with_its_bytes(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    original = b"this is a shopping list, not a database\n" * 50
    path.write_bytes(original)
    store = HistoryStore(path, now=WHEN)
    moved = tmp_path / "history.corrupt-20261123-183005.sqlite3"
    assert store.moved_aside == moved
    assert moved.read_bytes() == original
    assert str(path) in store.message and str(moved) in store.message
    assert "not an SQLite database" in store.message
    _fresh_store_works(store, tmp_path)


def test_a_damaged_database_is_moved_aside_with_its_bytes(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    for number in range(300):
        store.record_letter(clinic_draft(), tmp_path / f"letter-{number}.docx", None)
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page : 4 * page] = b"\xff" * (2 * page)  # two pages of table or index scribbled over
    path.write_bytes(bytes(data))

    reopened = HistoryStore(path, now=WHEN)
    assert reopened.moved_aside is not None
    assert reopened.moved_aside.read_bytes() == bytes(data)
    assert "could not be read" in reopened.message
    _fresh_store_works(reopened, tmp_path)


def test_someone_elses_sqlite_file_is_not_taken_over(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
    original = path.read_bytes()
    store = HistoryStore(path, now=WHEN)
    assert store.moved_aside is not None and store.moved_aside.read_bytes() == original
    assert "not an Amends history" in store.message
    _fresh_store_works(store, tmp_path)


def test_a_second_breakage_in_the_same_second_gets_its_own_name(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"first")
    first = HistoryStore(path, now=WHEN).moved_aside
    path.write_bytes(b"second")
    second = HistoryStore(path, now=WHEN).moved_aside
    assert first != second
    assert (first.read_bytes(), second.read_bytes()) == (b"first", b"second")


def test_an_empty_file_is_simply_a_new_history(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    path.touch()
    store = HistoryStore(path)
    assert store.moved_aside is None and store.message is None
    _fresh_store_works(store, tmp_path)


def test_a_newer_history_is_refused_and_left_exactly_as_it_was(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path).record_letter(clinic_draft(), tmp_path / "a.docx", None)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA user_version = 9")
    original = path.read_bytes()

    with pytest.raises(HistoryTooNew) as refused:
        HistoryStore(path)
    message = str(refused.value)
    assert str(path) in message and "version 9" in message and f"up to {SCHEMA_VERSION}" in message
    assert isinstance(refused.value, HistoryError)
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite3"]


def test_journal_files_go_aside_with_the_broken_file(tmp_path) -> None:
    """A stale write-ahead log left beside a broken file must not be replayed into the new one."""
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"garbage")
    (tmp_path / "history.sqlite3-wal").write_bytes(b"stale log")
    store = HistoryStore(path, now=WHEN)
    assert store.moved_aside is not None
    assert store.moved_aside.with_name(store.moved_aside.name + "-wal").read_bytes() == b"stale log"
    _fresh_store_works(store, tmp_path)


def test_a_window_open_while_a_newer_amends_upgrades_the_file_stops_writing(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    store.record_letter(clinic_draft(), tmp_path / "a.docx", None)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(HistoryTooNew, match=f"version {SCHEMA_VERSION + 1}"):
        store.record_letter(clinic_draft(), tmp_path / "b.docx", None)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM exports").fetchone()[0] == 1
