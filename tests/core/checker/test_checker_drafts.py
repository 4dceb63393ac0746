"""Checking a draft: wording by field, letter rules from the form, dates, facts, history, merge fields."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from desktop.core.checker import PastApology
from desktop.core.model import (
    Compensation,
    CompensationKind,
    Draft,
    FollowUp,
    FollowUpMode,
    Incident,
    Kind,
    Recipient,
    Sender,
)

LETTER_DATE = dt.date(2026, 5, 13)  # a Wednesday


def pharmacy_draft(**changes) -> Draft:
    """A repeat prescription sent to the wrong branch, every part of the form filled in."""
    draft = Draft(
        kind=Kind.INDIVIDUAL,
        letter_date=LETTER_DATE,
        recipient=Recipient(name="Omar Haddad", title="Mr", email="omar@example.org"),
        sender=Sender(
            name="Ines Duarte",
            role="Pharmacy Manager",
            company="Canal Street Pharmacy",
            contact="Call me on 0161 555 0144, or reply to this letter.",
        ),
        incident=Incident(
            summary="your repeat prescription",
            what="I sent your repeat prescription to our Oldham branch instead of Canal Street.",
            occurred_on=dt.date(2026, 5, 11),
            category="prescription",
        ),
        cause="Both branches share one ordering screen, and I picked the wrong one.",
        fixed="Your medicine was ready at Canal Street the same afternoon.",
        changes="The ordering screen now shows the branch name in large type before anything is sent.",
        compensation=Compensation(kind=CompensationKind.CREDIT, amount=Decimal("10"), currency="GBP"),
        follow_up=FollowUp(mode=FollowUpMode.BUSINESS_DAYS, business_days=2),
        closing_note="I am sorry for the wasted trip.",
    )
    for name, value in changes.items():
        target = draft
        *path, last = name.split("__")
        for part in path:
            target = getattr(target, part)
        setattr(target, last, value)
    return draft


def _check(checker, draft: Draft, **kwargs):
    return checker.check_draft(draft, today=LETTER_DATE, **kwargs)


def test_a_complete_draft_is_clean(checker) -> None:
    assert [(f.rule, f.field) for f in _check(checker, pharmacy_draft())] == []


def test_wording_findings_point_into_their_field(checker) -> None:
    draft = pharmacy_draft(cause="Our courier lost the first parcel, so I sent a second one.")
    finding = next(f for f in _check(checker, draft) if f.rule == "blame-third-party")
    assert finding.field == "cause"
    assert draft.cause[finding.start : finding.end].startswith("Our courier lost")


def test_empty_fix_fields_make_missing_fix(checker) -> None:
    findings = _check(checker, pharmacy_draft(fixed="", changes=""))
    assert [(f.rule, f.field) for f in findings if f.rule == "missing-fix"] == [("missing-fix", "fixed")]


def test_missing_rules_follow_the_form(checker) -> None:
    draft = pharmacy_draft(
        cause="", follow_up__mode=FollowUpMode.NONE, sender__contact="", incident__what="There was an issue."
    )
    fired = {(f.rule, f.field) for f in _check(checker, draft)}
    assert {
        ("missing-cause", "cause"),
        ("missing-follow-up", "follow_up"),
        ("missing-contact", "sender.contact"),
        ("missing-specifics", "incident.what"),
    } <= fired


def test_notice_needs_impact_and_action_fields(checker) -> None:
    draft = pharmacy_draft(kind=Kind.NOTICE)
    fired = {f.rule for f in _check(checker, draft)}
    assert {"missing-impact", "missing-action"} <= fired
    draft = pharmacy_draft(
        kind=Kind.NOTICE,
        incident__affected="Your prescription was not affected.",
        action="You do not need to do anything.",
    )
    assert {"missing-impact", "missing-action"} & {f.rule for f in _check(checker, draft)} == set()


def test_no_compensation_when_the_category_suggests_a_loss(checker) -> None:
    draft = pharmacy_draft(compensation=Compensation(), incident__category="billing")
    assert ("no-compensation", "compensation") in {(f.rule, f.field) for f in _check(checker, draft)}
    draft = pharmacy_draft(compensation=Compensation(), incident__category="newsletter")
    assert "no-compensation" not in {f.rule for f in _check(checker, draft)}


def test_follow_up_date_before_the_letter_is_an_error(checker) -> None:
    draft = pharmacy_draft(follow_up=FollowUp(mode=FollowUpMode.DATE, date=dt.date(2026, 5, 1)))
    finding = next(f for f in _check(checker, draft) if f.rule == "follow-up-date")
    assert finding.severity.value == "error" and finding.field == "follow_up"


@pytest.mark.parametrize(
    ("date", "words"), [(dt.date(2026, 5, 16), "weekend"), (dt.date(2026, 6, 12), "business days away")]
)
def test_follow_up_date_on_a_weekend_or_far_away_is_a_warning(checker, date: dt.date, words: str) -> None:
    draft = pharmacy_draft(follow_up=FollowUp(mode=FollowUpMode.DATE, date=date))
    finding = next(f for f in _check(checker, draft) if f.rule == "follow-up-date")
    assert finding.severity.value == "warning" and words in finding.message


def test_follow_up_date_on_a_public_holiday_is_a_warning(checker) -> None:
    draft = pharmacy_draft(
        follow_up=FollowUp(mode=FollowUpMode.DATE, date=dt.date(2026, 5, 25), country="GB")
    )
    finding = next(f for f in _check(checker, draft) if f.rule == "follow-up-date")
    assert "public holiday" in finding.message


def test_late_apology_unless_the_delay_is_owned(checker) -> None:
    late = pharmacy_draft(incident__occurred_on=dt.date(2026, 4, 20))
    finding = next(f for f in _check(checker, late) if f.rule == "late-apology")
    assert "business days after the incident" in finding.message
    owned = pharmacy_draft(
        incident__occurred_on=dt.date(2026, 4, 20),
        opening="I'm sorry it has taken me so long to write to you.",
    )
    assert "late-apology" not in {f.rule for f in _check(checker, owned)}


def test_fact_mismatch_on_days_amounts_and_dates(checker) -> None:
    draft = pharmacy_draft(
        closing_note="I will call you within 5 days to check all is well.",
        compensation=Compensation(
            kind=CompensationKind.CREDIT,
            amount=Decimal("25"),
            currency="GBP",
            description="We have added a £30 credit to your account.",
        ),
    )
    findings = [f for f in _check(checker, draft) if f.rule == "fact-mismatch"]
    by_field = {f.field: f for f in findings}
    assert set(by_field) == {"closing_note", "compensation.description"}
    assert (
        draft.closing_note[by_field["closing_note"].start : by_field["closing_note"].end] == "within 5 days"
    )
    assert "£30" in by_field["compensation.description"].matched


def test_fact_mismatch_on_a_written_follow_up_date_and_a_wrong_weekday(checker) -> None:
    draft = pharmacy_draft(closing_note="I will phone you by Thursday 21 May with the outcome.")
    messages = [f.message for f in _check(checker, draft) if f.rule == "fact-mismatch"]
    assert any("follow-up date is Friday 15 May" in m for m in messages)
    assert not any("not a Thursday" in m for m in messages)
    wrong_day = pharmacy_draft(fixed="Your new supply is ready on Monday 20 May.")
    assert any("not a Monday" in f.message for f in _check(checker, wrong_day) if f.rule == "fact-mismatch")


def test_matching_facts_raise_nothing(checker) -> None:
    draft = pharmacy_draft(closing_note="I will call you within 2 business days to check all is well.")
    assert "fact-mismatch" not in {f.rule for f in _check(checker, draft)}


def test_repeat_incident_asks_the_history(checker) -> None:
    asked = []

    def history(recipient, category, since):
        asked.append((recipient.email, category, since))
        return [PastApology(dt.date(2025, 11, 2), "prescription", "Wrong branch, November")]

    finding = next(
        f for f in _check(checker, pharmacy_draft(), history=history) if f.rule == "repeat-incident"
    )
    assert asked == [("omar@example.org", "prescription", dt.date(2025, 5, 13))]
    assert "02 November 2025" in finding.message
    assert "repeat-incident" not in {f.rule for f in _check(checker, pharmacy_draft(), history=lambda *a: [])}


def test_merge_fields_missing_for_some_recipients_name_the_rows(checker) -> None:
    draft = pharmacy_draft(
        kind=Kind.NOTICE,
        opening="Dear {{ first_name }}, this is about order {{ order }}.",
        incident__affected="You were not charged.",
        action="You do not need to do anything.",
    )
    rows = [{"first_name": "Ada", "order": "1"}, {"first_name": "", "order": "2"}, {"order": "3"}]
    findings = [f for f in _check(checker, draft, recipients=rows)]
    merge = [f for f in findings if f.rule == "merge-field-missing"]
    assert len(merge) == 1 and "rows 2, 3" in merge[0].message and merge[0].field == "opening"
    assert "placeholder" not in {f.rule for f in findings}  # {{ first_name }} is a merge field here
    assert "placeholder" in {f.rule for f in _check(checker, draft)}  # without recipients it is a gap


def test_template_text_counts_towards_over_apology(checker) -> None:
    draft = pharmacy_draft(opening="I'm sorry.", fixed="Sorry again: your medicine was ready the same day.")
    letter = "\n\n".join(
        [
            "I am writing to apologise for my mistake.",
            draft.opening,
            draft.incident.what,
            draft.fixed,
            draft.closing_note,
        ]
    )
    finding = next(
        f for f in checker.check_draft(draft, letter, today=LETTER_DATE) if f.rule == "over-apology"
    )
    assert finding.field == "closing_note"


def test_a_field_may_open_in_lower_case_where_a_letter_may_not(checker) -> None:
    """The summary is a phrase the template sets inside its own sentence."""
    phrase = "your prescription went to the wrong branch."
    draft = pharmacy_draft()
    draft = dataclasses.replace(draft, incident=dataclasses.replace(draft.incident, summary=phrase))
    assert not [f for f in checker.check_draft(draft) if f.rule == "grammar"]
    assert [f.matched for f in checker.check_text(phrase) if f.rule == "grammar"] == ["your"]
