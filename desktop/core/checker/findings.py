"""What the checker reports: one finding type, its severity, and the keys used to ignore or accept it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

LETTER_FIELD = ""
"""The `field` of a finding about the letter as a whole rather than one form field."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem, located by character offsets in the text it was found in.

    When a draft is checked, `field` names the form field ("incident.what") and the offsets
    are relative to that field's text, so an editor can underline the span in place.
    """

    rule: str
    severity: Severity
    message: str
    principle: str
    start: int
    end: int
    field: str = LETTER_FIELD
    suggestion: str | None = None
    """Advice for the writer, shown beside the finding."""
    matched: str = ""
    """The flagged text itself; it keys ignoring and accepting, which must survive edits elsewhere."""
    accepted_reason: str | None = None
    replacement: str | None = None
    """Wording that can stand in place of the flagged words as they are: what a one-click fix
    inserts. None when the fix needs the writer's own words."""
    context: str = ""
    """A short hash of the sentence(s) holding the flagged words, set when the checker applies
    the writer's choices with the text at hand (see choices.py); "" when there is no text."""
    accepted_by: str | None = None
    """The entry of the draft's acceptances that accepted this finding: its `acceptance_key`,
    an older draft's `key`, or a rule id (which accepts every finding of that rule)."""
    item: str = ""
    """Which check of a rule that holds many, when the flagged words cannot tell them apart:
    a compliance profile's element ("gdpr-art34/contact-point") is absent, so it has none."""

    @property
    def key(self) -> str:
        """Stable across edits that move the span: rule, field and the flagged words. It keys
        ignoring, and identifies a finding from one check to the next while the writer types."""
        words = " ".join(self.matched.lower().split())
        where = f"{self.item}@{self.field}" if self.item else self.field
        return f"{self.rule}:{where}:{words}"

    @property
    def acceptance_key(self) -> str:
        """What an acceptance is stored under: `key` plus the hash of the sentence holding the
        words ("rule:field:words#1a2b3c4d"), so accepting them accepts them in that sentence only.
        Just `key` when the finding has no sentence (a letter-wide finding, a date)."""
        return f"{self.key}#{self.context}" if self.context else self.key

    @property
    def accepted(self) -> bool:
        return self.accepted_reason is not None

    @property
    def accepted_rule_wide(self) -> bool:
        """Accepted by a rule id, so every finding of its rule is, not only these words."""
        return self.accepted and self.accepted_by == self.rule

    @property
    def blocking(self) -> bool:
        """An unaccepted error keeps the letter from being "ready to send"."""
        return self.severity is Severity.ERROR and not self.accepted

    def accept(self, reason: str, by: str | None = None) -> Finding:
        """Accepted with `reason`, by the acceptance stored under `by` (its own acceptance key
        unless said otherwise)."""
        return replace(self, accepted_reason=reason, accepted_by=by or self.acceptance_key)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset`, as compilers and editors count them."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
