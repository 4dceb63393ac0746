"""A problem found in a settings or profile file: where it is and what is wrong with it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located well enough for a support lead to fix it by hand.

    Problems are collected, never raised, by the loaders: a broken file must not stop the
    app from starting, so the app shows these and carries on with the defaults.
    """

    path: Path | None
    key: str
    """The dotted setting ("page.size"); empty when the problem is the whole file."""
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.path and self.line else str(self.path or "")
        what = f"{self.key}: {self.reason}" if self.key else self.reason
        return f"{where}: {what}" if where else what


class SettingValueError(ValueError):
    """A value given in code (by the settings dialog) that a setting does not accept."""

    def __init__(self, key: str, reason: str):
        self.key = key
        self.reason = reason
        super().__init__(f"{key}: {reason}")
