"""Where a typo would change what the letter or the checker does, the form offers a list:
the incident category, the letter's language and region, the holiday country and region."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import docx
import holidays
import pytest
from docx.shared import Inches
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit

from desktop import paths
from desktop.core.checker.engine import Checker
from desktop.core.model import Compensation, CompensationKind, Draft, FollowUpMode, Incident, Kind, Sender
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.docx import DocxWriter
from desktop.core.writers.plain import to_text
from desktop.gui.form.choice_box import ChoiceBox
from desktop.gui.form.pages import IncidentPage
from tests.gui.form.conftest import FRIDAY, step_marks
from tests.helpers.choosing import labels, pick


def note(panel, name: str) -> str:
    return next(label for label in panel.findChildren(QLabel) if label.accessibleName() == name).text()


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_files()


def missed_appointment() -> Draft:
    """No offer, and words the checker's loss patterns do not catch: only the category says
    the reader lost time."""
    return Draft(
        kind=Kind.INDIVIDUAL,
        letter_date=FRIDAY,
        incident=Incident(
            summary="your consultation on Monday",
            what="I did not come to the consultation we had booked for Monday morning.",
        ),
        fixed="I have booked you in again for Thursday at nine.",
        sender=Sender(name="Harriet Lowe"),
    )


def rules(checker: Checker, draft: Draft) -> set[str]:
    return {finding.rule for finding in checker.check_draft(draft, today=FRIDAY)}


# The incident category


def test_choosing_appointment_makes_the_checker_ask_about_compensation(qtbot, panel, checker):
    draft = missed_appointment()
    panel.set_draft(draft)
    assert "no-compensation" not in rules(checker, draft)
    category = panel.findChild(ChoiceBox, "incident.category")
    with qtbot.waitSignal(panel.draft_edited):
        pick(qtbot, category, "Appoint")
    assert (draft.incident.category, category.currentText()) == ("appointment", "Appointment")
    assert "no-compensation" in rules(checker, draft)


def test_the_category_list_is_the_checkers_with_readable_labels(panel, empty_letter, checker):
    panel.set_draft(empty_letter)
    category = panel.findChild(ChoiceBox, "incident.category")
    listed = [value for value in category.values() if value and not value.startswith("\0")]
    assert set(listed) == checker.compensation.categories
    assert {"Appointment", "Billing", "Delivery", "Outage", "Not set", "Other…"} <= set(labels(category))


def test_a_typed_plural_can_no_longer_become_the_category(qtbot, panel, checker):
    draft = missed_appointment()
    panel.set_draft(draft)
    category = panel.findChild(ChoiceBox, "incident.category")
    pick(qtbot, category, "appointments")  # names no category: put back
    assert draft.incident.category == "" and category.currentText() == "Not set"
    pick(qtbot, category, "Appointment")
    assert draft.incident.category == "appointment"
    assert "no-compensation" in rules(checker, draft)


def test_an_unknown_category_in_a_draft_opens_as_other_and_says_what_it_costs(qtbot, panel, checker):
    draft = missed_appointment()
    draft.incident.category = "appointments"
    panel.set_draft(draft)
    category = panel.findChild(ChoiceBox, "incident.category")
    own = panel.findChild(QLineEdit, "incident.category.own")
    assert category.currentText() == "Other…" and own.text() == "appointments"
    assert draft.incident.category == "appointments"  # opening a draft changes nothing in it
    assert note(panel, "What the category does") == (
        "⚠ “appointments” is your own category: the checker will not suggest compensation for it, "
        "whatever the letter says. Did you mean “Appointment”?"
    )
    pick(qtbot, category, "Appointment")
    assert draft.incident.category == "appointment" and own.isHidden()
    assert note(panel, "What the category does") == ""
    assert "no-compensation" in rules(checker, draft)


def test_other_takes_the_writers_own_words_and_says_so(qtbot, panel, empty_letter):
    panel.set_draft(empty_letter)
    panel.focus_field("incident.category")
    category = panel.findChild(ChoiceBox, "incident.category")
    own = panel.findChild(QLineEdit, "incident.category.own")
    assert own.isHidden()
    category.setCurrentIndex(category.findText("Other…"))
    assert not own.isHidden()
    qtbot.keyClicks(own, "data")
    assert empty_letter.incident.category == "data"
    assert "“data” is your own category" in note(panel, "What the category does")


# The letter's language and region


def refund_letter() -> Draft:
    return Draft(
        kind=Kind.INDIVIDUAL,
        locale="en_GB",
        letter_date=FRIDAY,
        incident=Incident(summary="your booking", what="I booked you on the wrong day."),
        fixed="I have moved your booking.",
        compensation=Compensation(kind=CompensationKind.REFUND, amount=Decimal("150"), currency="CAD"),
        sender=Sender(name="Harriet Lowe"),
    )


def written(draft: Draft) -> tuple[str, str]:
    """The letter as text, and the paper of its DOCX as the window's default layout writes it."""
    document = TemplateCatalogue(paths.builtin_templates_dir()).render(draft, today=FRIDAY)
    section = docx.Document(io.BytesIO(DocxWriter().to_bytes(document))).sections[0]
    paper = "Letter" if abs(section.page_width - Inches(8.5)) < Inches(0.01) else "A4"
    return to_text(document), paper


