"""The follow-up step shows the date the letter will print as it changes, and explains what it cannot use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QPlainTextEdit

from desktop.core.model import FollowUpMode, Kind
from desktop.core.templates import LetterTemplate
from desktop.gui.form.choice_box import ChoiceBox
from tests.gui.form.conftest import step_marks


def date_note(panel) -> QLabel:
    return next(label for label in panel.findChildren(QLabel) if label.accessibleName() == "Follow-up date")


def in_layout(control) -> bool:
    """Shown on its step, whether or not that step is the one on screen."""
    return control.isVisibleTo(control.parentWidget().parentWidget())


def test_the_resolved_date_counts_business_days_and_the_regions_holidays(panel, rrsp):
    panel.set_draft(rrsp)
    assert date_note(panel).text() == (
        "Tuesday, November 24, 2026 — 2 business days after the letter date, skipping CA-ON holidays"
    )


def test_the_date_follows_each_change_to_the_count(qtbot, panel, rrsp):
    panel.set_draft(rrsp)
    days = panel.findChild(QAbstractSpinBox, "follow_up.business_days")
    with qtbot.waitSignal(panel.draft_edited):
        days.setValue(5)
    assert rrsp.follow_up.business_days == 5
    assert date_note(panel).text().startswith("Friday, November 27, 2026 — 5 business days")


def test_an_unknown_country_in_a_draft_is_shown_explained_and_replaced_from_the_list(qtbot, panel, rrsp):
    rrsp.follow_up.country = "XX"  # a hand-edited or older draft: the list cannot produce it
    rrsp.follow_up.subdivision = ""
    panel.set_draft(rrsp)
    country = panel.findChild(ChoiceBox, "follow_up.country")
    assert country.currentText() == "XX (not on the list)"
    assert date_note(panel).text() == (
        "⚠ No public-holiday calendar for “XX”: choose the country from the list."
    )
    assert step_marks(panel)["Follow-up"] == "•"
    with qtbot.waitSignal(panel.draft_edited):
        assert country.choose("CA")
    assert rrsp.follow_up.country == "CA"
    assert date_note(panel).text().startswith("Tuesday, November 24, 2026")
    assert step_marks(panel)["Follow-up"] == "✓"
    assert "XX (not on the list)" not in [country.itemText(row) for row in range(country.count())]


def test_the_mode_shows_only_the_inputs_it_uses(panel, rrsp):
    panel.set_draft(rrsp)
    mode = panel.findChild(QComboBox, "follow_up.mode")
    date = panel.findChild(QAbstractSpinBox, "follow_up.date")
    days = panel.findChild(QAbstractSpinBox, "follow_up.business_days")
    promise = panel.findChild(QPlainTextEdit, "follow_up.promise")
    assert not in_layout(date) and in_layout(days)
    mode.setCurrentIndex(mode.findData(FollowUpMode.DATE.value))
    assert rrsp.follow_up.mode is FollowUpMode.DATE
    assert in_layout(date) and not in_layout(days)
    assert date_note(panel).text() == "⚠ Choose the date of the follow-up."
    mode.setCurrentIndex(mode.findData(FollowUpMode.NONE.value))
    assert not in_layout(promise)
    assert date_note(panel).text() == (
        "⚠ This letter promises an update: choose a date or a number of business days."
    )
    assert step_marks(panel)["Follow-up"] == "•"
    panel.set_template(None)
    panel.set_draft(rrsp, template=LetterTemplate("t", "T", Kind.INDIVIDUAL, "", (), Path("t.j2"), True))
    assert date_note(panel).text() == "The letter promises no follow-up date."
    assert step_marks(panel)["Follow-up"] == "○"
