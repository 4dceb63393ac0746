"""The free-text form fields of a draft, by the dotted names findings use to point at them."""

from __future__ import annotations

from desktop.core.model import Draft, FollowUpMode

WORDING_FIELDS = (
    "subject",
    "opening",
    "incident.summary",
    "incident.what",
    "incident.affected",
    "cause",
    "fixed",
    "changes",
    "audience",
    "action",
    "compensation.description",
    "follow_up.promise",
    "closing_note",
    "sender.contact",
)
"""Fields the writer types prose into, in the order the letter reads them."""


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
    fields = [(name, field_value(draft, name)) for name in WORDING_FIELDS]
    for index, question in enumerate(draft.questions):
        fields.append((f"questions[{index}].question", question.question))
        fields.append((f"questions[{index}].answer", question.answer))
    return [(name, text) for name, text in fields if text.strip()]
