"""A letter being typed survives the app being killed: the next start offers it back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop import paths
from desktop.core.draft_file import load_draft
from desktop.gui import dialogs
from desktop.gui.app import build_window
from desktop.gui.recovery_actions import AUTOSAVE_MS

TYPED = "I sent your refund to the account you closed in May, not the new one."

EDITING_SESSION = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from desktop.gui.app import build_window

    work = Path(sys.argv[1])
    app = QApplication([])
    window = build_window(
        settings=QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat),
        history_path=work / "history.sqlite3",
        user_dir=work / "user",
    )
    window.show()
    window.form.focus_field("incident.what")
    QTest.keyClicks(window.form.editor_for("incident.what"), sys.argv[2])
    recovery = work / "user" / "recovery"
    deadline = time.monotonic() + 20
    while not any(recovery.glob("*.amends-recovery")) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    print("autosaved" if any(recovery.glob("*.amends-recovery")) else "no copy", flush=True)
    while True:  # still editing when the power goes
        app.processEvents()
        time.sleep(0.01)
    """
)


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    """Set up before qtbot, so it still answers when qtbot closes the windows at the end."""
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda _parent, _name: dialogs.UnsavedChoice.DISCARD)


def start_window(qtbot, work: Path):
    window = build_window(
        settings=QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat),
        history_path=work / "history.sqlite3",
        user_dir=work / "user",
    )
    qtbot.addWidget(window)
    return window


def test_a_killed_session_is_recovered_up_to_the_last_autosave(qtbot, tmp_path, monkeypatch):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", EDITING_SESSION, str(tmp_path), TYPED],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert child.stdout.readline().strip() == "autosaved"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    offered = []

    def restore_the_first(_parent, entries):
        offered.extend(entries)
        return ("restore", entries[0])

    monkeypatch.setattr(dialogs, "choose_recovery", restore_the_first)
    window = start_window(qtbot, tmp_path)
    assert window.recovery.offer()
    assert len(offered) == 1 and offered[0].origin is None
    assert window.session.draft.incident.what == TYPED
    assert window.session.dirty and window.windowTitle().startswith("Untitled letter[*]")
    assert TYPED in window.preview.plain_text()


def test_saving_or_closing_on_purpose_leaves_nothing_to_recover(qtbot, tmp_path, monkeypatch):
    window = start_window(qtbot, tmp_path)
    window.files.open_path(paths.examples_dir() / "rrsp-withdrawal.amends", example=True)
    window.form.editor_for("closing_note").setPlainText("Thank you again.")
    assert window.recovery.autosave()
    copies = list((tmp_path / "user" / "recovery").glob("*.amends-recovery"))
    assert len(copies) == 1
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: tmp_path / "saved.amends")
    assert window.files.save()
    assert list((tmp_path / "user" / "recovery").glob("*.amends-recovery")) == []
    assert load_draft(tmp_path / "saved.amends").closing_note == "Thank you again."

    window.form.editor_for("closing_note").setPlainText("Changed my mind.")
    assert window.recovery.autosave()
    window.close()  # the unsaved-changes question is answered "discard"
    assert list((tmp_path / "user" / "recovery").glob("*.amends-recovery")) == []


def test_discarding_a_leftover_copy_removes_it(qtbot, tmp_path, monkeypatch):
    from desktop.core.recovery import RecoveryStore

    rrsp = load_draft(paths.examples_dir() / "rrsp-withdrawal.amends")
    RecoveryStore(tmp_path / "user" / "recovery", "old").save(rrsp, None)
    answers = []

    def discard_then_stop(_parent, entries):
        answers.append(entries)
        return ("discard", entries[0]) if len(answers) == 1 else None

    monkeypatch.setattr(dialogs, "choose_recovery", discard_then_stop)
    window = start_window(qtbot, tmp_path)
    assert not window.recovery.offer()
    assert len(answers) == 1, "nothing is left to ask about after the only copy is discarded"
    assert list((tmp_path / "user" / "recovery").glob("*.amends-recovery")) == []


def test_autosave_follows_edits_within_seconds(qtbot, tmp_path):
    window = start_window(qtbot, tmp_path)
    window.form.editor_for("incident.what").setPlainText("Typed a moment ago.")
    recovery = tmp_path / "user" / "recovery"
    qtbot.waitUntil(lambda: any(recovery.glob("*.amends-recovery")), timeout=AUTOSAVE_MS * 5)
    assert window.session.dirty
