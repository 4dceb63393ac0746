"""Finding apology expressions, which several rules need: the sentences they make
"apology sentences", and the count kind that catches over-apologising."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from desktop.core.checker.findings import Finding
from desktop.core.checker.patterns import Scanner
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText, Span


@dataclass(frozen=True)
class Apologies:
    """Where a text apologises: each expression, and the sentences holding one."""

    spans: list[Span]
    sentence_of: list[int]

    @property
    def sentences(self) -> set[int]:
        return set(self.sentence_of)


def find_apologies(prepared: PreparedText, apology: Scanner) -> Apologies:
    """Apology expressions outside quoted speech: a quoted "sorry" is someone else's."""
    spans, sentence_of = [], []
    for match in apology.finditer(prepared.text, prepared.lowered):
        if prepared.quotes and prepared.in_quotes(match.start()):
            continue
        spans.append(Span(match.start(), match.end()))
        sentence_of.append(prepared.sentence_index(match.start()))
    return Apologies(spans, sentence_of)


class ApologyCount:
    """The count kind (over-apology): too many apologies in one sentence or one letter."""

    def __init__(self, rule: Rule):
        self.rule = rule
        self.max_per_sentence = rule.int_param("max_per_sentence", 1)
        self.max_per_letter = rule.int_param("max_per_letter", 3)

    def sentence_findings(
        self, prepared: PreparedText, found: Apologies, field: str = ""
    ) -> Iterator[Finding]:
        per_sentence = Counter(found.sentence_of)
        for sentence, count in per_sentence.items():
            if count <= self.max_per_sentence:
                continue
            spans = [s for s, i in zip(found.spans, found.sentence_of, strict=True) if i == sentence]
            yield self.finding(
                prepared,
                spans[0].start,
                spans[-1].end,
                field,
                f"{count} apologies in one sentence; one is enough.",
            )

    def letter_excess(self, total: int) -> int | None:
        """Index of the first apology over the letter's budget, or None when within it."""
        return self.max_per_letter if total > self.max_per_letter else None

    def finding(
        self, prepared: PreparedText | None, start: int, end: int, field: str, detail: str
    ) -> Finding:
        return Finding(
            rule=self.rule.id,
            severity=self.rule.severity,
            message=f"{detail} {self.rule.message}",
            principle=self.rule.principle,
            start=start,
            end=end,
            field=field,
            suggestion=self.rule.suggestion,
            matched=prepared.original[start:end] if prepared else "",
        )
