"""The guided form's steps as data, in the order of a good apology, and when each one is complete."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from babel.numbers import is_currency

from desktop.core.business_days import UnknownRegionError, add_business_days, country_name
from desktop.core.context import follow_up_date
from desktop.core.draft_values import jurisdiction_problem
from desktop.core.fields import (
    BOTH,
    INDIVIDUAL,
    NOTICE,
    Control,
    FieldSpec,
    category_label,
    closest_category,
    default_required,
    field_label,
    field_spec,
    get_value,
    known_categories,
)
from desktop.core.formatting import (
    UnknownLocaleNameError,
    check_locale,
    currency_of,
    full_date,
    long_date,
    money,
    paper_for,
    spelling,
)
from desktop.core.model import CompensationKind, Draft, FollowUpMode, Kind
from desktop.core.templates import LetterTemplate


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    purpose: str
    """One line under the title, saying what the step is for."""
    paths: tuple[str, ...]
    """The fields on this step, in order, by their path in the field table."""
    kinds: frozenset[Kind] = BOTH

    @property
    def fields(self) -> tuple[FieldSpec, ...]:
        return tuple(_spec(path) for path in self.paths)

    def applies_to(self, kind: Kind) -> bool:
        return kind in self.kinds

    def fields_for(self, kind: Kind) -> tuple[FieldSpec, ...]:
        return tuple(spec for spec in self.fields if spec.applies_to(kind))

    def owns(self, name: str) -> bool:
        """Whether a field name, a group such as "follow_up", or "questions[2].answer" lives here."""
        return any(
            path == name or path.startswith(name + ".") or name.startswith(path + "[") for path in self.paths
        )


def _spec(path: str) -> FieldSpec:
    spec = field_spec(path)
    if spec is None:
        raise KeyError(f"{path!r} is not in the field table (desktop/core/fields.py)")
    return spec


STEPS: tuple[Step, ...] = (
    Step(
        "recipient",
        "Recipient",
        "Write to one person, by name, about what happened to them.",
        (
            "recipient.name",
            "recipient.title",
            "recipient.salutation",
            "recipient.organisation",
            "recipient.email",
            "recipient.reference",
            "recipient.address",
        ),
        INDIVIDUAL,
    ),
    Step(
        "readers",
        "Readers",
        "Tell readers why this reached them and what, if anything, they need to do.",
        ("audience", "action"),
        NOTICE,
    ),
    Step(
        "incident",
        "What went wrong",
        "Name the mistake specifically, in the first person.",
        (
            "incident.summary",
            "incident.what",
            "incident.occurred_on",
            "incident.affected",
            "incident.category",
        ),
    ),
    Step("cause", "The cause", "Explain why it happened, plainly and without excuses.", ("cause",)),
    Step(
        "fix",
        "The fix and what changes",
        "Say what has been put right and what will be done differently.",
        ("fixed", "changes"),
    ),
    Step(
        "compensation",
        "Compensation",
        "Make up for the trouble where it fits; an apology with compensation satisfies twice as many.",
        ("compensation.kind", "compensation.amount", "compensation.currency", "compensation.description"),
    ),
    Step(
        "follow_up",
        "Follow-up",
        "Commit to a date for the next update, and keep it.",
        (
            "follow_up.mode",
            "follow_up.date",
            "follow_up.business_days",
            "follow_up.country",
            "follow_up.subdivision",
            "follow_up.promise",
        ),
    ),
    Step(
        "sender",
        "Sender and sign-off",
        "Sign as the person who owns the mistake, and say how to reach a person.",
        (
            "sender.name",
            "sender.role",
            "sender.company",
            "sender.email",
            "sender.contact",
            "sender.sign_off",
            "sender.signature",
            "sender.address",
            "letter_date",
            "locale",
        ),
    ),
    Step(
        "own_words",
        "Your own words",
        "Optional: your own subject line, opening and closing.",
        ("subject", "opening", "closing_note", "questions"),
    ),
    Step(
        "law",
        "Law and deadlines",
        "Breach notices and final responses: the law where the reader is sets what they must say.",
        (
            "letter_type",
            "jurisdiction",
            "incident.discovered_on",
            "complaint.received_on",
            "complaint.outcome",
        ),
    ),
)


def steps_for(kind: Kind) -> tuple[Step, ...]:
    return tuple(step for step in STEPS if step.applies_to(kind))


def step_by_id(step_id: str) -> Step:
    return next(step for step in STEPS if step.id == step_id)


def step_of(name: str, kind: Kind | None = None) -> Step | None:
    """The step holding a field; with a kind, the one shown for it (fields are never shared)."""
    return next((s for s in STEPS if s.owns(name) and (kind is None or s.applies_to(kind))), None)


def required_fields(kind: Kind, template: LetterTemplate | None = None) -> tuple[str, ...]:
    """The template's own list when there is a template; the field table's defaults otherwise."""
    return template.requires if template is not None else default_required(kind)


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
    """Whether a required field is empty; the pipeline and the form both ask this, never raising."""
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
    return [note.field for note in field_problems(draft, today) if note.field]


def field_problems(draft: Draft, today: dt.date | None = None) -> list[FieldNote]:
    """Entries that cannot go out as they stand, each with what to do about it: the form
    marks their steps incomplete and the pipeline (core/compose.py) reports them."""
    notes = [note for note in (follow_up_preview(draft, today), amount_preview(draft)) if note.problem]
    if not _known_locale(draft.locale):
        notes.append(locale_preview(draft))
    if problem := jurisdiction_problem(draft.jurisdiction):
        notes.append(FieldNote(f"The jurisdiction {problem}.", True, "jurisdiction"))
    for index, question in enumerate(draft.questions if draft.kind is Kind.NOTICE else ()):
        if question.question.strip() and not question.answer.strip():
            message = "This question has no answer yet; answer it or remove it."
            notes.append(FieldNote(message, True, f"questions[{index}].answer"))
        elif question.answer.strip() and not question.question.strip():
            message = "This answer has no question; add the question or remove it."
            notes.append(FieldNote(message, True, f"questions[{index}].question"))
    return notes


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
            return FieldNote("Choose the country of that province or state.", True, "follow_up.country")
        return None
    probe = dt.date(2026, 1, 1)
    try:
        add_business_days(probe, 1, country)
    except UnknownRegionError:
        return FieldNote(
            f"No public-holiday calendar for “{country.upper()}”: choose the country from the list.",
            True,
            "follow_up.country",
        )
    try:
        add_business_days(probe, 1, country, subdivision)
    except UnknownRegionError:
        return FieldNote(
            f"“{subdivision.upper()}” is not a province or state of {country.upper()} with its own holidays: "
            f"choose one of {country_name(country)}'s from the list.",
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


_SAMPLE_DAY = dt.date(2026, 11, 25)
_SAMPLE_AMOUNT = Decimal("1234.50")


@lru_cache(maxsize=32)
def _known_locale(locale: str) -> bool:
    """Cached: the form asks on every keystroke."""
    try:
        check_locale(locale)
    except UnknownLocaleNameError:
        return False
    return True


def locale_preview(draft: Draft) -> FieldNote:
    """What the letter's locale does to it, in its own words: "Writes 25 November 2026,
    £1,234.50, “apologise”; A4 paper unless your settings fix one"."""
    if not _known_locale(draft.locale):
        return FieldNote(
            f"“{draft.locale}” is not a language and region Amends knows: choose one from the list.",
            True,
            "locale",
        )
    currency = draft.compensation.currency.upper() or _home_currency(draft.locale)
    amount = ""
    if is_currency(currency):
        amount = f", {money(_SAMPLE_AMOUNT, currency, draft.locale)}"
    return FieldNote(
        f"Writes {long_date(_SAMPLE_DAY, draft.locale)}{amount}, “{spelling(draft.locale)}”; "
        f"{paper_for(draft.locale)} paper unless your settings fix one."
    )


def _home_currency(locale: str) -> str:
    region = locale.replace("-", "_").split("_")[-1]
    return currency_of(region) if region.isalpha() and len(region) == 2 else ""


def category_preview(draft: Draft, known: tuple[str, ...] | None = None) -> FieldNote:
    """Whether the checker will weigh the category, said where it is chosen rather than
    found out from a compensation suggestion that never comes."""
    known = known_categories() if known is None else known
    category = draft.incident.category.strip().lower()
    if not category or category in known:
        return FieldNote("")
    close = closest_category(category, known)
    meant = f" Did you mean “{category_label(close)}”?" if close else ""
    return FieldNote(
        f"“{draft.incident.category.strip()}” is your own category: the checker will not suggest "
        f"compensation for it, whatever the letter says.{meant}",
        True,
    )
