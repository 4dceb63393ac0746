"""Every field of a draft, declared once: its dotted path, the words a person sees, and what
the letter needs of it.

The form builds its widgets from this table, the checker and the readiness verdict name
fields by its labels, and the draft decoder names a broken field the way the form does. A
label changed here changes everywhere, so "What happened" can never be "What went wrong"
one panel over.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from desktop.core.model import CompensationKind, Draft, FollowUpMode, Kind, LetterType, Outcome, Question

BOTH = frozenset(Kind)
INDIVIDUAL = frozenset({Kind.INDIVIDUAL})
NOTICE = frozenset({Kind.NOTICE})
NEITHER: frozenset[Kind] = frozenset()

LETTER = ""
"""The name findings use for the letter as a whole rather than one field."""
RECIPIENTS = "recipients"
"""The name findings use for a notice's recipient list."""


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
    """A short upper-case code: a currency."""
    DATE = "date"
    CHOICE = "choice"
    LOOKUP = "lookup"
    """One of a long list known only at run time (locales, countries, regions), found by
    typing part of its name; the draft holds its code. A value not on the list, from an
    older or hand-edited draft, still loads and shows, marked as not on the list."""
    CHOICE_OR_OWN = "choice_or_own"
    """One of a list that changes what the app does, or the writer's own words after
    "Other…", with a note saying what the app will not do for them."""
    AMOUNT = "amount"
    COUNT = "count"
    QUESTIONS = "questions"


PROSE_CONTROLS = frozenset({Control.PROSE, Control.PROSE_LINE})


