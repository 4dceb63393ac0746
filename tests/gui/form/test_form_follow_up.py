"""The follow-up step shows the date the letter will print as it changes, and explains what it cannot use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit

from desktop.core.model import FollowUpMode, Kind
from desktop.core.templates import LetterTemplate
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


def test_an_unknown_country_is_explained_inline_and_marks_the_step(qtbot, panel, rrsp):
    panel.set_draft(rrsp)
    country = panel.findChild(QLineEdit, "follow_up.country")
    country.clear()
    qtbot.keyClicks(country, "xx")
    assert rrsp.follow_up.country == "XX"
    assert date_note(panel).text() == (
        "⚠ No public-holiday calendar for “XX”: use a two-letter country code such as CA, GB or US."
    )
    assert step_marks(panel)["Follow-up"] == "•"
    country.clear()
    qtbot.keyClicks(country, "ca")
    assert date_note(panel).text().startswith("Tuesday, November 24, 2026")
    assert step_marks(panel)["Follow-up"] == "✓"


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
