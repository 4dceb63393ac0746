"""The .bak of a draft is written as the draft is: a failure mid-copy leaves the previous
backup whole. A plain copy truncated it first, so a full disk or a kill during the copy
left a 0-byte backup, and the previous version of the letter was gone with it."""

from __future__ import annotations

import errno
import os
import shutil

from desktop.core.draft_file import load_draft, save_draft


def _disk_fills_after(limit: int):
    """copyfileobj (and os.sendfile, which a plain copy uses on Linux) writing `limit` bytes
    of the file, then failing as a full disk does."""

    def copyfileobj(source, target, length=0):
        target.write(source.read(limit))
        target.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def sendfile(_out, _in, _offset, _count):
        raise OSError(errno.ENOSPC, "No space left on device")

    return copyfileobj, sendfile


def test_a_failure_mid_copy_leaves_the_previous_backup_whole(draft, tmp_path, monkeypatch):
    path = tmp_path / "letter.amends"
    backup = tmp_path / "letter.amends.bak"
    save_draft(draft, path)
    draft.cause = "The second version."
    save_draft(draft, path, keep_backup=True)  # the .bak now holds the first version
    before = backup.read_bytes()
    assert len(before) > 100

    copyfileobj, sendfile = _disk_fills_after(10)
    monkeypatch.setattr(shutil, "copyfileobj", copyfileobj)
    monkeypatch.setattr(os, "sendfile", sendfile, raising=False)
    draft.cause = "The third version."
    try:
        save_draft(draft, path, keep_backup=True)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    else:
        raise AssertionError("the failing copy did not fail")

    assert backup.read_bytes() == before
    assert load_draft(path).cause == "The second version."  # the draft itself was not touched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.amends", "letter.amends.bak"]


def test_the_backup_holds_the_version_saved_over(draft, tmp_path):
    path = tmp_path / "letter.amends"
    save_draft(draft, path)
    first = path.read_bytes()
    os.chmod(path, 0o640)
    draft.cause = "changed"
    save_draft(draft, path, keep_backup=True)
    backup = tmp_path / "letter.amends.bak"
    assert backup.read_bytes() == first
    assert os.stat(backup).st_mode & 0o777 == 0o640  # as the copy kept it: the file's own mode
    assert load_draft(path).cause == "changed"
