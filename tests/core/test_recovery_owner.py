"""A recovery copy is hidden only while the session that wrote it still runs, which its lock
says: the process id it recorded may belong to any live process after a reboot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.core.recovery import LOCK_SUFFIX, SUFFIX, RecoveryStore

REPO = Path(__file__).resolve().parents[2]

RUNNING_SESSION = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from desktop.core.model import Draft
    from desktop.core.recovery import RecoveryStore

    store = RecoveryStore(Path(sys.argv[1]), "running")
    store.claim()
    store.save(Draft(title="Still being typed"), None)
    print("editing", flush=True)
    sys.stdin.read()  # until the test closes it
    """
)


@pytest.fixture
def live_stranger():
    """A live process that has nothing to do with Amends: a reused process id."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    yield child.pid
    child.stdin.close()
    child.wait(timeout=30)


@pytest.fixture
def running_session(tmp_path):
    """Another Amends, in its own process, editing a draft and holding its session's lock."""
    child = subprocess.Popen(
        [sys.executable, "-c", RUNNING_SESSION, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert child.stdout.readline().strip() == "editing"
        yield child
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdin.close()
        child.stdout.close()


def left_by(folder: Path, session: str, pid: int, draft) -> None:
    """A copy as a session that was killed leaves it: its record names a pid, no lock is held."""
    RecoveryStore(folder, session).save(draft, None)
    path = folder / f"{session}{SUFFIX}"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["pid"] = pid
    path.write_text(json.dumps(record), encoding="utf-8")


def test_a_copy_whose_pid_now_belongs_to_a_live_process_is_offered(draft, tmp_path, live_stranger):
    left_by(tmp_path, "before-the-reboot", live_stranger, draft)
    (entry,) = RecoveryStore(tmp_path, "after-the-reboot").leftovers()
    assert entry.session == "before-the-reboot" and entry.title == draft.title


def test_a_copy_carrying_this_process_id_is_offered_when_its_lock_is_free(draft, tmp_path):
    left_by(tmp_path, "earlier", os.getpid(), draft)
    (tmp_path / f"earlier{LOCK_SUFFIX}").touch()  # its lock file survived; nobody holds it
    store = RecoveryStore(tmp_path, "now")
    store.claim()
    assert [entry.session for entry in store.leftovers()] == ["earlier"]


def test_the_copy_of_a_session_running_in_another_process_is_not_offered(tmp_path, running_session):
    store = RecoveryStore(tmp_path, "me")
    store.claim()
    assert store.leftovers() == []
    running_session.kill()  # the power goes: the system drops its lock
    running_session.wait(timeout=30)
    (entry,) = store.leftovers()
    assert entry.session == "running" and entry.title == "Still being typed"


def test_another_window_of_this_process_keeps_its_copy_until_it_ends(draft, tmp_path):
    first = RecoveryStore(tmp_path, "first-window")
    first.claim()
    first.save(draft, None)
    second = RecoveryStore(tmp_path, "second-window")
    second.claim()
    assert second.leftovers() == []
    first.release()
    assert [entry.session for entry in second.leftovers()] == ["first-window"]


def test_lock_files_of_ended_sessions_are_cleared_but_not_those_still_needed(draft, tmp_path):
    running = RecoveryStore(tmp_path, "running")
    running.claim()
    ended = tmp_path / f"ended{LOCK_SUFFIX}"
    ended.touch()
    with_copy = tmp_path / f"crashed{LOCK_SUFFIX}"
    with_copy.touch()
    RecoveryStore(tmp_path, "crashed").save(draft, None)
    for path in (ended, with_copy, tmp_path / f"running{LOCK_SUFFIX}"):
        os.utime(path, (0, 0))
    RecoveryStore(tmp_path, "new").claim()
    assert not ended.exists(), "a session that ended with nothing to recover leaves nothing"
    assert with_copy.exists() and (tmp_path / f"running{LOCK_SUFFIX}").exists()
    RecoveryStore(tmp_path, "new").discard("crashed")
    assert not with_copy.exists(), "discarding a copy takes its session's lock file with it"


def test_a_file_in_place_of_the_folder_is_reported_at_claim(tmp_path):
    folder = tmp_path / "recovery"
    folder.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError):
        RecoveryStore(folder, "me").claim()
    assert RecoveryStore(folder, "me").leftovers() == []  # and listing it never crashes
