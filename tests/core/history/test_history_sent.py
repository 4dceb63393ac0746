"""Exported is not sent: how each export left the app, the user marking it sent, deleting it,
and which entries the repeat-incident lookup counts as earlier apologies."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from desktop.core.history import HistoryStore
from desktop.core.model import Draft, Kind, Recipient
from tests.core.conftest import clinic_draft

NOON = dt.datetime(2026, 3, 13, 12, 0, tzinfo=dt.UTC)
SINCE = dt.date(2025, 3, 13)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "history.sqlite3")


def _notice() -> Draft:
    notice = clinic_draft()
    notice.kind = Kind.NOTICE
    return notice


def test_channel_override_and_draft_id_read_back(store, draft) -> None:
    entry_id = store.record_letter(
        draft,
        Path("Adebayo.eml"),
        None,
        NOON,
        "",
        channel="eml",
        override="The patient asked for it today; the address is checked by phone.",
    )
    entry = store.get(entry_id)
    assert (entry.channel, entry.draft_id, entry.sent_on) == ("eml", draft.id, None)
    assert entry.override == "The patient asked for it today; the address is checked by phone."
    assert (entry.status, entry.status_text) == ("exported", "Exported (e-mail draft)")


def test_letters_default_to_docx_and_notices_to_one_docx(store, draft) -> None:
    letter = store.get(store.record_letter(draft, Path("a.docx"), None))
    notice = store.get(store.record_notice(_notice(), "list.csv", 40, Path("n.docx"), None))
    assert (letter.channel, letter.override, letter.status_text) == ("docx", "", "Exported (DOCX)")
    assert (notice.channel, notice.status_text) == ("notice:docx", "Notice run (one DOCX)")


def test_a_notice_records_its_channel_and_override(store) -> None:
    notice = _notice()
    entry = store.get(
        store.record_notice(
            notice, "list.csv", 40, Path("letters"), None, channel="notice:docx-each", override="deadline"
        )
    )
    assert (entry.channel, entry.override, entry.draft_id) == ("notice:docx-each", "deadline", notice.id)
    assert entry.status_text == "Notice run (per-recipient DOCX)"


@pytest.mark.parametrize(
    ("channel", "text"),
    [
        ("docx", "Exported (DOCX)"),
        ("pdf", "Exported (PDF)"),
        ("eml", "Exported (e-mail draft)"),
        ("clipboard", "Copied to the clipboard"),
        ("notice:eml", "Notice run (e-mail drafts)"),
        ("notice:csv", "Notice run (CSV for a mail platform)"),
        ("", "Exported"),
        ("fax", "Exported (fax)"),
        ("notice:pigeon", "Notice run (pigeon)"),
    ],
)
def test_status_text_says_how_it_left_the_app(store, draft, channel, text) -> None:
    assert store.get(store.record_letter(draft, Path("a"), None, channel=channel)).status_text == text


def test_marking_sent_and_unmarking(store, draft) -> None:
    entry_id = store.record_letter(draft, Path("a.docx"), None, NOON)
    store.mark_sent(entry_id, dt.date(2026, 12, 4))
    sent = store.get(entry_id)
    assert (sent.sent_on, sent.status, sent.status_text) == (dt.date(2026, 12, 4), "sent", "Sent 4 Dec 2026")
    assert sent.channel == "docx", "marking sent keeps how it was exported"
    store.mark_sent(entry_id, None)
    assert (store.get(entry_id).sent_on, store.get(entry_id).status) == (None, "exported")
    with pytest.raises(KeyError):
        store.mark_sent(entry_id + 1, dt.date(2026, 12, 4))


def test_deleting_forgets_one_entry_only(store, draft) -> None:
    kept = store.record_letter(draft, Path("kept.docx"), dt.date(2026, 3, 20), NOON)
    gone = store.record_letter(draft, Path("proof.docx"), dt.date(2026, 3, 20), NOON)
    store.delete(gone)
    with pytest.raises(KeyError):
        store.get(gone)
    assert [e.id for e in store.search()] == [kept]
    assert [e.id for e in store.follow_ups(dt.date(2026, 3, 20))] == [kept]
    with pytest.raises(KeyError):
        store.delete(gone)


def test_search_finds_the_channel_and_the_override(store, draft) -> None:
    clip = store.record_letter(draft, Path("-"), None, NOON, channel="clipboard")
    forced = store.record_letter(draft, Path("a.docx"), None, NOON, override="Director approved the wording")
    assert [e.id for e in store.search("clipboard")] == [clip]
    assert [e.id for e in store.search("director approved")] == [forced]


def _to_tunde(store: HistoryStore, draft: Draft, sent_on: dt.date | None) -> int:
    entry_id = store.record_letter(draft, Path("a.docx"), None, NOON)
    if sent_on:
        store.mark_sent(entry_id, sent_on)
    return entry_id


def _found(store: HistoryStore, exclude_draft: str = "") -> list[dt.date]:
    tunde = Recipient(name="Tunde Adebayo", email="tunde@example.org")
    return [p.sent_on for p in store.past_apologies(tunde, "appointment", SINCE, exclude_draft)]


def test_past_apologies_ignore_exports_nobody_marked_sent(store, draft) -> None:
    for _ in range(3):
        _to_tunde(store, draft, None)
    assert _found(store) == []


def test_past_apologies_leave_out_the_draft_being_written(store) -> None:
    current, earlier = clinic_draft(), clinic_draft()
    _to_tunde(store, current, dt.date(2026, 3, 13))
    _to_tunde(store, current, None)
    _to_tunde(store, earlier, dt.date(2025, 11, 2))
    assert _found(store, exclude_draft=current.id) == [dt.date(2025, 11, 2)]
    assert _found(store, exclude_draft=earlier.id) == [dt.date(2026, 3, 13)]
    assert _found(store) == [dt.date(2025, 11, 2), dt.date(2026, 3, 13)]


def test_past_apologies_forget_deleted_entries(store, draft) -> None:
    entry_id = _to_tunde(store, draft, dt.date(2025, 11, 2))
    assert _found(store) == [dt.date(2025, 11, 2)]
    store.delete(entry_id)
    assert _found(store) == []


def test_past_apologies_are_dated_and_limited_by_the_day_sent(store) -> None:
    """A letter dated before `since` but sent after it counts, dated the day it went."""
    old = clinic_draft()
    old.letter_date = dt.date(2025, 3, 1)
    _to_tunde(store, old, dt.date(2025, 3, 20))
    late = clinic_draft()
    late.letter_date = dt.date(2025, 3, 20)
    _to_tunde(store, late, dt.date(2025, 3, 12))
    assert _found(store) == [dt.date(2025, 3, 20)]


def test_a_notice_marked_sent_is_still_not_an_apology_to_one_person(store) -> None:
    notice = _notice()
    notice.incident = dataclasses.replace(notice.incident, category="appointment")
    entry_id = store.record_notice(notice, "all-patients.csv", 900, Path("n"), None)
    store.mark_sent(entry_id, dt.date(2025, 11, 2))
    assert _found(store) == []
