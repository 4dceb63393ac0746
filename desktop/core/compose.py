"""The one road from a draft to a verdict: draft (+ recipient, + today, + history) → the letter
as it will be sent → findings → ready or not.

The window, `amends check`, `render`, `merge`, the notice export and the clipboard all come
through here, so "Ready to send" means the same thing wherever it is said, and a letter
that is not ready cannot leave by any exit unless the writer overrides it with a reason.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.channels import ALL_CHANNELS, Channel, PassageProblem, draft_passages
from desktop.core.checker.choices import apply_choices
from desktop.core.checker.engine import Checker
from desktop.core.checker.findings import Finding, Severity
from desktop.core.checker.history import HistoryLookup
from desktop.core.context import letter_jurisdiction
from desktop.core.document import Document, Heading, plain
from desktop.core.fields import FIELDS, LETTER, RECIPIENTS, field_label
from desktop.core.form_steps import field_problems, follow_up_preview, is_missing, required_fields
from desktop.core.merge_fields import (
    MERGE_FIELD,
    MergeUse,
    draft_uses,
    known_names,
    merge_values,
    merged_draft,
)
from desktop.core.model import Draft, Kind, Recipient
from desktop.core.pages.styles import SMALLEST_PT
from desktop.core.templates import LetterTemplate, TemplateCatalogue, TemplateError
from desktop.core.writers.plain import to_text

if TYPE_CHECKING:
    from desktop.core.profiles import LetterUnderCheck, ProfileCatalogue

_COMPLETE = "Be specific: a letter with a gap in it tells the reader nobody finished it."
_TIMELY = "Timing: a letter dated days before it arrives reads as if it waited in a drawer."
_LAWFUL = "Some letters have contents the law sets: a notice that lacks one is not sent."
_MERGED = "Be specific: a letter that shows its machinery tells the reader it came off a list."

READINESS_RULES = frozenset(
    {"required-field", "field-problem", "letter-date", "unrendered", "channel-passage", "profile-unknown"}
)
"""Findings the pipeline itself raises; like a placeholder, they cannot be accepted or
ignored, only overridden at export with a reason."""


class NotReady(Exception):
    """A letter with blocking findings asked to leave without an override."""

    def __init__(self, blocking: Sequence[Finding]):
        self.blocking = list(blocking)
        verb = "blocks" if len(self.blocking) == 1 else "block"
        super().__init__(f"{plural(len(self.blocking), 'error')} {verb} this letter")


@dataclass(frozen=True)
class Composed:
    """A draft taken through the pipeline once: what it prints and what stops it."""

    draft: Draft
    """As the writer typed it: findings' offsets refer to its fields."""
    letter: Draft
    """As one recipient gets it: their details, merge fields replaced."""
    document: Document | None
    """The rendered letter; None when it cannot be rendered (a finding says why)."""
    findings: list[Finding] = field(default_factory=list)
    preview: Document | None = None
    """The letter with merged values marked for a preview to highlight; the document itself
    when nothing was merged or no marks were asked for. Never exported."""
    render_error: TemplateError | None = field(default=None, compare=False)
    """Why the template could not render the letter (also an "unrendered" finding): a
    command that writes the letter reports it as the template problem it is."""
    channels: tuple[Channel, ...] = ALL_CHANNELS
    """The ways the letter was judged for; `document` is the letter as the first carries it."""
    paper: Document | None = None
    """The letter as printed, for a paged preview: `document` itself when that is the printed
    letter; None when the letter was judged for e-mail alone or cannot be printed."""

    def __post_init__(self) -> None:
        if self.preview is None:
            object.__setattr__(self, "preview", self.document)
        if self.paper is None and self.channels[0] is Channel.PRINT:
            object.__setattr__(self, "paper", self.document)

    @property
    def blocking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.blocking]

    @property
    def ready(self) -> bool:
        return self.document is not None and not self.blocking

    def require_ready(self, override: str | None = None) -> str:
        """The override reason in force ("" when the letter is ready); NotReady when it is
        not ready and nobody gave a reason to send it anyway."""
        if self.document is None:
            raise NotReady(self.blocking)
        if not self.blocking:
            return ""
        reason = clean_reason(override or "")
        if not reason:
            raise NotReady(self.blocking)
        return reason


