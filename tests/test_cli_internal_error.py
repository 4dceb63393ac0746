"""A bug in Amends is not a verdict on the letter: `amends` exits 70 (EX_SOFTWARE), not the 1
of a blocking finding, and says in one line where the traceback was written."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from desktop import paths
from desktop.cli import main
from desktop.crash_report import EXIT_INTERNAL, reports_dir

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"


def _broken(*_args, **_kwargs):
    raise RuntimeError("a bug nobody planned for")


@pytest.fixture
def log_home(tmp_path, monkeypatch) -> Path:
    """The user's log folder, inside the test's own."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert tmp_path in reports_dir().parents
    return tmp_path


@pytest.mark.parametrize(
    ("argv", "target"),
    [
        (["render", str(RRSP), "--to", "txt", "-o", "-"], "desktop.cli.load_draft"),
        (["check", "--no-settings", str(RRSP)], "desktop.check_command.load_draft"),
        (["templates", "--no-settings"], "desktop.cli.catalogue"),
    ],
    ids=["render", "check", "templates"],
)
def test_an_unexpected_exception_exits_70_and_says_where_its_report_is(
    log_home, monkeypatch, capsys, argv, target
):
    monkeypatch.setattr(target, _broken)

    assert main(argv) == EXIT_INTERNAL == 70

    out, err = capsys.readouterr()
    assert out == ""
    found = re.fullmatch(r"amends: internal error \(RuntimeError\); a report was written to (.+)\n", err)
    assert found, err
    report = Path(found[1])
    assert report.parent == reports_dir()
    text = report.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: a bug nobody planned for" in text
    assert f"Command: amends {' '.join(argv)}" in text
    assert stat.S_IMODE(report.stat().st_mode) == 0o600  # a traceback may quote the letter


def test_without_a_log_folder_the_traceback_goes_to_stderr_and_the_status_stays_70(
    tmp_path, monkeypatch, capsys
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr("desktop.cli.load_draft", _broken)

    assert main(["render", str(RRSP), "--to", "txt", "-o", "-"]) == 70

    err = capsys.readouterr().err
    assert "RuntimeError: a bug nobody planned for" in err
    last = err.splitlines()[-1]
    assert last.startswith("amends: internal error (RuntimeError); the report above could not be saved")


def test_a_users_mistake_is_still_2_and_a_blocking_finding_still_1(tmp_path, capsys):
    assert main(["render", str(tmp_path / "nowhere.amends"), "--to", "txt", "-o", "-"]) == 2
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Ms Kay,\n\nWe are sorry if you were inconvenienced.\n", encoding="utf-8")
    assert main(["check", "--no-settings", str(letter)]) == 1
