"""What the spelling and grammar check reports: one issue type, plain data, free of Harper.

The rest of the app (the checker's findings, the editor's underlines) sees only this, so the
library behind it can change without touching them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

IssueKind = Literal["spelling", "grammar"]


@dataclass(frozen=True)
class SpellingIssue:
    """One misspelt word or grammar slip, located by character offsets into the checked text.

    `text[start:end]` is exactly the flagged words. Each suggestion is what those characters
    should become, best first (at most three); an empty string means "delete them".
    """

    kind: IssueKind
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
