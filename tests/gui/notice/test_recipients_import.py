"""Importing and re-checking a long recipient list off the GUI thread: progress, Cancel, the newest wins."""

from __future__ import annotations

import itertools
import sys
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop.gui import dialogs
from desktop.gui.notice import RecipientsPanel, list_job
from desktop.gui.notice import panel as panel_module
from desktop.gui.notice.marks import RowState
from desktop.gui.notice.table_model import FIRST_DATA
from tests.gui.notice.conftest import EXAMPLE_LIST
from tests.helpers.recipient_lists import generated_list

LONG = 60_000
NAME_AND_EMAIL = ("recipient.name", "recipient.email")


@pytest.fixture(scope="module")
def long_list(tmp_path_factory):
    return generated_list(tmp_path_factory.mktemp("lists") / "long.csv", LONG)


@pytest.fixture
def panel(qtbot):
    panel = RecipientsPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    yield panel
    panel.cancel_load()
    qtbot.waitUntil(lambda: list_job.running() == 0, timeout=30_000)


def test_an_import_shows_its_progress_and_ends_with_every_row(qtbot, panel, long_list, monkeypatch):
    monkeypatch.setattr(list_job, "PROGRESS_INTERVAL", 0.0)  # however fast this computer reads
    panel._progress_due.setInterval(0)
    texts: list[str] = []
    panel._bar.valueChanged.connect(lambda _value: texts.append(panel.progress_text()))
    usual = sys.getswitchinterval()
    with qtbot.waitSignal(panel.load_finished, timeout=60_000) as blocker:
        panel.load_async(long_list)
        assert panel.is_busy() and panel.row_count() == 0  # returned at once
        assert sys.getswitchinterval() == list_job.SWITCH_INTERVAL  # the GUI thread gets the GIL soon
    assert blocker.args == [True]
    assert any(text.startswith("Reading long.csv: ") and f"of about {LONG:,} rows…" in text for text in texts)
    assert any(text.startswith("Checking ") and text.endswith(f"of {LONG:,} rows…") for text in texts)
    assert panel.row_count() == LONG and f"{LONG:,} rows: {LONG:,} ready" in panel.summary_text()
    assert not panel.is_busy() and panel.progress_text() == ""
    assert panel.merge_inputs().letters == LONG
    qtbot.waitUntil(lambda: list_job.running() == 0, timeout=30_000)
    assert sys.getswitchinterval() == usual


def test_the_event_loop_keeps_running_during_an_import(qtbot, panel, long_list):
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: panel.is_busy() and ticks.append(time.perf_counter()))
    timer.start()
    with qtbot.waitSignal(panel.load_finished, timeout=60_000):
        panel.load_async(long_list)
    timer.stop()
    assert len(ticks) >= 10, f"the timer ticked only {len(ticks)} times during the import"
    longest = max(b - a for a, b in itertools.pairwise(ticks))
    assert longest < 0.25, f"the event loop stalled for {longest * 1000:.0f} ms"


def test_cancel_leaves_the_list_shown_before(qtbot, panel, long_list):
    assert panel.load(EXAMPLE_LIST)
    summary = panel.summary_text()
    changes: list[None] = []
    panel.recipients_changed.connect(lambda: changes.append(None))
    panel.load_async(long_list)
    qtbot.waitUntil(lambda: panel.progress_text().startswith("Reading long.csv"), timeout=30_000)
    assert panel._cancel.isVisible()
    with qtbot.waitSignal(panel.load_finished) as blocker:
        qtbot.mouseClick(panel._cancel, Qt.MouseButton.LeftButton)
    assert blocker.args == [False] and not panel.is_busy()
    qtbot.waitUntil(lambda: list_job.running() == 0, timeout=30_000)
    qtbot.wait(50)  # anything the stopped job still sent has arrived
    assert panel.row_count() == 36 and panel.summary_text() == summary and changes == []


@pytest.mark.parametrize("first_is_long", [True, False])
def test_the_import_started_last_wins(qtbot, panel, long_list, tmp_path, first_is_long):
    short = generated_list(tmp_path / "short.csv", 3)
    first, second = (long_list, short) if first_is_long else (short, long_list)
    shown: list[str] = []
    panel.recipients_changed.connect(lambda: shown.append(panel.model().table.path.name))
    outcomes: list[bool] = []
    panel.load_finished.connect(outcomes.append)
    panel.load_async(first)
    panel.load_async(second)
    qtbot.waitUntil(lambda: bool(outcomes) and list_job.running() == 0, timeout=60_000)
    qtbot.wait(50)
    assert shown == [second.name] and outcomes == [True]
    assert panel.row_count() == (3 if first_is_long else LONG)


def test_a_result_that_arrives_after_a_newer_import_began_is_dropped(qtbot, panel, long_list, tmp_path):
    short = generated_list(tmp_path / "short.csv", 3)
    shown: list[str] = []
    panel.recipients_changed.connect(lambda: shown.append(panel.model().table.path.name))
    panel.load_async(short)
    assert list_job.join()  # done, but what it found waits in the GUI thread's queue ...
    panel.load_async(long_list)  # ... when a newer import begins
    with qtbot.waitSignal(panel.load_finished, timeout=60_000) as blocker:
        pass
    assert blocker.args == [True] and shown == [long_list.name] and panel.row_count() == LONG


