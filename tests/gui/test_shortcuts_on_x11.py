"""Ctrl+E from a one-line field, on a real X display.

The offscreen platform the other GUI tests use has no desktop key scheme, so a one-line
field there never claims Ctrl+E; on a Linux desktop it does (end of line, as in Emacs),
and the export silently did nothing. This test starts Xvfb and runs the window on it
through the xcb platform, as a user's desktop would. Needs Xvfb (Debian: xvfb), which
.ci/run installs; skipped without it elsewhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.helpers.tools import require_tool

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit
    from desktop import paths
    from desktop.gui import dialogs
    from desktop.gui.app import build_window

    work = Path(sys.argv[1])
    out = work / "letter.docx"
    dialogs.ask_save_path = lambda *_args: out
    dialogs.ask_open_after_export = lambda *_args: None
    dialogs.ask_unsaved_changes = lambda *_args: dialogs.UnsavedChoice.DISCARD
    app = QApplication([])
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(settings=settings, history_path=work / "h.sqlite3", user_dir=work / "u")
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.files.open_path(paths.examples_dir() / "rrsp-withdrawal.amends", example=True)
    field = window.form.findChild(QLineEdit, "recipient.name")
    window.form.focus_field("recipient.name")
    window.activateWindow()
    QTest.qWait(200)
    field.setCursorPosition(0)
    QTest.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "X")
    print("platform", app.platformName())
    print("exported", out.exists())
    print("field", field.text())
    window.close()
    """
)


@pytest.fixture
def display(tmp_path):
    xvfb = require_tool("Xvfb", "xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_ctrl_e_in_a_one_line_field_exports_on_an_x_desktop(display, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert lines["platform"] == "xcb"
    assert lines["exported"] == "True", done.stderr
    assert lines["field"] == "XDanielle Tremblay"  # the cursor stayed where it was
