"""Compiling a rule's patterns into one fast scanner.

Three things keep scanning cheap, measured on 400-word letters: no capturing groups in the
combined pattern (Python's engine gets several times slower with them; which pattern
matched is worked out afterwards, only for the rare match); matching lower-cased text
without IGNORECASE, so the engine can skip alternatives by their first letter; and one
word-boundary test shared by all patterns that begin at one, instead of
every alternative testing it at every character.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from functools import cached_property

from desktop.core.checker.compiled import compile_pattern

_CASE_SENSITIVE = "(?-i"
_WORD_START = "\\b"


def lower_pattern(regex: str) -> str:
    """Lower-case a pattern's letters but not its escapes (\\W and \\w mean different things)."""
    out, escaped = [], False
    for char in regex:
        out.append(char if escaped else char.lower())
        escaped = char == "\\" and not escaped
    return "".join(out)


class Scanner:
    """All of one rule's patterns as a few searches: over lower-cased text for most, over the
    original case for the few patterns that need it ("(?-i:TBD)")."""

    def __init__(self, patterns: list[str]):
        self.sources = [p if _CASE_SENSITIVE in p else lower_pattern(p) for p in patterns]
        self._cased = [_CASE_SENSITIVE in p for p in patterns]
        pairs = list(zip(self.sources, self._cased, strict=True))
        self._searches = [(regex, False) for regex in _combine([p for p, cased in pairs if not cased], 0)]
        self._searches += [(regex, True) for regex in _combine([p for p, c in pairs if c], re.IGNORECASE)]

    @cached_property
    def _each(self) -> list[re.Pattern[str]]:
        """Each pattern alone, for `which`: compiled at the first match, not at start-up,
        since most rules never match a given letter and compiling is most of a start."""
        return [
            compile_pattern(p, re.IGNORECASE if cased else 0)
            for p, cased in zip(self.sources, self._cased, strict=True)
        ]

    def finditer(
        self, folded: str, lowered: str, start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """Matches in text order, lazily; `folded` and `lowered` are the same text in two cases."""
        stop = len(folded) if end is None else end
        scans = [regex.finditer(folded if cased else lowered, start, stop) for regex, cased in self._searches]
        return scans[0] if len(scans) == 1 else heapq.merge(*scans, key=lambda m: m.start())

    def search(
        self, folded: str, lowered: str, start: int = 0, end: int | None = None
    ) -> re.Match[str] | None:
        stop = len(folded) if end is None else end
        found = [
            m
            for regex, cased in self._searches
            if (m := regex.search(folded if cased else lowered, start, stop))
        ]
        return min(found, key=lambda m: m.start()) if found else None

    def which(self, folded: str, lowered: str, match: re.Match[str]) -> int | None:
        """Index of the pattern that produced `match` (the first that matches at its start)."""
        candidates = []
        for index, (pattern, cased) in enumerate(zip(self._each, self._cased, strict=True)):
            found = pattern.match(folded if cased else lowered, match.start())
            if found and found.end() == match.end():
                return index
            if found:
                candidates.append(index)
        return candidates[0] if candidates else None


def _combine(sources: list[str], flags: int) -> list[re.Pattern[str]]:
    """Patterns that open with a literal character are searched alone (the engine then skips
    straight to that character); the rest share one alternation."""
    literal = {p: _opens_with_literal(p, flags) for p in sources}
    alone = [compile_pattern(p, flags) for p in sources if literal[p]]
    rest = [p for p in sources if not literal[p]]
    at_word = [p[len(_WORD_START) :] for p in rest if p.startswith(_WORD_START)]
    elsewhere = [p for p in rest if not p.startswith(_WORD_START)]
    parts = []
    if at_word:
        # \b, not (?<!\w): a pattern may open with an apostrophe ("\b'll"), where the word
        # boundary is the one *before* it.
        parts.append("\\b(?:" + "|".join(f"(?:{p})" for p in at_word) + ")")
    parts += [f"(?:{p})" for p in elsewhere]
    return [*alone, compile_pattern("|".join(parts), flags)] if parts else alone


def _opens_with_literal(pattern: str, flags: int) -> bool:
    """Whether every match starts with one known character, read off the pattern's text:
    parsing each pattern with the engine's own parser took a third of a second at start."""
    if (
        flags & re.IGNORECASE
        or not pattern
        or not (pattern[0].isalnum() or pattern[0] in " '\"-,;:/<>=!@#~&")
    ):
        return False
    if len(pattern) > 1 and pattern[1] in "*+?{":
        return False
    return not _alternation_at_top(pattern)


def _alternation_at_top(pattern: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False
