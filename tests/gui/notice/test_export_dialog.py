"""The notice export: per-recipient DOCX with progress, a cancelled run that leaves nothing, a live window."""

from __future__ import annotations

import csv
import itertools
import time

import docx
import pytest
from PySide6.QtCore import QTimer

from desktop import paths
from desktop.core.draft_file import load_draft
from desktop.core.merge import OutputKind
from desktop.core.templates import TemplateCatalogue
from desktop.gui import dialogs
from desktop.gui.notice import ExportNoticeDialog, RecipientsPanel
from tests.gui.notice.conftest import EXAMPLE_LIST
from tests.helpers.recipient_lists import generated_list

NOTICE = paths.examples_dir() / "renewal-email.amends"


@pytest.fixture
def catalogue() -> TemplateCatalogue:
    return TemplateCatalogue(paths.builtin_templates_dir())


@pytest.fixture(autouse=True)
def no_questions(monkeypatch):
    """The dialog offers to open what it wrote; here nobody answers."""
    asked = []
    monkeypatch.setattr(dialogs, "ask_open_after_export", lambda _parent, path: asked.append(path))
    return asked


def inputs_for(qtbot, path):
    panel = RecipientsPanel()
    qtbot.addWidget(panel)
    draft = load_draft(NOTICE)
    assert panel.load(path)
    return draft, panel.merge_inputs()


def make_dialog(qtbot, catalogue, path=EXAMPLE_LIST):
    draft, inputs = inputs_for(qtbot, path)
    dialog = ExportNoticeDialog(draft, catalogue, inputs)
    qtbot.addWidget(dialog)
    return dialog


def test_per_recipient_docx_for_the_example_list(qtbot, catalogue, tmp_path, example_rows, no_questions):
    dialog = make_dialog(qtbot, catalogue)
    out = tmp_path / "letters"
    progress = []
    dialog.export_progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as blocker:
        dialog.start(OutputKind.DOCX_EACH, out, "{account}-{last_name}")
        assert dialog.is_running()
    result = blocker.args[0]
    assert not dialog.is_running()
    assert progress[-1] == (36, 36) and progress[0][0] >= 1
    assert dialog.progress_text() == "36 of 36"
    assert result.written == 36 and result.skipped == 0 and result.manifest.is_file()
    files = sorted(p.name for p in out.glob("*.docx"))
    first = example_rows[0]
    assert len(files) == 36 and f"{first['account']}-{first['last_name']}.docx" in files
    letter = docx.Document(out / f"{first['account']}-{first['last_name']}.docx")
    assert any(first["first_name"] in p.text for p in letter.paragraphs)
    with result.manifest.open(encoding="utf-8", newline="") as handle:
        assert [row["status"] for row in csv.DictReader(handle)] == ["written"] * 36
    assert "Wrote 36 letters" in dialog.status_text() and result.manifest.name in dialog.status_text()
    assert no_questions == [out]


def test_the_name_pattern_shows_the_first_file_and_refuses_unknown_fields(qtbot, catalogue, example_rows):
    dialog = make_dialog(qtbot, catalogue)
    dialog._pattern.setText("{account}-{last_name}")
    first = example_rows[0]
    assert dialog.example_text() == f"First file: {first['account']}-{first['last_name']}.docx"
    dialog._pattern.setText("{acount}")
    assert "{acount}" in dialog.problem_text() and "not a field of this list" in dialog.problem_text()
    assert not dialog._export.isEnabled()
    dialog.start(OutputKind.DOCX_EACH, dialog._output.text(), "{acount}")
    assert not dialog.is_running()


def test_a_cancelled_run_leaves_nothing(qtbot, catalogue, tmp_path):
    path = generated_list(tmp_path / "big.csv", 3_000)
    dialog = make_dialog(qtbot, catalogue, path)
    out = tmp_path / "letters"
    out.mkdir()
    with qtbot.waitSignal(dialog.export_progressed, timeout=60_000):
        dialog.start(OutputKind.DOCX_EACH, out)
    with qtbot.waitSignal(dialog.export_stopped, timeout=60_000) as blocker:
        dialog.cancel()
    assert blocker.args[0] == "Cancelled: nothing was written."
    assert not dialog.is_running()
    assert list(out.iterdir()) == []  # no .docx, no staging folder, no manifest