def with_override(document: Document, reason: str) -> Document:
    """The document carrying the reason it left despite errors, for the writers to record."""
    if not reason:
        return document
    return dataclasses.replace(document, metadata={**document.metadata, "override": reason})


def clean_reason(text: str) -> str:
    """An override reason is one line: what a manifest or a history row can hold."""
    return " ".join(text.split())


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def explain(finding: Finding) -> str:
    """What a finding says and where, in the form's words, for a person reading a list."""
    label = f"‘{field_label(finding.field)}’"
    words = f"“{finding.matched}” — " if finding.matched and finding.matched not in finding.message else ""
    if finding.field == LETTER or label in finding.message:
        return f"{words}{finding.message}"
    return f"{label}: {words}{finding.message}"


def describe(finding: Finding) -> str:
    """One line for a terminal or a log: severity and rule id, then `explain`."""
    return f"{finding.severity.value} {finding.rule}: {explain(finding)}"


class Composer:
    """Build one per window or command and reuse it: the catalogue and the checker are the
    slow parts, and both are loaded once."""

    def __init__(
        self, catalogue: TemplateCatalogue, checker: Checker, profiles: ProfileCatalogue | None = None
    ):
        """`profiles`: the compliance profiles a breach notice or final response is held to."""
        self.catalogue = catalogue
        self.checker = checker
        self.profiles = profiles

    def compose(
        self,
        draft: Draft,
        *,
        recipient: Recipient | None = None,
        columns: Collection[str] | None = None,
        today: dt.date | None = None,
        history: HistoryLookup | None = None,
        template_id: str | None = None,
        recipients: Sequence[Mapping[str, str]] | None = None,
        mark_merged: bool = False,
        channel: Channel | None = None,
    ) -> Composed:
        """The letter and its verdict.

        `channel` is the way the letter leaves: an exit judges the letter it writes. Without
        it the draft is judged for every channel its template is written for, as a window
        shows it, so that nothing any exit would refuse goes unmarked; `document` is then the
        letter by the template's main channel and `paper` the printed one.

        `columns` are the recipient list's column identifiers when the draft is merged over
        a list: a merge field must name one of them. With `columns` and no `recipient` the
        draft is judged for the list as a whole (the rows' values are the list validation's
        job); with a `recipient`, for that one person; with neither, for the draft's own
        recipient. `recipients`, when given, are the list's rows, for merge-field-missing.
        """
        today = today or dt.date.today()
        person = recipient if recipient is not None else draft.recipient
        letter = merged_draft(draft, person)
        findings: list[Finding] = []
        template = self._template(template_id or draft.template, findings)
        channels = (channel,) if channel else template.channels if template else ALL_CHANNELS
        document = render_error = paper = None
        if template is not None:
            try:
                document = self.catalogue.render(letter, template.id, today, channels[0])
            except (TemplateError, ValueError) as exc:
                render_error = exc if isinstance(exc, TemplateError) else None
                findings.append(
                    _finding("unrendered", f"The letter cannot be rendered: {exc}", LETTER, _COMPLETE)
                )
            if document is not None and Channel.PRINT in channels[1:]:
                with contextlib.suppress(TemplateError, ValueError):  # the paged preview says it has none
                    paper = self.catalogue.render(letter, template.id, today, Channel.PRINT)
        findings += _completeness(
            draft, template, today, judge_recipient=recipient is not None or columns is None
        )
        findings += [_passage_finding(problem) for problem in draft_passages(draft)[1]]
        wording = self.checker.check_draft(
            draft,
            to_text(document) if document is not None else None,
            today=today,
            ignored=draft.ignored_findings,
            accepted=draft.accepted_findings,
            history=history,
            recipients=recipients,
            channels=channels,
        )
        if document is None and template is not None:
            # Judged without the letter, what the letter as a whole lacks ("never apologises")
            # would only be what the template would have added: "unrendered" says it all.
            wording = [f for f in wording if f.field != LETTER]
        findings += [f for f in wording if not _is_merge_placeholder(f)]
        own_values = merge_values(person)
        values = own_values if recipient is not None or columns is None else None
        names = known_names(columns if columns is not None else own_values)
        uses = draft_uses(draft)
        findings += merge_findings(uses, names, values, has_list=columns is not None)
        if document is not None:
            findings += self.profile_findings(letter, document, today, channels[0])
        preview = None
        if mark_merged and uses and document is not None and template is not None:
            marked = merged_draft(draft, person, mark=True)
            with contextlib.suppress(TemplateError, ValueError):  # unmarked is still a true preview
                preview = self.catalogue.render(marked, template.id, today, channels[0])
        return Composed(
            draft, letter, document, _in_form_order(findings), preview, render_error, channels, paper
        )

    def profile_findings(
        self, letter: Draft, document: Document, today: dt.date, channel: Channel = Channel.PRINT
    ) -> list[Finding]:
        """What the law asks of this letter and it lacks, under the profiles its letter type,
        its reader's jurisdiction and the draft's own list choose; a profile the draft names
        that nobody has is an error, not a letter checked under nothing. A finding may be
        accepted with a reason (a breach date that cannot be determined) like any other."""
        if self.profiles is None:
            return []
        from desktop.core.profiles import ProfileError, check_profiles

        try:
            chosen = self.profiles.for_letter(
                letter.letter_type, letter_jurisdiction(letter), letter.profiles
            )
        except ProfileError as exc:
            return [_finding("profile-unknown", f"{exc.reason}.", "profiles", _LAWFUL)]
        if not chosen:
            return []
        return apply_choices(
            check_profiles(chosen, self._under_check(letter, document, today, channel)),
            letter.ignored_findings,
            letter.accepted_findings,
        )

    @staticmethod
    def _under_check(letter: Draft, document: Document, today: dt.date, channel: Channel) -> LetterUnderCheck:
        from desktop.core.profiles import LetterUnderCheck

        return LetterUnderCheck(
            draft=letter,
            text=to_text(document),
            headings=tuple(plain(block.runs) for block in document.blocks if isinstance(block, Heading)),
            title=document.title,
            body_font_pt=SMALLEST_PT if channel is Channel.PRINT else None,
            today=today,
        )

    def prerender(
        self,
        draft: Draft,
        *,
        recipient: Recipient | None = None,
        today: dt.date | None = None,
        template_id: str | None = None,
        mark_merged: bool = False,
        channel: Channel | None = None,
    ) -> None:
        """Render what `compose` with these arguments renders, for the catalogue to remember.

        A shared template may take up to the render worker's time limit; a window calls this
        on another thread, then `compose` on its own finds the letters already rendered.
        Any thread may call it; the draft must not change meanwhile (pass a copy).
        """
        today = today or dt.date.today()
        person = recipient if recipient is not None else draft.recipient
        try:
            template = self.catalogue.get(template_id or draft.template)
            channels = (channel,) if channel else template.channels
            letter = merged_draft(draft, person)
            self.catalogue.render(letter, template.id, today, channels[0])
            if Channel.PRINT in channels[1:]:
                self.catalogue.render(letter, template.id, today, Channel.PRINT)
            if mark_merged and draft_uses(draft):
                self.catalogue.render(merged_draft(draft, person, mark=True), template.id, today, channels[0])
        except (TemplateError, ValueError):
            pass  # `compose` reports it

    def _template(self, template_id: str, findings: list[Finding]) -> LetterTemplate | None:
        try:
            return self.catalogue.get(template_id)
        except TemplateError as exc:
            findings.append(
                _finding("unrendered", f"The letter cannot be rendered: {exc}", LETTER, _COMPLETE)
            )
            return None


