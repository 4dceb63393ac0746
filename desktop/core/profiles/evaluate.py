"""Checking one letter, as one reader gets it, under the profiles chosen for it.

Every check that fails is an ERROR (deadlines aside), so a merge holds back the rows whose
letters fail and an export stops at "Not ready": sending a breach notice without its
contact point is the very thing the profile exists to stop. The writer can still accept a
finding with a reason (the law's own "if known" cases: a breach date nobody knows yet), as
for any error. Each message names the profile, what is wrong and the clause it comes from,
because the person reading it has to decide whether the law really asks it of this letter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from desktop.core.checker.findings import LETTER_FIELD, Finding, Severity
from desktop.core.model import Draft
from desktop.core.profiles.deadlines import DeadlineState, due_date
from desktop.core.profiles.matching import Tidied, find_block, same_words, tidy, words
from desktop.core.profiles.model import (
    DATE_FIELDS,
    TITLE_ITEM,
    TYPE_SIZE_ITEM,
    Deadline,
    Element,
    Forbidden,
    Profile,
)

ELEMENT = "profile-element"
HEADING = "profile-heading"
WORDING = "profile-wording"
FORBIDDEN = "profile-forbidden"
TYPE_SIZE = "profile-type-size"
DEADLINE = "profile-deadline"


@dataclass(frozen=True)
class LetterUnderCheck:
    draft: Draft
    """The letter as one recipient gets it (merge fields replaced)."""
    text: str
    """The rendered letter as plain text (desktop.core.writers.plain.to_text)."""
    headings: tuple[str, ...]
    """The letter's heading texts in order."""
    title: str
    """The subject line or title."""
    body_font_pt: float | None
    """The type size the printed letter's body uses; None when it is not printed."""
    today: dt.date

    @property
    def jurisdiction(self) -> str:
        """Where the reader is: their own (a list's column) or the draft's."""
        return self.draft.recipient.jurisdiction or self.draft.jurisdiction


@dataclass(frozen=True)
class ProfileFinding:
    """A finding with the profile and the check it came from, which `Finding` has no room
    for: examples are judged by check id, and a window may group findings by profile."""

    profile: str
    item: str
    finding: Finding


def check_profiles(profiles: Sequence[Profile], letter: LetterUnderCheck) -> list[Finding]:
    """Each finding names its profile and check in `item`, so that accepting one (a breach
    date that cannot be determined, say) accepts that one alone."""
    return [
        dataclasses.replace(found.finding, item=f"{found.profile}/{found.item}")
        for found in evaluate(profiles, letter)
    ]


def evaluate(profiles: Sequence[Profile], letter: LetterUnderCheck) -> list[ProfileFinding]:
    found: list[ProfileFinding] = []
    tidied = tidy(letter.text)  # once for every profile: patterns are matched in this
    for profile in profiles:
        found += _Check(profile, letter, tidied).run()
    return found


