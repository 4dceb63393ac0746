"""Each row of a regulated notice under its own reader's law, before anything is written.

A breach notice merged over a list with a jurisdiction column goes to Californians and
to Massachusetts residents under different laws: each row's letter is rendered for the
run's channel and checked under that row's profiles. A row whose letter fails is held
back like a row with a missing value (listed, left out with --skip-invalid), never written
because the draft as a whole looked fine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from desktop.core.channels import Channel
from desktop.core.checker.findings import Finding, Severity
from desktop.core.compose import Composer
from desktop.core.context import letter_jurisdiction
from desktop.core.merge_fields import merged_draft
from desktop.core.model import Draft, LetterType
from desktop.core.recipients import ColumnMapping, RecipientTable
from desktop.core.recipients.rows import Overrides, prepared_rows
from desktop.core.templates import TemplateError


@dataclass(frozen=True)
class RowVerdict:
    row: int
    jurisdiction: str
    findings: list[Finding]

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]


def profile_rows(
    composer: Composer,
    draft: Draft,
    table: RecipientTable,
    mapping: ColumnMapping,
    template_id: str,
    channel: Channel,
    today: dt.date | None = None,
    overrides: Overrides | None = None,
) -> list[RowVerdict]:
    """The rows whose letters the law finds fault with (an error holds a row back, a warning
    marks it for review); none for an ordinary apology."""
    if composer.profiles is None or (draft.letter_type is LetterType.APOLOGY and not draft.profiles):
        return []
    today = today or dt.date.today()
    verdicts = []
    for row in prepared_rows(table, mapping, overrides):
        letter = merged_draft(draft, row.recipient)
        try:
            document = composer.catalogue.render(letter, template_id, today, channel)
        except (TemplateError, ValueError):
            continue  # the draft's verdict reports a template that cannot render
        findings = composer.profile_findings(letter, document, today, channel)
        findings = [f for f in findings if f.blocking or f.severity is Severity.WARNING]
        if findings:
            verdicts.append(RowVerdict(row.row, letter_jurisdiction(letter), findings))
    return verdicts


def held_back(verdicts: list[RowVerdict]) -> list[RowVerdict]:
    return [verdict for verdict in verdicts if verdict.blocking]


def skip_reasons(verdicts: list[RowVerdict]) -> Mapping[int, str]:
    """What the manifest says of a row held back by its profiles."""
    return {v.row: "; ".join(f.message for f in v.blocking) for v in verdicts if v.blocking}
