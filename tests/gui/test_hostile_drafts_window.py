"""The window meets the drafts that used to load and crash later: it shows the loader's own
message (the one `amends check` prints), keeps the open letter and its preview, and starts
even when the draft it was asked to open is 100,000 levels deep. `--startup-check` with such
a draft says why on stderr and exits 2 instead of waiting on a message box nobody will close.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop import paths
from desktop.core.draft_file import DraftFormatError, load_draft
from desktop.gui import dialogs
from desktop.gui.app import build_window
from desktop.gui.letter_updater import DEBOUNCE_MS
from tests.core.test_hostile_drafts import HOSTILE, _hostile_text
from tests.helpers.window import open_window

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"
AMENDS = "import sys; from desktop.cli import main; sys.exit(main())"


@pytest.fixture
def errors(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, title, message: shown.append((title, message)))
    return shown


def _write(tmp_path, case: str):
    change, field, _words = HOSTILE[case]
    path = tmp_path / f"{case}.amends"
    path.write_text(_hostile_text(change), encoding="utf-8", errors="surrogatepass")
    return path, field


def test_the_window_shows_the_loaders_message_and_keeps_the_letter(qtbot, tmp_path, monkeypatch, errors):
    """One window for every case, as a user would meet them one after another."""
    window = open_window(qtbot, tmp_path, monkeypatch)
    with qtbot.waitSignal(window.updater.findings_ready, timeout=DEBOUNCE_MS * 20):
        assert window.files.open_path(RRSP, example=True)
    preview = window.preview.plain_text()
    assert preview
    for case in HOSTILE:
        path, field = _write(tmp_path, case)
        with pytest.raises(DraftFormatError) as refused:
            load_draft(path)
        errors.clear()

        assert not window.files.open_path(path), case

        assert errors == [("Cannot open the draft", str(refused.value))], case
        assert f"{path}: {field}" in errors[0][1], case
        assert window.session.path == RRSP and not window.session.dirty, case
        qtbot.wait(DEBOUNCE_MS * 2)  # an update that should not come would have come by now
        assert window.preview.plain_text() == preview, case


def test_the_window_opens_even_when_its_first_draft_is_100000_levels_deep(qtbot, tmp_path, errors):
    """It used to die in the loader before any window existed (RecursionError)."""
    path, field = _write(tmp_path, "100000-levels-in-an-unknown-key")
    window = build_window(path, history_path=tmp_path / "history.sqlite3", user_dir=tmp_path / "user")
    qtbot.addWidget(window)
    ((title, message),) = errors
    assert title == "Cannot open the draft" and f"{path}: {field}: nested more than" in message
    assert window.session.path is None


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (
            '{"format_version": 2, "kind": "letterish"}',
            "kind: must be one of individual, notice; found 'letterish'",
        ),
        (None, "follow_up.country (Holiday country): there is no public-holiday calendar for 'ON'"),
    ],
    ids=["refused-before-too", "province-as-country"],
)
def test_the_startup_check_reports_a_broken_draft_and_exits_without_waiting(tmp_path, content, said):
    """It used to open the window and wait for ever on the message box saying why."""
    path, _field = _write(tmp_path, "province-as-country")
    if content is not None:
        path.write_text(content, encoding="utf-8")
    home = tmp_path / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
    }
    done = subprocess.run(
        [sys.executable, "-c", AMENDS, "--startup-check", path],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"amends: {path}: {said}") and done.stderr.count("\n") == 1
