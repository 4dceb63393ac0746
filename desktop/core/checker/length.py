"""too-long: the body's word count against the budget for the letter's kind."""

from __future__ import annotations

from desktop.core.checker.body import body_span, words
from desktop.core.checker.findings import Finding
from desktop.core.checker.measure import letter_finding
from desktop.core.checker.rules import Rule


def too_long_findings(rule: Rule, text: str, kind: str) -> list[Finding]:
    budget = rule.int_param(kind, rule.params.get("individual", 300))
    body = body_span(text)
    count = len(words(text, body.start, body.end))
    if count <= budget:
        return []
    label = "a notice" if kind == "notice" else "a letter to one person"
    return [
        letter_finding(
            rule,
            f"The body is {count} words; the budget for {label} is {budget}. "
            "Cut what the reader does not need.",
        )
    ]
