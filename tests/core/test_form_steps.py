"""The form's steps follow a good apology, and say when they are complete and why not."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.checker.draft_fields import WORDING_FIELDS
from desktop.core.fields import FIELDS, Control, choice_list, field_label, get_value, set_value
from desktop.core.form_steps import (
    STEPS,
    Completion,
    amount_preview,
    category_preview,
    follow_up_preview,
    locale_preview,
    step_by_id,
    step_of,
    step_status,
    steps_for,
)
from desktop.core.model import CompensationKind, Draft, FollowUpMode, Kind, Question
from desktop.core.templates import LetterTemplate
from tests.core.conftest import clinic_draft

FRIDAY = dt.date(2026, 11, 20)


def template(*requires: str, kind: Kind = Kind.INDIVIDUAL) -> LetterTemplate:
    return LetterTemplate("t", "T", kind, "", tuple(requires), Path("t.j2"), True)


def test_the_steps_follow_the_order_of_a_good_apology():
    assert [s.id for s in steps_for(Kind.INDIVIDUAL)] == [
        "recipient", "incident", "cause", "fix", "compensation", "follow_up", "sender", "own_words", "law",
    ]  # fmt: skip
    # what the law asks comes last: most letters are ordinary apologies and never open it
    assert [s.id for s in steps_for(Kind.NOTICE)][:2] == ["readers", "incident"]


def test_every_prose_field_the_checker_reads_has_exactly_one_place_in_the_form():
    for name in WORDING_FIELDS:
        spec = next(f for s in STEPS for f in s.fields if f.path == name)
        assert spec.control in (Control.PROSE, Control.PROSE_LINE), name
    paths = [f.path for s in STEPS for f in s.fields]
    assert len(paths) == len(set(paths))


def test_every_field_of_the_field_table_is_on_exactly_one_step():
    on_steps = sorted(f.path for s in STEPS for f in s.fields)
    assert on_steps == sorted(spec.path for spec in FIELDS)


def test_every_field_path_reads_and_writes_the_draft():
    draft = clinic_draft()
    for step in STEPS:
        for spec in step.fields:
            value = get_value(draft, spec.path)
            set_value(draft, spec.path, value)
            assert get_value(draft, spec.path) is value, spec.path


def test_question_paths_reach_into_the_list():
    draft = Draft(questions=[Question("Will I be charged?", "")])
    set_value(draft, "questions[0].answer", "No.")
    assert draft.questions[0].answer == "No."
    assert get_value(draft, "questions[0].question") == "Will I be charged?"
    assert field_label("questions[0].answer") == "Answer 1"
    assert step_of("questions[3].question") is step_by_id("own_words")


def test_each_step_has_a_title_and_a_one_line_purpose():
    for step in STEPS:
        assert step.title and step.purpose.endswith(".") and "\n" not in step.purpose


def test_fields_owned_by_a_step_include_groups_the_templates_require():
    assert step_of("follow_up") is step_by_id("follow_up")
    assert step_of("compensation") is step_by_id("compensation")
    assert step_of("incident.what") is step_by_id("incident")
    assert step_of("action", Kind.INDIVIDUAL) is None


def test_a_new_draft_asks_for_the_fields_every_letter_needs():
    draft = Draft()
    status = step_status(draft, step_by_id("incident"))
    assert status.completion is Completion.INCOMPLETE
    assert status.missing == ("incident.summary", "incident.what")
    assert status.description == "Still needed: In a few words, What happened."
    assert step_status(draft, step_by_id("cause")).completion is Completion.OPTIONAL_EMPTY


def test_the_templates_requirements_replace_the_defaults():
    draft = Draft()
    needs_cause = template("cause")
    assert step_status(draft, step_by_id("cause"), needs_cause).missing == ("cause",)
    assert step_status(draft, step_by_id("incident"), needs_cause).completion is Completion.OPTIONAL_EMPTY
    draft.cause = "I sent the form without checking it."
    assert step_status(draft, step_by_id("cause"), needs_cause).completion is Completion.COMPLETE


def test_a_filled_in_draft_is_complete_in_every_step(draft):
    for step in steps_for(draft.kind):
        # an ordinary apology leaves "Law and deadlines" untouched
        expected = Completion.OPTIONAL_EMPTY if step.id == "law" else Completion.COMPLETE
        assert step_status(draft, step, today=FRIDAY).completion is expected, step.id


def test_defaults_a_new_draft_starts_with_do_not_count_as_content():
    draft = Draft()
    assert draft.sender.sign_off and draft.follow_up.business_days
    assert step_status(draft, step_by_id("sender"), template()).completion is Completion.OPTIONAL_EMPTY
    assert step_status(draft, step_by_id("follow_up"), template()).completion is Completion.OPTIONAL_EMPTY


def test_a_required_follow_up_needs_a_mode_and_a_date_that_resolves():
    draft = Draft(letter_date=FRIDAY)
    step = step_by_id("follow_up")
    assert step_status(draft, step).missing == ("follow_up",)
    draft.follow_up.mode = FollowUpMode.DATE
    assert step_status(draft, step).missing == ("follow_up.date",)
    draft.follow_up.date = FRIDAY + dt.timedelta(days=3)
    assert step_status(draft, step).completion is Completion.COMPLETE


def test_an_unknown_holiday_country_makes_even_an_optional_follow_up_incomplete():
    draft = Draft(letter_date=FRIDAY)
    draft.follow_up = replace(draft.follow_up, mode=FollowUpMode.BUSINESS_DAYS, country="XX")
    status = step_status(draft, step_by_id("follow_up"), template())
    assert status.missing == ("follow_up.country",)
    assert status.description == "Still needed: Holiday country."


def test_the_follow_up_preview_says_the_date_and_how_it_was_counted():
    draft = Draft(letter_date=FRIDAY, locale="en_GB")
    draft.follow_up = replace(
        draft.follow_up, mode=FollowUpMode.BUSINESS_DAYS, country="CA", subdivision="ON"
    )
    note = follow_up_preview(draft)
    assert not note.problem
    assert (
        note.text
        == "Tuesday, 24 November 2026 — 2 business days after the letter date, skipping CA-ON holidays"
    )
    draft.follow_up.country = draft.follow_up.subdivision = ""
    draft.letter_date = None
    assert follow_up_preview(draft, today=FRIDAY).text == (
        "Tuesday, 24 November 2026 — 2 business days after today (the letter has no date yet), "
        "skipping weekends only"
    )


@pytest.mark.parametrize(
    ("country", "subdivision", "field", "words"),
    [
        ("XX", "", "follow_up.country", "No public-holiday calendar for “XX”"),
        ("CA", "ZZ", "follow_up.subdivision", "“ZZ” is not a province or state of CA"),
        ("", "ON", "follow_up.country", "Choose the country"),
    ],
)
def test_a_wrong_holiday_region_is_explained_not_raised(country, subdivision, field, words):
    draft = Draft(letter_date=FRIDAY)
    draft.follow_up = replace(
        draft.follow_up, mode=FollowUpMode.BUSINESS_DAYS, country=country, subdivision=subdivision
    )
    note = follow_up_preview(draft)
    assert note.problem and note.field == field and note.text.startswith(words)


def test_a_follow_up_date_before_the_letter_is_a_problem():
    draft = Draft(letter_date=FRIDAY)
    draft.follow_up = replace(draft.follow_up, mode=FollowUpMode.DATE, date=FRIDAY - dt.timedelta(days=1))
    note = follow_up_preview(draft)
    assert note.problem and note.text == "Thursday, 19 November 2026 is before the letter date."


def test_an_offer_needs_an_amount_or_words_and_a_currency_that_exists():
    draft = Draft(locale="en_CA")
    draft.compensation.kind = CompensationKind.REFUND
    step = step_by_id("compensation")
    assert step_status(draft, step).missing == ("compensation.amount",)
    draft.compensation.amount = Decimal("25")
    draft.compensation.currency = "CAD"
    assert amount_preview(draft).text == "Printed as $25.00."
    assert step_status(draft, step).completion is Completion.COMPLETE
    draft.compensation.currency = "ZZQ"
    assert step_status(draft, step).missing == ("compensation.currency",)
    draft.compensation = replace(draft.compensation, kind=CompensationKind.OTHER, amount=None, currency="")
    assert step_status(draft, step).missing == ("compensation.description",)


def test_a_question_without_its_answer_is_incomplete_in_a_notice():
    draft = Draft(kind=Kind.NOTICE, questions=[Question("Will I be charged?", "")])
    status = step_status(draft, step_by_id("own_words"))
    assert status.missing == ("questions[0].answer",)
    draft.questions[0].answer = "No: we hold no payment details."
    assert step_status(draft, step_by_id("own_words")).completion is Completion.COMPLETE


def test_leftovers_of_an_unchosen_follow_up_or_offer_do_not_count_as_content():
    draft = Draft()
    draft.follow_up = replace(draft.follow_up, country="CA", subdivision="ON", promise="I will call you")
    draft.compensation = replace(draft.compensation, amount=Decimal("25"), currency="CAD")
    for step_id in ("follow_up", "compensation"):
        assert step_status(draft, step_by_id(step_id), template()).completion is Completion.OPTIONAL_EMPTY
    draft.follow_up.mode = FollowUpMode.BUSINESS_DAYS
    assert step_status(draft, step_by_id("follow_up"), template()).completion is Completion.COMPLETE


def test_values_whose_typo_changes_behaviour_are_chosen_from_lists():
    chosen = {"incident.category", "follow_up.country", "follow_up.subdivision", "locale"}
    for path in chosen:
        spec = next(f for f in FIELDS if f.path == path)
        assert spec.control in (Control.LOOKUP, Control.CHOICE_OR_OWN), path
        assert choice_list(spec.choices_from, "CA"), path
    assert step_of("locale") is step_by_id("sender")
    assert field_label("locale") == "Language and region"


def test_a_category_the_checker_does_not_know_is_said_with_the_one_meant():
    draft = clinic_draft()
    assert category_preview(draft).text == ""  # "appointment": the checker knows it
    draft.incident.category = "Appointments "
    note = category_preview(draft)
    assert note.problem and "will not suggest compensation" in note.text
    assert note.text.endswith("Did you mean “Appointment”?")
    draft.incident.category = "data"
    assert not category_preview(draft).text.endswith("?")
    assert step_status(draft, step_by_id("incident")).completion is Completion.COMPLETE  # a warning only


def test_the_locale_says_what_it_writes_and_an_unknown_one_stops_the_step():
    draft = clinic_draft()
    assert locale_preview(draft).text == (
        "Writes 25 November 2026, £1,234.50, “apologise”; A4 paper unless your settings fix one."
    )
    draft.locale = "en_CA"
    draft.compensation.currency = ""
    assert locale_preview(draft).text == (
        "Writes November 25, 2026, $1,234.50, “apologize”; Letter paper unless your settings fix one."
    )
    draft.locale = "xx_YY"
    assert locale_preview(draft).problem
    status = step_status(draft, step_by_id("sender"))
    assert status.completion is Completion.INCOMPLETE and status.missing == ("locale",)
