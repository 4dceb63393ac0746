"""Where file dialogs start: where the user last went for that kind of file, else a folder
of their own.

A new user's first export lands in an "Amends" folder in their Documents, not beside a
built-in example inside the program's folder (read-only once installed), nor in the bare
home folder. After that each kind of file (drafts, letters, e-mail drafts, notice runs,
recipient lists) starts where the user last saved or opened one of its kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings


class LastFolders:
    def __init__(self, settings: QSettings, default: Path):
        """`default`: the folder for a kind the user has not used yet (Documents/Amends)."""
        self._settings = settings
        self._default = default

    def start(self, kind: str) -> Path:
        """The folder a dialog for this kind of file opens in; the default is made on first use."""
        remembered = self._settings.value(f"folders/{kind}", "")
        if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
            return Path(remembered)
        try:
            self._default.mkdir(parents=True, exist_ok=True)
        except OSError:
            return Path.home()
        return self._default

    def remember(self, kind: str, chosen: Path) -> None:
        """`chosen` is the file (or folder) the user picked; its folder is kept for next time."""
        folder = chosen if chosen.is_dir() else chosen.parent
        self._settings.setValue(f"folders/{kind}", str(folder))


@dataclass(frozen=True)
class AppFolders:
    """The folders the window reads and writes, found once where the app starts (app.py)
    and handed in, so a test or a second profile can point them anywhere."""

    examples: Path
    documents: Path
    """Where exports go until the user picks a folder of their own: Documents/Amends."""
    user: Path
    """Settings, own templates and rules, history."""
    site_settings: Path | None = None
    """This computer's settings file, which IT writes; None when a test passes its own user folder."""