def test_the_event_loop_keeps_running_during_an_export(qtbot, catalogue, tmp_path):
    path = generated_list(tmp_path / "big.csv", 2_000)
    dialog = make_dialog(qtbot, catalogue, path)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: dialog.is_running() and ticks.append(time.perf_counter()))
    timer.start()
    with qtbot.waitSignal(dialog.finished_export, timeout=120_000):
        dialog.start(OutputKind.DOCX, tmp_path / "print.docx")
    timer.stop()
    assert len(ticks) >= 10, f"the timer ticked only {len(ticks)} times during the run"
    longest = max(b - a for a, b in itertools.pairwise(ticks))
    assert longest < 0.25, f"the event loop stalled for {longest * 1000:.0f} ms"
    assert (tmp_path / "print.docx").is_file()


def test_email_drafts_need_an_address_on_every_row(qtbot, catalogue, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Name,Email\nAda Lovelace,ada@example.com\nBob Brown,\n", encoding="utf-8")
    dialog = make_dialog(qtbot, catalogue, path)
    with qtbot.waitSignal(dialog.export_stopped, timeout=30_000) as blocker:
        dialog.start(OutputKind.EML, tmp_path / "mails")
    assert "row 3" in blocker.args[0] and "recipient.email" in blocker.args[0]
    assert not any((tmp_path / "mails").glob("*.eml"))
    dialog._leave_out.setChecked(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000) as blocker:
        dialog.start(OutputKind.EML, tmp_path / "mails")
    assert blocker.args[0].written == 1 and blocker.args[0].skipped == 1
    assert [p.name for p in (tmp_path / "mails").glob("*.eml")] == ["Ada Lovelace.eml"]


def test_closing_during_a_run_cancels_it_first(qtbot, catalogue, tmp_path):
    path = generated_list(tmp_path / "big.csv", 3_000)
    dialog = make_dialog(qtbot, catalogue, path)
    dialog.show()
    with qtbot.waitSignal(dialog.export_progressed, timeout=60_000):
        dialog.start(OutputKind.CSV, tmp_path / "upload.csv")
    dialog.reject()
    assert dialog.isVisible()  # still cleaning up
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    assert not dialog.is_running() and list(tmp_path.glob("upload*")) == []


def test_a_list_without_an_email_column_cannot_become_email_drafts(qtbot, catalogue, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Name,Account\nAda Lovelace,A-1\nBob Brown,A-2\n", encoding="utf-8")
    dialog = make_dialog(qtbot, catalogue, path)
    dialog._leave_out.setChecked(True)  # skipping rows cannot fix a column that is not there
    with qtbot.waitSignal(dialog.export_stopped, timeout=30_000) as blocker:
        dialog.start(OutputKind.EML, tmp_path / "mails")
    assert "recipient.email" in blocker.args[0] and "no column" in blocker.args[0]
    assert not (tmp_path / "mails").exists() or list((tmp_path / "mails").iterdir()) == []
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000) as blocker:
        dialog.start(OutputKind.DOCX, tmp_path / "print.docx")
    assert blocker.args[0].written == 2


def test_a_header_only_list_writes_nothing(qtbot, catalogue, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Name,Email\n", encoding="utf-8")
    dialog = make_dialog(qtbot, catalogue, path)
    dialog._leave_out.setChecked(True)
    with qtbot.waitSignal(dialog.export_stopped, timeout=30_000) as blocker:
        dialog.start(OutputKind.DOCX, tmp_path / "print.docx")
    assert "no recipients" in blocker.args[0]
    assert list(tmp_path.glob("print*")) == []


def test_an_override_reason_is_written_to_every_manifest_row(qtbot, catalogue, tmp_path):
    draft, inputs = inputs_for(qtbot, EXAMPLE_LIST)
    dialog = ExportNoticeDialog(draft, catalogue, inputs, override="approved by legal, ticket 4411")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as blocker:
        dialog.start(OutputKind.CSV, tmp_path / "upload.csv")
    with blocker.args[0].manifest.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 36 and {row["override"] for row in rows} == {"approved by legal, ticket 4411"}
