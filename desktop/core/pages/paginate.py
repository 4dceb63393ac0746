"""Which lines go on which page: widows and orphans, keep-with-next, keep-together.

The letter is a flow of lines. Each line says how much room it needs, how much space comes
before it unless it starts a page, and whether a page may end just before it. The rules
live in that last flag, set by the layout: inside a paragraph a break needs two lines on
each side (no widow, no orphan); between blocks a break is refused after a block kept with
the next (a heading, the salutation, the last paragraph before the sign-off, the closing).
Pages are filled greedily, and a page that overflows ends at its last allowed break; when
a page holds no allowed break at all (a chain longer than a page), it ends where it is full.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class FlowLine(NamedTuple):
    height: float
    gap_before: float
    """Space above the line, dropped at the top of a page."""
    can_break_before: bool


Placed = list[tuple[int, float]]
"""(index into the flow, top of the line from the top of the page's text area)."""

_TOLERANCE = 0.01


def paginate(flow: Sequence[FlowLine], first_height: float, later_height: float) -> list[Placed]:
    pages: list[Placed] = []
    start = 0
    while start < len(flow):
        room = later_height if pages else first_height
        placed: Placed = []
        last_break = 0
        y = 0.0
        index = start
        while index < len(flow):
            line = flow[index]
            gap = line.gap_before if placed else 0.0
            if placed and y + gap + line.height > room + _TOLERANCE:
                break
            if placed and line.can_break_before:
                last_break = len(placed)
            placed.append((index, y + gap))
            y += gap + line.height
            index += 1
        if index < len(flow) and last_break:
            del placed[last_break:]
        pages.append(placed)
        start = placed[-1][0] + 1
    return pages
