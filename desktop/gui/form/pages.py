"""Steps whose inputs depend on each other (compensation by its kind, follow-up by its mode),
or that say under a choice what it does to the letter (the category, the locale)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.fields import NOT_SET, category_label, get_value
from desktop.core.form_steps import (
    FieldNote,
    Step,
    amount_preview,
    category_preview,
    follow_up_preview,
    locale_preview,
)
from desktop.core.model import CompensationKind, FollowUpMode, LetterType
from desktop.gui.form.choice_box import ChoiceOrOwn
from desktop.gui.form.step_page import StepPage

_PROBLEM_MARK = "⚠ "
_UPDATE_NEEDED = "This letter promises an update: choose a date or a number of business days."


def show_note(label: QLabel, note: FieldNote) -> None:
    text = f"{_PROBLEM_MARK}{note.text}" if note.problem else note.text
    if text != label.text():  # runs on every keystroke in the step: leave the label alone if it can be
        label.setText(text)
        label.setVisible(bool(text))


class IncidentPage(StepPage):
    """Says when a category is one the checker does not know, so a typo is seen, not silent."""

    def __init__(self, step: Step, parent: QWidget | None = None):
        super().__init__(step, parent)
        self._categories: tuple[str, ...] | None = None  # None: the built-in rules' own
        self._category_note = self.add_note("incident.category", "What the category does")

    def set_categories(self, categories: Iterable[str]) -> None:
        """The categories of the checker in use, when team rules change the built-in list."""
        self._categories = tuple(sorted({c.strip().lower() for c in categories if c.strip()}))
        control = self.control_for("incident.category")
        assert isinstance(control, ChoiceOrOwn)
        control.set_choices([("", NOT_SET), *((c, category_label(c)) for c in self._categories)])
        draft = self.draft()
        if draft is not None:
            self.set_draft(draft)

    def _refresh(self) -> None:
        draft = self.draft()
        if draft is not None:
            show_note(self._category_note, category_preview(draft, self._categories))


class SenderPage(StepPage):
    """Shows what the letter's locale writes: its dates, amounts, spelling and paper."""

    def __init__(self, step: Step, parent: QWidget | None = None):
        super().__init__(step, parent)
        self._locale_note = self.add_note("locale", "What the language and region write")

    def locale_note(self) -> str:
        return self._locale_note.text()

    def _refresh(self) -> None:
        draft = self.draft()
        if draft is not None:
            show_note(self._locale_note, locale_preview(draft))


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


class LawPage(StepPage):
    """Shows only what the chosen letter type is checked by: nothing for an ordinary apology,
    the discovery date for a breach notice, the complaint for a final response."""

    _FIELDS_BY_TYPE: ClassVar[dict[LetterType, tuple[str, ...]]] = {
        LetterType.APOLOGY: (),
        LetterType.BREACH_NOTICE: ("jurisdiction", "incident.discovered_on"),
        LetterType.FINAL_RESPONSE: ("jurisdiction", "complaint.received_on", "complaint.outcome"),
    }

    def _refresh(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        shown = self._FIELDS_BY_TYPE[draft.letter_type]
        for path in (spec.path for spec in self.step.fields if spec.path != "letter_type"):
            self.set_field_visible(path, path in shown or bool(get_value(draft, path)))


def page_for(step: Step) -> StepPage:
    pages: dict[str, type[StepPage]] = {
        "incident": IncidentPage,
        "compensation": CompensationPage,
        "follow_up": FollowUpPage,
        "sender": SenderPage,
        "law": LawPage,
    }
    return pages.get(step.id, StepPage)(step)
