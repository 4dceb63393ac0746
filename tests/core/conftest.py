"""Drafts built in code for the core tests, in situations of their own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop.core.model import (
    Compensation,
    CompensationKind,
    Draft,
    FollowUp,
    FollowUpMode,
    Incident,
    Kind,
    Question,
    Recipient,
    Sender,
)


def clinic_draft() -> Draft:
    """A missed dental appointment: an individual letter with every section filled in."""
    return Draft(
        kind=Kind.INDIVIDUAL,
        template="formal-letter",
        title="Missed appointment – Adebayo",
        locale="en_GB",
        letter_date=dt.date(2026, 3, 13),  # a Friday
        recipient=Recipient(
            name="Tunde Adebayo",
            title="Mr",
            email="tunde@example.org",
            reference="PAT-20931",
            address="14 Elm Row\nLeeds LS6 2AB",
            extra={"branch": "Headingley"},
        ),
        sender=Sender(
            name="Harriet Lowe",
            role="Practice Manager",
            company="Elm Row Dental",
            address="2 Elm Row\nLeeds LS6 2AA",
            contact="You can reach me on 0113 496 0000.",
            signature="Direct line: 0113 496 0001",
        ),
        incident=Incident(
            summary="your appointment on 10 March",
            what="I cancelled your appointment on 10 March in error, and you arrived to find no one free.",
            occurred_on=dt.date(2026, 3, 10),
            affected="You had taken the morning off work for nothing.",
            category="appointment",
        ),
        cause="I removed the wrong name from the list when another patient cancelled.",
        fixed="I have booked you in for 17 March at 9:00, the first slot of the day.",
        changes="We now read the patient's date of birth back before removing any booking.",
        compensation=Compensation(kind=CompensationKind.WAIVED_FEE, amount=Decimal("45.00"), currency="GBP"),
        follow_up=FollowUp(mode=FollowUpMode.BUSINESS_DAYS, business_days=2, country="GB", subdivision="ENG"),
        opening="Thank you for telling us straight away what happened.",
        closing_note="I am sorry for the wasted morning.",
        questions=[Question("Do I need to do anything?", "No. Your new booking is confirmed.")],
    )


def sendable_clinic_draft() -> Draft:
    """The clinic letter dated the day it is used: ready to send on any day, as a letter
    going out through render or merge must be."""
    draft = clinic_draft()
    draft.letter_date = None
    return draft


@pytest.fixture
def draft() -> Draft:
    return clinic_draft()
