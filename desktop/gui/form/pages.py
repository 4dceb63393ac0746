"""Steps whose inputs depend on each other: compensation by its kind, follow-up by its mode."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.form_steps import FieldNote, Step, amount_preview, follow_up_preview
from desktop.core.model import CompensationKind, FollowUpMode
from desktop.gui.form.step_page import StepPage

_PROBLEM_MARK = "⚠ "
_UPDATE_NEEDED = "This letter promises an update: choose a date or a number of business days."


def show_note(label: QLabel, note: FieldNote) -> None:
    text = f"{_PROBLEM_MARK}{note.text}" if note.problem else note.text
    if text != label.text():  # runs on every keystroke in the step: leave the label alone if it can be
        label.setText(text)
        label.setVisible(bool(text))


class CompensationPage(StepPage):
    """An amount only means something for offers the letter writes a sentence about."""

    def __init__(self, step: Step, parent: QWidget | None = None):
        super().__init__(step, parent)
        self._amount_note = self.add_note("compensation.amount", "Amount as printed")

    def _refresh(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        with_amount = draft.compensation.kind not in (CompensationKind.NONE, CompensationKind.OTHER)
        for path in ("compensation.amount", "compensation.currency"):
            control = self.control_for(path)
            if control is not None and control.isEnabled() != with_amount:
                control.setEnabled(with_amount)
        show_note(self._amount_note, amount_preview(draft))


class FollowUpPage(StepPage):
    """Shows only the inputs the chosen mode uses, and the date the letter will print, as it changes."""

    _FIELDS_BY_MODE: ClassVar[dict[FollowUpMode, tuple[str, ...]]] = {
        FollowUpMode.NONE: (),
        FollowUpMode.DATE: ("follow_up.date", "follow_up.promise"),
        FollowUpMode.BUSINESS_DAYS: (
            "follow_up.business_days",
            "follow_up.country",
            "follow_up.subdivision",
            "follow_up.promise",
        ),
    }

    def __init__(self, step: Step, parent: QWidget | None = None):
        super().__init__(step, parent)
        self._date_note = self.add_note("follow_up.mode", "Follow-up date")

    def follow_up_note(self) -> str:
        return self._date_note.text()

    def _refresh(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        shown = self._FIELDS_BY_MODE[draft.follow_up.mode]
        for path in (spec.path for spec in self.step.fields if spec.path != "follow_up.mode"):
            self.set_field_visible(path, path in shown)
        note = follow_up_preview(draft)
        if draft.follow_up.mode is FollowUpMode.NONE and "follow_up" in self.required:
            note = FieldNote(_UPDATE_NEEDED, True)
        show_note(self._date_note, note)


def page_for(step: Step) -> StepPage:
    pages: dict[str, type[StepPage]] = {"compensation": CompensationPage, "follow_up": FollowUpPage}
    return pages.get(step.id, StepPage)(step)
