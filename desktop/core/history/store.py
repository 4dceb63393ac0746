"""The history store: record each export, let the user mark the ones sent or delete them, search
them, list follow-ups, and answer the checker with only the letters marked sent."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from desktop.core import places
from desktop.core.checker.history import PastApology
from desktop.core.history.opening import HistoryTooNew, connect, open_history, transaction
from desktop.core.history.records import HistoryEntry, entry_from_row, normalise_name, same_recipient
from desktop.core.history.schema import SCHEMA_VERSION
from desktop.core.model import Draft, Kind, Recipient

FILE_NAME = "history.sqlite3"
SEARCHED = (
    "title",
    "recipient_name",
    "recipient_email",
    "recipient_reference",
    "list_name",
    "category",
    "summary",
    "template",
    "output",
    "note",
    "channel",
    "override",
)


def default_history_path() -> Path:
    """Where the app keeps its history; tests and tools pass their own path instead."""
    return places.current().user_data / FILE_NAME


class HistoryStore:
    """A history file, checked and migrated on opening.

    Raises HistoryTooNew when a newer Amends wrote the file. When the file was broken it has
    been moved aside: `moved_aside` says where and `message` says so in words for the user.
    """

    def __init__(self, path: Path, now: dt.datetime | None = None) -> None:
        self.path = Path(path)
        opened = open_history(self.path, now)
        self.moved_aside: Path | None = opened.moved_aside
        self.message: str | None = opened.message

    # Recording ------------------------------------------------------------------------------

    def record_letter(
        self,
        draft: Draft,
        output: Path,
        follow_up: dt.date | None,
        exported_at: dt.datetime | None = None,
        note: str = "",
        *,
        channel: str = "docx",
        override: str = "",
    ) -> int:
        """Record one individual letter as exported to `output` by `channel`; returns its id.

        It is recorded as exported, not sent: a proof print leaves the app the same way as the
        letter that is posted, and only the user can say which one went (`mark_sent`).
        """
        recipient = draft.recipient
        return self._insert(
            draft,
            output,
            follow_up,
            exported_at,
            note,
            channel=channel,
            override=override,
            kind=Kind.INDIVIDUAL,
            recipient_name=recipient.name.strip(),
            recipient_email=recipient.email.strip(),
            recipient_reference=recipient.reference.strip(),
            name_key=normalise_name(recipient.name),
        )

    def record_notice(
        self,
        draft: Draft,
        list_name: str,
        count: int,
        output: Path,
        follow_up: dt.date | None,
        exported_at: dt.datetime | None = None,
        note: str = "",
        *,
        channel: str = "notice:docx",
        override: str = "",
    ) -> int:
        """Record one mass notice: the list it went to and how many letters were written."""
        return self._insert(
            draft,
            output,
            follow_up,
            exported_at,
            note,
            channel=channel,
            override=override,
            kind=Kind.NOTICE,
            list_name=list_name,
            recipient_count=count,
        )

    def _insert(
        self,
        draft: Draft,
        output: Path,
        follow_up: dt.date | None,
        exported_at: dt.datetime | None,
        note: str,
        **columns: object,
    ) -> int:
        when = _utc(exported_at)
        letter_date = draft.letter_date or when.astimezone().date()
        columns |= {
            "exported_at": when.isoformat(timespec="seconds"),
            "letter_date": letter_date.isoformat(),
            "title": draft.title.strip(),
            "category": draft.incident.category.strip(),
            "summary": draft.incident.summary.strip(),
            "template": draft.template,
            "follow_up": follow_up.isoformat() if follow_up else None,
            "output": str(output),
            "note": note,
            "draft_id": draft.id,
        }
        names = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        with self._writing() as conn:
            cursor = conn.execute(f"INSERT INTO exports ({names}) VALUES ({marks})", list(columns.values()))
            return int(cursor.lastrowid or 0)

    def set_note(self, entry_id: int, note: str) -> None:
        self._update(entry_id, "note", note)

    def mark_follow_up_done(self, entry_id: int, on: dt.date | None) -> None:
        """Mark a follow-up kept (on that day), or pass None to reopen it."""
        self._update(entry_id, "follow_up_done", on.isoformat() if on else None)

    def mark_sent(self, entry_id: int, on: dt.date | None) -> None:
        """Mark an entry sent on that day, or pass None to say it was not sent after all.

        Only sent letters count as earlier apologies for the repeat-incident warning.
        """
        self._update(entry_id, "sent_on", on.isoformat() if on else None)

    def delete(self, entry_id: int) -> None:
        """Forget an entry (a test print, a mistake); the file it wrote is left alone."""
        with self._writing() as conn:
            cursor = conn.execute("DELETE FROM exports WHERE id = ?", (entry_id,))
            if cursor.rowcount != 1:
                raise KeyError(f"no history entry {entry_id}")

    def _update(self, entry_id: int, column: str, value: object) -> None:
        with self._writing() as conn:
            cursor = conn.execute(f"UPDATE exports SET {column} = ? WHERE id = ?", (value, entry_id))
            if cursor.rowcount != 1:
                raise KeyError(f"no history entry {entry_id}")

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, refused if a newer Amends upgraded the file since we opened it."""
        with connect(self.path) as conn, transaction(conn):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                raise HistoryTooNew(
                    f"The letter history at {self.path} is now version {version}; this Amends writes "
                    f"version {SCHEMA_VERSION} and will not record letters in it."
                )
            yield conn

    # Reading --------------------------------------------------------------------------------

    def get(self, entry_id: int) -> HistoryEntry:
        rows = self._select("WHERE id = ?", (entry_id,))
        if not rows:
            raise KeyError(f"no history entry {entry_id}")
        return rows[0]

    def search(self, text: str = "", limit: int = 200) -> list[HistoryEntry]:
        """Newest first; every word of `text` must appear (any case) in one of the SEARCHED fields."""
        words = text.casefold().split()
        haystack = " || char(10) || ".join(f"fold({column})" for column in SEARCHED)
        where = " AND ".join(f"instr({haystack}, ?) > 0" for _ in words)
        return self._select(
            f"{'WHERE ' + where if where else ''} ORDER BY exported_at DESC, id DESC LIMIT ?",
            (*words, limit),
        )

    def follow_ups(self, today: dt.date, days_ahead: int = 7) -> list[HistoryEntry]:
        """Follow-ups not yet done that are overdue, due today, or due within `days_ahead` days,
        soonest (most overdue) first."""
        horizon = today + dt.timedelta(days=days_ahead)
        return self._select(
            "WHERE follow_up IS NOT NULL AND follow_up_done IS NULL AND follow_up <= ? "
            "ORDER BY follow_up, exported_at, id",
            (horizon.isoformat(),),
        )

    def past_apologies(
        self, recipient: Recipient, category: str, since: dt.date, exclude_draft: str = ""
    ) -> list[PastApology]:
        """The checker's HistoryLookup: letters to this recipient for this category sent on or
        after `since`, dated the day they were sent.

        Only letters the user marked sent count: an export may have been a proof print. The
        draft `exclude_draft` (the one being written) is left out, since re-exporting it is not
        a second apology. Notices are left out too: they record a list, not the people on it.
        """
        wanted = category.strip().casefold()
        if not wanted:
            return []
        rows = self._select(
            "WHERE kind = ? AND sent_on IS NOT NULL AND sent_on >= ? AND fold(trim(category)) = ? "
            "ORDER BY sent_on, id",
            (Kind.INDIVIDUAL.value, since.isoformat(), wanted),
        )
        return [
            PastApology(entry.sent_on, entry.category, entry.summary or entry.title)
            for entry in rows
            if entry.sent_on is not None
            and not (exclude_draft and entry.draft_id == exclude_draft)
            and same_recipient(entry, recipient)
        ]

    def _select(self, clause: str, parameters: tuple[object, ...]) -> list[HistoryEntry]:
        with connect(self.path) as conn:
            rows = conn.execute(f"SELECT * FROM exports {clause}", parameters).fetchall()
        return [entry_from_row(row) for row in rows]


def _utc(moment: dt.datetime | None) -> dt.datetime:
    """Now, or the moment given; a naive datetime is taken as local time, like datetime.now()."""
    return (moment or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
