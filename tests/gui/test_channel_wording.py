"""One notice, two ways out: e-mailed it is an e-mail, printed it is a letter. Driven as a user
drives the window: the finding in the panel, its Fix button, the Pages tab, File ▸ Export
Letter as PDF and Edit ▸ Copy Letter."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from desktop import paths
from desktop.gui import dialogs
from desktop.gui.not_ready_dialog import NotReadyDialog
from tests.helpers.pdf_tools import pdf_pages_text
from tests.helpers.readback import words_of_text
from tests.helpers.window import menu_action, open_window, type_into, wait_for_update

RENEWAL = paths.examples_dir() / "renewal-email.amends"
UNSUBSCRIBE = (
    "If you would rather not hear from us again, use the unsubscribe link at the bottom of this email."
)


def paper_text(window) -> str:
    return " ".join(line.text for page in window.preview.pages.pages for line in page.lines)


def test_e_mail_wording_is_flagged_for_paper_and_its_fix_keeps_it_for_the_e_mail(
    qtbot, tmp_path, monkeypatch
):
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(RENEWAL, example=True)
    editor = window.form.editor_for("action")
    editor.clear()
    type_into(qtbot, window, "action", f"You do not need to do anything. {UNSUBSCRIBE}")
    findings = wait_for_update(qtbot, window)
    (flagged,) = [f for f in findings if f.rule == "email-only-wording"]
    assert flagged.field == "action" and flagged.matched == UNSUBSCRIBE
    assert "printed" in flagged.message and window.readiness.ready  # a warning: it does not block

    panel = window.checker_panel
    panel.view.setCurrentIndex(panel._index_where(lambda f: f.rule == "email-only-wording"))
    assert panel.fix_button.isEnabled()
    panel.fix_button.click()
    assert editor.toPlainText() == (
        "You do not need to do anything. {% by email %}" + UNSUBSCRIBE + "{% end %}"
    )
    window.updater.update_now()
    findings = window.updater.composed.findings
    assert not [f for f in findings if f.rule in ("email-only-wording", "placeholder", "channel-passage")]

    # The first tab shows the e-mail, the Pages tab the printed letter.
    assert window.preview.tabText(0) == "&E-mail"
    assert UNSUBSCRIBE in window.preview.plain_text()
    assert "{%" not in window.preview.plain_text()
    menu_action(window, "Pa&ges as Printed").trigger()
    on_paper = paper_text(window)
    assert "unsubscribe" not in on_paper and "{%" not in on_paper
    assert "Driftwood Co-Living" in on_paper and "Rua da Boavista 71" in on_paper  # letterhead
    assert "You do not need to do anything." in on_paper

    # Each exit writes its own letter.
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: tmp_path / "renewal.pdf")
    monkeypatch.setattr(dialogs, "ask_open_after_export", lambda _parent, _path: None)
    menu_action(window, "Export Letter as &PDF…").trigger()
    printed = " ".join(pdf_pages_text(tmp_path / "renewal.pdf"))
    assert "unsubscribe" not in printed and "Rua da Boavista 71" in printed
    assert words_of_text(printed) == words_of_text(on_paper)

    menu_action(window, "&Copy Letter").trigger()
    copied = QGuiApplication.clipboard().text()
    assert UNSUBSCRIBE in copied and "Rua da Boavista" not in copied and "{%" not in copied


def test_a_passage_left_open_blocks_every_exit_and_says_where(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(RENEWAL, example=True)
    editor = window.form.editor_for("action")
    editor.clear()
    type_into(qtbot, window, "action", "You need do nothing. {% on paper %}Call us to stop these letters.")
    findings = wait_for_update(qtbot, window)
    (open_tag,) = [f for f in findings if f.rule == "channel-passage"]
    assert open_tag.blocking and open_tag.matched == "{% on paper %}"
    assert "has no {% end %}" in open_tag.message
    assert window.readiness.text() == "Not ready: 1 error — channel passage in ‘What they need to do’"

    refused: list[str] = []

    def refuse(dialog: NotReadyDialog) -> int:
        refused.extend(f.rule for f in dialog.blocking)
        return NotReadyDialog.DialogCode.Rejected

    monkeypatch.setattr(NotReadyDialog, "exec", refuse)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: tmp_path / "out")
    for exit_ in (
        "Export Letter as &PDF…",
        "&Export Letter as DOCX…",
        "Export as E-&mail Draft…",
        "&Copy Letter",
    ):
        menu_action(window, exit_).trigger()
    assert refused == ["channel-passage"] * 4
    assert list(tmp_path.glob("out*")) == []
