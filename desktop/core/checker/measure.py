"""Building findings from a rule's own wording: for the letter rules measured in code, and
for what a rule's syntax patterns and the spelling check find."""

from __future__ import annotations

from desktop.core.checker.findings import Finding, Severity
from desktop.core.checker.rules import Rule


def letter_finding(
    rule: Rule,
    detail: str = "",
    field: str = "",
    start: int = 0,
    end: int = 0,
    severity: Severity | None = None,
    matched: str = "",
    suggestion: str | None = None,
    replacement: str | None = None,
) -> Finding:
    """A finding whose message is the specific detail when there is one, else the rule's message."""
    return Finding(
        rule=rule.id,
        severity=severity or rule.severity,
        message=detail or rule.message,
        principle=rule.principle,
        start=start,
        end=end,
        field=field,
        suggestion=suggestion or rule.suggestion,
        replacement=replacement,
        matched=matched,
    )
