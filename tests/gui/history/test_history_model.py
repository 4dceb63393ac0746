"""The history table model: Qt's model tests, the columns' text, follow-up colours by state, and
whether each entry was only exported or also sent."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.core.checker.findings import Severity
from desktop.gui.checking.colors import severity_color
from desktop.gui.history import HistoryTableModel
from desktop.gui.history.model import ENTRY_ROLE, STATE_ROLE, Column
from tests.gui.history.conftest import TODAY, letter


def row_texts(model: HistoryTableModel, row: int) -> dict[Column, str]:
    return {column: model.index(row, column).data() for column in Column}


def test_the_model_passes_qts_model_tests(qtmodeltester, history) -> None:
    model = HistoryTableModel()
    model.set_entries(history.store.search(), TODAY)
    qtmodeltester.check(model, force_py=True)
    # The tester stays connected and checks each reset as it happens.
    model.set_entries(history.store.search("Tremblay"), TODAY)
    model.set_entries([], TODAY)
    model.set_entries(history.store.follow_ups(TODAY), TODAY)


def test_columns_show_who_what_when_and_where(history) -> None:
    model = HistoryTableModel()
    model.set_entries(history.store.search(), TODAY)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == [
        "Exported",
        "Status",
        "To",
        "Category",
        "Title",
        "Template",
        "Follow-up",
        "Output",
        "Note",
    ]
    row = model.row_of(history.overdue)
    texts = row_texts(model, row)
    assert texts[Column.TO] == "Marie Tremblay"
    assert texts[Column.CATEGORY] == "billing"
    assert texts[Column.TITLE] == "Double charge – Tremblay"
    assert texts[Column.TEMPLATE] == "formal-letter"
    assert texts[Column.FOLLOW_UP] == "17 Mar 2026 · overdue"
    assert texts[Column.OUTPUT] == "Tremblay.docx"
    assert model.index(row, Column.OUTPUT).data(Qt.ItemDataRole.ToolTipRole) == str(
        history.out / "Tremblay.docx"
    )
    local = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC).astimezone()
    assert texts[Column.EXPORTED] == f"10 Mar 2026, {local:%H:%M}"
    assert texts[Column.STATUS] == "Exported (DOCX)"
    assert model.index(row, 0).data(ENTRY_ROLE).id == history.overdue
    notice = row_texts(model, model.row_of(history.notice))
    assert notice[Column.TO] == "march-list.xlsx (1250 recipients)"
    assert notice[Column.FOLLOW_UP] == ""
    assert notice[Column.STATUS] == "Notice run (one DOCX)"


def test_follow_up_states_read_in_words_and_colour(history) -> None:
    model = HistoryTableModel()
    model.set_entries(history.store.search(), TODAY)
    palette = QGuiApplication.palette()

    def cell(entry_id: int, role: int = Qt.ItemDataRole.DisplayRole):
        return model.index(model.row_of(entry_id), Column.FOLLOW_UP).data(role)

    assert [cell(i, STATE_ROLE) for i in (history.overdue, history.due, history.upcoming, history.done)] == [
        "overdue",
        "due",
        "upcoming",
        "done",
    ]
    assert cell(history.due) == "20 Mar 2026 · due today"
    assert cell(history.done) == "✓ 15 Mar 2026 · done"
    foreground = Qt.ItemDataRole.ForegroundRole
    assert cell(history.overdue, foreground) == severity_color(Severity.ERROR, palette)
    assert cell(history.due, foreground) == severity_color(Severity.WARNING, palette)
    assert cell(history.upcoming, foreground) is None
    base = palette.color(palette.ColorRole.Base).lightness()
    text = palette.color(palette.ColorRole.Text).lightness()
    done = cell(history.done, foreground).lightness()
    assert 0 < abs(done - base) < abs(text - base), "done reads quieter than open follow-ups"
    assert cell(history.overdue, Qt.ItemDataRole.BackgroundRole) is not None


def test_a_sent_letter_says_when_and_an_override_says_why(history) -> None:
    store = history.store
    store.mark_sent(history.due, dt.date(2026, 12, 4))
    forced = store.record_letter(
        letter("Ada Lovelace", "billing", "Wrong invoice – Lovelace"),
        history.out / "Lovelace.eml",
        None,
        dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC),
        channel="eml",
        override="Sent before the refund amount was confirmed",
    )
    model = HistoryTableModel()
    model.set_entries(store.search(), TODAY)

    def status(entry_id: int, role: int = Qt.ItemDataRole.DisplayRole) -> str:
        return model.index(model.row_of(entry_id), Column.STATUS).data(role)

    assert status(history.due) == "Sent 4 Dec 2026"
    local = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC).astimezone()
    assert status(history.due, Qt.ItemDataRole.ToolTipRole) == (
        f"Sent 4 Dec 2026\nExported (DOCX) on 10 Mar 2026, {local:%H:%M}"
    )
    assert status(history.overdue, Qt.ItemDataRole.ToolTipRole).endswith("\nNot marked as sent")
    assert status(forced) == "Exported (e-mail draft) · despite errors"
    assert status(forced, Qt.ItemDataRole.ToolTipRole).splitlines()[-1] == (
        "Exported despite errors: Sent before the refund amount was confirmed"
    )
    assert status(history.due, Qt.ItemDataRole.AccessibleTextRole) == "Sent 4 Dec 2026"
