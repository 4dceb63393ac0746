"""What the writer does with the checker's findings: go to one, fix it, accept or ignore it,
and put merge fields where the cursor is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from desktop.core.checker.choices import live_acceptances
from desktop.core.checker.findings import Finding
from desktop.core.compose import Composed
from desktop.gui.checking import apply_fix
from desktop.gui.draft_session import DraftSession
from desktop.gui.form import FormPanel
from desktop.gui.letter_updater import LetterUpdater


class FindingActions(QObject):
    def __init__(
        self,
        form: FormPanel,
        session: DraftSession,
        updater: LetterUpdater,
        show_form: Callable[[], None],
        status: Callable[[str, int], None],
    ):
        super().__init__(form)
        self._form = form
        self._session = session
        self._updater = updater
        self._show_form = show_form
        self._status = status

    def go_to(self, finding: Finding) -> None:
        self._show_form()
        self._form.focus_field(finding.field, finding.start, finding.end)

    def go_to_first_blocking(self, composed: Composed) -> None:
        located = [f for f in composed.blocking if self._form.editor_for(f.field) is not None]
        self.go_to(located[0] if located else composed.blocking[0])

    def fix(self, finding: Finding) -> bool:
        editor = self._form.editor_for(finding.field)
        if editor is None or not apply_fix(editor, finding):
            self._status("That fix no longer fits the text; edit it by hand", 4000)
            return False
        self._updater.update_now()
        return True

    def next(self) -> None:
        located = [f for f in self._updater.findings if self._form.editor_for(f.field) is not None]
        if located:
            self.go_to(located[0])

    def accept(self, finding: Finding, reason: str) -> None:
        self._session.accept_finding(finding.acceptance_key, reason)
        self._updater.update_now()

    def withdraw(self, finding: Finding) -> None:
        self._session.withdraw_acceptance(finding.accepted_by or finding.acceptance_key)
        self._updater.update_now()

    def keep_live_acceptances(self) -> None:
        """Before a save: acceptances whose words or sentence have gone are dropped, so the
        file keeps only reasons for what the letter still says."""
        self._updater.update_now()
        draft = self._session.draft
        draft.accepted_findings = live_acceptances(self._updater.findings, draft.accepted_findings)

    def ignore(self, finding: Finding) -> None:
        self._session.ignore_finding(finding.key)
        self._updater.update_now()

    def fill_insert_field_menu(self, menu: QMenu) -> None:
        """{{ column }} into the prose field the writer is in; each recipient gets their value."""
        menu.clear()
        target = self._form.insert_field_target()
        for name in self._form.merge_names():
            action = menu.addAction(name, lambda _checked=False, n=name: self._insert(n))
            action.setEnabled(target is not None)
        if target is None:
            menu.addAction("Click in a text field of the form first").setEnabled(False)

    def _insert(self, name: str) -> None:
        target = self._form.insert_field_target()
        if target is not None:
            target.insert_merge_field(name)
