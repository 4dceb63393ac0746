"""too-long: the body's word count against the budget for the letter's kind."""

from __future__ import annotations

from desktop.core.checker.body import body_span, words
from desktop.core.checker.findings import Finding
from desktop.core.checker.measure import letter_finding
from desktop.core.checker.rules import Rule

_LABELS = {
    "notice": "a notice",
    "breach-notice": "a breach notice",
    "final-response": "a final response",
}


def too_long_findings(rule: Rule, text: str, kind: str, letter_type: str = "apology") -> list[Finding]:
    """`letter_type` ("breach-notice", "final-response") picks its own budget where the rule
    gives one: what the law asks of such a letter is not padding."""
    budget_for = letter_type if letter_type in rule.params else kind
    budget = rule.int_param(budget_for, rule.params.get("individual", 300))
    body = body_span(text)
    count = len(words(text, body.start, body.end))
    if count <= budget:
        return []
    label = _LABELS.get(budget_for, "a letter to one person")
    return [
        letter_finding(
            rule,
            f"The body is {count} words; the budget for {label} is {budget}. "
            "Cut what the reader does not need.",
        )
    ]
