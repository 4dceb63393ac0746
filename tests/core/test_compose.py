"""The pipeline every exit shares: draft → letter → findings → verdict, and the merge run
that refuses a list no letter can come from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop import paths
from desktop.core.checker import Checker
from desktop.core.checker.findings import Severity
from desktop.core.compose import Composer, NotReady, describe
from desktop.core.draft_file import load_draft
from desktop.core.fields import field_label
from desktop.core.merge import MergeRequest, OutputKind, run_merge
from desktop.core.merge.checks import list_errors, required_row_fields
from desktop.core.merge.run import ListNotUsable
from desktop.core.merge_fields import draft_uses, merge_values
from desktop.core.model import Draft, FollowUpMode, Kind, Recipient
from desktop.core.recipients import map_columns, read_recipients, validate
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.plain import to_text
from tests.core.conftest import clinic_draft, sendable_clinic_draft

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())
EXAMPLES = sorted(paths.examples_dir().glob("*.amends"))
NOTICE = paths.examples_dir() / "renewal-email.amends"
LETTER_DAY = dt.date(2026, 3, 13)
"""The clinic letter's own date, a Friday."""


@pytest.fixture(scope="module")
def composer() -> Composer:
    return Composer(CATALOGUE, Checker.from_files())


# --- run_merge refuses a list as a whole ------------------------------------------------------


