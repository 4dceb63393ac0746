"""The guided form's steps as data, in the order of a good apology, and when each one is complete."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from babel.numbers import is_currency

from desktop.core.business_days import UnknownRegionError, add_business_days
from desktop.core.context import follow_up_date
from desktop.core.formatting import full_date, money
from desktop.core.model import CompensationKind, Draft, FollowUpMode, Kind, Question
from desktop.core.templates import LetterTemplate

BOTH = frozenset(Kind)
INDIVIDUAL = frozenset({Kind.INDIVIDUAL})
NOTICE = frozenset({Kind.NOTICE})


class Control(StrEnum):
    """What kind of input a field takes; the GUI picks a widget for each."""

    PROSE = "prose"
    """Sentences the checker reads, over several lines."""
    PROSE_LINE = "prose_line"
    """A few words the checker reads, on one line (summary, subject)."""
    TEXT = "text"
    """A name, address or label: not checked as prose."""
    LINES = "lines"
    """Several short lines, such as a postal address."""
    CODE = "code"
    """A short upper-case code: currency, country, region."""
    DATE = "date"
    CHOICE = "choice"
    AMOUNT = "amount"
    COUNT = "count"
    QUESTIONS = "questions"


@dataclass(frozen=True)
class FieldSpec:
    path: str
    """Dotted path into the Draft, the same name the checker and templates use."""
    label: str
    hint: str
    control: Control
    example: str = ""
    kinds: frozenset[Kind] = BOTH
    choices: tuple[tuple[str, str], ...] = ()
    """(value, label) pairs for a CHOICE."""
    suggestions: tuple[str, ...] = ()
    """Common values offered for a TEXT field, which still takes any text."""
    max_length: int = 0

    def applies_to(self, kind: Kind) -> bool:
        return kind in self.kinds


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    purpose: str
    """One line under the title, saying what the step is for."""
    fields: tuple[FieldSpec, ...]
    kinds: frozenset[Kind] = BOTH

    def applies_to(self, kind: Kind) -> bool:
        return kind in self.kinds

    def fields_for(self, kind: Kind) -> tuple[FieldSpec, ...]:
        return tuple(spec for spec in self.fields if spec.applies_to(kind))

    def owns(self, name: str) -> bool:
        """Whether a field name, a group such as "follow_up", or "questions[2].answer" lives here."""
        return any(
            spec.path == name or spec.path.startswith(name + ".") or name.startswith(spec.path + "[")
            for spec in self.fields
        )


_PROSE_HINT_FIRST_PERSON = "Full sentences, saying “I” or “we” did it."

STEPS: tuple[Step, ...] = (
    Step(
        "recipient",
        "Recipient",
        "Write to one person, by name, about what happened to them.",
        (
            FieldSpec(
                "recipient.name", "Name", "As they write it themselves.", Control.TEXT, "Danielle Tremblay"
            ),
            FieldSpec(
                "recipient.title",
                "Title",
                "Courtesy title for the greeting, if they use one.",
                Control.TEXT,
                "Ms",
            ),
            FieldSpec(
                "recipient.salutation",
                "Greeting",
                "Only when the usual greeting (“Dear Ms Tremblay”) is wrong for them.",
                Control.TEXT,
                "Dear Danielle",
            ),
            FieldSpec(
                "recipient.organisation", "Organisation", "When you write to them at work.", Control.TEXT
            ),
            FieldSpec(
                "recipient.email",
                "E-mail",
                "Where the e-mail draft goes.",
                Control.TEXT,
                "d.tremblay@example.com",
            ),
            FieldSpec(
                "recipient.reference",
                "Their reference",
                "An account, policy or case number they will recognise.",
                Control.TEXT,
                "RRSP 4471-0923",
            ),
            FieldSpec(
                "recipient.address",
                "Postal address",
                "One line per line, printed above the greeting.",
                Control.LINES,
                "88 Birchmount Road\nToronto ON  M1N 3J4",
            ),
        ),
        INDIVIDUAL,
    ),
    Step(
        "readers",
        "Readers",
        "Tell readers why this reached them and what, if anything, they need to do.",
        (
            FieldSpec(
                "audience",
                "Why they received it",
                "The plain reason they are on the list, so nobody has to wonder.",
                Control.PROSE,
                "You are receiving this because you subscribed to our newsletter or stayed with us "
                "in the last four years.",
            ),
            FieldSpec(
                "action",
                "What they need to do",
                "One clear action, or say that they need to do nothing.",
                Control.PROSE,
                "You do not need to do anything: nobody will be charged.",
            ),
        ),
        NOTICE,
    ),
    Step(
        "incident",
        "What went wrong",
        "Name the mistake specifically, in the first person.",
        (
            FieldSpec(
                "incident.summary",
                "In a few words",
                "A short phrase the letter builds its sentences on.",
                Control.PROSE_LINE,
                "the restart of your RRSP withdrawal",
            ),
            FieldSpec(
                "incident.what",
                "What happened",
                _PROSE_HINT_FIRST_PERSON,
                Control.PROSE,
                "When I restarted your withdrawal, I left the default bank account on the form.",
            ),
            FieldSpec(
                "incident.occurred_on",
                "When it happened",
                "Leave it unset when the date does not matter.",
                Control.DATE,
            ),
            FieldSpec(
                "incident.affected",
                "How it affected them",
                "What the mistake did to them, concretely; in a notice, whether they are affected.",
                Control.PROSE,
                "The money was not in your account on the day of your closing.",
            ),
            FieldSpec(
                "incident.category",
                "Category",
                "A short label that groups similar incidents.",
                Control.TEXT,
                "billing",
                suggestions=(
                    "appointment",
                    "banking",
                    "billing",
                    "communication",
                    "data",
                    "delivery",
                    "outage",
                    "service",
                ),
            ),
        ),
    ),
    Step(
        "cause",
        "The cause",
        "Explain why it happened, plainly and without excuses.",
        (
            FieldSpec(
                "cause",
                "Why it happened",
                "Being open calms people; “beyond our control” and policy quotes do not.",
                Control.PROSE,
                "I did not check the account on the form against your instructions.",
            ),
        ),
    ),
    Step(
        "fix",
        "The fix and what changes",
        "Say what has been put right and what will be done differently.",
        (
            FieldSpec(
                "fixed",
                "What has been done",
                "What is already put right, as a fact.",
                Control.PROSE,
                "The full amount is now in the account you chose.",
            ),
            FieldSpec(
                "changes",
                "What changes",
                "So it does not happen again; promise only what you control.",
                Control.PROSE,
                "I now read the account back to the client before I send the form.",
            ),
        ),
    ),
    Step(
        "compensation",
        "Compensation",
        "Make up for the trouble where it fits; an apology with compensation satisfies twice as many.",
        (
            FieldSpec(
                "compensation.kind",
                "Offer",
                "The letter writes a standard sentence from the offer and amount.",
                Control.CHOICE,
                choices=(
                    (CompensationKind.NONE.value, "No compensation"),
                    (CompensationKind.REFUND.value, "Refund"),
                    (CompensationKind.CREDIT.value, "Credit to their account"),
                    (CompensationKind.GIFT.value, "Gift card"),
                    (CompensationKind.WAIVED_FEE.value, "Waived fee"),
                    (CompensationKind.OTHER.value, "Something else, in your words"),
                ),
            ),
            FieldSpec(
                "compensation.amount",
                "Amount",
                "Digits only; the letter writes it the local way.",
                Control.AMOUNT,
                "25.00",
            ),
            FieldSpec(
                "compensation.currency",
                "Currency",
                "A three-letter code such as CAD, GBP or EUR.",
                Control.CODE,
                "CAD",
                max_length=3,
            ),
            FieldSpec(
                "compensation.description",
                "In your words",
                "Replaces the standard sentence; needed for “something else”.",
                Control.PROSE,
                "I have filed a request to cover the costs the shortfall caused you.",
            ),
        ),
    ),
    Step(
        "follow_up",
        "Follow-up",
        "Commit to a date for the next update, and keep it.",
        (
            FieldSpec(
                "follow_up.mode",
                "Next update",
                "A date you can keep reassures more than a vague “soon”.",
                Control.CHOICE,
                choices=(
                    (FollowUpMode.NONE.value, "No follow-up promised"),
                    (FollowUpMode.DATE.value, "On a date"),
                    (FollowUpMode.BUSINESS_DAYS.value, "Within a number of business days"),
                ),
            ),
            FieldSpec("follow_up.date", "Date", "The day by which they will hear from you.", Control.DATE),
            FieldSpec(
                "follow_up.business_days",
                "Business days",
                "Counted from the letter date, skipping weekends and public holidays.",
                Control.COUNT,
            ),
            FieldSpec(
                "follow_up.country",
                "Holiday country",
                "Two-letter code whose public holidays are skipped; empty skips weekends only.",
                Control.CODE,
                "CA",
                max_length=2,
            ),
            FieldSpec(
                "follow_up.subdivision",
                "Province or state",
                "When holidays differ by region.",
                Control.CODE,
                "ON",
                max_length=3,
            ),
            FieldSpec(
                "follow_up.promise",
                "What will happen by then",
                "The letter adds “by” and the date; leave empty for the template's words.",
                Control.PROSE,
                "I will call you with the outcome of your request",
            ),
        ),
    ),
    Step(
        "sender",
        "Sender and sign-off",
        "Sign as the person who owns the mistake, and say how to reach a person.",
        (
            FieldSpec("sender.name", "Your name", "A person, not a department.", Control.TEXT, "Marc Okafor"),
            FieldSpec("sender.role", "Role", "", Control.TEXT, "Client Service Specialist"),
            FieldSpec("sender.company", "Company", "", Control.TEXT, "Northshore Savings & Trust"),
            FieldSpec(
                "sender.email",
                "E-mail",
                "The sender of e-mail drafts.",
                Control.TEXT,
                "marc.okafor@example.com",
            ),
            FieldSpec(
                "sender.contact",
                "How to reach you",
                "A direct line or address, not a queue.",
                Control.PROSE,
                "Call me directly on 416-555-0142 or reply to this letter.",
            ),
            FieldSpec(
                "sender.sign_off",
                "Sign-off",
                "The closing before your name.",
                Control.TEXT,
                suggestions=(
                    "Yours sincerely",
                    "Yours faithfully",
                    "Kind regards",
                    "With apologies",
                    "Sincerely",
                ),
            ),
            FieldSpec(
                "sender.signature",
                "Under your name",
                "Extra lines such as a direct line or licence number.",
                Control.LINES,
                "Direct line: 416-555-0142",
            ),
            FieldSpec(
                "sender.address",
                "Company address",
                "Printed in the letterhead, one line per line.",
                Control.LINES,
                "200 King Street West\nToronto ON  M5H 3T4",
            ),
            FieldSpec(
                "letter_date", "Letter date", "Unset, the letter carries the day it is sent.", Control.DATE
            ),
        ),
    ),
    Step(
        "own_words",
        "Your own words",
        "Optional: your own subject line, opening and closing.",
        (
            FieldSpec(
                "subject",
                "Subject line",
                "Leave it empty for the template's subject, built from the summary.",
                Control.PROSE_LINE,
                "The restart of your RRSP withdrawal",
            ),
            FieldSpec(
                "opening",
                "Opening",
                "Before the apology: thank them for telling you, or for waiting.",
                Control.PROSE,
                "Thank you for telling me what happened.",
            ),
            FieldSpec(
                "closing_note", "Closing", "A last short paragraph before the sign-off.", Control.PROSE
            ),
            FieldSpec(
                "questions",
                "Questions and answers",
                "For open letters: the questions people ask most, answered plainly.",
                Control.QUESTIONS,
                kinds=NOTICE,
            ),
        ),
    ),
)

DEFAULT_REQUIRED: dict[Kind, tuple[str, ...]] = {
    Kind.INDIVIDUAL: (
        "recipient.name",
        "incident.summary",
        "incident.what",
        "fixed",
        "follow_up",
        "sender.name",
    ),
    Kind.NOTICE: ("incident.summary", "incident.what", "sender.company"),
}
"""What every template of a kind needs, for drafts whose template is not known."""

_GROUP_LABELS = {"follow_up": "Follow-up date", "compensation": "Compensation", "questions": "Questions"}


def steps_for(kind: Kind) -> tuple[Step, ...]:
    return tuple(step for step in STEPS if step.applies_to(kind))


def step_by_id(step_id: str) -> Step:
    return next(step for step in STEPS if step.id == step_id)


def step_of(name: str, kind: Kind | None = None) -> Step | None:
    """The step holding a field; with a kind, the one shown for it (fields are never shared)."""
    return next((s for s in STEPS if s.owns(name) and (kind is None or s.applies_to(kind))), None)


def field_spec(path: str) -> FieldSpec | None:
    return next((spec for step in STEPS for spec in step.fields if spec.path == path), None)


def field_label(name: str) -> str:
    """The words a person sees for a field name: "questions[1].answer" is "Answer 2"."""
    if name.startswith("questions["):
        index, _, part = name[len("questions[") :].partition("].")
        return f"{part.capitalize() or 'Question'} {int(index) + 1}"
    spec = field_spec(name)
    return spec.label if spec else _GROUP_LABELS.get(name, name)


def get_value(draft: Draft, path: str) -> object:
    if path.startswith("questions["):
        question, part = _question(draft, path)
        return getattr(question, part)
    value: object = draft
    for part in path.split("."):
        value = getattr(value, part)
    return value


def set_value(draft: Draft, path: str, value: object) -> None:
    if path.startswith("questions["):
        question, part = _question(draft, path)
        setattr(question, part, value)
        return
    *parents, last = path.split(".")
    target: object = draft
    for part in parents:
        target = getattr(target, part)
    setattr(target, last, value)


def _question(draft: Draft, path: str) -> tuple[Question, str]:
    index, _, part = path[len("questions[") :].partition("].")
    return draft.questions[int(index)], part


def required_fields(kind: Kind, template: LetterTemplate | None = None) -> tuple[str, ...]:
    return template.requires if template is not None else DEFAULT_REQUIRED[kind]


class Completion(StrEnum):
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"
    OPTIONAL_EMPTY = "optional_empty"
    """Nothing required here and nothing entered yet: fine to leave."""


@dataclass(frozen=True)
class StepStatus:
    completion: Completion
    missing: tuple[str, ...] = ()
    """Fields still to fill in or to correct, by dotted name."""

    @property
    def description(self) -> str:
        if self.completion is Completion.INCOMPLETE:
            return "Still needed: " + ", ".join(field_label(name) for name in self.missing) + "."
        if self.completion is Completion.OPTIONAL_EMPTY:
            return "Optional; nothing entered yet."
        return "Complete."


def step_status(
    draft: Draft, step: Step, template: LetterTemplate | None = None, today: dt.date | None = None
) -> StepStatus:
    """Complete only when the template's needs are met and what was entered can be printed."""
    required = [name for name in required_fields(draft.kind, template) if step.owns(name)]
    problems = _problems(draft, today)
    missing: list[str] = []
    for name in required:
        gaps = [p for p in problems if p.startswith(name)] or (
            [name] if is_missing(draft, name, today) else []
        )
        missing.extend(gap for gap in gaps if gap not in missing)
    missing.extend(p for p in problems if step.owns(p) and p not in missing)
    if missing:
        return StepStatus(Completion.INCOMPLETE, tuple(missing))
    if not required and not _has_content(draft, step):
        return StepStatus(Completion.OPTIONAL_EMPTY)
    return StepStatus(Completion.COMPLETE)


