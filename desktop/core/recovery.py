"""Recovery copies of drafts being edited, so a crash or a power cut loses at most a few
seconds of typing.

Each open window writes its draft to its own file in the recovery folder, atomically, a
moment after every change, and removes it when the draft is saved or closed on purpose.
Files still there at the next start belong to a session that ended without that: those
are the drafts to offer back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.core.atomic import atomic_write
from desktop.core.draft_file import DraftFormatError, draft_from_json, draft_to_json
from desktop.core.model import Draft

SUFFIX = ".amends-recovery"


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
        self._path(session or self.session).unlink(missing_ok=True)

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
                record = json.loads(path.read_text(encoding="utf-8"))
                if _still_running(record.get("pid")):
                    continue  # another window of a running Amends is editing it
                title = record["draft"].get("title") or record["draft"].get("incident", {}).get("summary", "")
                changed = dt.datetime.fromisoformat(record["changed_at"])
                origin = Path(record["origin"]) if record.get("origin") else None
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                title, origin = f"{path.name} (cannot be read)", None
                changed = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            found.append(RecoverableDraft(session, title or "Untitled letter", changed, origin, path))
        return sorted(found, key=lambda entry: entry.changed_at, reverse=True)

    def load(self, entry: RecoverableDraft) -> Draft:
        """Raises DraftFormatError, naming the file, when the copy cannot be read."""
        try:
            record = json.loads(entry.path.read_text(encoding="utf-8"))
            return draft_from_json(json.dumps(record["draft"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            if isinstance(exc, DraftFormatError):
                raise DraftFormatError(str(exc), exc.field, entry.path) from exc
            raise DraftFormatError(f"the recovery copy cannot be read ({exc})", path=entry.path) from exc

    def _path(self, session: str) -> Path:
        return self.folder / f"{session}{SUFFIX}"


def _still_running(pid: object) -> bool:
    """Whether the process that wrote a recovery file is alive (POSIX; elsewhere assume not)."""
    if not isinstance(pid, int) or pid == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
