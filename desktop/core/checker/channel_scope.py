"""A sentence the writer kept for one channel is judged only when that channel's letter is.

"{% by email %}Reply to this email.{% end %}" is not in the printed letter at all: a PDF's
verdict has nothing to say about it, while the window, which judges the draft for every
channel its template is written for, does.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from desktop.core.channels import Channel, Passage
from desktop.core.checker.findings import LETTER_FIELD, Finding


def outside_other_channels(
    findings: list[Finding], channels: Sequence[Channel], passages: Collection[Passage]
) -> list[Finding]:
    """The findings less those inside a passage for a channel not being judged."""
    if not passages or len(channels) == len(Channel):
        return findings
    return [f for f in findings if _judged(f, channels, passages)]


def _judged(finding: Finding, channels: Sequence[Channel], passages: Collection[Passage]) -> bool:
    """Letter-wide findings (no span) stand: the rendered letter has its channel's words."""
    if finding.start == finding.end and finding.field == LETTER_FIELD:
        return True
    for passage in passages:
        if passage.field == finding.field and passage.holds(finding.start, finding.end):
            return passage.channel in channels
    return True
