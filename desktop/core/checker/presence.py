"""The presence kind: letter elements that must be somewhere (an apology, ownership, a fix,
a follow-up, a contact), found by patterns in plain text or by form fields in a draft."""

from __future__ import annotations

import re

from desktop.core.checker.findings import Finding
from desktop.core.checker.patterns import Scanner
from desktop.core.checker.phrases import is_negated
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText


class PresenceRule:
    def __init__(self, rule: Rule):
        self.rule = rule
        self.scanner = Scanner([p.regex for p in rule.patterns]) if rule.patterns else None
        self.fields = rule.strings_param("fields")
        vague = rule.params.get("vague")
        self.vague = re.compile(vague, re.IGNORECASE) if isinstance(vague, str) else None

    def applies(self, kind: str) -> bool:
        return kind in self.rule.applies_to

    def satisfied_by_text(self, prepared: PreparedText) -> bool:
        if self.scanner is None:
            return True
        for match in self.scanner.finditer(prepared.text, prepared.lowered):
            if prepared.quotes and prepared.in_quotes(match.start()):
                continue
            if self.rule.negation:
                sentence = prepared.sentences[prepared.sentence_index(match.start())]
                if is_negated(prepared.text, sentence.start, match.start()):
                    continue
            return True
        return False

    def field_is_filled(self, value: str) -> bool:
        return bool(value.strip()) and not (self.vague and self.vague.match(value.strip()))

    def finding(self, field: str = "") -> Finding:
        return Finding(
            rule=self.rule.id,
            severity=self.rule.severity,
            message=self.rule.message,
            principle=self.rule.principle,
            start=0,
            end=0,
            field=field,
            suggestion=self.rule.suggestion,
        )
