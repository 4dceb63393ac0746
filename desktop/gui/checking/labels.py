"""Human names for form fields and rules, so the checker speaks the form's language."""

from __future__ import annotations

import re

from desktop.core.checker.findings import LETTER_FIELD

FIELD_LABELS = {
    LETTER_FIELD: "the letter",
    "subject": "Subject",
    "opening": "Opening",
    "incident.summary": "Summary",
    "incident.what": "What went wrong",
    "incident.affected": "How it affected them",
    "cause": "Cause",
    "fixed": "What we fixed",
    "changes": "What changes",
    "audience": "Who receives this",
    "action": "What readers need to do",
    "compensation.description": "Compensation",
    "follow_up": "Follow-up",
    "follow_up.promise": "Follow-up",
    "closing_note": "Closing",
    "sender.contact": "Contact",
    "recipients": "Recipients",
}
"""The form's step and field names; the form can pass its own `label_for` instead."""

_QUESTION = re.compile(r"questions\[(\d+)\]\.(question|answer)")


def field_label(field: str) -> str:
    """ "What went wrong" for "incident.what"; unknown names are tidied rather than hidden."""
    if field in FIELD_LABELS:
        return FIELD_LABELS[field]
    question = _QUESTION.fullmatch(field)
    if question:
        return f"{question.group(2).capitalize()} {int(question.group(1)) + 1}"
    return field.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def rule_label(rule: str) -> str:
    """ "conditional apology" for "conditional-apology": rule ids read as plain words."""
    return rule.replace("-", " ")
