"""A history with letters and a notice whose follow-ups are overdue, due, upcoming and done."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop.core.history import HistoryStore
from desktop.core.model import Kind, Recipient
from tests.core.conftest import clinic_draft

TODAY = dt.date(2026, 3, 20)


def letter(name: str, category: str, title: str):
    draft = clinic_draft()
    draft.title = title
    draft.recipient = Recipient(name=name, email=f"{name.split()[-1].lower()}@example.org")
    draft.incident = dataclasses.replace(draft.incident, category=category)
    return draft


@pytest.fixture
def history(tmp_path: Path) -> SimpleNamespace:
    """The store and the ids of what it holds, named by follow-up state on TODAY."""
    store = HistoryStore(tmp_path / "history.sqlite3")
    out = tmp_path / "out"
    sent = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)
    ids = SimpleNamespace(store=store, out=out)
    ids.overdue = store.record_letter(
        letter("Marie Tremblay", "billing", "Double charge – Tremblay"),
        out / "Tremblay.docx",
        TODAY - dt.timedelta(3),
        sent,
    )
    ids.due = store.record_letter(
        letter("Tunde Adebayo", "appointment", "Missed appointment – Adebayo"),
        out / "Adebayo.docx",
        TODAY,
        sent,
    )
    ids.upcoming = store.record_letter(
        letter("Zoë Ångström", "delivery", "Late parcel – Ångström"),
        out / "Angstrom.docx",
        TODAY + dt.timedelta(4),
        sent,
    )
    notice = clinic_draft()
    notice.kind = Kind.NOTICE
    notice.title = "Booking system outage"
    notice.incident = dataclasses.replace(notice.incident, category="outage")
    ids.notice = store.record_notice(
        notice, "march-list.xlsx", 1250, out / "notices", None, sent + dt.timedelta(1)
    )
    ids.done = store.record_letter(
        letter("Sam Okafor", "billing", "Refund delay – Okafor"),
        out / "Okafor.docx",
        TODAY - dt.timedelta(5),
        sent,
    )
    store.mark_follow_up_done(ids.done, TODAY - dt.timedelta(4))
    return ids