def _completeness(
    draft: Draft, template: LetterTemplate | None, today: dt.date, judge_recipient: bool
) -> list[Finding]:
    """Required fields left empty and entries that cannot be printed as they stand."""
    findings = []
    for path in required_fields(draft.kind, template):
        if path.startswith("recipient.") and draft.kind is Kind.NOTICE and not judge_recipient:
            continue  # a notice's recipients come from its list, which is validated row by row
        if is_missing(draft, path, today) and not _has_problem(draft, path, today):
            message = f"Fill in ‘{field_label(path)}’: this letter needs it."
            findings.append(_finding("required-field", message, path, _COMPLETE))
    for note in field_problems(draft, today):
        # A locale Amends does not list still prints its dates and amounts: the form marks it,
        # the letter may go. A follow-up before the letter date is the checker's to report.
        if note.field != "locale" and not _date_order(draft, note.field):
            findings.append(_finding("field-problem", note.text, note.field or LETTER, _COMPLETE))
    if draft.letter_date is not None and draft.letter_date < today:
        message = (
            f"The letter is dated {draft.letter_date:%d %B %Y}, which has passed. Clear the date to "
            "print the day it is sent, or set the day it will go out."
        )
        findings.append(_finding("letter-date", message, "letter_date", _TIMELY))
    return findings


