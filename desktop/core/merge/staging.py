"""Where a merge run keeps what it writes until it completes, and how the next run clears
what a killed run left.

Each run makes one hidden folder, `.amends-partial-…`, in the folder its output goes to,
and holds a lock on a marker file inside it (run_lock) for as long as it runs. Every file
the run writes (letters, the print file, the CSV, the manifest) is made there and moved
into place only when the run completes. A cancel or a failure removes the folder; a kill
or a power cut cannot, so the next run into the same folder removes every such folder whose
lock nobody holds, and says what it removed.

Runs of Amends before the marker left `.amends-partial-…` folders without one, and temporary
`.<output name>.<random>.part` files beside the output. Nothing can say whether their run
still goes, except that a running merge writes every few milliseconds: such debris is
removed only once nothing in it has changed for LEGACY_QUIET_SECONDS.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.core.run_lock import HeldLock, is_held

PREFIX = ".amends-partial-"
MARKER = ".amends-run.lock"
LEGACY_QUIET_SECONDS = 3600
_RANDOM = r"[a-z0-9_]{8}"  # what tempfile adds to a name
_LEGACY_STAGING = re.compile(re.escape(PREFIX) + _RANDOM + r"\Z")
_LEGACY_MANIFEST_PART = re.compile(r"\..*manifest-\d{8}-\d{6}(-\d+)?\.csv\." + _RANDOM + r"\.part\Z")
"""atomic_write's temporary name for a manifest (manifest.manifest_path), whatever its stamp."""


class RunStaging:
    """The hidden folder of one running merge; `close` removes it and whatever is left in it."""

    def __init__(self, folder: Path):
        self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=folder))
        try:
            self._lock = HeldLock(self.path / MARKER)
        except BaseException:
            shutil.rmtree(self.path, ignore_errors=True)
            raise

    def file(self, name: str) -> Path:
        """Where to write a file that becomes `name` beside the output."""
        return self.path / name

    def folder(self, name: str) -> Path:
        path = self.path / name
        path.mkdir()
        return path

    def close(self) -> None:
        self._lock.release()
        shutil.rmtree(self.path, ignore_errors=True)


@dataclass(frozen=True)
class Debris:
    """Something an interrupted earlier run left behind, now removed."""

    path: Path
    files: int
    size: int

    def __str__(self) -> str:
        what = f"{self.files:,} file{'s' if self.files != 1 else ''}, " if self.path.suffix != ".part" else ""
        return f"{self.path.name} ({what}{_size(self.size)})"


def clear_interrupted(folder: Path, output_name: str | None = None) -> tuple[list[Debris], list[str]]:
    """Remove what killed runs left in `folder`: (what was removed, what could not be and why).

    `output_name` is the file the run about to start writes (None for a folder of files):
    a legacy `.part` file counts as debris only when it carries that name or a manifest's.
    Nothing else in the folder is touched.
    """
    legacy_parts = [_LEGACY_MANIFEST_PART]
    if output_name:
        legacy_parts.append(re.compile(r"\." + re.escape(output_name) + r"\." + _RANDOM + r"\.part\Z"))
    removed: list[Debris] = []
    failed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed, failed
    for entry in entries:
        try:
            if not _is_debris(entry, legacy_parts):
                continue
            debris = _measure(Path(entry.path))
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except FileNotFoundError:
            continue  # gone meanwhile: its own run finished, or another run cleared it
        except OSError as exc:
            failed.append(f"{entry.name}: {exc.strerror or exc}")
            continue
        removed.append(debris)
    return removed, failed


def describe(removed: list[Debris]) -> str:
    """For the user: what was cleared, where, and why it was there."""
    folders = sorted({str(debris.path.parent) for debris in removed})
    listed = ", ".join(str(debris) for debris in removed)
    return f"removed what an interrupted earlier run left in {', '.join(folders)}: {listed}"


def _is_debris(entry: os.DirEntry[str], legacy_parts: list[re.Pattern[str]]) -> bool:
    if entry.is_symlink():
        return False
    if entry.is_dir() and entry.name.startswith(PREFIX):
        marker = Path(entry.path) / MARKER
        if marker.exists():
            try:
                return not is_held(marker)
            except OSError:
                return False  # cannot tell whether its run still goes: keep it
        return bool(_LEGACY_STAGING.match(entry.name)) and _quiet(Path(entry.path))
    if entry.is_file() and any(pattern.match(entry.name) for pattern in legacy_parts):
        return _quiet(Path(entry.path))
    return False


def _quiet(path: Path) -> bool:
    """Nothing in it changed for LEGACY_QUIET_SECONDS: no run is writing it."""
    newest = path.stat().st_mtime
    if path.is_dir():
        with os.scandir(path) as inside:
            for entry in inside:
                with contextlib.suppress(OSError):
                    newest = max(newest, entry.stat(follow_symlinks=False).st_mtime)
    return time.time() - newest > LEGACY_QUIET_SECONDS


def _measure(path: Path) -> Debris:
    if not path.is_dir():
        return Debris(path, 1, path.stat().st_size)
    files = size = 0
    for root, _dirs, names in os.walk(path):
        for name in names:
            if name == MARKER:
                continue
            with contextlib.suppress(OSError):
                size += os.lstat(os.path.join(root, name)).st_size
                files += 1
    return Debris(path, files, size)


def _size(size: int) -> str:
    if size < 1000:
        return f"{size:,} bytes"
    scaled = size / 1000
    for unit in ("KB", "MB"):
        if scaled < 1000:
            return f"{scaled:,.1f} {unit}"
        scaled /= 1000
    return f"{scaled:,.1f} GB"
