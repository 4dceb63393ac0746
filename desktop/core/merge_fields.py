"""Merge fields in the writer's own text: "Hi {{ first_name }}," becomes "Hi Amara," for one
recipient and "Hi Liam," for the next.

The syntax is deliberately tiny: `{{ name }}`, or `{{ name | default("text") }}` to print
"text" when a recipient's cell is empty. It is matched by one regular expression and
replaced in one pass, never handed to a template engine: a recipient whose cell holds
`{{ 7*7 }}` gets those characters printed as they are, and the writer's text cannot run
anything either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from desktop.core.fields import prose_texts, with_prose
from desktop.core.model import Draft, Recipient

MERGE_FIELD = re.compile(
    r"""\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*default\(\s*(?:"([^"\n]*)"|'([^'\n]*)')\s*\)\s*)?\}\}"""
)
"""{{ name }} or {{ name | default("fallback") }}; group 1 is the name, 2 or 3 the fallback."""

STANDARD_NAMES = (
    "name",
    "first_name",
    "last_name",
    "title",
    "salutation",
    "organisation",
    "email",
    "reference",
)
"""What every recipient has, whatever the list's columns are called."""

ROW_PATHS = {
    "name": "recipient.name",
    "title": "recipient.title",
    "salutation": "recipient.salutation",
    "organisation": "recipient.organisation",
    "email": "recipient.email",
    "reference": "recipient.reference",
}
"""The recipient attribute a standard name reads; any other name reads recipient.extra."""

MARK_START, MARK_END = "\ue000", "\ue001"
"""Private-use characters around a merged value, for a preview that highlights them; only
a preview asks for them, and its HTML turns them into a highlight."""


@dataclass(frozen=True)
class MergeUse:
    """One {{ name }} in one field of the draft, with its place in that field's text."""

    field: str
    start: int
    end: int
    name: str
    fallback: str | None

    @property
    def text(self) -> str:
        return f"{{{{ {self.name} }}}}"


def uses_in(field: str, text: str) -> list[MergeUse]:
    return [MergeUse(field, m.start(), m.end(), m.group(1), _fallback(m)) for m in MERGE_FIELD.finditer(text)]


def draft_uses(draft: Draft) -> list[MergeUse]:
    """Every merge field in the draft's prose, in the form's order."""
    return [use for field, text in prose_texts(draft) if "{{" in text for use in uses_in(field, text)]


def _fallback(match: re.Match[str]) -> str | None:
    if match.group(2) is not None:
        return match.group(2)
    return match.group(3)


def merge_values(recipient: Recipient) -> dict[str, str]:
    """The value of every name a merge field may use, for one recipient."""
    values = {
        "name": recipient.name,
        "first_name": _own_or_derived(recipient, "first_name"),
        "last_name": _own_or_derived(recipient, "last_name"),
        "title": recipient.title,
        "salutation": recipient.salutation,
        "organisation": recipient.organisation,
        "email": recipient.email,
        "reference": recipient.reference,
    }
    for key, value in recipient.extra.items():
        values.setdefault(key, value)
    return {key: (value or "").strip() for key, value in values.items()}


def _own_or_derived(recipient: Recipient, key: Literal["first_name", "last_name"]) -> str:
    """A list's own first_name or last_name cell, even when it is empty: only a recipient
    with no such column has the name worked out from their full name. Otherwise an empty
    first-name cell beside "Lovelace" would print "Hi Lovelace" where the writer's
    fallback, or a report of the gap, was due."""
    if key in recipient.extra:
        return recipient.extra[key] or ""
    return recipient.first_name if key == "first_name" else recipient.last_name


def known_names(columns: Iterable[str] = ()) -> set[str]:
    """Names a merge field may use: the standard ones and the list's own column identifiers."""
    return {*STANDARD_NAMES, *columns}


def row_path(name: str) -> str:
    """The recipient path a list row must fill for {{ name }}, as the list validation names it."""
    return ROW_PATHS.get(name, f"recipient.extra.{name}")


def merged(text: str, values: Mapping[str, str], mark: bool = False) -> str:
    """The text with each known merge field replaced; unknown or empty ones stay as written
    (the checker reports them), so nothing vanishes silently from a letter."""
    if "{{" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "") or (_fallback(match) or "")
        if not value:
            return match.group(0)
        return f"{MARK_START}{value}{MARK_END}" if mark else value

    return MERGE_FIELD.sub(replace, text)


def merged_draft(draft: Draft, recipient: Recipient, mark: bool = False) -> Draft:
    """The draft as one recipient's letter: their details, and every merge field in the
    prose replaced with their values. The draft itself is left as the writer typed it."""
    values = merge_values(recipient)
    letter = with_prose(draft, lambda text: merged(text, values, mark))
    letter.recipient = recipient
    return letter
