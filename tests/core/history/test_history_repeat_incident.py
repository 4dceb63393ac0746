"""The real checker asking the real history: repeat-incident fires for a letter sent to the same
recipient for the same category within 12 months, and not otherwise: not for an export nobody
marked sent, a re-export of the letter being written, or an entry the user deleted."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import sqlite3
from pathlib import Path

import pytest

from desktop.core.checker import Checker
from desktop.core.checker.history import PastApology
from desktop.core.history import HistoryStore
from desktop.core.model import Draft, Kind, Recipient
from tests.core.conftest import clinic_draft

LETTER_DAY = dt.date(2026, 3, 13)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_files()


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "history.sqlite3")


def _earlier(months_ago: int, category: str = "appointment", **recipient: str) -> Draft:
    """The clinic letter as dated the 10th, `months_ago` months before LETTER_DAY (13 March 2026)."""
    draft = clinic_draft()
    year, month = divmod(2026 * 12 + 2 - months_ago, 12)
    draft.letter_date = dt.date(year, month + 1, 10)
    draft.incident = dataclasses.replace(draft.incident, category=category, summary="a cancelled check-up")
    if recipient:
        draft.recipient = Recipient(**recipient)
    return draft


def _repeat(checker: Checker, store: HistoryStore, draft: Draft | None = None) -> list[str]:
    """The findings for `draft`, asking the history as the app does: leaving out the draft itself."""
    draft = draft or clinic_draft()
    lookup = functools.partial(store.past_apologies, exclude_draft=draft.id)
    findings = checker.check_draft(draft, today=LETTER_DAY, history=lookup)
    return [f.message for f in findings if f.rule == "repeat-incident"]


def _export(store: HistoryStore, draft: Draft) -> int:
    return store.record_letter(draft, Path("earlier.docx"), None, dt.datetime(2020, 1, 1, tzinfo=dt.UTC))


def _record(store: HistoryStore, draft: Draft) -> int:
    """Exported and marked sent on the day it is dated."""
    entry_id = _export(store, draft)
    store.mark_sent(entry_id, draft.letter_date)
    return entry_id


def test_the_same_recipient_and_category_within_a_year_is_flagged(checker, store) -> None:
    _record(store, _earlier(months_ago=5))
    (message,) = _repeat(checker, store)
    assert "10 October 2025" in message
    assert "a cancelled check-up" in message


def test_an_apology_over_a_year_ago_is_not(checker, store) -> None:
    _record(store, _earlier(months_ago=13))
    assert _repeat(checker, store) == []


def test_eleven_months_ago_still_is(checker, store) -> None:
    _record(store, _earlier(months_ago=11))
    (message,) = _repeat(checker, store)
    assert "10 April 2025" in message


def test_another_category_is_not(checker, store) -> None:
    _record(store, _earlier(months_ago=5, category="billing"))
    assert _repeat(checker, store) == []


def test_category_is_compared_in_any_case(checker, store) -> None:
    _record(store, _earlier(months_ago=5, category=" Appointment "))
    assert len(_repeat(checker, store)) == 1


def test_someone_else_is_not(checker, store) -> None:
    _record(store, _earlier(months_ago=5, name="Ada Lovelace", email="ada@example.org"))
    assert _repeat(checker, store) == []


def test_a_notice_to_a_list_is_not_an_apology_to_one_person(checker, store) -> None:
    notice = _earlier(months_ago=5)
    notice.kind = Kind.NOTICE
    store.record_notice(notice, "all-patients.csv", 900, Path("notices"), None)
    assert _repeat(checker, store) == []


@pytest.mark.parametrize(
    ("earlier", "now", "same"),
    [
        ({"name": "T. Adebayo", "email": "TUNDE@example.org"}, {"email": "tunde@example.org "}, True),
        ({"name": "Tunde Adebayo", "email": "tunde@example.org"}, {"name": "Tunde Adebayo"}, True),
        ({"name": "Someone", "reference": "pat-20931"}, {"reference": "PAT-20931"}, True),
        ({"name": "Tunde  ADEBAYO"}, {"name": "tunde adebayo", "email": "new@example.org"}, True),
        ({"name": "José O'Neil"}, {"name": "Jose ONeil"}, True),
        (
            {"name": "Tunde Adebayo", "email": "old@example.org"},
            {"name": "Tunde Adebayo", "email": "other@example.org"},
            False,
        ),
        ({"name": "Tunde Adebayo"}, {"name": "Tunde Adewale"}, False),
        ({"name": ""}, {"name": ""}, False),
    ],
)
def test_recipients_are_matched_by_email_or_reference_else_by_name(store, earlier, now, same) -> None:
    full = {"name": "", "email": "", "reference": ""}
    _record(store, _earlier(months_ago=5, **(full | earlier)))
    found = store.past_apologies(Recipient(**(full | now)), "appointment", dt.date(2025, 1, 1))
    expected = PastApology(dt.date(2025, 10, 10), "appointment", "a cancelled check-up")
    assert found == ([expected] if same else [])


def test_an_export_nobody_marked_sent_is_not_an_apology(checker, store) -> None:
    for _proof_print in range(3):
        _export(store, _earlier(months_ago=5))
    assert _repeat(checker, store) == []


def test_it_counts_the_day_sent_not_the_day_on_the_letter(checker, store) -> None:
    entry_id = _export(store, _earlier(months_ago=5))
    store.mark_sent(entry_id, dt.date(2025, 10, 21))
    (message,) = _repeat(checker, store)
    assert "21 October 2025" in message


def test_unmarking_a_letter_sent_stops_the_warning(checker, store) -> None:
    entry_id = _record(store, _earlier(months_ago=5))
    assert len(_repeat(checker, store)) == 1
    store.mark_sent(entry_id, None)
    assert _repeat(checker, store) == []


def test_the_letter_being_written_is_not_its_own_repeat(checker, store) -> None:
    """Sent once and exported again (a copy for the file): still one apology, not two."""
    draft = _earlier(months_ago=0)
    draft.letter_date = LETTER_DAY
    _record(store, draft)
    _export(store, draft)
    assert _repeat(checker, store, draft) == []
    assert len(_repeat(checker, store, clinic_draft())) == 1, "another draft to the same person is warned"


def test_a_sent_letter_from_another_draft_is_found_beside_the_drafts_own(checker, store) -> None:
    own = _earlier(months_ago=1)
    _record(store, own)
    _record(store, _earlier(months_ago=5))
    found = store.past_apologies(own.recipient, "appointment", dt.date(2025, 3, 13), exclude_draft=own.id)
    assert [p.sent_on for p in found] == [dt.date(2025, 10, 10)]
    (message,) = _repeat(checker, store, own)
    assert "10 October 2025" in message and "1 in the last 12 months" in message


def test_a_deleted_entry_is_forgotten(checker, store) -> None:
    entry_id = _record(store, _earlier(months_ago=5))
    store.delete(entry_id)
    assert _repeat(checker, store) == []


def test_rows_from_before_draft_ids_are_not_left_out_as_the_draft_itself(store) -> None:
    """Old rows have draft_id ''; a lookup without a draft id must not take them for its own."""
    entry_id = _record(store, _earlier(months_ago=5))
    with contextlib.closing(sqlite3.connect(store.path)) as conn, conn:
        conn.execute("UPDATE exports SET draft_id = '' WHERE id = ?", (entry_id,))
    found = store.past_apologies(clinic_draft().recipient, "appointment", dt.date(2025, 1, 1))
    assert [p.sent_on for p in found] == [dt.date(2025, 10, 10)]
