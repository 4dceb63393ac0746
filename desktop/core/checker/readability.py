"""Readability: Flesch–Kincaid grade and overlong sentences, with our own syllable counter.

The counter is a rule of thumb (vowel groups, minus silent endings), not a dictionary: it is
wrong on a few words but right on average, which is all a grade level needs, and it needs no
data file and no download.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from desktop.core.checker.body import words
from desktop.core.checker.findings import Finding
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_SILENT_E = re.compile(r"(?:[^aeiouy]e|[^aeiouy]es|[^aeiouyt]ed)$")
_CONSONANT_LE = re.compile(r"[^aeiouy]le$")
_EXTRA_SYLLABLE = re.compile(r"(?:ia|io|eo|ua|uo|iu|ie(?=r|t)|[^aeiou]ian)")


@lru_cache(maxsize=8192)
def syllables(word: str) -> int:
    word = word.lower().strip("'’.-")
    if not word.isalpha():
        return max(1, len(re.findall(r"\d", word)) // 2) if any(c.isdigit() for c in word) else 1
    if len(word) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(word))
    if _SILENT_E.search(word) and not _CONSONANT_LE.search(word):
        count -= 1
    if _CONSONANT_LE.search(word):
        count += 0 if count > 1 else 1
    count += len(_EXTRA_SYLLABLE.findall(word))
    return max(1, count)


def grade_level(sentence_words: list[list[str]]) -> float:
    """Flesch–Kincaid grade: 0.39 words per sentence + 11.8 syllables per word − 15.59."""
    sentences = [w for w in sentence_words if w]
    total_words = sum(len(w) for w in sentences)
    if not total_words:
        return 0.0
    total_syllables = sum(syllables(word) for sentence in sentences for word in sentence)
    return 0.39 * total_words / len(sentences) + 11.8 * total_syllables / total_words - 15.59


class Readability:
    def __init__(self, rule: Rule):
        self.rule = rule
        self.max_grade = rule.float_param("max_grade", 10.0)
        self.max_sentence_words = rule.int_param("max_sentence_words", 35)
        self.min_words_for_grade = rule.int_param("min_words_for_grade", 60)

    def findings(self, prepared: PreparedText, start: int, end: int, field: str = "") -> Iterator[Finding]:
        """Sentence-length findings inside [start, end), then one for the grade of the whole."""
        per_sentence: list[list[str]] = []
        for span in prepared.sentences:
            if span.end <= start or span.start >= end:
                continue
            sentence_words = words(prepared.text, span.start, span.end)
            per_sentence.append(sentence_words)
            if len(sentence_words) > self.max_sentence_words:
                yield self._finding(
                    f"This sentence has {len(sentence_words)} words; split it (aim for under "
                    f"{self.max_sentence_words}).",
                    span.start,
                    span.end,
                    field,
                    prepared,
                )
        total = sum(len(w) for w in per_sentence)
        grade = grade_level(per_sentence)
        if total >= self.min_words_for_grade and grade > self.max_grade:
            yield self._finding(
                f"The reading grade is {grade:.1f} (Flesch–Kincaid); aim for {self.max_grade:g} or below "
                "with shorter sentences and plainer words.",
                start,
                start,
                field,
                None,
            )

    def _finding(
        self, detail: str, start: int, end: int, field: str, prepared: PreparedText | None
    ) -> Finding:
        return Finding(
            rule=self.rule.id,
            severity=self.rule.severity,
            message=detail,
            principle=self.rule.principle,
            start=start,
            end=end,
            field=field,
            matched=prepared.original[start:end][:60] if prepared else "",
        )
