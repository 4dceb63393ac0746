"""repeat-incident: asking the letter history whether this recipient had the same apology lately.

The checker does not own the history; it is handed a lookup function, so the history store
(a database, a folder of sent letters, a test's list) can change without the checker knowing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.core.checker.findings import Finding
from desktop.core.checker.measure import letter_finding
from desktop.core.checker.rules import Rule
from desktop.core.model import Recipient


@dataclass(frozen=True)
class PastApology:
    """One apology already sent, as the history reports it."""

    sent_on: dt.date
    category: str
    title: str = ""


HistoryLookup = Callable[[Recipient, str, dt.date], Sequence[PastApology]]
"""(recipient, incident category, since) -> apologies sent to that recipient for that
category on or after `since`. Matching recipients (by e-mail, reference, name) is the
history's business."""


def repeat_incident_findings(
    rule: Rule, recipient: Recipient, category: str, letter_date: dt.date, history: HistoryLookup
) -> list[Finding]:
    if not category.strip():
        return []
    months = rule.int_param("months", 12)
    since = _months_before(letter_date, months)
    past = [p for p in history(recipient, category, since) if since <= p.sent_on <= letter_date]
    if not past:
        return []
    latest = max(past, key=lambda p: p.sent_on)
    detail = (
        f"{rule.message} Last time: {latest.sent_on:%d %B %Y}"
        f"{' (' + latest.title + ')' if latest.title else ''}; {len(past)} in the last {months} months."
    )
    return [letter_finding(rule, detail, "incident.category")]


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    return dt.date(year, month, 28)
