"""The open draft: what it is, where it lives on disk, and whether it has unsaved changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.draft_file import SUFFIX, load_draft, save_draft
from desktop.core.model import Draft


class DraftSession(QObject):
    """One draft and its file. Loading and saving go through the core's draft_file, so the
    app and the command line read and write the same format."""

    replaced = Signal()
    """A different draft is now open (new, opened, example)."""
    dirty_changed = Signal(bool)
    path_changed = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.draft = Draft()
        self.path: Path | None = None
        self.from_example = False
        """An example opened from the menu: saving asks for a new place instead of overwriting it."""
        self._dirty = False

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def name(self) -> str:
        """What the window title and prompts call the draft."""
        if self.draft.title.strip():
            return self.draft.title.strip()
        return self.path.stem if self.path else "Untitled letter"

    def new(self, draft: Draft | None = None) -> None:
        """A new draft: blank, or prefilled from the user's settings and team profile."""
        self.draft = draft or Draft()
        self._replace(None, example=False)

    def open(self, path: Path, example: bool = False) -> None:
        """Raises DraftFormatError with the field named; the open draft stays as it was."""
        draft = load_draft(path)
        self.draft = draft
        self._replace(path, example)

    def restore(self, draft: Draft, origin: Path | None) -> None:
        """A draft recovered after a crash: back at its own file, and unsaved until saved."""
        self.draft = draft
        self._replace(origin, example=False)
        self._set_dirty(True)

    def save(self, path: Path | None = None) -> Path:
        """Raises OSError (read-only folder, full disk); the draft stays open and unsaved."""
        target = path or self.path
        if target is None:
            raise ValueError("no file name yet: use save(path)")
        if target.suffix != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        save_draft(self.draft, target, keep_backup=True)
        self.from_example = False
        if target != self.path:
            self.path = target
            self.path_changed.emit(target)
        self._set_dirty(False)
        return target

    def mark_edited(self) -> None:
        self._set_dirty(True)

    def needs_save_as(self) -> bool:
        return self.path is None or self.from_example

    def _replace(self, path: Path | None, example: bool) -> None:
        self.path = path
        self.from_example = example
        self._dirty = False
        self.replaced.emit()
        self.path_changed.emit(path)
        self.dirty_changed.emit(False)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
