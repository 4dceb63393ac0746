"""The phrase kind: wording rules whose patterns find spans, sentence by sentence.

All of a rule's patterns are joined into one alternation and run once over the whole text;
each match is then placed in its sentence to apply the rule's scope, its exceptions, the
negation guard and the quoted-speech guard. That keeps the cost to one scan per rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.core.checker.findings import Finding
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText

_NEGATION = re.compile(
    r"\b(?:not|never|no|nobody|none|nothing|neither|nor|without|hardly)\b|n't\b", re.IGNORECASE
)
_NEGATION_WINDOW_WORDS = 4
_FLAGS = re.IGNORECASE


def compile_alternation(patterns: list[str], prefix: str = "_p") -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{prefix}{i}>{p})" for i, p in enumerate(patterns)), _FLAGS)


def is_negated(text: str, sentence_start: int, match_start: int) -> bool:
    """A negator among the few words just before the match, within its sentence."""
    window = text[max(sentence_start, match_start - 48) : match_start]
    words = window.split()[-_NEGATION_WINDOW_WORDS:]
    return bool(words) and bool(_NEGATION.search(" ".join(words)))


class PhraseRule:
    """One wording rule, compiled once and reused for every check."""

    def __init__(self, rule: Rule, apology_regex: re.Pattern[str]):
        self.rule = rule
        self.regex = compile_alternation([p.regex for p in rule.patterns])
        self.exceptions = compile_alternation([p.regex for p in rule.exceptions]) if rule.exceptions else None
        self._apology = apology_regex

    def findings(
        self, prepared: PreparedText, apology_sentences: set[int], field: str = ""
    ) -> Iterator[Finding]:
        if self.rule.scope == "whole-sentence":
            yield from self._per_sentence(prepared, field)
            return
        text = prepared.text
        last_end = -1
        for match in self.regex.finditer(text):
            index = prepared.sentence_index(match.start())
            if self.rule.scope == "apology-sentence" and index not in apology_sentences:
                continue
            if match.start() < last_end or not self._keeps(prepared, index, match):
                continue
            last_end = match.end()
            yield self._finding(prepared, match, match.start(), match.end(), field)

    def _per_sentence(self, prepared: PreparedText, field: str) -> Iterator[Finding]:
        for index, span in enumerate(prepared.sentences):
            sentence = prepared.text[span.start : span.end]
            for match in self.regex.finditer(sentence):
                if self._keeps(prepared, index, match, offset=span.start):
                    yield self._finding(
                        prepared, match, span.start + match.start(), span.start + match.end(), field
                    )
                    break

    def _keeps(self, prepared: PreparedText, index: int, match: re.Match[str], offset: int = 0) -> bool:
        start = match.start() + offset
        if not self.rule.quotes and prepared.in_quotes(start):
            return False
        span = prepared.sentences[index]
        if self.rule.negation and is_negated(prepared.text, span.start, start):
            return False
        return not (self.exceptions and self.exceptions.search(prepared.text, span.start, span.end))

    def _finding(
        self, prepared: PreparedText, match: re.Match[str], start: int, end: int, field: str
    ) -> Finding:
        while end > start and prepared.text[end - 1].isspace():
            end -= 1
        return Finding(
            rule=self.rule.id,
            severity=self.rule.severity,
            message=self.rule.message,
            principle=self.rule.principle,
            start=start,
            end=end,
            field=field,
            suggestion=self._suggestion(match),
            matched=prepared.original[start:end],
        )

    def _suggestion(self, match: re.Match[str]) -> str | None:
        name = match.lastgroup
        if name and name.startswith("_p") and name[2:].isdigit():
            pattern = self.rule.patterns[int(name[2:])]
            if pattern.suggestion:
                return pattern.suggestion
        return self.rule.suggestion
