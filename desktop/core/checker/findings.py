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
    """The flagged text itself; it keys acceptances, which must survive edits elsewhere."""
    accepted_reason: str | None = None
    replacement: str | None = None
    """Wording that can stand in place of the flagged words as they are: what a one-click fix
    inserts. None when the fix needs the writer's own words."""

    @property
    def key(self) -> str:
        """Stable across edits that move the span: rule, field and the flagged words."""
        words = " ".join(self.matched.lower().split())
        return f"{self.rule}:{self.field}:{words}"

    @property
    def accepted(self) -> bool:
        return self.accepted_reason is not None

    @property
    def blocking(self) -> bool:
        """An unaccepted error keeps the letter from being "ready to send"."""
        return self.severity is Severity.ERROR and not self.accepted

    def accept(self, reason: str) -> Finding:
        return replace(self, accepted_reason=reason)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset`, as compilers and editors count them."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