def test_an_unreadable_file_shows_its_reason_and_keeps_the_list(qtbot, panel, tmp_path):
    assert panel.load(EXAMPLE_LIST)
    old = tmp_path / "list.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with qtbot.waitSignal(panel.load_finished) as blocker:
        panel.load_async(old)
    assert blocker.args == [False]
    assert "Could not import list.xls" in panel.message_text() and ".xlsx" in panel.message_text()
    assert panel.row_count() == 36


def test_a_file_that_breaks_midway_shows_its_reason(qtbot, panel, tmp_path):
    path = tmp_path / "broken.csv"
    rows = "".join(f"P{n},p{n}@example.com\n" for n in range(3_000))
    path.write_text(f'Name,Email\n{rows}Z,"{"x" * (2 << 20)}\n', encoding="utf-8")  # a runaway quote
    with qtbot.waitSignal(panel.load_finished, timeout=30_000) as blocker:
        panel.load_async(path)
    assert blocker.args == [False] and panel.row_count() == 0
    assert panel.message_text().startswith("Could not import broken.csv: row 3002 cannot be read as CSV")


def test_a_long_list_is_checked_again_in_the_background_and_keeps_fixes_made_meanwhile(
    qtbot, panel, tmp_path
):
    path = generated_list(tmp_path / "list.csv", panel_module.INLINE_ROWS + 3_000)
    assert panel.load(path)
    model = panel.model()
    panel.set_required_fields(("recipient.extra.signup",))  # no column has it
    assert panel.is_busy() and model.check_pending()
    assert panel.merge_inputs().required == ()  # the report's own, until the check is done
    model.setData(model.index(4, FIRST_DATA + 2), "not an address")  # while the check runs
    assert model.state_of(4) is RowState.WARNING
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=30_000)
    assert not model.check_pending() and panel.merge_inputs().required == ("recipient.extra.signup",)
    assert "no column supplies it" in panel.message_text()
    assert model.state_of(4) is RowState.WARNING  # the fix made during the check was checked too
    panel.set_required_fields(NAME_AND_EMAIL)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=30_000)
    assert model.state_of(4) is RowState.ERROR and model.state_of(5) is RowState.READY
    assert panel.merge_inputs().unskipped_error_rows() == [6]


def test_the_check_asked_for_last_wins(qtbot, panel, tmp_path):
    path = generated_list(tmp_path / "list.csv", panel_module.INLINE_ROWS + 3_000)
    assert panel.load(path)
    panel.set_required_fields(("recipient.extra.signup",))
    panel.set_required_fields(NAME_AND_EMAIL)
    qtbot.waitUntil(lambda: not panel.is_busy() and list_job.running() == 0, timeout=30_000)
    qtbot.wait(50)
    assert panel.merge_inputs().required == NAME_AND_EMAIL and panel.merge_inputs().report.ok
    assert panel.message_text() == "" or "signup" not in panel.message_text()


def test_an_email_fix_in_a_long_list_checks_a_few_rows_not_all(qtbot, panel, long_list, monkeypatch):
    from desktop.gui.notice import live_report

    assert panel.load(long_list)
    checked: list[int] = []
    real = live_report.validate_held
    monkeypatch.setattr(
        live_report,
        "validate_held",
        lambda table, rows, *args: checked.append(len(rows)) or real(table, rows, *args),
    )
    model = panel.model()
    assert model.setData(model.index(10, FIRST_DATA + 2), "ann20@example.com")  # now repeats row 22
    assert sum(checked) <= 3
    assert model.state_of(10) is RowState.WARNING and model.state_of(20) is RowState.WARNING
    assert panel.summary_text().endswith(f"{LONG:,} rows: {LONG:,} ready (2 with warnings)")


def test_closing_the_panel_during_an_import_ends_the_job(qtbot, long_list):
    panel = RecipientsPanel()
    panel.show()
    with qtbot.waitSignal(panel._bar.valueChanged, timeout=30_000):
        panel.load_async(long_list)
    job = panel._import
    assert list_job.running() == 1 and not job.is_cancelled()
    panel.close()
    panel.deleteLater()
    qtbot.waitUntil(lambda: list_job.running() == 0, timeout=30_000)
    assert job.is_cancelled()


def test_the_import_button_reads_in_the_background(qtbot, panel, monkeypatch, long_list):
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: long_list)
    with qtbot.waitSignal(panel.load_finished, timeout=60_000):
        qtbot.mouseClick(panel._import_button, Qt.MouseButton.LeftButton)
        assert panel.is_busy() and panel.row_count() == 0
    assert panel.row_count() == LONG


def test_a_new_mapping_for_a_long_list_reaches_an_export_with_its_own_report(qtbot, panel, tmp_path):
    from desktop.core.recipients import Field

    path = generated_list(tmp_path / "list.csv", panel_module.INLINE_ROWS + 3_000)
    panel.set_required_fields(NAME_AND_EMAIL)
    assert panel.load(path)
    with qtbot.waitSignal(panel.preview_recipient_changed) as blocker:
        assert panel.set_column_fields({"email": Field.IGNORE})
    assert blocker.args[0].email == ""  # the preview follows at once
    inputs = panel.merge_inputs()  # the export keeps the mapping its report was made with
    assert inputs.mapping.columns_for(Field.EMAIL) == ("email",) and inputs.report.ok
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=30_000)
    inputs = panel.merge_inputs()
    assert inputs.mapping.columns_for(Field.EMAIL) == () and not inputs.report.ok