def is_missing(draft: Draft, name: str, today: dt.date | None = None) -> bool:
    """Required-field emptiness, as templates.missing_fields sees it, without raising."""
    if name == "follow_up":
        return draft.follow_up.mode is FollowUpMode.NONE or follow_up_preview(draft, today).problem
    try:
        value = get_value(draft, name)
    except (AttributeError, IndexError, ValueError):
        return True
    if isinstance(value, StrEnum):
        return value.value == "none"
    return value is None or (isinstance(value, str) and not value.strip())


_BLANK = Draft()


def _has_content(draft: Draft, step: Step) -> bool:
    """Something entered beyond the defaults a new draft starts with."""
    for spec in step.fields_for(draft.kind):
        if not _in_effect(draft, spec.path):
            continue
        if spec.control is Control.QUESTIONS:
            if draft.questions:
                return True
            continue
        value = get_value(draft, spec.path)
        if isinstance(value, str):
            value = value.strip()
        if value not in (None, "") and value != get_value(_BLANK, spec.path):
            return True
    return False


_USED_BY_MODE = {
    FollowUpMode.NONE: {"follow_up.mode"},
    FollowUpMode.DATE: {"follow_up.mode", "follow_up.date", "follow_up.promise"},
    FollowUpMode.BUSINESS_DAYS: {
        "follow_up.mode", "follow_up.business_days", "follow_up.country", "follow_up.subdivision",
        "follow_up.promise",
    },
}  # fmt: skip