def _list(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", list(OutputKind))
def test_run_merge_refuses_a_list_with_no_recipients(tmp_path, kind):
    table = read_recipients(_list(tmp_path, "first_name,last_name,email\n"))
    report = validate(table)
    assert [issue.message for issue in list_errors(report)] == ["there are no recipients below the header"]
    output = tmp_path / "out"
    request = MergeRequest(load_draft(NOTICE), CATALOGUE, table, kind, output, report=report)
    with pytest.raises(ListNotUsable, match="no recipients below the header"):
        run_merge(request)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.csv"]


def test_run_merge_refuses_an_email_run_over_a_list_without_addresses(tmp_path):
    table = read_recipients(_list(tmp_path, "first_name,last_name\nAda,Lovelace\n"))
    draft = load_draft(NOTICE)
    required = required_row_fields(CATALOGUE.get(draft.template).requires, OutputKind.EML)
    report = validate(table, required=required)
    request = MergeRequest(draft, CATALOGUE, table, OutputKind.EML, tmp_path / "mail", report=report)
    with pytest.raises(ListNotUsable, match=r"recipient\.email"):
        run_merge(request)
    assert not (tmp_path / "mail").exists()


def test_a_merge_field_naming_no_column_is_left_to_the_drafts_verdict():
    """Not a column the list lacks (which no override can pass) but a placeholder in the text."""
    draft = load_draft(NOTICE)
    draft.opening = "Hi {{ first_name }} from {{ signup_sorce }} at {{ signup_source }}."
    columns = ("first_name", "signup_source")
    needs = required_row_fields((), OutputKind.DOCX, draft_uses(draft), columns)
    assert needs == ("recipient.extra.first_name", "recipient.extra.signup_source")
    without_columns = required_row_fields((), OutputKind.DOCX, draft_uses(draft))
    assert "recipient.extra.signup_sorce" in without_columns


def test_a_list_of_full_names_fills_a_first_name_merge_field(tmp_path):
    people = "Name,Email\nAda Lovelace,ada@example.com\nPrince,p@example.com\n"
    table = read_recipients(_list(tmp_path, people))
    draft = load_draft(NOTICE)
    draft.opening = "Hi {{ first_name }} {{ last_name }}."
    mapping = map_columns(table.columns)
    needs = required_row_fields((), OutputKind.CSV, draft_uses(draft), mapping.merge_names)
    report = validate(table, mapping, required=needs)
    assert report.ok, [issue.message for issue in report.issues]


def test_an_empty_first_name_cell_is_missing_even_beside_a_last_name(tmp_path):
    table = read_recipients(_list(tmp_path, "first_name,last_name\n,Lovelace\nBob,Brown\n"))
    draft = load_draft(NOTICE)
    draft.opening = "Hi {{ first_name }}."
    mapping = map_columns(table.columns)
    report = validate(table, mapping, required=required_row_fields((), OutputKind.DOCX, draft_uses(draft)))
    assert report.error_rows() == {2}


# --- the examples, and what a letter and a draft each hold --------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_ready(composer, example):
    composed = composer.compose(load_draft(example))
    assert [describe(f) for f in composed.blocking] == []
    assert composed.ready
    assert composed.require_ready() == ""


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_comes_out_with_no_warning_either(composer, example):
    """What a writer opens to learn from shows only advice (info), spelling included."""
    composed = composer.compose(load_draft(example))
    assert [describe(f) for f in composed.findings if f.severity.value in ("error", "warning")] == []


def test_the_letter_has_merge_fields_replaced_and_the_draft_keeps_the_writers_text(composer):
    draft = sendable_clinic_draft()
    typed = "Thank you, {{ first_name }}, for telling us at {{ branch }} straight away."
    draft.opening = typed
    composed = composer.compose(draft, today=LETTER_DAY)
    assert composed.letter.opening == "Thank you, Tunde, for telling us at Headingley straight away."
    assert composed.draft.opening == typed and draft.opening == typed
    assert composed.document is not None
    assert "Thank you, Tunde, for telling us at Headingley" in to_text(composed.document)
    assert composed.ready, [describe(f) for f in composed.blocking]

    other = Recipient(name="Ada Lovelace", extra={"branch": "Roundhay"})
    for_ada = composer.compose(draft, recipient=other, today=LETTER_DAY)
    assert for_ada.letter.opening == "Thank you, Ada, for telling us at Roundhay straight away."
    assert draft.opening == typed


def test_a_merge_field_with_no_value_for_the_recipient_blocks(composer):
    draft = sendable_clinic_draft()
    draft.opening = "Thank you, {{ first_name }}, at {{ branch }}."
    empty = Recipient(name="Ada Lovelace", extra={"branch": ""})
    composed = composer.compose(draft, recipient=empty, today=LETTER_DAY)
    (missing,) = [f for f in composed.blocking if f.rule == "merge-field-missing"]
    assert missing.field == "opening" and missing.matched == "{{ branch }}"
    assert "{{ branch }} is empty for this recipient" in missing.message
    assert composed.letter.opening == "Thank you, Ada, at {{ branch }}."

    unknown = composer.compose(draft, recipient=Recipient(name="Ada Lovelace"), today=LETTER_DAY)
    (placeholder,) = [f for f in unknown.blocking if f.rule == "placeholder"]
    assert placeholder.matched == "{{ branch }}" and describe(placeholder).startswith(
        "error placeholder: ‘Opening’: {{ branch }} names nothing"
    )


def test_a_fallback_is_used_when_a_lists_first_name_cell_is_empty(composer):
    draft = sendable_clinic_draft()
    draft.opening = 'Thank you, {{ first_name | default("customer") }}.'
    row = Recipient(name="Lovelace", extra={"first_name": "", "last_name": "Lovelace"})
    assert merge_values(row)["first_name"] == ""
    composed = composer.compose(draft, recipient=row, today=LETTER_DAY)
    assert composed.letter.opening == "Thank you, customer."
    assert not [f for f in composed.findings if f.rule == "merge-field-missing"]


def test_required_fields_are_named_by_their_form_label(composer):
    composed = composer.compose(Draft(kind=Kind.INDIVIDUAL), today=LETTER_DAY)
    messages = {f.field: f.message for f in composed.findings if f.rule == "required-field"}
    required = ("recipient.name", "incident.summary", "incident.what", "fixed", "follow_up", "sender.name")
    assert messages == {path: f"Fill in ‘{field_label(path)}’: this letter needs it." for path in required}
    assert messages["incident.what"] == "Fill in ‘What happened’: this letter needs it."
    assert all(f.severity is Severity.ERROR for f in composed.findings if f.rule == "required-field")
    assert "error required-field: Fill in ‘Name’: this letter needs it." in map(describe, composed.blocking)
    with pytest.raises(NotReady):
        composed.require_ready()
    with pytest.raises(NotReady):
        composed.require_ready("  ")
    assert composed.require_ready("  test \n print ") == "test print"


# --- dates ------------------------------------------------------------------------------------


def test_the_clinic_letter_is_ready_on_its_own_date(composer):
    composed = composer.compose(clinic_draft(), today=LETTER_DAY)
    assert composed.ready, [describe(f) for f in composed.blocking]


def test_a_letter_date_that_has_passed_blocks(composer):
    composed = composer.compose(clinic_draft(), today=LETTER_DAY + dt.timedelta(days=3))
    (dated,) = [f for f in composed.blocking if f.rule == "letter-date"]
    assert dated.field == "letter_date"
    assert "13 March 2026, which has passed" in dated.message
    assert not composed.ready


def test_a_follow_up_before_the_letter_date_blocks(composer):
    draft = clinic_draft()
    draft.follow_up.mode = FollowUpMode.DATE
    draft.follow_up.date = LETTER_DAY - dt.timedelta(days=1)
    composed = composer.compose(draft, today=LETTER_DAY)
    (problem,) = [f for f in composed.blocking if f.field.startswith("follow_up")]  # said once
    assert problem.rule == "follow-up-date" and "before the letter's own date" in problem.message
    assert not composed.ready


def test_a_follow_up_weeks_away_is_only_a_warning(composer):
    draft = clinic_draft()
    draft.follow_up.mode = FollowUpMode.DATE
    draft.follow_up.date = dt.date(2026, 4, 29)  # a Wednesday, over 30 business days on
    composed = composer.compose(draft, today=LETTER_DAY)
    (far,) = [f for f in composed.findings if "business days away" in f.message]
    assert far.severity is Severity.WARNING and far.field == "follow_up"
    assert "the reader should hear back within 10" in far.message
    assert composed.ready, [describe(f) for f in composed.blocking]
