"""One row of the history as the app sees it, and how recipients are recognised across letters."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from desktop.core.model import Kind, Recipient


@dataclass(frozen=True)
class HistoryEntry:
    """An exported letter or notice. For a notice the recipient fields are empty and
    `list_name` and `recipient_count` say who it went to."""

    id: int
    exported_at: dt.datetime
    """When it was written, in UTC."""
    letter_date: dt.date
    """The date printed on the letter: what "the last apology" means to the reader."""
    kind: Kind
    title: str
    recipient_name: str
    recipient_email: str
    recipient_reference: str
    list_name: str
    recipient_count: int
    category: str
    summary: str
    template: str
    follow_up: dt.date | None
    follow_up_done: dt.date | None
    output: Path
    note: str

    @property
    def recipient(self) -> str:
        """Who it went to, in one line for a list view."""
        if self.kind is Kind.NOTICE:
            return f"{self.list_name} ({self.recipient_count} recipients)"
        return self.recipient_name or self.recipient_email or self.recipient_reference

    def follow_up_state(self, today: dt.date) -> str:
        """ "overdue", "due" (today), "upcoming", "done" or "" when none was promised."""
        if self.follow_up is None:
            return ""
        if self.follow_up_done is not None:
            return "done"
        if self.follow_up < today:
            return "overdue"
        return "due" if self.follow_up == today else "upcoming"


def entry_from_row(row: sqlite3.Row) -> HistoryEntry:
    return HistoryEntry(
        id=row["id"],
        exported_at=dt.datetime.fromisoformat(row["exported_at"]),
        letter_date=dt.date.fromisoformat(row["letter_date"]),
        kind=Kind(row["kind"]),
        title=row["title"],
        recipient_name=row["recipient_name"],
        recipient_email=row["recipient_email"],
        recipient_reference=row["recipient_reference"],
        list_name=row["list_name"],
        recipient_count=row["recipient_count"],
        category=row["category"],
        summary=row["summary"],
        template=row["template"],
        follow_up=_date_or_none(row["follow_up"]),
        follow_up_done=_date_or_none(row["follow_up_done"]),
        output=Path(row["output"]),
        note=row["note"],
    )


def _date_or_none(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


_NOT_WORD = re.compile(r"[^\w]+")


def normalise_name(name: str) -> str:
    """A name reduced to what survives retyping: case, accents, punctuation and spacing go,
    so "José  O'Neil" and "jose oneil" are one person while "Jo Neil" is not."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = (_NOT_WORD.sub("", word) for word in bare.split())
    return " ".join(word for word in words if word)


def same_recipient(entry: HistoryEntry, recipient: Recipient) -> bool:
    """Identifiers decide when both sides have one: two "John Smith"s with different e-mail
    addresses are two people. The name decides only when no identifier can be compared."""
    verdicts = [
        _same(entry.recipient_email, recipient.email),
        _same(entry.recipient_reference, recipient.reference),
    ]
    compared = [v for v in verdicts if v is not None]
    if compared:
        return any(compared)
    key = normalise_name(recipient.name)
    return bool(key) and key == normalise_name(entry.recipient_name)


def _same(ours: str, theirs: str) -> bool | None:
    """None when either side is blank: nothing to compare."""
    ours, theirs = ours.strip().casefold(), theirs.strip().casefold()
    if not ours or not theirs:
        return None
    return ours == theirs