def _date_order(draft: Draft, path: str) -> bool:
    """A follow-up date set before the letter date is the follow-up-date rule's to report."""
    return path == "follow_up.date" and draft.follow_up.date is not None


def _has_problem(draft: Draft, path: str, today: dt.date) -> bool:
    """A follow-up promised but unusable is reported once, as the problem it is."""
    return path == "follow_up" and follow_up_preview(draft, today).problem


def merge_findings(
    uses: Iterable[MergeUse], names: Collection[str], values: Mapping[str, str] | None, has_list: bool
) -> list[Finding]:
    """A merge field naming nothing, or (for one recipient) naming an empty cell, blocks."""
    findings = []
    for use in uses:
        if use.name not in names:
            where = "no column of the recipient list" if has_list else "nothing this letter knows"
            message = f"{use.text} names {where}, so it would print as it stands."
            findings.append(_finding("placeholder", message, use.field, _MERGED, use))
        elif values is not None and not values.get(use.name) and use.fallback is None:
            message = (
                f"{use.text} is empty for this recipient; fill it in, or give a fallback: "
                f'{{{{ {use.name} | default("…") }}}}.'
            )
            findings.append(_finding("merge-field-missing", message, use.field, _MERGED, use))
    return findings


def _passage_finding(problem: PassageProblem) -> Finding:
    return Finding(
        rule="channel-passage",
        severity=Severity.ERROR,
        message=problem.message,
        principle=_COMPLETE,
        start=problem.start,
        end=problem.end,
        field=problem.field,
        matched=problem.text,
    )


def _is_merge_placeholder(finding: Finding) -> bool:
    """The placeholder rule sees any {{ … }}; merge fields are judged here, by name."""
    return finding.rule == "placeholder" and MERGE_FIELD.fullmatch(finding.matched) is not None


def _finding(rule: str, message: str, path: str, principle: str, use: MergeUse | None = None) -> Finding:
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        message=message,
        principle=principle,
        start=use.start if use else 0,
        end=use.end if use else 0,
        field=path,
        matched=use.text if use else "",
    )


_ORDER = {
    path: index
    for index, path in enumerate([LETTER, *(spec.path.removesuffix(".mode") for spec in FIELDS), RECIPIENTS])
}
"""The form's order; a group such as "follow_up" sits where its first input does."""


def _in_form_order(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by the form's order of fields, as the readiness banner lists them."""
    severity = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(
        findings,
        key=lambda f: (severity[f.severity], _ORDER.get(f.field.split("[")[0], len(_ORDER)), f.start),
    )