@dataclass(frozen=True)
class FieldSpec:
    path: str
    """Dotted path into the Draft, the same name the checker and templates use."""
    label: str
    hint: str
    control: Control
    example: str = ""
    kinds: frozenset[Kind] = BOTH
    """The kinds of letter whose form shows this field."""
    required_for: frozenset[Kind] = NEITHER
    """Kinds whose letter makes no sense without it, unless the template says otherwise."""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, label) pairs for a CHOICE."""
    choices_from: str = ""
    """For a LOOKUP or CHOICE_OR_OWN: the run-time list its values come from (see `choice_list`)."""
    depends_on: str = ""
    """The field whose value picks the list (a region's list depends on the country)."""
    suggestions: tuple[str, ...] = ()
    """Common values offered for a TEXT field, which still takes any text."""
    max_length: int = 0

    @property
    def prose(self) -> bool:
        """Prose is checked for wording and may hold merge fields such as {{ first_name }}."""
        return self.control in PROSE_CONTROLS

    def applies_to(self, kind: Kind) -> bool:
        return kind in self.kinds


@dataclass(frozen=True)
class FieldGroup:
    """A name that stands for several fields at once ("follow_up": a date, promised somehow)."""

    path: str
    label: str
    required_for: frozenset[Kind] = NEITHER


_FIRST_PERSON = "Full sentences, saying “I” or “we” did it."

FIELDS: tuple[FieldSpec, ...] = (
    # Recipient (individual letters; a notice takes its recipients from a list)
    FieldSpec(
        "recipient.name",
        "Name",
        "As they write it themselves.",
        Control.TEXT,
        "Danielle Tremblay",
        INDIVIDUAL,
        INDIVIDUAL,
    ),
    FieldSpec(
        "recipient.title",
        "Title",
        "Courtesy title for the greeting, if they use one.",
        Control.TEXT,
        "Ms",
        INDIVIDUAL,
    ),
    FieldSpec(
        "recipient.salutation",
        "Greeting",
        "Only when the usual greeting (“Dear Ms Tremblay”) is wrong for them.",
        Control.TEXT,
        "Dear Danielle",
        INDIVIDUAL,
    ),
    FieldSpec(
        "recipient.organisation",
        "Organisation",
        "When you write to them at work.",
        Control.TEXT,
        kinds=INDIVIDUAL,
    ),
    FieldSpec(
        "recipient.email",
        "E-mail",
        "Where the e-mail draft goes.",
        Control.TEXT,
        "d.tremblay@example.com",
        INDIVIDUAL,
    ),
    FieldSpec(
        "recipient.reference",
        "Their reference",
        "An account, policy or case number they will recognise.",
        Control.TEXT,
        "RRSP 4471-0923",
        INDIVIDUAL,
    ),
    FieldSpec(
        "recipient.address",
        "Postal address",
        "One line per line, printed above the greeting.",
        Control.LINES,
        "88 Birchmount Road\nToronto ON  M1N 3J4",
        INDIVIDUAL,
    ),
    # Readers (notices)
    FieldSpec(
        "audience",
        "Why they received it",
        "The plain reason they are on the list, so nobody has to wonder.",
        Control.PROSE,
        "You are receiving this because you subscribed to our newsletter or stayed with us "
        "in the last four years.",
        NOTICE,
    ),
    FieldSpec(
        "action",
        "What they need to do",
        "One clear action, or say that they need to do nothing.",
        Control.PROSE,
        "You do not need to do anything: nobody will be charged.",
        NOTICE,
    ),
    # What went wrong
    FieldSpec(
        "incident.summary",
        "In a few words",
        "A short phrase the letter builds its sentences on.",
        Control.PROSE_LINE,
        "the restart of your RRSP withdrawal",
        required_for=BOTH,
    ),
    FieldSpec(
        "incident.what",
        "What happened",
        _FIRST_PERSON,
        Control.PROSE,
        "When I restarted your withdrawal, I left the default bank account on the form.",
        required_for=BOTH,
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
        "Groups similar incidents in the history; where the reader lost money or time, "
        "the checker suggests compensation.",
        Control.CHOICE_OR_OWN,
        choices_from="categories",
    ),
    # The cause
    FieldSpec(
        "cause",
        "Why it happened",
        "Being open calms people; “beyond our control” and policy quotes do not.",
        Control.PROSE,
        "I did not check the account on the form against your instructions.",
    ),
    # The fix and what changes
    FieldSpec(
        "fixed",
        "What has been done",
        "What is already put right, as a fact.",
        Control.PROSE,
        "The full amount is now in the account you chose.",
        required_for=INDIVIDUAL,
    ),
    FieldSpec(
        "changes",
        "What changes",
        "So it does not happen again; promise only what you control.",
        Control.PROSE,
        "I now read the account back to the client before I send the form.",
    ),
    # Compensation
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
    # Law and deadlines (breach notices, complaints' final responses)
    FieldSpec(
        "letter_type",
        "What the law asks of it",
        "A breach notice or a final response is checked against the law where the reader is.",
        Control.CHOICE,
        choices=(
            (LetterType.APOLOGY.value, "An ordinary apology"),
            (LetterType.BREACH_NOTICE.value, "Personal data breach notice"),
            (LetterType.FINAL_RESPONSE.value, "Final response to a complaint"),
        ),
    ),
    FieldSpec(
        "jurisdiction",
        "Where the reader is",
        "A country code, or country and region: GB, IE, US-CA, US-MA, CA-ON. A list's "
        "jurisdiction column gives each reader their own.",
        Control.TEXT,
        "US-CA",
        suggestions=("GB", "IE", "DE", "FR", "US-CA", "US-MA", "US-NY", "CA-ON", "CA-QC", "AU"),
        max_length=6,
    ),
    FieldSpec(
        "incident.discovered_on",
        "When you found out",
        "A breach notice's deadline runs from the day the breach was discovered.",
        Control.DATE,
    ),
    FieldSpec(
        "complaint.received_on",
        "Complaint received",
        "A final response's deadline runs from the day the complaint arrived.",
        Control.DATE,
    ),
    FieldSpec(
        "complaint.outcome",
        "Outcome",
        "What the final response decides.",
        Control.CHOICE,
        choices=(
            (Outcome.NONE.value, "Not decided yet"),
            (Outcome.UPHELD.value, "Upheld: we put it right"),
            (Outcome.REDRESS_WITHOUT_ACCEPTING.value, "Redress offered without accepting the complaint"),
            (Outcome.REJECTED.value, "Not upheld, with our reasons"),
        ),
    ),
    # Follow-up
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
        "Whose public holidays are skipped; with none, only weekends are.",
        Control.LOOKUP,
        "Canada",
        choices_from="countries",
    ),
    FieldSpec(
        "follow_up.subdivision",
        "Province or state",
        "When holidays differ by region.",
        Control.LOOKUP,
        "Ontario",
        choices_from="subdivisions",
        depends_on="follow_up.country",
    ),
    FieldSpec(
        "follow_up.promise",
        "What will happen by then",
        "The letter adds “by” and the date; leave empty for the template's words.",
        Control.PROSE,
        "I will call you with the outcome of your request",
    ),
    # Sender and sign-off
    FieldSpec(
        "sender.name",
        "Your name",
        "A person, not a department.",
        Control.TEXT,
        "Marc Okafor",
        required_for=INDIVIDUAL,
    ),
    FieldSpec("sender.role", "Role", "", Control.TEXT, "Client Service Specialist"),
    FieldSpec(
        "sender.company",
        "Company",
        "",
        Control.TEXT,
        "Northshore Savings & Trust",
        required_for=NOTICE,
    ),
    FieldSpec(
        "sender.email", "Your e-mail", "The sender of e-mail drafts.", Control.TEXT, "marc.okafor@example.com"
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
        suggestions=("Yours sincerely", "Yours faithfully", "Kind regards", "With apologies", "Sincerely"),
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
    FieldSpec("letter_date", "Letter date", "Unset, the letter carries the day it is sent.", Control.DATE),
    FieldSpec(
        "locale",
        "Language and region",
        "Written the reader's way: dates, amounts, and “apologise” or “apologize”.",
        Control.LOOKUP,
        "English (Canada)",
        choices_from="locales",
    ),
    # Your own words
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
    FieldSpec("closing_note", "Closing", "A last short paragraph before the sign-off.", Control.PROSE),
    FieldSpec(
        "questions",
        "Questions and answers",
        "For open letters: the questions people ask most, answered plainly.",
        Control.QUESTIONS,
        kinds=NOTICE,
    ),
)

GROUPS: tuple[FieldGroup, ...] = (
    FieldGroup("follow_up", "Next update", INDIVIDUAL),  # the label of its first input, as the form shows
    FieldGroup("compensation", "Compensation"),
    FieldGroup(LETTER, "the letter"),
    FieldGroup(RECIPIENTS, "Recipients"),  # the tab the list is on
)

_BY_PATH = {spec.path: spec for spec in FIELDS}
_GROUP_BY_PATH = {group.path: group for group in GROUPS}

PROSE_FIELDS: tuple[str, ...] = tuple(spec.path for spec in FIELDS if spec.prose)
"""Fields the writer types sentences into, in the form's order: checked, and merged per recipient."""


def field_spec(path: str) -> FieldSpec | None:
    return _BY_PATH.get(path)


def field_label(path: str) -> str:
    """The words a person sees for a field: "questions[1].answer" is "Answer 2"."""
    if path.startswith("questions["):
        index, _, part = path[len("questions[") :].partition("].")
        return f"{part.capitalize() or 'Question'} {int(index) + 1}"
    if path in _BY_PATH:
        return _BY_PATH[path].label
    if path in _GROUP_BY_PATH:
        return _GROUP_BY_PATH[path].label
    return path.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def default_required(kind: Kind) -> tuple[str, ...]:
    """What a letter of this kind needs when its template does not say."""
    groups = tuple(group.path for group in GROUPS if kind in group.required_for)
    fields = tuple(spec.path for spec in FIELDS if kind in spec.required_for)
    return (*fields, *groups)


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


def with_prose(draft: Draft, change: Callable[[str], str]) -> Draft:
    """A copy of the draft with `change` made to every prose field and question (merge fields
    filled in, one channel's passages chosen), copied deep enough that setting a field never
    reaches the writer's draft."""
    copy = dataclasses.replace(
        draft,
        incident=dataclasses.replace(draft.incident),
        compensation=dataclasses.replace(draft.compensation),
        follow_up=dataclasses.replace(draft.follow_up),
        sender=dataclasses.replace(draft.sender),
        questions=[Question(change(q.question), change(q.answer)) for q in draft.questions],
    )
    for path in PROSE_FIELDS:
        text = get_value(copy, path)
        if isinstance(text, str):
            set_value(copy, path, change(text))
    return copy


def prose_texts(draft: Draft) -> list[tuple[str, str]]:
    """(path, text) for every prose field with text in it, questions and answers included."""
    texts = [(path, text) for path in PROSE_FIELDS if isinstance(text := get_value(draft, path), str)]
    for index, question in enumerate(draft.questions):
        texts.append((f"questions[{index}].question", question.question))
        texts.append((f"questions[{index}].answer", question.answer))
    return [(path, text) for path, text in texts if text.strip()]


# The lists behind LOOKUP and CHOICE_OR_OWN fields (and the settings that take the same
# values), computed when first asked for: the table above stays plain data.

LOCALES = "locales"
COUNTRIES = "countries"
SUBDIVISIONS = "subdivisions"
CATEGORIES = "categories"
CURRENCIES = "currencies"

NO_COUNTRY = "No public holidays (weekends only)"
WHOLE_COUNTRY = "The whole country"
NOT_SET = "Not set"
NO_CURRENCY = "None: chosen in each letter"


def choice_list(name: str, depends_on: str = "") -> tuple[tuple[str, str], ...]:
    """(value, label) pairs for the list `name`; `depends_on` is the country of SUBDIVISIONS.

    Holiday country, region, currency and category start with the empty value, which is
    allowed (weekends only; the whole country; none yet); a locale is always one of the list.
    """
    from desktop.core import business_days, formatting

    if name == LOCALES:
        return formatting.supported_locales()
    if name == CURRENCIES:
        return (("", NO_CURRENCY), *((c, f"{label} ({c})") for c, label in formatting.supported_currencies()))
    if name == COUNTRIES:
        return (("", NO_COUNTRY), *business_days.country_choices())
    if name == SUBDIVISIONS:
        return (("", WHOLE_COUNTRY), *business_days.subdivision_choices(depends_on))
    if name == CATEGORIES:
        return (("", NOT_SET), *((value, category_label(value)) for value in known_categories()))
    raise KeyError(f"no list of choices called {name!r}")


def unlisted_label(name: str, value: str) -> str:
    """How a value that is not on its list is shown, so a draft that holds one still opens."""
    from desktop.core import formatting

    known = formatting.locale_name(value) if name == LOCALES else value
    shown = value if known == value else f"{known}, {value}"
    return f"{shown} (not on the list)"


@lru_cache(maxsize=1)
def known_categories() -> tuple[str, ...]:
    """The incident categories the checker counts as a loss of money or time (the built-in
    no-compensation rule's `categories`), in the rule file's spelling: lower case.

    Read from the rule files as TOML, without building rules: the form asks before the
    checker is built, and compiling every pattern twice would slow the start.
    """
    import tomllib

    from desktop.core.checker.engine import builtin_rules_dir

    for path in sorted(builtin_rules_dir().glob("*.toml")):
        with path.open("rb") as handle:
            rules = tomllib.load(handle).get("rule", [])
        for rule in rules:
            if isinstance(rule, dict) and rule.get("id") == "no-compensation":
                categories = rule.get("params", {}).get("categories", [])
                return tuple(sorted({str(c).strip().lower() for c in categories if str(c).strip()}))
    return ()


def category_label(value: str) -> str:
    """ "Appointment" for "appointment": the checker's words, written as a label."""
    return value[:1].upper() + value[1:]


def closest_category(value: str, known: tuple[str, ...] | None = None) -> str | None:
    """The known category a typed one most likely meant ("appointments" -> "appointment")."""
    known = known_categories() if known is None else known
    close = difflib.get_close_matches(value.strip().lower(), list(known), n=1, cutoff=0.75)
    return close[0] if close else None