def _in_effect(draft: Draft, path: str) -> bool:
    """Whether the letter uses a field at all, given the choices made: leftovers do not count."""
    if path.startswith("follow_up."):
        return path in _USED_BY_MODE[draft.follow_up.mode]
    if path in ("compensation.amount", "compensation.currency"):
        return draft.compensation.kind in _AMOUNT_KINDS
    return True


def _problems(draft: Draft, today: dt.date | None) -> list[str]:
    """Fields whose content cannot be printed as entered, whether required or not."""
    problems = []
    follow_up = follow_up_preview(draft, today)
    if follow_up.problem and follow_up.field:
        problems.append(follow_up.field)
    amount = amount_preview(draft)
    if amount.problem and amount.field:
        problems.append(amount.field)
    if draft.kind is Kind.NOTICE:
        for index, question in enumerate(draft.questions):
            if question.question.strip() and not question.answer.strip():
                problems.append(f"questions[{index}].answer")
            elif question.answer.strip() and not question.question.strip():
                problems.append(f"questions[{index}].question")
    return problems


@dataclass(frozen=True)
class FieldNote:
    """A live line under a field: what the letter will print, or why it cannot."""

    text: str
    problem: bool = False
    field: str = ""
    """The field to correct when `problem` is set."""


def follow_up_preview(draft: Draft, today: dt.date | None = None) -> FieldNote:
    """The follow-up date the letter will print and how it was worked out."""
    follow_up = draft.follow_up
    if follow_up.mode is FollowUpMode.NONE:
        return FieldNote("The letter promises no follow-up date.")
    if follow_up.mode is FollowUpMode.DATE and follow_up.date is None:
        return FieldNote("Choose the date of the follow-up.", True, "follow_up.date")
    region = _region_problem(follow_up.country, follow_up.subdivision)
    if follow_up.mode is FollowUpMode.BUSINESS_DAYS and region:
        return region
    letter_date = draft.letter_date or today or dt.date.today()
    day = follow_up_date(follow_up, letter_date)
    assert day is not None  # both modes resolve once the checks above pass
    try:
        written = full_date(day, draft.locale)
    except ValueError as exc:
        return FieldNote(f"{exc}.", True, "")
    if follow_up.mode is FollowUpMode.DATE:
        if day < letter_date:
            return FieldNote(f"{written} is before the letter date.", True, "follow_up.date")
        return FieldNote(written)
    count = follow_up.business_days
    days = "1 business day" if count == 1 else f"{count} business days"
    after = "after the letter date" if draft.letter_date else "after today (the letter has no date yet)"
    skipping = (
        f"skipping {'-'.join(p for p in (follow_up.country, follow_up.subdivision) if p).upper()} holidays"
        if follow_up.country
        else "skipping weekends only"
    )
    return FieldNote(f"{written} — {days} {after}, {skipping}")


