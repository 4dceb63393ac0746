"""The draft: everything the guided form asks for, as plain data with no behaviour tied to a UI."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    """Who a draft is written to: one person, or many people at once."""

    INDIVIDUAL = "individual"
    NOTICE = "notice"


class CompensationKind(StrEnum):
    NONE = "none"
    REFUND = "refund"
    CREDIT = "credit"
    GIFT = "gift"
    WAIVED_FEE = "waived_fee"
    OTHER = "other"


class LetterType(StrEnum):
    """What the law may ask of the letter: an ordinary apology asks nothing; a breach notice
    and a complaint's final response have contents set by the reader's jurisdiction."""

    APOLOGY = "apology"
    BREACH_NOTICE = "breach-notice"
    FINAL_RESPONSE = "final-response"


class Outcome(StrEnum):
    """How a final response ends the complaint."""

    NONE = ""
    UPHELD = "upheld"
    """The complaint is accepted, with redress."""
    REDRESS_WITHOUT_ACCEPTING = "redress-without-accepting"
    REJECTED = "rejected"


class FollowUpMode(StrEnum):
    """A follow-up is either not promised, pinned to a date, or counted in business days."""

    NONE = "none"
    DATE = "date"
    BUSINESS_DAYS = "business_days"


@dataclass
class Recipient:
    name: str = ""
    title: str = ""
    """Courtesy title used in the greeting and address: "Ms", "Dr"."""
    salutation: str = ""
    """The whole greeting when the default ("Dear Ms Okafor") is wrong: "Dear Priya"."""
    organisation: str = ""
    email: str = ""
    reference: str = ""
    """Account, policy or case number the customer will recognise."""
    address: str = ""
    """Postal address, one line per line."""
    jurisdiction: str = ""
    """Where this reader is (ISO 3166, "US-MA"), when it differs from the draft's: a notice's
    list may give each row its own, and each letter is checked under its profiles."""
    extra: dict[str, str] = field(default_factory=dict)
    """Free fields a template or a recipient list may use (merge fields)."""

    @property
    def first_name(self) -> str:
        return self.extra.get("first_name") or (self.name.split()[0] if self.name.split() else "")

    @property
    def last_name(self) -> str:
        return self.extra.get("last_name") or (self.name.split()[-1] if self.name.split() else "")

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]


@dataclass
class Sender:
    name: str = ""
    role: str = ""
    company: str = ""
    email: str = ""
    """The sender's e-mail address: the From of e-mail drafts."""
    address: str = ""
    """The company's postal address for the letterhead, one line per line."""
    contact: str = ""
    """How the reader reaches a person: "Call me on 416 555 0134 or reply to this letter"."""
    sign_off: str = "Yours sincerely"
    signature: str = ""
    """Extra lines printed under the name and role (direct line, licence number...)."""

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def signature_lines(self) -> list[str]:
        return [line.strip() for line in self.signature.splitlines() if line.strip()]


@dataclass
class Incident:
    summary: str = ""
    """What went wrong in a few words, as a noun phrase: "the restart of your RRSP withdrawal"."""
    what: str = ""
    """What went wrong, in full sentences and in the first person."""
    occurred_on: dt.date | None = None
    discovered_on: dt.date | None = None
    """When we found out: breach-notice deadlines run from here."""
    affected: str = ""
    """How the mistake affected the reader (for a notice: whether they are affected or charged)."""
    category: str = ""
    """A short label for the kind of incident ("billing", "outage"), used by the history."""


@dataclass
class Compensation:
    kind: CompensationKind = CompensationKind.NONE
    amount: Decimal | None = None
    currency: str = ""
    description: str = ""
    """The offer in the writer's own words; replaces the template's standard sentence."""


@dataclass
class FollowUp:
    mode: FollowUpMode = FollowUpMode.NONE
    date: dt.date | None = None
    business_days: int = 2
    country: str = ""
    """ISO country code whose public holidays are skipped ("CA"); empty skips weekends only."""
    subdivision: str = ""
    """Province or state code within the country ("ON"), when holidays differ by region."""
    promise: str = ""
    """What will happen by then ("I will call you with the outcome"); the template's default if empty."""


@dataclass
class Complaint:
    """The complaint a final response answers."""

    received_on: dt.date | None = None
    """When it reached us: the response's deadline runs from here (8 weeks, 56 days, …)."""
    outcome: Outcome = Outcome.NONE


@dataclass
class Question:
    """One entry of a questions-and-answers section (open letters, notices)."""

    question: str = ""
    answer: str = ""


@dataclass
class Draft:
    kind: Kind = Kind.INDIVIDUAL
    template: str = "formal-letter"
    title: str = ""
    """The draft's own name, shown in the window title and recent files."""
    subject: str = ""
    """The letter's subject line; the template builds one from the summary when empty."""
    locale: str = "en_GB"
    """Language and region for dates and amounts ("en_CA" writes November 25, 2026 and $25.00)."""
    letter_type: LetterType = LetterType.APOLOGY
    jurisdiction: str = ""
    """Where the reader is, as ISO 3166: "GB", "US-CA", "CA-ON". With the letter type it
    chooses the compliance profiles the letter is checked under."""
    profiles: list[str] = field(default_factory=list)
    """Profiles asked for by id, besides those the letter type and jurisdiction choose."""
    complaint: Complaint = field(default_factory=Complaint)
    letter_date: dt.date | None = None
    """The date printed on the letter; None means the day it is rendered."""
    recipient: Recipient = field(default_factory=Recipient)
    sender: Sender = field(default_factory=Sender)
    incident: Incident = field(default_factory=Incident)
    cause: str = ""
    fixed: str = ""
    """What has already been done to put it right."""
    changes: str = ""
    """What changes so it does not happen again."""
    audience: str = ""
    """For notices: why the reader is receiving this at all."""
    action: str = ""
    """What the reader needs to do, or that they need to do nothing."""
    compensation: Compensation = field(default_factory=Compensation)
    follow_up: FollowUp = field(default_factory=FollowUp)
    opening: str = ""
    """A personal opening paragraph, before the apology."""
    closing_note: str = ""
    """A closing paragraph, before the sign-off."""
    questions: list[Question] = field(default_factory=list)
    ignored_findings: list[str] = field(default_factory=list)
    """Checker findings (by key or rule id) the writer switched off for this draft."""
    accepted_findings: dict[str, str] = field(default_factory=dict)
    """Checker findings (by key or rule id) the writer keeps on purpose, with the one-line reason."""
    id: str = field(default_factory=lambda: uuid.uuid4().hex, compare=False)
    """Names this letter across saves and exports, so the history can tell a re-export of
    the same letter from a second apology to the same person."""
    unknown: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    """Keys found in a draft file that this version does not know; written back unchanged."""
