"""The notice export into a folder where an earlier run was killed: its report names what
was removed, and the user's own files stay."""

from __future__ import annotations

import pytest

from desktop import paths
from desktop.core.draft_file import load_draft
from desktop.core.merge import OutputKind
from desktop.core.merge import run as merge_run
from desktop.core.templates import TemplateCatalogue
from desktop.gui import dialogs
from desktop.gui.notice import ExportNoticeDialog, RecipientsPanel
from tests.gui.notice.conftest import EXAMPLE_LIST
from tests.helpers.merge_runs import disk_full, killed_run_debris

NOTICE = paths.examples_dir() / "renewal-email.amends"


@pytest.fixture(autouse=True)
def no_questions(monkeypatch):
    monkeypatch.setattr(dialogs, "ask_open_after_export", lambda _parent, _path: None)


def export_dialog(qtbot) -> ExportNoticeDialog:
    """The renewal notice over its example list, as File ▸ Export Notice… opens it."""
    panel = RecipientsPanel()
    qtbot.addWidget(panel)
    assert panel.load(EXAMPLE_LIST)
    dialog = ExportNoticeDialog(
        load_draft(NOTICE), TemplateCatalogue(paths.builtin_templates_dir()), panel.merge_inputs()
    )
    qtbot.addWidget(dialog)
    return dialog


def test_the_export_report_says_what_a_killed_run_left_and_was_removed(qtbot, tmp_path):
    out = tmp_path / "letters"
    out.mkdir()
    (out / "cover-note.txt").write_text("for the print room", encoding="utf-8")
    debris = killed_run_debris(tmp_path, out)

    dialog = export_dialog(qtbot)
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000):
        dialog.start(OutputKind.DOCX_EACH, out)

    report = dialog.status_text()
    assert f"Removed what an interrupted earlier run left in {out}: {debris.name} (" in report
    assert "Wrote 36 letters" in report
    assert not debris.exists()
    assert (out / "cover-note.txt").read_text(encoding="utf-8") == "for the print room"


def test_what_was_removed_is_said_even_when_the_export_then_fails(qtbot, tmp_path, monkeypatch):
    out = tmp_path / "letters"
    out.mkdir()
    debris = killed_run_debris(tmp_path, out)
    monkeypatch.setattr(merge_run, "_write", disk_full(out))
    dialog = export_dialog(qtbot)
    with qtbot.waitSignal(dialog.export_stopped, timeout=60_000):
        dialog.start(OutputKind.DOCX_EACH, out)

    report = dialog.status_text()
    assert report.startswith("Not exported: ") and "No space left on device" in report
    assert f"Removed what an interrupted earlier run left in {out}: {debris.name} (" in report
    assert not debris.exists()
