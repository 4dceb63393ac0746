"""The spelling and grammar check, on Harper (harper-py, offline; nothing leaves the computer).

The first Harper Linter of a process takes about half a second and ~135 MB (its dictionary,
which later Linters share: another English then costs ~12 ms and no measurable memory), and
the first word it does not know costs another 0.5-1 s and ~50 MB (what it searches for
suggestions with). `warm_up` pays both; call it on a worker thread when the program starts.

A Linter must never be used by two threads at once (harper-py raises RuntimeError if it is),
so a SpellingChecker builds a Linter per English on first use and lets one thread at a time
use them: checking a 400-word letter holds the lock for 5-20 ms. Each Linter is told the
known words again only when they change (a few ms for a few hundred words). Setting a
Linter's `dialect` instead would forget its words and make the next check rebuild its rules
(~100 ms), which is why the checker keeps one Linter per English rather than one it switches.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import harper

from desktop.core.spelling.issues import IssueKind, SpellingIssue
from desktop.core.spelling.locales import EnglishVariant, variant_for
from desktop.core.spelling.masks import Masks, in_capitals
from desktop.core.spelling.policy import (
    MAX_SUGGESTIONS,
    SPELL_CHECK_RULE,
    harper_message,
    issue_kind,
    rank_spelling_suggestions,
    rule_rank,
    spelling_message,
    stands_in_context,
)
from desktop.core.spelling.variants import flag_ize_words, ize_words
from desktop.core.spelling.vocabulary import BUILT_IN_WORDS
from desktop.core.spelling.words import KnownWords

_WARM_UP_TEXT = (
    "Thank you for your letter, Ms Kowalczyk. I am sorry the parcel was late; Brightwave’s "
    "courier has recieved it and we have refunded £4.50."
)
"""A letter with unknown words in it: Harper builds what it searches for suggestions with on
first need, which costs 0.5-1 s, so warming up without one would leave that for a real check."""


@dataclass(frozen=True)
class _Found:
    """One of Harper's findings, copied out of its Lint while the Linter is held."""

    rule: str
    kind: IssueKind
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...]


