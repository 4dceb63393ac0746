"""Recovery copies of drafts being edited, so a crash or a power cut loses at most a few
seconds of typing.

Each open window writes its draft to its own file in the recovery folder, atomically, a
moment after every change, and removes it when the draft is saved or closed on purpose.
Files still there at the next start belong to a session that ended without that: those
are the drafts to offer back. A session that is still running holds a lock on its own lock
file (run_lock) for as long as it runs; its copy is never offered to another window. The
process id recorded in a copy cannot say that: after a reboot the same number may belong
to any live process, and the draft would stay hidden for good.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.core.atomic import atomic_write
from desktop.core.draft_file import DraftFormatError, draft_from_json, draft_to_json
from desktop.core.model import Draft
from desktop.core.run_lock import HeldLock, is_held

SUFFIX = ".amends-recovery"
LOCK_SUFFIX = ".amends-lock"
STALE_LOCK_SECONDS = 60
"""A lock file nobody holds and no copy goes with is removed at the next start once it is
this old: younger, it may belong to a session that has made it but not yet locked it."""


@dataclass(frozen=True)
class RecoverableDraft:
    session: str
    title: str
    changed_at: dt.datetime
    origin: Path | None
    """The draft's own file, when it had one; restoring offers to save back there."""
    path: Path


class RecoveryStore:
    def __init__(self, folder: Path, session: str):
        self.folder = folder
        self.session = session
        """This window's id: its own file is never offered back to it."""
        self._lock: HeldLock | None = None

    def claim(self) -> None:
        """Mark this session as running for as long as the store lives, so no other window
        offers its copy back, and check the folder can be used at all.

        Raises OSError when the folder cannot be made, listed or written to (a file in its
        place, no permission): then no copy can be kept and none left can be offered.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        with os.scandir(self.folder):
            pass  # listing it is how leftovers are found
        if self._lock is None:
            self._lock = HeldLock(self._lock_path(self.session))
        self._remove_stale_locks()

    def release(self) -> None:
        """This session ends: its lock goes, and with it the lock file."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None
            with contextlib.suppress(OSError):
                self._lock_path(self.session).unlink(missing_ok=True)

    def save(self, draft: Draft, origin: Path | None) -> None:
        """Raises OSError (full disk, read-only folder); the caller warns and keeps going."""
        self.folder.mkdir(parents=True, exist_ok=True)
        record = {
            "session": self.session,
            "pid": os.getpid(),
            "changed_at": dt.datetime.now(dt.UTC).isoformat(),
            "origin": str(origin) if origin else None,
            "draft": json.loads(draft_to_json(draft)),
        }
        with atomic_write(self._path(self.session), binary=False) as handle:
            json.dump(record, handle, ensure_ascii=False)

    def discard(self, session: str | None = None) -> None:
        session = session or self.session
        self._path(session).unlink(missing_ok=True)
        if session != self.session:  # an ended session's: its lock file has no more use
            with contextlib.suppress(OSError):
                self._lock_path(session).unlink(missing_ok=True)

    def leftovers(self) -> list[RecoverableDraft]:
        """Drafts of sessions that ended without saving or closing them, newest first.

        A file that cannot be read is still listed (with its file name as title), so the
        user decides about it: it is never deleted behind their back.
        """
        found = []
        for path in self.folder.glob(f"*{SUFFIX}") if self.folder.is_dir() else ():
            session = path.name.removesuffix(SUFFIX)
            if session == self.session:
                continue
            try:
                if self._still_running(session):
                    continue  # another window of a running Amends is editing it
                record = json.loads(path.read_text(encoding="utf-8"))
                title = record["draft"].get("title") or record["draft"].get("incident", {}).get("summary", "")
                changed = dt.datetime.fromisoformat(record["changed_at"])
                origin = Path(record["origin"]) if record.get("origin") else None
            except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
                title, origin = f"{path.name} (cannot be read)", None
                changed = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            found.append(RecoverableDraft(session, title or "Untitled letter", changed, origin, path))
        return sorted(found, key=lambda entry: entry.changed_at, reverse=True)

    def load(self, entry: RecoverableDraft) -> Draft:
        """Raises DraftFormatError, naming the file, when the copy cannot be read."""
        try:
            record = json.loads(entry.path.read_text(encoding="utf-8"))
            return draft_from_json(json.dumps(record["draft"]))
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
            if isinstance(exc, DraftFormatError):
                raise exc.located(entry.path) from exc
            raise DraftFormatError(f"the recovery copy cannot be read ({exc})", path=entry.path) from exc

    def _path(self, session: str) -> Path:
        return self.folder / f"{session}{SUFFIX}"

    def _lock_path(self, session: str) -> Path:
        return self.folder / f"{session}{LOCK_SUFFIX}"

    def _still_running(self, session: str) -> bool:
        """Whether the session that wrote a copy still holds its lock. When that cannot be
        told, the copy is offered: a draft offered twice is better than one never offered."""
        try:
            return is_held(self._lock_path(session))
        except OSError:
            return False

    def _remove_stale_locks(self) -> None:
        """Lock files of sessions that ended with nothing to recover (closed, or killed with
        every draft saved): nothing else would ever remove them."""
        for lock in self.folder.glob(f"*{LOCK_SUFFIX}"):
            session = lock.name.removesuffix(LOCK_SUFFIX)
            if session == self.session or self._path(session).exists():
                continue
            with contextlib.suppress(OSError):
                if time.time() - lock.stat().st_mtime > STALE_LOCK_SECONDS and not is_held(lock):
                    lock.unlink()
