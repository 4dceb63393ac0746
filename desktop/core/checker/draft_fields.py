"""The free-text form fields of a draft, by the dotted names findings use to point at them.

Which fields are prose is the field table's business (desktop/core/fields.py); this module
only reads text out of a draft the way the checker's rules need it.
"""

from __future__ import annotations

from desktop.core.fields import PROSE_FIELDS, prose_texts
from desktop.core.model import Draft, FollowUpMode

WORDING_FIELDS = PROSE_FIELDS
"""Fields the writer types prose into, in the form's order."""


def field_value(draft: Draft, name: str) -> str:
    """The text of a field; "follow_up" is filled when a follow-up is promised at all."""
    if name == "follow_up":
        return "" if draft.follow_up.mode is FollowUpMode.NONE else (draft.follow_up.promise or "promised")
    if name.startswith("questions["):
        index, _, part = name[len("questions[") :].partition("].")
        question = draft.questions[int(index)]
        return getattr(question, part, "")
    value: object = draft
    for part in name.split("."):
        value = getattr(value, part, "")
    return value if isinstance(value, str) else ""


def prose_fields(draft: Draft) -> list[tuple[str, str]]:
    """(field name, text) for every non-empty prose field, questions and answers included."""
    return prose_texts(draft)
