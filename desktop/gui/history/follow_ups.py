"""Counting follow-ups and saying the count in words, kept apart so the wording is tested alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from desktop.core.history import HistoryEntry


def follow_up_counts(entries: Iterable[HistoryEntry], today: dt.date) -> tuple[int, int]:
    """(overdue, due today): the two states that need someone to act now."""
    states = [entry.follow_up_state(today) for entry in entries]
    return states.count("overdue"), states.count("due")


def follow_up_summary(overdue: int, due: int) -> str:
    """ "2 follow-ups overdue, 1 due today", or a calm sentence when nothing is waiting."""
    parts = []
    if overdue:
        parts.append(f"{overdue} follow-up{'s' if overdue != 1 else ''} overdue")
    if due:
        noun = "" if overdue else f" follow-up{'s' if due != 1 else ''}"
        parts.append(f"{due}{noun} due today")
    return ", ".join(parts) if parts else "No follow-ups due"
