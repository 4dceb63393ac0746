"""A time limit for fuzz runs of the property tests.

Hypothesis counts examples, not seconds, and a run stopped with Ctrl-C reports nothing. With
FUZZ_SECONDS set, a property test that calls `budget.tick()` ends itself once the time is
spent, as a skip whose reason says how many examples ran; hypothesis passes a skip straight
through. A failure found before then is reported (and shrunk) as usual. Without FUZZ_SECONDS
the budget never runs out and the suite is unaffected.
"""

from __future__ import annotations

import os
import time
from collections import Counter

import pytest


class Budget:
    def __init__(self, name: str):
        self.name = name
        self.seconds = float(os.environ.get("FUZZ_SECONDS", "0") or 0)
        self.examples = 0
        self.outcomes: Counter[str] = Counter()
        """What became of the examples ("loaded", "refused"), for the report at the end."""
        self._started: float | None = None

    def tally(self, outcome: str) -> None:
        self.outcomes[outcome] += 1

    def tick(self) -> None:
        """Count one example; skip the rest of the test once the time is spent."""
        now = time.monotonic()
        if self._started is None:
            self._started = now
        self.examples += 1
        if self.seconds and now - self._started > self.seconds:
            outcomes = "".join(f", {count} {outcome}" for outcome, count in sorted(self.outcomes.items()))
            pytest.skip(
                f"fuzz budget spent: {self.name}: {self.examples - 1} examples in "
                f"{now - self._started:.0f} s{outcomes}, none failed"
            )
