"""An exclusive lock a running Amends holds on a small file for as long as it runs, so that
another Amends can tell a live owner from a leftover.

A process id cannot tell them apart: after a reboot, or while a dead process waits to be
reaped, the same number belongs to some other live process. The operating system drops
this lock when its holder ends, however it ends (a kill, a crash, a power cut), so a lock
that can be taken means nobody is using what it guards.

The lock is per open file, not per process (flock on POSIX, a locked byte on Windows), so
two windows of one process see each other's locks too.
"""

from __future__ import annotations

import errno
import os
import sys
import time
import weakref
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only (mypy reads this test)
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


ACQUIRE_SECONDS = 2.0
"""How long taking a new lock may wait: only for another Amends that is checking it at
that instant (a check holds it for microseconds). Lock files are never shared, so a lock
still busy after this is not worth waiting for."""


class LockBusy(OSError):
    """Someone else holds the lock."""


class HeldLock:
    """Holds the lock on `path` (created if missing) until `release`, or until this object
    is collected or the process ends."""

    def __init__(self, path: Path):
        self.path = path
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + ACQUIRE_SECONDS
            while not _try_lock(fd):
                if time.monotonic() > deadline:
                    raise LockBusy(errno.EBUSY, "held by another running Amends", str(path))
                time.sleep(0.01)
        except BaseException:
            os.close(fd)
            raise
        self._finalizer = weakref.finalize(self, os.close, fd)

    def release(self) -> None:
        """Closing the file drops the lock; releasing twice is harmless."""
        self._finalizer()


def is_held(path: Path) -> bool:
    """Whether a running Amends holds the lock on `path`; False when the file is missing.

    Raises OSError when it cannot tell (the file cannot be opened): each caller chooses the
    safe answer for what it is about to do.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        if not _try_lock(fd):
            return True
        _unlock(fd)
        return False
    finally:
        os.close(fd)
