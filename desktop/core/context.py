"""What a template sees: the draft plus the values derived from it (dates, greeting, amounts).

Deriving them here, once, keeps templates declarative and lets the checker and the form
show the same follow-up date the letter will print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.core.business_days import add_business_days
from desktop.core.channels import Channel
from desktop.core.formatting import money
from desktop.core.model import Compensation, CompensationKind, Draft, FollowUp, FollowUpMode, Recipient


def follow_up_date(follow_up: FollowUp, letter_date: dt.date) -> dt.date | None:
    if follow_up.mode is FollowUpMode.DATE:
        return follow_up.date
    if follow_up.mode is FollowUpMode.BUSINESS_DAYS:
        return add_business_days(
            letter_date, follow_up.business_days, follow_up.country, follow_up.subdivision
        )
    return None


def greeting(recipient: Recipient) -> str:
    """ "Dear Ms Tremblay", the recipient's own salutation, or "" when there is no name to use."""
    if recipient.salutation.strip():
        return recipient.salutation.strip().rstrip(",")
    if recipient.title.strip() and recipient.last_name:
        return f"Dear {recipient.title.strip()} {recipient.last_name}"
    if recipient.name.strip():
        return f"Dear {recipient.name.strip()}"
    return ""


def compensation_amount(compensation: Compensation, locale: str) -> str:
    if compensation.amount is None or compensation.kind is CompensationKind.NONE:
        return ""
    if not compensation.currency:
        return f"{compensation.amount:.2f}"
    return money(compensation.amount, compensation.currency, locale)


@dataclass(frozen=True)
class LetterFacts:
    """The derived values, also used outside templates (form, checker, exports)."""

    letter_date: dt.date
    follow_up_date: dt.date | None
    greeting: str
    compensation_amount: str


def letter_facts(draft: Draft, today: dt.date | None = None) -> LetterFacts:
    letter_date = draft.letter_date or today or dt.date.today()
    return LetterFacts(
        letter_date=letter_date,
        follow_up_date=follow_up_date(draft.follow_up, letter_date),
        greeting=greeting(draft.recipient),
        compensation_amount=compensation_amount(draft.compensation, draft.locale),
    )


def template_context(
    draft: Draft, today: dt.date | None = None, channel: Channel = Channel.PRINT
) -> dict[str, object]:
    """`channel` is "print" or "email": a template's passages for one way of sending test it."""
    facts = letter_facts(draft, today)
    return {
        "channel": channel.value,
        "draft": draft,
        "kind": draft.kind.value,
        "recipient": draft.recipient,
        "sender": draft.sender,
        "incident": draft.incident,
        "compensation": draft.compensation,
        "follow_up": draft.follow_up,
        "letter_date": facts.letter_date,
        "follow_up_date": facts.follow_up_date,
        "greeting": facts.greeting,
        "amount": facts.compensation_amount,
        "complaint": draft.complaint,
        "jurisdiction": letter_jurisdiction(draft),
    }


def letter_jurisdiction(draft: Draft) -> str:
    """Where this letter's reader is: their own (a list's column) or the draft's."""
    return draft.recipient.jurisdiction or draft.jurisdiction
