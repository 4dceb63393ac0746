"""Human names for form fields and rules, so the checker speaks the form's language.

Field labels come from the field table in the core, the same words the form shows.
"""

from __future__ import annotations

from desktop.core.fields import field_label

__all__ = ["field_label", "rule_label"]


def rule_label(rule: str) -> str:
    """ "conditional apology" for "conditional-apology": rule ids read as plain words."""
    return rule.replace("-", " ")
