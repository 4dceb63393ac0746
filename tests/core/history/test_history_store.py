"""Recording exports and reading them back: search, follow-ups, notes, two windows at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from pathlib import Path

import pytest

from desktop.core.history import HistoryStore, default_history_path
from desktop.core.model import Kind, Recipient
from tests.core.conftest import clinic_draft

NOON = dt.datetime(2026, 3, 13, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "history.sqlite3")


def _letter_to(name: str, email: str = "", reference: str = "", category: str = "appointment"):
    draft = clinic_draft()
    draft.title = f"Letter to {name}"
    draft.recipient = Recipient(name=name, email=email, reference=reference)
    draft.incident = dataclasses.replace(draft.incident, category=category)
    return draft


def test_a_recorded_letter_reads_back_whole(store, draft, tmp_path) -> None:
    output = tmp_path / "out" / "Adebayo.docx"
    entry_id = store.record_letter(draft, output, dt.date(2026, 3, 17), exported_at=NOON, note="sent by post")
    entry = store.get(entry_id)
    assert entry.kind is Kind.INDIVIDUAL
    assert entry.exported_at == NOON
    assert entry.letter_date == dt.date(2026, 3, 13)
    assert (entry.recipient_name, entry.recipient_email, entry.recipient_reference) == (
        "Tunde Adebayo",
        "tunde@example.org",
        "PAT-20931",
    )
    assert (entry.category, entry.summary, entry.template) == (
        "appointment",
        "your appointment on 10 March",
        "formal-letter",
    )
    assert (entry.follow_up, entry.output, entry.note) == (dt.date(2026, 3, 17), output, "sent by post")
    assert entry.recipient == "Tunde Adebayo"


def test_a_notice_records_its_list_and_count(store, draft, tmp_path) -> None:
    draft.kind = Kind.NOTICE
    entry = store.get(store.record_notice(draft, "march-list.xlsx", 1250, tmp_path / "notices", None))
    assert entry.kind is Kind.NOTICE
    assert (entry.list_name, entry.recipient_count, entry.recipient_name) == ("march-list.xlsx", 1250, "")
    assert entry.recipient == "march-list.xlsx (1250 recipients)"
    assert entry.follow_up is None


def test_a_naive_export_time_is_local_and_stored_as_utc(store, draft, tmp_path) -> None:
    local = dt.datetime(2026, 3, 13, 12, 0)
    entry = store.get(store.record_letter(draft, tmp_path / "a.docx", None, exported_at=local))
    assert entry.exported_at == local.astimezone(dt.UTC)
    assert entry.exported_at.tzinfo == dt.UTC


def test_search_matches_any_field_in_any_case_newest_first(store, tmp_path) -> None:
    first = store.record_letter(_letter_to("Tunde Adebayo"), tmp_path / "a.docx", None, NOON)
    second = store.record_letter(
        _letter_to("Zoë Ångström", "zoe@example.org", category="Billing"),
        tmp_path / "b.docx",
        None,
        NOON + dt.timedelta(days=1),
    )
    assert [e.id for e in store.search()] == [second, first]
    assert [e.id for e in store.search("ADEBAYO")] == [first]
    assert [e.id for e in store.search("zoë ångström")] == [second]
    assert [e.id for e in store.search("billing")] == [second]
    assert [e.id for e in store.search("b.docx")] == [second]
    assert [e.id for e in store.search("formal-letter adebayo")] == [first]
    assert store.search("nobody") == []
    assert len(store.search(limit=1)) == 1


def test_search_takes_wildcards_literally(store) -> None:
    store.record_letter(_letter_to("Tunde Adebayo"), Path("a.docx"), None, NOON)
    assert store.search("%") == []
    assert store.search("_") == []


def test_follow_ups_list_overdue_due_and_upcoming_but_not_later_or_done(store, tmp_path) -> None:
    today = dt.date(2026, 3, 20)
    ids = {
        label: store.record_letter(_letter_to(label), tmp_path / f"{label}.docx", day, NOON)
        for label, day in [
            ("later", today + dt.timedelta(days=30)),
            ("upcoming", today + dt.timedelta(days=3)),
            ("due", today),
            ("overdue", today - dt.timedelta(days=4)),
            ("kept", today - dt.timedelta(days=1)),
            ("none", None),
        ]
    }
    store.mark_follow_up_done(ids["kept"], today)
    listed = store.follow_ups(today)
    assert [e.recipient_name for e in listed] == ["overdue", "due", "upcoming"]
    assert [e.follow_up_state(today) for e in listed] == ["overdue", "due", "upcoming"]
    assert store.get(ids["kept"]).follow_up_state(today) == "done"
    assert store.get(ids["none"]).follow_up_state(today) == ""
    assert [e.recipient_name for e in store.follow_ups(today, days_ahead=0)] == ["overdue", "due"]
    store.mark_follow_up_done(ids["kept"], None)
    assert "kept" in [e.recipient_name for e in store.follow_ups(today)]


def test_notes_can_be_changed_and_unknown_ids_say_so(store, draft, tmp_path) -> None:
    entry_id = store.record_letter(draft, tmp_path / "a.docx", None, NOON)
    store.set_note(entry_id, "customer called back, happy")
    assert store.get(entry_id).note == "customer called back, happy"
    assert [e.id for e in store.search("happy")] == [entry_id]
    with pytest.raises(KeyError):
        store.set_note(entry_id + 1, "x")
    with pytest.raises(KeyError):
        store.get(entry_id + 1)


def test_two_windows_share_one_file(tmp_path, draft) -> None:
    path = tmp_path / "history.sqlite3"
    first, second = HistoryStore(path), HistoryStore(path)
    a = first.record_letter(draft, tmp_path / "a.docx", None, NOON)
    b = second.record_letter(draft, tmp_path / "b.docx", None, NOON)
    assert {e.id for e in first.search()} == {e.id for e in second.search()} == {a, b}
    assert first.moved_aside is None and first.message is None


def test_a_missing_folder_is_created(tmp_path, draft) -> None:
    store = HistoryStore(tmp_path / "new" / "deeper" / "history.sqlite3")
    store.record_letter(draft, tmp_path / "a.docx", None, NOON)
    assert len(store.search()) == 1


def test_the_default_file_lives_in_the_user_data_folder() -> None:
    from desktop import paths

    assert default_history_path() == paths.user_data_dir() / "history.sqlite3"


def test_windows_writing_at_the_same_time_lose_nothing(tmp_path, draft) -> None:
    path = tmp_path / "history.sqlite3"
    stores = [HistoryStore(path) for _ in range(4)]

    def record(store: HistoryStore) -> None:
        for number in range(25):
            store.record_letter(draft, tmp_path / f"{id(store)}-{number}.docx", None)

    threads = [threading.Thread(target=record, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(HistoryStore(path).search(limit=1000)) == 100
