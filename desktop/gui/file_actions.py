"""File ▸ New, Open, Open Recent, Examples, Save and Save As: the open draft's file.

Every path through here asks before an unsaved draft is replaced, and a draft that cannot
be read leaves the open one as it was, with the reason shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMenu, QWidget

from desktop.core.draft_file import SUFFIX, DraftFormatError, load_draft
from desktop.core.model import Draft
from desktop.gui import dialogs
from desktop.gui.draft_session import DraftSession
from desktop.gui.folders import LastFolders

MAX_RECENT = 8
DRAFT_FILTER = f"Amends drafts (*{SUFFIX})"


class FileActions(QObject):
    def __init__(
        self,
        window: QWidget,
        session: DraftSession,
        settings: QSettings,
        folders: LastFolders,
        new_draft: Callable[[], Draft],
        status: Callable[[str, int], None],
    ):
        super().__init__(window)
        self._window = window
        self._session = session
        self._settings = settings
        self._folders = folders
        self.new_draft_factory = new_draft
        """A blank draft with the sender, sign-off and template from settings; replaced when
        the settings change."""
        self._status = status
        self.recent_menu: QMenu | None = None
        self.fit: Callable[[Draft], None] = lambda _draft: None
        """Makes a new draft's template fit its kind: set by the window, which knows the templates."""
        self.before_save: Callable[[], None] = lambda: None
        """Tidies the draft before it is written (stale acceptances): set by the window."""
        self.saved: list[Callable[[], None]] = []
        """Called after each successful save (the window drops its recovery copy)."""

    def new_draft(self) -> bool:
        if not self.settle_unsaved():
            return False
        draft = self.new_draft_factory()
        draft.kind = self._session.draft.kind
        self.fit(draft)
        self._session.new(draft)
        return True

    def open_dialog(self) -> bool:
        start = self._session.path.parent if self._session.path else self._folders.start("drafts")
        path = dialogs.ask_open_path(self._window, "Open draft", start, DRAFT_FILTER)
        return path is not None and self.open_path(path)

    def open_path(self, path: Path, example: bool = False) -> bool:
        if not self.settle_unsaved():
            return False
        try:
            self._session.open(path, example=example)
        except DraftFormatError as exc:
            dialogs.show_error(self._window, "Cannot open the draft", str(exc))
            return False
        if not example:
            self._folders.remember("drafts", path)
            self._remember_recent(path)
        return True

    def save(self) -> bool:
        if self._session.needs_save_as():
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        start = self._session.path.parent if self._session.path and not self._session.from_example else None
        folder = start or self._folders.start("drafts")
        path = dialogs.ask_save_path(
            self._window, "Save draft", folder / f"{self._session.name}{SUFFIX}", DRAFT_FILTER
        )
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path | None) -> bool:
        self.before_save()
        try:
            saved = self._session.save(path)
        except OSError as exc:
            dialogs.show_error(self._window, "The draft was not saved", os_message(exc))
            return False
        self._folders.remember("drafts", saved)
        for callback in self.saved:
            callback()
        self._remember_recent(saved)
        return True

    def settle_unsaved(self) -> bool:
        """True when it is fine to replace or close the open draft."""
        if not self._session.dirty:
            return True
        choice = dialogs.ask_unsaved_changes(self._window, self._session.name)
        if choice is dialogs.UnsavedChoice.SAVE:
            return self.save()
        return choice is dialogs.UnsavedChoice.DISCARD

    # Recent files and examples

    def fill_recent_menu(self, menu: QMenu | None = None) -> None:
        self.recent_menu = menu or self.recent_menu
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        for name in self._recent():
            action = self.recent_menu.addAction(Path(name).name, _opener(self.open_path, Path(name), False))
            action.setToolTip(name)
        self.recent_menu.setEnabled(bool(self._recent()))

    def fill_examples_menu(self, menu: QMenu, folder: Path) -> None:
        for title, path in examples(folder):
            menu.addAction(title, _opener(self.open_path, path, True))

    def _remember_recent(self, path: Path) -> None:
        recent = [p for p in self._recent() if Path(p) != path]
        recent.insert(0, str(path))
        self._settings.setValue("recent_files", recent[:MAX_RECENT])
        self.fill_recent_menu()

    def _recent(self) -> list[str]:
        value = self._settings.value("recent_files", [])
        return [value] if isinstance(value, str) else list(value or [])


def examples(folder: Path) -> list[tuple[str, Path]]:
    """(the draft's own title, its file) for each built-in example, sorted by title."""
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            title = load_draft(path).title.strip()
        except DraftFormatError:
            continue  # a broken example is left out of the menu rather than breaking the window
        found.append((title or path.stem.replace("-", " ").capitalize(), path))
    return sorted(found)


def _opener(open_path: Callable[..., bool], path: Path, example: bool) -> Callable[[], None]:
    """A slot for a menu entry. triggered(bool) would land in a defaulted lambda argument
    (it once replaced the path with False), so the path is bound by closure."""

    def open_it(_checked: bool = False) -> None:
        open_path(path, example)

    return open_it


def os_message(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}. The letter is still open; nothing was lost."
