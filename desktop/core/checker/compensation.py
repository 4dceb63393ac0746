"""no-compensation: nothing of value offered, though the reader lost money or time."""

from __future__ import annotations

import re

from desktop.core.checker.findings import Finding
from desktop.core.checker.measure import letter_finding
from desktop.core.checker.patterns import Scanner
from desktop.core.checker.phrases import is_negated
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText
from desktop.core.model import CompensationKind, Draft


class CompensationCheck:
    def __init__(self, rule: Rule):
        self.rule = rule
        self.offer = Scanner([p.regex for p in rule.patterns]) if rule.patterns else None
        loss = [str(p) for p in rule.list_param("loss")]
        self.loss = re.compile("|".join(f"(?:{p})" for p in loss), re.IGNORECASE) if loss else None
        self.categories = {str(c).lower() for c in rule.list_param("categories")}

    def text_findings(self, prepared: PreparedText) -> list[Finding]:
        if self._offers(prepared) or not self._loss_in(prepared):
            return []
        return [letter_finding(self.rule)]

    def draft_findings(self, draft: Draft, prepared: PreparedText) -> list[Finding]:
        """A draft's incident category says whether money or time was lost; the text decides
        only when the writer left the category empty."""
        if draft.compensation.kind is not CompensationKind.NONE or self._offers(prepared):
            return []
        category = draft.incident.category.strip().lower()
        if category in self.categories or (not category and self._loss_in(prepared)):
            return [letter_finding(self.rule, field="compensation")]
        return []

    def _loss_in(self, prepared: PreparedText) -> bool:
        """Money or time lost, not denied: "you will not be charged" is no loss."""
        if self.loss is None:
            return False
        for match in self.loss.finditer(prepared.text):
            sentence = prepared.sentences[prepared.sentence_index(match.start())]
            if not is_negated(prepared.text, sentence.start, match.start()):
                return True
        return False

    def _offers(self, prepared: PreparedText) -> bool:
        return bool(self.offer and self.offer.search(prepared.text, prepared.lowered))
