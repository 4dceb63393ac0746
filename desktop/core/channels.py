"""Paper or e-mail: one draft, two ways a letter leaves, and the passages that belong to one.

A notice printed for the post is a letter (letterhead, date, address, nothing to click); the
same notice e-mailed is an e-mail (no postal parts, a link to unsubscribe). Templates see
`channel` and choose their own passages. The writer marks theirs in any prose field:

    You need do nothing. {% by email %}To stop these messages, use the unsubscribe link
    below.{% on paper %}To stop these letters, call us on 0800 555 0100.{% end %}

A passage opened by one tag runs to the next tag or to `{% end %}`. Like merge fields the
syntax is matched by one regular expression, never handed to a template engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from desktop.core.fields import prose_texts, with_prose
from desktop.core.model import Draft


class Channel(StrEnum):
    PRINT = "print"
    """DOCX, PDF, the HTML page and print runs: a letter on paper."""
    EMAIL = "email"
    """E-mail drafts, the mail-platform CSV, the clipboard and plain text: a message."""


ALL_CHANNELS = (Channel.PRINT, Channel.EMAIL)

PASSAGE_TAG = re.compile(r"\{%\s*(?:(by\s+e-?mail)|(on\s+paper)|(end))\s*%\}", re.IGNORECASE)
"""{% by email %} (or e-mail), {% on paper %} and {% end %}, in any case."""

BY_EMAIL, ON_PAPER, END = "{% by email %}", "{% on paper %}", "{% end %}"


@dataclass(frozen=True)
class Passage:
    """Text in one field that only one channel's letter carries, tags included."""

    field: str
    start: int
    end: int
    channel: Channel

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


@dataclass(frozen=True)
class PassageProblem:
    """A tag that leaves it unclear which words go where; the letter may not leave so."""

    field: str
    start: int
    end: int
    text: str
    message: str


@dataclass(frozen=True)
class _Tag:
    start: int
    end: int
    channel: Channel | None
    """None for {% end %}."""


def _tags(text: str) -> list[_Tag]:
    if "{%" not in text:
        return []
    return [
        _Tag(m.start(), m.end(), Channel.EMAIL if m.group(1) else Channel.PRINT if m.group(2) else None)
        for m in PASSAGE_TAG.finditer(text)
    ]


def passages_in(field: str, text: str) -> tuple[list[Passage], list[PassageProblem]]:
    """The field's passages, and the tags that do not make one (a stray end, none at all)."""
    passages: list[Passage] = []
    problems: list[PassageProblem] = []
    opened: tuple[int, Channel] | None = None
    for tag in _tags(text):
        if opened is not None:
            start, channel = opened
            passages.append(Passage(field, start, tag.start if tag.channel else tag.end, channel))
        elif tag.channel is None:
            message = f"{END} closes no passage: open one with {BY_EMAIL} or {ON_PAPER}, or delete it."
            problems.append(PassageProblem(field, tag.start, tag.end, text[tag.start : tag.end], message))
        opened = (tag.start, tag.channel) if tag.channel is not None else None
    if opened is not None:
        start, channel = opened
        tag_text = PASSAGE_TAG.match(text, start).group(0)  # type: ignore[union-attr]
        where = "e-mail" if channel is Channel.EMAIL else "paper"
        message = (
            f"{tag_text} has no {END}: add one where the {where}-only passage stops, or every "
            "word after it is left out of the other letter."
        )
        problems.append(PassageProblem(field, start, start + len(tag_text), tag_text, message))
        passages.append(Passage(field, start, len(text), channel))
    return passages, problems


def draft_passages(draft: Draft) -> tuple[list[Passage], list[PassageProblem]]:
    passages: list[Passage] = []
    problems: list[PassageProblem] = []
    for field, text in prose_texts(draft):
        found, wrong = passages_in(field, text)
        passages += found
        problems += wrong
    return passages, problems


def channel_text(text: str, channel: Channel) -> str:
    """The text as `channel`'s letter carries it: the other channel's passages gone, every tag
    gone, and no double space or blank line where a passage was taken out."""
    return channel_text_map(text, channel)[0]


def channel_text_map(text: str, channel: Channel) -> tuple[str, list[int]]:
    """`channel_text`, and for each of its characters where it stands in `text`: a finding
    in the channel's letter is shown where the writer typed it."""
    tags = _tags(text)
    if not tags:
        return text, list(range(len(text)))
    kept: list[tuple[int, int]] = []
    position, keeping = 0, True
    for tag in tags:
        if keeping:
            kept.append((position, tag.start))
        position = tag.end
        keeping = tag.channel is None or tag.channel is channel
    if keeping:
        kept.append((position, len(text)))
    out: list[str] = []
    where: list[int] = []
    for start, stop in kept:
        if not out or out[-1][-1:] in (" ", "\t", "\n"):  # one space where a passage came out mid-line
            while start < stop and text[start] in " \t":
                start += 1
        if start < stop:
            out.append(text[start:stop])
            where.extend(range(start, stop))
    return "".join(out), where


def blanked(text: str) -> str:
    """The text with each passage tag replaced by as many spaces: what the checker reads, so
    that its offsets still point into the text as typed and no rule mistakes a tag for words."""
    if "{%" not in text:
        return text
    return PASSAGE_TAG.sub(lambda match: " " * len(match.group(0)), text)


def for_channel(draft: Draft, channel: Channel) -> Draft:
    """The draft as `channel`'s letter: prose fields and questions keep only their passages."""
    return _with_prose(draft, lambda text: channel_text(text, channel))


def blanked_draft(draft: Draft) -> Draft:
    return _with_prose(draft, blanked)


def _with_prose(draft: Draft, change: Callable[[str], str]) -> Draft:
    """The draft itself when no field holds a passage tag: most drafts, rendered for every
    channel on every keystroke, need no copy."""
    if not any("{%" in text for _field, text in prose_texts(draft)):
        return draft
    return with_prose(draft, change)
