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
    channel: str = ""
    """How it left the app ("docx", "eml", "clipboard", "notice:csv", ...); "" for rows recorded
    before Amends said."""
    sent_on: dt.date | None = None
    """The day the user says it was sent; None until they do. Exporting is not sending."""
    override: str = ""
    """The reason the user gave for exporting despite blocking errors; "" when there were none."""
    draft_id: str = ""
    """The draft's stable id, so re-exports of one letter are told apart from a second apology."""

    @property
    def status(self) -> str:
        """ "sent" once the user has said so, else "exported": only the user knows it went."""
        return "sent" if self.sent_on is not None else "exported"

    @property
    def status_text(self) -> str:
        """ "Sent 4 Dec 2026", or how it left the app: "Exported (DOCX)", "Copied to the clipboard"."""
        if self.sent_on is not None:
            return f"Sent {short_date(self.sent_on)}"
        return channel_text(self.channel)

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
        channel=row["channel"],
        sent_on=_date_or_none(row["sent_on"]),
        override=row["override"],
        draft_id=row["draft_id"],
    )


CHANNEL_TEXTS = {
    "": "Exported",
    "docx": "Exported (DOCX)",
    "pdf": "Exported (PDF)",
    "eml": "Exported (e-mail draft)",
    "clipboard": "Copied to the clipboard",
    "notice:docx": "Notice run (one DOCX)",
    "notice:docx-each": "Notice run (per-recipient DOCX)",
    "notice:pdf": "Notice run (one PDF)",
    "notice:pdf-each": "Notice run (per-recipient PDF)",
    "notice:eml": "Notice run (e-mail drafts)",
    "notice:csv": "Notice run (CSV for a mail platform)",
}
"""What each channel did, in words; "" is a row from before channels were recorded."""


def channel_text(channel: str) -> str:
    """The words for `channel`; one this version does not know (a newer Amends wrote it, say)
    is still shown, rather than passed off as a known one."""
    if channel in CHANNEL_TEXTS:
        return CHANNEL_TEXTS[channel]
    kind, _, how = channel.rpartition(":")
    return f"Notice run ({how})" if kind == "notice" else f"Exported ({channel})"


def short_date(day: dt.date) -> str:
    """ "13 Mar 2026": unambiguous in every English locale, unlike 03/13."""
    return f"{day.day} {day:%b %Y}"


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
