"""The body of a letter: what lies between the greeting and the sign-off.

Length and readability are judged on the body alone; letterheads, addresses and signature
blocks are not prose and would skew both.
"""

from __future__ import annotations

import re

from desktop.core.checker.text import Span

_GREETING = re.compile(
    r"^[ \t]*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|to whom it may concern|greetings)"
    r"\b[^\n]{0,60}$",
    re.IGNORECASE | re.MULTILINE,
)
_CLOSING = re.compile(
    r"^[ \t]*(?:yours(?: (?:sincerely|faithfully|truly))?|(?:kind|best|warm|warmest|many|with best|with kind)"
    r" (?:regards|wishes)|regards|sincerely|best|thanks|thank you|cheers|all the best|respectfully"
    r"|with (?:our |my )?(?:sincere |deepest |renewed )?(?:apologies|thanks|regards|best wishes))"
    r"[ \t]*,?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_WORD = re.compile(r"[A-Za-z0-9£$€]+(?:['’.,:-][A-Za-z0-9]+)*")
_HEAD_LINES = 20
"""A greeting further down than this is part of the body (a quoted letter), not its start."""


def body_span(text: str) -> Span:
    start = 0
    head_limit = _nth_line_end(text, _HEAD_LINES)
    greeting = _GREETING.search(text, 0, head_limit)
    if greeting:
        start = greeting.end()
    end = len(text)
    closings = [m for m in _CLOSING.finditer(text, start)]
    if closings:
        end = closings[-1].start()
    return Span(start, end)


def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return _WORD.findall(text, start, len(text) if end is None else end)


def _nth_line_end(text: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.find("\n", pos + 1)
        if pos < 0:
            return len(text)
    return pos
