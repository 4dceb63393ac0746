"""Writing files so that a crash, a full disk or a cancel leaves the old file or the new one,
never half of the new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def _process_umask() -> int:
    """Read once, at import, while nothing else runs: os.umask can only be read by setting it."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _process_umask()
FILE_MODE = 0o666 & ~_UMASK
"""What open() would give a new file: 0644 under the usual umask 022. A temporary file is
created 0600, and colleagues on a shared drive could not open a letter that kept it."""


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], binary: bool = True) -> Iterator[IO[Any]]:
    """Yield a temporary file beside `path`; it replaces `path` only if the block completes,
    with the permissions any new file of the user's would have."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        handle: IO[Any] = (
            os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        )
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, FILE_MODE)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def write_bytes(data: bytes, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """`data` to a path, whole or not at all, or to an open binary stream as it is: what every
    one-letter writer (DOCX, PDF) offers its callers."""
    if isinstance(target, (str, os.PathLike)):
        with atomic_write(target) as handle:
            handle.write(data)
    else:
        target.write(data)
