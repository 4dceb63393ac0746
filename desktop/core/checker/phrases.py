"""The phrase kind: wording rules whose patterns find spans, sentence by sentence.

All of a rule's patterns are joined into one alternation and run once over the whole text;
each match is then placed in its sentence to apply the rule's scope, its exceptions, the
negation guard and the quoted-speech guard. That keeps the cost to one scan per rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.core.checker.findings import Finding
from desktop.core.checker.patterns import Scanner
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText

_NEGATION = re.compile(
    r"\b(?:not|never|no|nobody|none|nothing|neither|nor|without|hardly)\b|n't\b", re.IGNORECASE
)
_NEGATION_WINDOW_WORDS = 4


_SUBORDINATE = re.compile(r"(?:if|had|because|as|since|given|due|when|unless)\b", re.IGNORECASE)


def is_negated(text: str, sentence_start: int, match_start: int) -> bool:
    """A negator among the few words just before the match, within its sentence.

    A match that opens a clause of its own ("…would not have happened if you had read…")
    is not negated by the clause before it.
    """
    if _SUBORDINATE.match(text, match_start):
        return False
    window = text[max(sentence_start, match_start - 48) : match_start]
    words = window.split()[-_NEGATION_WINDOW_WORDS:]
    return bool(words) and bool(_NEGATION.search(" ".join(words)))


class PhraseRule:
    """One wording rule, compiled once and reused for every check."""

    def __init__(self, rule: Rule):
        self.rule = rule
        self.scanner = Scanner([p.regex for p in rule.patterns])
        self.exceptions = Scanner([p.regex for p in rule.exceptions]) if rule.exceptions else None

    def findings(
        self, prepared: PreparedText, apology_sentences: set[int], field: str = ""
    ) -> Iterator[Finding]:
        if self.rule.anchored:
            yield from self._per_sentence(prepared, apology_sentences, field)
            return
        folded, lowered = prepared.text, prepared.lowered
        last_end = -1
        for match in self.scanner.finditer(folded, lowered):
            index = prepared.sentence_index(match.start())
            if self.rule.scope == "apology-sentence" and index not in apology_sentences:
                continue
            if match.start() < last_end or not self._keeps(prepared, index, match.start()):
                continue
            last_end = match.end()
            yield self._finding(prepared, folded, lowered, match, 0, field)

    def _per_sentence(
        self, prepared: PreparedText, apology_sentences: set[int], field: str
    ) -> Iterator[Finding]:
        """Anchored rules see one sentence at a time, so ^ and $ are the sentence's edges."""
        for index, span in enumerate(prepared.sentences):
            if self.rule.scope == "apology-sentence" and index not in apology_sentences:
                continue
            folded = prepared.text[span.start : span.end]
            lowered = prepared.lowered[span.start : span.end]
            for match in self.scanner.finditer(folded, lowered):
                if self._keeps(prepared, index, span.start + match.start()):
                    yield self._finding(prepared, folded, lowered, match, span.start, field)
                    break

    def _keeps(self, prepared: PreparedText, index: int, start: int) -> bool:
        if not self.rule.quotes and prepared.in_quotes(start):
            return False
        span = prepared.sentences[index]
        if self.rule.negation and is_negated(prepared.text, span.start, start):
            return False
        if self.exceptions is None:
            return True
        return self.exceptions.search(prepared.text, prepared.lowered, span.start, span.end) is None

    def _finding(
        self, prepared: PreparedText, folded: str, lowered: str, match: re.Match[str], offset: int, field: str
    ) -> Finding:
        """`folded` and `lowered` are the text `match` was found in, `offset` characters into the field."""
        start, end = offset + match.start(), offset + match.end()
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
            suggestion=self._suggestion(folded, lowered, match),
            replacement=self._replacement(folded, lowered, match, prepared.original[start:end]),
            matched=prepared.original[start:end],
        )

    def _replacement(self, folded: str, lowered: str, match: re.Match[str], matched: str) -> str | None:
        if not any(p.replace for p in self.rule.patterns):
            return None
        index = self.scanner.which(folded, lowered, match)
        replace = self.rule.patterns[index].replace if index is not None else None
        if replace is None:
            return None
        whole = re.fullmatch(replace[0], matched, re.IGNORECASE)
        return whole.expand(replace[1]) if whole else None

    def _suggestion(self, folded: str, lowered: str, match: re.Match[str]) -> str | None:
        if any(p.suggestion for p in self.rule.patterns):
            index = self.scanner.which(folded, lowered, match)
            if index is not None and self.rule.patterns[index].suggestion:
                return self.rule.patterns[index].suggestion
        return self.rule.suggestion
