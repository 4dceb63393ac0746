"""A rule as read from its data file: identity, severity, wording, and the data its kind needs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.checker.findings import Severity
from desktop.core.checker.syntax_patterns import SyntaxPattern

KINDS = ("phrase", "count", "presence", "code")
"""phrase: wording found by patterns; count: apology expressions counted; presence: a letter
element that must be there; code: measured in Python (length, readability, dates, facts)."""

SCOPES = ("sentence", "apology-sentence")
"""Where a phrase pattern looks: any sentence, or only sentences holding an apology."""

UNACCEPTABLE = frozenset({"placeholder", "merge-field-missing", "profile-unknown"})
"""Findings that cannot be accepted: the letter would go out visibly broken."""


@dataclass(frozen=True)
class Pattern:
    regex: str
    suggestion: str | None = None
    line: int | None = None
    replace: tuple[str, str] | None = None
    """(regex, template): when the regex matches the whole flagged text, the expanded template
    is drop-in wording for a one-click fix ("sorry if" -> "sorry that"). Without it, or when
    it does not match, the finding carries advice only, never text to paste into a letter."""
    """Where the pattern sits in its rule file, for error messages."""


@dataclass
class Rule:
    id: str
    kind: str
    severity: Severity
    message: str
    principle: str
    source: Path | None = None
    line: int | None = None
    enabled: bool = True
    suggestion: str | None = None
    patterns: list[Pattern] = field(default_factory=list)
    exceptions: list[Pattern] = field(default_factory=list)
    syntax: list[SyntaxPattern] = field(default_factory=list)
    """Patterns over the parsed sentence, used once the language model is loaded."""
    scope: str = "sentence"
    anchored: bool = False
    """Match one sentence at a time, with ^ and $ at its edges ("an apology standing alone")."""
    negation: bool = False
    """Skip a match when a negation ("not", "nobody", "never") comes just before it."""
    across_sentences: bool = False
    """A pattern may run from one sentence into the next ("Sorry. However, …"): the rule is
    scanned over the whole text, not sentence by sentence with matches remembered."""
    quotes: bool = False
    """Also look inside quoted speech, which is normally someone else's words."""
    applies_to: tuple[str, ...] = ("individual", "notice")
    channels: tuple[str, ...] = ("print", "email")
    """The letters it judges: "print" alone for wording that only makes sense in an e-mail."""
    params: dict[str, object] = field(default_factory=dict)
    fires: list[str] = field(default_factory=list)
    """Examples the rule must flag; the rule-file test runs them."""
    quiet: list[str] = field(default_factory=list)
    """Examples the rule must leave alone: the traps."""

    @property
    def can_be_accepted(self) -> bool:
        return self.id not in UNACCEPTABLE

    # The loader checks that params is a table, not what each value in it is: these read one
    # as a number or a list, and a value of the wrong type raises TypeError, as int() would.

    def int_param(self, name: str, default: object) -> int:
        """params[name] (or `default`) as int() reads it: 12, 12.0 and "12" are all 12."""
        value = self.params.get(name, default)
        if not isinstance(value, int | float | str):
            raise TypeError(f"rule {self.id!r}: params.{name} must be a number, not {value!r}")
        return int(value)

    def float_param(self, name: str, default: float) -> float:
        """params[name] (or `default`) as float() reads it."""
        value = self.params.get(name, default)
        if not isinstance(value, int | float | str):
            raise TypeError(f"rule {self.id!r}: params.{name} must be a number, not {value!r}")
        return float(value)

    def list_param(self, name: str) -> list[object]:
        """The items of params[name]; none when it is missing."""
        value = self.params.get(name, [])
        if not isinstance(value, Iterable):
            raise TypeError(f"rule {self.id!r}: params.{name} must be a list, not {value!r}")
        return list(value)

    def strings_param(self, name: str) -> list[str]:
        """The texts in params[name] (field names, say); none when it is missing."""
        items = self.list_param(name)
        texts = [item for item in items if isinstance(item, str)]
        if len(texts) != len(items):
            raise TypeError(f"rule {self.id!r}: params.{name} must be a list of texts, not {items!r}")
        return texts


_SPELLING_VARIANTS = [
    (re.compile(r"i[sz](e|es|ed|ing|ation|ations)\b"), r"i[sz]\1"),
    (re.compile(r"([a-z]{3,})ll(ed|ing)\b"), r"\1ll?\2"),
    (re.compile(r"([a-z]{2,})our\b"), r"\1ou?r"),
]


def phrase_to_regex(phrase: str) -> str:
    """A literal phrase from a rule file as a pattern that tolerates how people type it:
    any spacing, straight or curly apostrophes, British or American spelling."""
    words = []
    for word in phrase.strip().lower().split():
        escaped = re.escape(word).replace("'", "'").replace("’", "'")
        for variant, replacement in _SPELLING_VARIANTS:
            escaped = variant.sub(replacement, escaped)
        words.append(escaped)
    body = r"\s+".join(words)
    start = r"\b" if phrase.strip()[:1].isalnum() else ""
    end = r"\b" if phrase.strip()[-1:].isalnum() else ""
    return f"{start}{body}{end}"
