"""The open draft: what it is, where it lives on disk, and whether it has unsaved changes.

The session is the one place the window's actions change the open draft through (kind,
template, the writer's choices about findings); the form edits the fields it shows and
reports each edit here. Nothing else replaces a part of the draft behind the writer's back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.draft_file import SUFFIX, load_draft, save_draft
from desktop.core.fields import set_value
from desktop.core.model import Draft, Kind

_NAME_WORDS = 8
"""A subject or summary is cut to this many words in a draft's name."""


def _about(draft: Draft) -> str:
    words = (draft.subject.strip() or draft.incident.summary.strip()).split()
    text = " ".join(words[:_NAME_WORDS])
    return text[:1].upper() + text[1:]


class DraftSession(QObject):
    """One draft and its file. Loading and saving go through the core's draft_file, so the
    app and the command line read and write the same format."""

    replaced = Signal()
    """A different draft is now open (new, opened, example)."""
    edited = Signal()
    """The open draft changed: a field, its kind or template, or a choice about a finding."""
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
        """What the window title, prompts and suggested file names call the draft: its title,
        its file, or, for a new draft, who it is to and what about once those are filled."""
        if self.draft.title.strip():
            return self.draft.title.strip()
        if self.path:
            return self.path.stem
        about = " – ".join(part for part in (self.draft.recipient.name.strip(), _about(self.draft)) if part)
        return about or "Untitled letter"

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
        self.edited.emit()

    def set_field(self, path: str, value: object) -> None:
        """A field typed or chosen in the form ("incident.what", "questions[1].answer")."""
        set_value(self.draft, path, value)
        self.mark_edited()

    def set_kind(self, kind: Kind, template_id: str) -> None:
        """A letter becomes a notice (or back) with a template of its new kind."""
        self.draft.kind = kind
        self.draft.template = template_id
        self.mark_edited()

    def set_template(self, template_id: str) -> None:
        self.draft.template = template_id
        self.mark_edited()

    def accept_finding(self, key: str, reason: str) -> None:
        self.draft.accepted_findings[key] = reason
        self.mark_edited()

    def withdraw_acceptance(self, key: str) -> None:
        if self.draft.accepted_findings.pop(key, None) is not None:
            self.mark_edited()

    def ignore_finding(self, key: str) -> None:
        if key not in self.draft.ignored_findings:
            self.draft.ignored_findings.append(key)
            self.mark_edited()

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
