"""no-compensation: nothing of value offered, though the reader lost money or time."""

from __future__ import annotations

import re

from desktop.core.checker.findings import Finding
from desktop.core.checker.measure import letter_finding
from desktop.core.checker.rules import Rule
from desktop.core.model import CompensationKind, Draft


class CompensationCheck:
    def __init__(self, rule: Rule):
        self.rule = rule
        self.offer = (
            re.compile("|".join(f"(?:{p.regex})" for p in rule.patterns), re.IGNORECASE)
            if rule.patterns
            else None
        )
        loss = [str(p) for p in rule.params.get("loss", [])]  # type: ignore[union-attr]
        self.loss = re.compile("|".join(f"(?:{p})" for p in loss), re.IGNORECASE) if loss else None
        self.categories = {str(c).lower() for c in rule.params.get("categories", [])}  # type: ignore[union-attr]

    def text_findings(self, text: str) -> list[Finding]:
        if self._offers(text) or not (self.loss and self.loss.search(text)):
            return []
        return [letter_finding(self.rule)]

    def draft_findings(self, draft: Draft, text: str) -> list[Finding]:
        if draft.compensation.kind is not CompensationKind.NONE or self._offers(text):
            return []
        category = draft.incident.category.strip().lower()
        if category in self.categories or (self.loss and self.loss.search(text)):
            return [letter_finding(self.rule, field="compensation")]
        return []

    def _offers(self, text: str) -> bool:
        return bool(self.offer and self.offer.search(text))
