"""The phrase kind: wording rules whose patterns find spans, sentence by sentence.

All of a rule's patterns are joined into one alternation and run over each sentence; the
matches are remembered by the sentence's text, so after a keystroke only the sentence typed
in is scanned again. Each match is then judged in its place in the letter: the rule's
scope, its exceptions, the negation guard and the quoted-speech guard.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from desktop.core.checker.findings import Finding
from desktop.core.checker.measure import letter_finding
from desktop.core.checker.patterns import Scanner
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText, Span

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


REMEMBERED_SENTENCES = 20_000
"""Sentences whose matches an anchored rule remembers (a few hundred bytes each)."""


@dataclass(frozen=True)
class _SentenceText:
    """One sentence as _finding reads it: the writer's own text and the folded text."""

    original: str
    text: str


class PhraseRule:
    """One wording rule, compiled once and reused for every check."""

    def __init__(self, rule: Rule):
        self.rule = rule
        self.scanner = Scanner([p.regex for p in rule.patterns]) if rule.patterns else None
        self._by_sentence: OrderedDict[str, list[Finding]] = OrderedDict()
        self._lock = threading.Lock()
        self.exceptions = Scanner([p.regex for p in rule.exceptions]) if rule.exceptions else None

    def findings(
        self,
        prepared: PreparedText,
        apology_sentences: set[int],
        field: str = "",
        syntax_spans: Iterable[tuple[int, int]] = (),
    ) -> Iterator[Finding]:
        """The rule's pattern matches, then what its syntax patterns found (`syntax_spans`,
        from the parsed sentences) where no pattern already matched."""
        found = list(self._pattern_findings(prepared, apology_sentences, field))
        yield from found
        taken = [(f.start, f.end) for f in found]
        for start, end in syntax_spans:
            if any(start < b and end > a for a, b in taken):
                continue
            index = prepared.sentence_index(start)
            if self.rule.scope == "apology-sentence" and index not in apology_sentences:
                continue
            if not self._keeps(prepared, index, start, negation=False):
                continue
            taken.append((start, end))
            yield letter_finding(
                self.rule, field=field, start=start, end=end, matched=prepared.original[start:end]
            )

    def _pattern_findings(
        self, prepared: PreparedText, apology_sentences: set[int], field: str
    ) -> Iterator[Finding]:
        if self.scanner is None:
            return
        if self.rule.anchored:
            yield from self._per_sentence(prepared, apology_sentences, field)
            return
        if self.rule.across_sentences:
            yield from self._whole_text(prepared, apology_sentences, field)
            return
        for index, span in enumerate(prepared.sentences):
            if self.rule.scope == "apology-sentence" and index not in apology_sentences:
                continue
            last_end = -1
            for found in self._sentence_matches(prepared, span):
                start = span.start + found.start
                if found.start < last_end or not self._keeps(prepared, index, start):
                    continue
                last_end = found.end
                yield dataclasses.replace(found, start=start, end=span.start + found.end, field=field)

    def _whole_text(
        self, prepared: PreparedText, apology_sentences: set[int], field: str
    ) -> Iterator[Finding]:
        assert self.scanner is not None
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
            for found in self._sentence_matches(prepared, span):
                if self._keeps(prepared, index, span.start + found.start):
                    yield dataclasses.replace(
                        found, start=span.start + found.start, end=span.start + found.end, field=field
                    )
                    break

    def _sentence_matches(self, prepared: PreparedText, span: Span) -> list[Finding]:
        """Every match in one sentence, offsets within it, remembered by the sentence's text:
        the sentence-wide patterns of grudging apologies and the like are the slowest a rule
        file has, and after a keystroke only the sentence typed in has changed."""
        original = prepared.original[span.start : span.end]
        with self._lock:  # a shared template's letter is checked on another thread
            remembered = self._by_sentence.get(original)
            if remembered is not None:
                self._by_sentence.move_to_end(original)
                return remembered
        assert self.scanner is not None
        folded = prepared.text[span.start : span.end]
        lowered = prepared.lowered[span.start : span.end]
        alone = _SentenceText(original, folded)
        found = [
            self._finding(alone, folded, lowered, m, 0, "") for m in self.scanner.finditer(folded, lowered)
        ]
        with self._lock:
            self._by_sentence[original] = found
            if len(self._by_sentence) > REMEMBERED_SENTENCES:
                self._by_sentence.popitem(last=False)
        return found

    def _keeps(self, prepared: PreparedText, index: int, start: int, negation: bool = True) -> bool:
        """`negation`: apply the rule's look-back for "not"; syntax patterns say it themselves."""
        if not self.rule.quotes and prepared.in_quotes(start):
            return False
        span = prepared.sentences[index]
        if negation and self.rule.negation and is_negated(prepared.text, span.start, start):
            return False
        if self.exceptions is None:
            return True
        return self.exceptions.search(prepared.text, prepared.lowered, span.start, span.end) is None

    def _finding(
        self,
        prepared: PreparedText | _SentenceText,
        folded: str,
        lowered: str,
        match: re.Match[str],
        offset: int,
        field: str,
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
        if self.scanner is None or not any(p.replace for p in self.rule.patterns):
            return None
        index = self.scanner.which(folded, lowered, match)
        replace = self.rule.patterns[index].replace if index is not None else None
        if replace is None:
            return None
        whole = re.fullmatch(replace[0], matched, re.IGNORECASE)
        return whole.expand(replace[1]) if whole else None

    def _suggestion(self, folded: str, lowered: str, match: re.Match[str]) -> str | None:
        if self.scanner is not None and any(p.suggestion for p in self.rule.patterns):
            index = self.scanner.which(folded, lowered, match)
            if index is not None and self.rule.patterns[index].suggestion:
                return self.rule.patterns[index].suggestion
        return self.rule.suggestion
