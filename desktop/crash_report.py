"""What `amends` does with a failure nobody planned for: a report on disk, one line on screen.

A script or CI job that calls `amends check` must be able to tell "the letter has an error"
(status 1) and "you gave me a bad file" (2) from "Amends itself broke" (70, EX_SOFTWARE from
sysexits.h). The traceback goes to a file in the user's log folder rather than the terminal:
it is for whoever fixes Amends, and a terminal full of it hides the one line that says where
to find it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

import platformdirs

from desktop import __version__
from desktop.build_info import build_info
from desktop.paths import APP_NAME

EXIT_INTERNAL = 70
"""EX_SOFTWARE: an internal software error, as sysexits.h numbers it."""


def reports_dir() -> Path:
    """The user's log folder: ~/.local/state/Amends/log, %LOCALAPPDATA%\\Amends\\Logs,
    ~/Library/Logs/Amends."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def report_internal_error(exc: BaseException, argv: list[str]) -> int:
    """Write the report, say where on stderr in one line, and give the exit status."""
    name = type(exc).__name__
    try:
        path = write_report(exc, argv)
    except OSError as problem:  # no log folder to write to: the traceback is all there is
        traceback.print_exception(exc, file=sys.stderr)
        print(
            f"amends: internal error ({name}); the report above could not be saved "
            f"({problem.strerror or problem})",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    print(f"amends: internal error ({name}); a report was written to {path}", file=sys.stderr)
    return EXIT_INTERNAL


def write_report(exc: BaseException, argv: list[str], folder: Path | None = None) -> Path:
    """A new file per failure, readable only by the user: a traceback may quote their letter."""
    folder = folder or reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now()
    path = folder / f"amends-error-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    lines = [
        f"Amends internal error, {now.isoformat(timespec='seconds')}",
        _about_this_copy(),
        f"Command: amends {' '.join(argv)}",
        "",
        "".join(traceback.format_exception(exc)),
    ]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write("\n".join(lines))
    return path


def _about_this_copy() -> str:
    """The version and build, as Help ▸ About shows them; the version alone if even that fails."""
    try:
        return build_info().text()
    except Exception:  # the report must be written whatever else is broken
        return f"Amends {__version__}"
