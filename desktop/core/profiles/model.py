"""A compliance profile as data: what one law asks a letter to say, and not say, and by when.

Each thing a profile checks carries its own clause, so a finding can name the paragraph of
the law it comes from, and its own id, so an example can say which check it must fail and
a team can see which check a finding belongs to. Everything is frozen: a catalogue is read
once and shared by the window, the merge and the command line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from desktop.core.model import LetterType

DATE_FIELDS = {
    "incident.discovered_on": "the day the incident was discovered",
    "complaint.received_on": "the day the complaint was received",
    "incident.occurred_on": "the day of the incident",
}
"""The draft dates a deadline may run from (the laws count from discovery, from receipt of
the complaint, or rarely from the incident itself), with the words a message uses for them."""

TITLE_ITEM = "title"
"""The id the title check goes by in findings and examples."""
TYPE_SIZE_ITEM = "type-size"
"""The id the type-size check goes by."""


class Unit(StrEnum):
    """How a law counts its period. Weeks are calendar weeks: DISP's "by the end of eight
    weeks after its receipt" is the day 56 days after receipt."""

    CALENDAR_DAYS = "calendar-days"
    BUSINESS_DAYS = "business-days"
    WEEKS = "weeks"


@dataclass(frozen=True)
class Pattern:
    source: str
    """As written in the file, for messages."""
    regex: re.Pattern[str]
    line: int | None


@dataclass(frozen=True)
class Element:
    """Something the letter must contain: there when one of `fields` is filled in the draft
    or one of `patterns` matches the letter's text."""

    id: str
    label: str
    clause: str
    principle: str
    fields: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    line: int | None


@dataclass(frozen=True)
class Title:
    text: str
    clause: str
    principle: str
    line: int | None

    @property
    def id(self) -> str:
        return TITLE_ITEM


@dataclass(frozen=True)
class Heading:
    """A heading the letter must have, in the order the profile lists them."""

    id: str
    text: str
    clause: str
    principle: str
    line: int | None


@dataclass(frozen=True)
class Wording:
    """A block of words the letter must contain as written (typography aside)."""

    id: str
    label: str
    clause: str
    principle: str
    text: str
    line: int | None


@dataclass(frozen=True)
class Forbidden:
    """Content the letter must not have: a pattern in its text, or a heading that is itself
    the forbidden content ("What Happened" in a notice that may not say what happened)."""

    id: str
    label: str
    clause: str
    principle: str
    patterns: tuple[Pattern, ...]
    headings: tuple[str, ...]
    line: int | None
    advisory: bool = False
    """A warning rather than an error: the rule rests on guidance, not on statute text read
    here, so it marks the letter for review without holding it back."""


@dataclass(frozen=True)
class TypeSize:
    minimum_pt: float
    clause: str
    principle: str
    line: int | None

    @property
    def id(self) -> str:
        return TYPE_SIZE_ITEM


@dataclass(frozen=True)
class Deadline:
    id: str
    label: str
    clause: str
    principle: str
    start_field: str
    """One of DATE_FIELDS: the draft date the period runs from (`from` in the file)."""
    count: int
    unit: Unit
    line: int | None


@dataclass(frozen=True)
class Example:
    """A letter the test suite checks under its profile: it must pass, or fail on exactly
    the checks named in `fails_on`."""

    name: str
    passes: bool
    fails_on: tuple[str, ...]
    text: str
    title: str | None
    """The letter's title; None means its first non-blank line."""
    fields: tuple[tuple[str, object], ...]
    """Draft fields set for the example ("sender.contact", "…"), in file order."""
    body_font_pt: float | None
    today: dt.date | None
    """The day it is checked; None means the profile's `checked` date."""
    line: int | None


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    letter_type: LetterType
    jurisdictions: tuple[str, ...]
    automatic: bool
    """Chosen by letter type and jurisdiction; False: only when a draft asks for it by id."""
    source: str
    source_url: str
    checked: dt.date
    verified: str
    """What the clause texts were checked against, and what was not: a reader decides how far
    to trust a finding from this."""
    principle: str
    """Why the law asks this, for a finding whose check has no principle of its own."""
    path: Path
    builtin: bool
    elements: tuple[Element, ...] = ()
    title: Title | None = None
    headings: tuple[Heading, ...] = ()
    wordings: tuple[Wording, ...] = ()
    forbidden: tuple[Forbidden, ...] = ()
    type_size: TypeSize | None = None
    deadlines: tuple[Deadline, ...] = ()
    examples: tuple[Example, ...] = ()

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Every check's id, as `fails_on` and evaluate's ProfileFinding.item name them."""
        items: list[str] = [element.id for element in self.elements]
        items += [TITLE_ITEM] if self.title else []
        items += [heading.id for heading in self.headings]
        items += [wording.id for wording in self.wordings]
        items += [forbidden.id for forbidden in self.forbidden]
        items += [TYPE_SIZE_ITEM] if self.type_size else []
        items += [deadline.id for deadline in self.deadlines]
        return tuple(items)