def test_choosing_english_canada_gives_letter_paper_apologize_and_dollars(qtbot, panel):
    draft = refund_letter()
    panel.set_draft(draft)
    text, paper = written(draft)
    assert (paper, "apologise" in text, "CA$150.00" in text) == ("A4", True, True)
    locale = panel.findChild(ChoiceBox, "locale")
    assert locale.currentText() == "English (United Kingdom)"
    with qtbot.waitSignal(panel.draft_edited):
        pick(qtbot, locale, "English (Canada)")
    assert draft.locale == "en_CA"
    text, paper = written(draft)
    assert paper == "Letter"
    assert "I am writing to apologize" in text and "apologise" not in text
    assert "$150.00" in text and "CA$" not in text


def test_the_locale_says_what_it_writes_under_the_choice(qtbot, panel, empty_letter):
    panel.set_draft(empty_letter)
    assert note(panel, "What the language and region write") == (
        "Writes 25 November 2026, £1,234.50, “apologise”; A4 paper unless your settings fix one."
    )
    locale = panel.findChild(ChoiceBox, "locale")
    locale.setCurrentIndex(locale.findText("English (Canada)"))
    assert note(panel, "What the language and region write") == (
        "Writes November 25, 2026, $1,234.50, “apologize”; Letter paper unless your settings fix one."
    )


def test_a_locale_off_the_list_still_opens_and_a_broken_one_marks_the_step(qtbot, panel, empty_letter):
    empty_letter.locale = "fr_CA"
    panel.set_draft(empty_letter)
    locale = panel.findChild(ChoiceBox, "locale")
    assert locale.currentText() == "French (Canada), fr_CA (not on the list)"
    assert empty_letter.locale == "fr_CA"
    empty_letter.locale = "xx_YY"
    panel.set_draft(empty_letter)
    assert locale.currentText() == "xx_YY (not on the list)"
    assert "“xx_YY” is not a language and region Amends knows" in note(
        panel, "What the language and region write"
    )
    assert step_marks(panel)["Sender and sign-off"] == "•"
    pick(qtbot, locale, "United States")
    assert empty_letter.locale == "en_US"
    assert "xx_YY (not on the list)" not in labels(locale)


# The holiday calendar


def test_country_and_region_come_from_the_holiday_calendars_and_ontario_counts_its_own(
    qtbot, panel, empty_letter
):
    empty_letter.letter_date = dt.date(2026, 2, 13)  # a Friday; Ontario's Family Day is Monday the 16th
    panel.set_draft(empty_letter)
    panel.findChild(QComboBox, "follow_up.mode").setCurrentIndex(
        panel.findChild(QComboBox, "follow_up.mode").findData(FollowUpMode.BUSINESS_DAYS.value)
    )
    panel.findChild(QAbstractSpinBox, "follow_up.business_days").setValue(1)
    country = panel.findChild(ChoiceBox, "follow_up.country")
    region = panel.findChild(ChoiceBox, "follow_up.subdivision")
    assert set(country.values()) == {"", *holidays.list_supported_countries(include_aliases=False)}
    assert country.itemText(country.row_of("CA")) == "Canada"
    assert region.values() == [""]
    pick(qtbot, country, "Canada")
    assert empty_letter.follow_up.country == "CA"
    assert set(region.values()) == {"", *holidays.list_supported_countries()["CA"]}
    pick(qtbot, region, "Ontario")
    assert empty_letter.follow_up.subdivision == "ON"
    follow_up = note(panel, "Follow-up date")
    assert follow_up.startswith("Tuesday, 17 February 2026 — 1 business day") and "CA-ON" in follow_up
    pick(qtbot, region, "Quebec")
    assert note(panel, "Follow-up date").startswith("Monday, 16 February 2026")


def test_a_new_country_drops_the_region_of_the_old_one(qtbot, panel, rrsp):
    panel.set_draft(rrsp)
    region = panel.findChild(ChoiceBox, "follow_up.subdivision")
    assert region.currentText() == "Ontario (ON)"
    pick(qtbot, panel.findChild(ChoiceBox, "follow_up.country"), "United States")
    assert (rrsp.follow_up.country, rrsp.follow_up.subdivision) == ("US", "")
    assert region.currentText() == "The whole country" and "TX" in region.values()


def test_team_rules_that_change_the_categories_change_the_list(qtbot, panel):
    draft = missed_appointment()
    draft.incident.category = "parking"
    panel.set_draft(draft)
    assert "Did you mean" not in note(panel, "What the category does")
    assert "“parking” is your own category" in note(panel, "What the category does")
    page = panel.findChild(IncidentPage)
    page.set_categories(["Appointment", "parking"])
    category = panel.findChild(ChoiceBox, "incident.category")
    assert labels(category) == ["Not set", "Appointment", "Parking", "Other…"]
    assert category.currentText() == "Parking" and note(panel, "What the category does") == ""
    assert draft.incident.category == "parking"
