"""`amends --startup-check`, which installers and IT run to prove a fresh install starts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from desktop import __version__, paths

AMENDS = "import sys; from desktop.cli import main; sys.exit(main())"


def run_check(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),  # the user's settings and data folders land here, not in the real ones
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
    }
    return subprocess.run(
        [sys.executable, "-c", AMENDS, "--startup-check", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )


def test_the_window_opens_on_a_draft_reports_and_quits(tmp_path):
    done = run_check(tmp_path, str(paths.examples_dir() / "rrsp-withdrawal.amends"))
    assert done.returncode == 0, done.stderr
    report = re.fullmatch(
        rf"Amends {re.escape(__version__)}: window ready (\d+) ms after Qt started; "
        r"the preview shows (\d+) words\n",
        done.stdout,
    )
    assert report, done.stdout
    assert int(report[2]) > 250  # the whole RRSP letter, not an empty page


def test_a_new_letter_is_enough_to_start(tmp_path):
    done = run_check(tmp_path)
    assert done.returncode == 0, done.stderr
    assert ": window ready " in done.stdout


def test_a_missing_draft_is_named_and_nothing_opens(tmp_path):
    done = run_check(tmp_path, "nowhere.amends")
    assert done.returncode == 2
    assert done.stderr == "amends: nowhere.amends: no such draft file\n"
    assert done.stdout == ""