def _region_problem(country: str, subdivision: str) -> FieldNote | None:
    """Country first, then region, so the message names the part that is wrong."""
    if not country:
        if subdivision:
            return FieldNote("Enter the country of that province or state.", True, "follow_up.country")
        return None
    probe = dt.date(2026, 1, 1)
    try:
        add_business_days(probe, 1, country)
    except UnknownRegionError:
        return FieldNote(
            f"No public-holiday calendar for “{country.upper()}”: use a two-letter country code such as "
            "CA, GB or US.",
            True,
            "follow_up.country",
        )
    try:
        add_business_days(probe, 1, country, subdivision)
    except UnknownRegionError:
        return FieldNote(
            f"“{subdivision.upper()}” is not a province or state of {country.upper()} with its own holidays.",
            True,
            "follow_up.subdivision",
        )
    return None


_AMOUNT_KINDS = {
    CompensationKind.REFUND,
    CompensationKind.CREDIT,
    CompensationKind.GIFT,
    CompensationKind.WAIVED_FEE,
}


def amount_preview(draft: Draft) -> FieldNote:
    """How the amount will be written, or what the offer still lacks."""
    compensation = draft.compensation
    if compensation.kind is CompensationKind.NONE:
        return FieldNote("")
    if compensation.kind is CompensationKind.OTHER:
        if compensation.description.strip():
            return FieldNote("")
        return FieldNote("Describe the offer in your words.", True, "compensation.description")
    if compensation.amount is None:
        if compensation.description.strip():
            return FieldNote("")
        return FieldNote(
            "Enter the amount, or describe the offer in your words.", True, "compensation.amount"
        )
    if not compensation.currency:
        return FieldNote(f"Printed as {compensation.amount:.2f}, without a currency.")
    if not is_currency(compensation.currency.upper()):
        return FieldNote(
            f"“{compensation.currency}” is not a currency code: use one such as CAD, GBP or EUR.",
            True,
            "compensation.currency",
        )
    try:
        written = money(Decimal(compensation.amount), compensation.currency, draft.locale)
    except ValueError as exc:
        return FieldNote(f"{exc}.", True, "")
    return FieldNote(f"Printed as {written}.")