class _Check:
    def __init__(self, profile: Profile, letter: LetterUnderCheck, tidied: Tidied):
        self.profile = profile
        self.letter = letter
        self.tidied = tidied
        self.found: list[ProfileFinding] = []

    def run(self) -> list[ProfileFinding]:
        self._title()
        self._headings()
        for element in self.profile.elements:
            self._element(element)
        self._wordings()
        for forbidden in self.profile.forbidden:
            self._forbidden(forbidden)
        self._type_size()
        for deadline in self.profile.deadlines:
            self._deadline(deadline)
        return self.found

    def add(
        self,
        item: str,
        rule: str,
        what: str,
        clause: str,
        principle: str,
        *,
        severity: Severity = Severity.ERROR,
        span: tuple[int, int] = (0, 0),
        field: str = LETTER_FIELD,
        matched: str = "",
    ) -> None:
        message = f"{self.profile.name}: {what} ({clause})"
        finding = Finding(rule, severity, message, principle, span[0], span[1], field, matched=matched)
        self.found.append(ProfileFinding(self.profile.id, item, finding))

    def _title(self) -> None:
        title = self.profile.title
        if title is None or same_words(self.letter.title, title.text):
            return
        what = (
            f"the title must be “{title.text}”, not “{self.letter.title.strip()}”"
            if self.letter.title.strip()
            else f"no title “{title.text}”"
        )
        self.add(TITLE_ITEM, HEADING, what, title.clause, title.principle, field="subject")

    def _headings(self) -> None:
        have = [words(heading) for heading in self.letter.headings]
        previous: tuple[int, str] | None = None
        for heading in self.profile.headings:
            wanted = words(heading.text)
            places = [index for index, text in enumerate(have) if text == wanted]
            if not places:
                self.add(
                    heading.id, HEADING, f"no heading “{heading.text}”", heading.clause, heading.principle
                )
                continue
            after = [index for index in places if previous is None or index > previous[0]]
            if not after:
                self.add(
                    heading.id,
                    HEADING,
                    f"the heading “{heading.text}” comes before “{previous[1] if previous else ''}”; "
                    "the law lists them in the other order",
                    heading.clause,
                    heading.principle,
                    span=self._line_span(self.letter.headings[places[0]]),
                    matched=self.letter.headings[places[0]],
                )
                continue
            previous = (after[0], heading.text)

    def _element(self, element: Element) -> None:
        if any(_filled(_draft_value(self.letter.draft, name)) for name in element.fields):
            return
        text = self.tidied.text
        if any(pattern.regex.search(text) for pattern in element.patterns):
            return
        self.add(
            element.id,
            ELEMENT,
            f"no {_bare(element.label)}",
            element.clause,
            element.principle,
            field=element.fields[0] if element.fields else LETTER_FIELD,
        )

    def _wordings(self) -> None:
        for wording in self.profile.wordings:
            match = find_block(wording.text, self.letter.text)
            if match.exact:
                continue
            if match.near:
                nearest = self.letter.text[match.start : match.end]
                self.add(
                    wording.id,
                    WORDING,
                    f"{wording.label} has been changed: {match.difference}",
                    wording.clause,
                    wording.principle,
                    span=(match.start, match.end),
                    matched=" ".join(nearest.split()),
                )
            else:
                self.add(wording.id, WORDING, f"no {_bare(wording.label)}", wording.clause, wording.principle)

    def _forbidden(self, forbidden: Forbidden) -> None:
        severity = Severity.WARNING if forbidden.advisory else Severity.ERROR
        for heading in self.letter.headings:
            if any(same_words(heading, banned) for banned in forbidden.headings):
                self.add(
                    forbidden.id,
                    FORBIDDEN,
                    f"the heading “{heading.strip()}” gives {forbidden.label}, which this letter must not",
                    forbidden.clause,
                    forbidden.principle,
                    severity=severity,
                    span=self._line_span(heading),
                    matched=heading.strip(),
                )
        tidied = self.tidied
        taken: list[tuple[int, int]] = []
        for pattern in forbidden.patterns:
            for match in pattern.regex.finditer(tidied.text):
                if match.end() == match.start() or any(
                    match.start() < end and start < match.end() for start, end in taken
                ):
                    continue
                taken.append((match.start(), match.end()))
                start, end = tidied.span(match.start(), match.end())
                self.add(
                    forbidden.id,
                    FORBIDDEN,
                    f"the letter gives {forbidden.label}, which it must not",
                    forbidden.clause,
                    forbidden.principle,
                    severity=severity,
                    span=(start, end),
                    matched=match.group(),
                )

    def _type_size(self) -> None:
        size = self.profile.type_size
        font = self.letter.body_font_pt
        if size is None or font is None or font >= size.minimum_pt:
            return
        self.add(
            TYPE_SIZE_ITEM,
            TYPE_SIZE,
            f"the body text is {font:g} pt; the law asks for at least {size.minimum_pt:g} pt",
            size.clause,
            size.principle,
        )

    def _deadline(self, deadline: Deadline) -> None:
        start = _draft_value(self.letter.draft, deadline.start_field)
        what = f"{deadline.label} ({deadline.clause})"
        if not isinstance(start, dt.date):
            start_label = DATE_FIELDS[deadline.start_field]
            message = f"{self.profile.name}: {what}: fill in {start_label} to count it"
            finding = Finding(
                DEADLINE, Severity.INFO, message, deadline.principle, 0, 0, deadline.start_field
            )
            self.found.append(ProfileFinding(self.profile.id, deadline.id, finding))
            return
        jurisdiction = self.letter.jurisdiction or _a_country(self.profile)
        state = DeadlineState(due_date(start, deadline.count, deadline.unit, jurisdiction), self.letter.today)
        message = f"{self.profile.name}: {what}: {state.describe()}"
        severity = Severity.WARNING if state.urgent else Severity.INFO
        finding = Finding(DEADLINE, severity, message, deadline.principle, 0, 0, deadline.start_field)
        self.found.append(ProfileFinding(self.profile.id, deadline.id, finding))

    def _line_span(self, heading: str) -> tuple[int, int]:
        """Where a heading is in the letter's text: the first line with its words."""
        offset = 0
        for line in self.letter.text.splitlines(keepends=True):
            if same_words(line, heading):
                start = offset + len(line) - len(line.lstrip())
                return start, offset + len(line.rstrip())
            offset += len(line)
        return 0, 0


def _bare(label: str) -> str:
    """ "the name and contact details…" becomes "name and contact details…", to follow "no"."""
    for article in ("the ", "a ", "an "):
        if label.casefold().startswith(article):
            return label[len(article) :]
    return label


def _draft_value(draft: Draft, path: str) -> object:
    value: object = draft
    for part in path.split("."):
        value = getattr(value, part, None)
    return value


def _filled(value: object) -> bool:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def _a_country(profile: Profile) -> str:
    """For business days when the letter names no place: the profile's own, if it has one."""
    return next((code for code in profile.jurisdictions if code != "EU"), "")