class SpellingChecker:
    """Checks English text for misspellings and grammar slips. Safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._linters: dict[harper.Dialect, harper.Linter] = {}
        self._words: dict[harper.Dialect, frozenset[str]] = {}
        self._dictionary: dict[tuple[harper.Dialect, str], bool] = {}

    def warm_up(self, locale: str = "en_GB") -> None:
        """Build the Linter for `locale` and run it once (0.5-1 s), so that the first real check
        does not wait: call it on a worker thread when the program starts."""
        self.check(_WARM_UP_TEXT, locale)

    def check(self, text: str, locale: str, known_words: Iterable[str] = ()) -> list[SpellingIssue]:
        """The spelling and grammar issues in `text`, in order, for the English of `locale`.

        `known_words`: the team's word list and the recipient's names (entries may hold more
        than one word, "Siobhan O'Hare-Nakamura"); none is flagged, in any capitalisation or
        with a possessive. Merge fields, e-mail and web addresses and anything with a digit
        in it are not flagged either.
        """
        if not text.strip():
            return []
        variant = variant_for(locale)
        known = KnownWords([*BUILT_IN_WORDS, *known_words])
        masks = Masks.of(text)
        with self._lock:
            linter = self._ready(getattr(harper.Dialect, variant.dialect), known.for_harper())
            found = self._lint(linter, text, masks.harper_mask)
            if variant.ise_spelling:
                found += self._ize_issues(linter, text, found, variant)
        return _issues(text, found, masks, known.spans(text), variant.name)

    # Harper, with the lock held ------------------------------------------------------------

    def _ready(self, dialect: harper.Dialect, words: frozenset[str]) -> harper.Linter:
        linter = self._linters.get(dialect)
        if linter is None:
            linter = self._linters[dialect] = harper.Linter(dialect)
            self._words[dialect] = frozenset()
        if words != self._words[dialect]:
            linter.clear_words()
            if words:
                linter.import_words(sorted(words))
            self._words[dialect] = words
        return linter

    @staticmethod
    def _lint(linter: harper.Linter, text: str, mask: str) -> list[_Found]:
        """Every reported finding, overlaps and all (we choose among them; Harper's own choice
        keeps "untill" -> "distill" over the dictionary's "until")."""
        by_rule = linter.organized_lints(text, language="plaintext", regex_mask=mask, dedup=False)
        found = []
        for rule, lints in by_rule.items():
            for lint in lints:
                kind = issue_kind(rule, lint.lint_kind, lint.message)
                if kind is None or not stands_in_context(rule, text, lint.span.start, lint.span.end):
                    continue
                found.append(
                    _Found(
                        rule,
                        kind,
                        lint.span.start,
                        lint.span.end,
                        lint.message,
                        tuple(_replacement(lint, s) for s in lint.suggestions),
                    )
                )
        return found

    def _ize_issues(
        self, linter: harper.Linter, text: str, found: list[_Found], variant: EnglishVariant
    ) -> list[_Found]:
        flagged = [(f.start, f.end) for f in found if f.kind == "spelling"]
        candidates = [
            c
            for c in ize_words(text)
            if not in_capitals(c.word) and not any(c.start < end and start < c.end for start, end in flagged)
        ]
        dialect = getattr(harper.Dialect, variant.dialect)
        return [
            _Found(
                "IseSpelling",
                "spelling",
                c.start,
                c.end,
                f'"{c.word}" is spelt "{c.ise_form}" in {variant.name}.',
                (c.ise_form,),
            )
            for c in flag_ize_words(candidates, lambda words: self._in_dictionary(linter, dialect, words))
        ]

    def _in_dictionary(self, linter: harper.Linter, dialect: harper.Dialect, words: list[str]) -> set[str]:
        """Which of `words` Harper's dictionary for `dialect` holds (remembered, so each word
        costs one lookup per process)."""
        unknown = [w for w in words if (dialect, w) not in self._dictionary]
        if unknown:
            text = "\n".join(unknown)
            misspelt = {
                text[lint.span.start : lint.span.end]
                for lint in linter.organized_lints(text, language="plaintext").get(SPELL_CHECK_RULE, [])
            }
            if len(self._dictionary) > 20_000:
                self._dictionary.clear()
            for word in unknown:
                self._dictionary[dialect, word] = word not in misspelt
        return {w for w in words if self._dictionary[dialect, w]}


def _replacement(lint: harper.Lint, suggestion: harper.Suggestion) -> str:
    """What the flagged characters become: the replacement, nothing, or themselves plus more."""
    if suggestion.kind == harper.SuggestionKind.REMOVE:
        return ""
    if suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
        return lint.problem_text + suggestion.replacement_text
    return suggestion.replacement_text


# Turning findings into issues, without the lock --------------------------------------------


def _issues(
    text: str, found: list[_Found], masks: Masks, known: list[tuple[int, int]], english: str
) -> list[SpellingIssue]:
    kept = [
        f
        for f in found
        if 0 <= f.start < f.end <= len(text)
        and not masks.hides(f.kind, f.start, f.end)
        and not any(start <= f.start and f.end <= end for start, end in known)
    ]
    groups: dict[tuple[int, int], list[_Found]] = {}
    for f in sorted(kept, key=lambda f: rule_rank(f.rule)):
        groups.setdefault((f.start, f.end), []).append(f)
    issues: list[SpellingIssue] = []
    taken: list[tuple[int, int]] = []
    # Where findings overlap without covering the same words, the better-ranked one wins.
    for (start, end), group in sorted(groups.items(), key=lambda g: (rule_rank(g[1][0].rule), g[0])):
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        issues.append(_issue(text, group, english))
    return sorted(issues, key=lambda i: (i.start, i.end))


def _issue(text: str, group: list[_Found], english: str) -> SpellingIssue:
    """One issue from the findings on the same words: the first speaks, all suggest."""
    first = group[0]
    word = text[first.start : first.end]
    suggestions: list[str] = []
    for f in group:
        offered = (
            rank_spelling_suggestions(word, f.suggestions) if f.rule == SPELL_CHECK_RULE else f.suggestions
        )
        for suggestion in offered:
            if suggestion != word and suggestion not in suggestions:
                suggestions.append(suggestion)
    suggestions = suggestions[:MAX_SUGGESTIONS]
    if first.rule == SPELL_CHECK_RULE:
        message = spelling_message(word, suggestions[0] if suggestions else None, english)
    else:
        message = harper_message(first.message)
    return SpellingIssue(first.kind, first.start, first.end, message, tuple(suggestions))
