"""Stretches of a letter that are not prose, and what that means for what Harper says there.

- Merge fields ("{{ first_name }}") are hidden from Harper (its `regex_mask`), since their
  words are column names, not English. So are words in capitals ("MRS OKONKWO", "BST",
  "PLEASE NOTE"): they are not spell-checked (as in word processors: emphasis, initials and
  address blocks), and Harper's search for suggestions can take over a second on one it
  does not know. Hiding a stretch leaves a gap Harper reads across ("the {{ item }} the"
  looks like a doubled "the", "{{ greeting }} we" like a sentence starting in lower case),
  so a grammar issue that touches a hidden stretch, or only the spaces beside it, is dropped
  too: nobody can tell whether the grammar is right until the field is filled. A misspelt
  word beside one is still found.
- Tokens with a digit in them (postcodes "LS11 5QT", references "REF-2291-AX", "3B"),
  e-mail addresses and web addresses (with or without "https://": "help.example/faq",
  "driftwood.co.uk") are left in the text, so Harper's grammar still reads
  "£42.50" and "07:15" as amounts and times, but a spelling issue overlapping one, or any
  issue wholly inside one, is dropped: Harper flags the letters in them ("AX", "SW1A").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MERGE_FIELD_MASK = r"\{\{.*?\}\}"
"""Everything from "{{" to the next "}}" on the same line, well-formed or not. Written so
Python's `re` and Harper's Rust `regex` read it the same way."""

_MERGE_FIELD = re.compile(MERGE_FIELD_MASK)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LITERAL = re.compile(
    r"[^\s@]+@[^\s@]+\.[^\s@]+"  # e-mail addresses
    r"|(?:https?://|www\.)\S+"  # web addresses
    r"|(?<![\w@.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/\S*"  # and without them: "help.example/faq"
    r"|(?<![\w@.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|io|co|uk|ca|au|nz|ie|example)\b"
    r"|\S*\d\S*"  # anything with a digit: amounts, times, postcodes, references
)


def in_capitals(word: str) -> bool:
    """ "BST", "TUESDAY'S": two or more letters, all of them capitals."""
    letters = [c for c in re.sub(r"['’]S$", "", word) if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Masks:
    hidden: tuple[tuple[int, int], ...]
    """Merge fields and words in capitals, each with the spaces and tabs either side of it."""
    literals: tuple[tuple[int, int], ...]
    harper_mask: str
    """The `regex_mask` that hides the same stretches from Harper."""

    @classmethod
    def of(cls, text: str) -> Masks:
        capitals = [m for m in _WORD.finditer(text) if in_capitals(m.group())]
        spans = sorted([m.span() for m in _MERGE_FIELD.finditer(text)] + [m.span() for m in capitals])
        hidden = []
        for start, end in spans:
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            while end < len(text) and text[end] in " \t":
                end += 1
            hidden.append((start, end))
        # Letters and apostrophes only, so the same text is a literal in both regex dialects.
        words = sorted({m.group() for m in capitals}, key=len, reverse=True)
        mask = "|".join([MERGE_FIELD_MASK, *(rf"\b{w}\b" for w in words)])
        return cls(tuple(hidden), tuple(m.span() for m in _LITERAL.finditer(text)), mask)

    def hides(self, kind: str, start: int, end: int) -> bool:
        """Whether an issue of `kind` at start:end is about something that is not prose."""
        for hidden_start, hidden_end in self.hidden:
            if start < hidden_end and hidden_start < end:
                return True
            if kind == "grammar" and (end == hidden_start or start == hidden_end):
                return True
        for literal_start, literal_end in self.literals:
            inside = literal_start <= start and end <= literal_end
            overlaps = start < literal_end and literal_start < end
            if inside or (kind == "spelling" and overlaps):
                return True
        return False
