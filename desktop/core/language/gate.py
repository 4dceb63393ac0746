"""Which sentences a syntax pattern could possibly match, decided without parsing them.

Parsing is the slow part of checking (a few thousand words a second, where the word
patterns do hundreds of thousands), and most sentences of a letter cannot match any syntax
pattern: a pattern about promises needs a word that could be a form of "promise". A
pattern names the words it needs; a sentence holding none of them is not parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_LEXICAL = ("LOWER", "ORTH", "TEXT", "NORM")
_EVERYWHERE = frozenset(
    {"be", "have", "get", "do", "will", "can", "not", "you", "your", "we", "our", "i", "my", "it", "the", "a"}
)
"""Words nearly every sentence of a letter holds: a node that needs one gates nothing."""


def word_gate(
    patterns: Iterable[tuple[dict[str, Any], ...]], irregular: Mapping[str, Iterable[str]]
) -> re.Pattern[str] | None:
    """A regex over lower-cased text that every sentence a pattern could match contains a
    match of; None when some pattern names no words (every sentence must then be parsed).

    `irregular` maps a lemma to its irregular forms ("lose" -> "lost"), which its stem
    does not reach.
    """
    alternatives: set[str] = set()
    for nodes in patterns:
        needed = _needed_words(nodes, irregular)
        if needed is None:
            return None
        alternatives |= needed
    if not alternatives:
        return None
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True)))


def _needed_words(
    nodes: tuple[dict[str, Any], ...], irregular: Mapping[str, Iterable[str]]
) -> set[str] | None:
    """Regex pieces for the most selective word-bearing node of one pattern (every node must
    match, so any one node's words are necessary). Fewest choices gates best, unless a node
    needs a word found everywhere ("was", "you"): any other node is then better."""
    best: tuple[bool, int, set[str]] | None = None
    for node in nodes:
        attrs = node["RIGHT_ATTRS"]
        words: set[str] | None = None
        needed: list[str] = []
        if "LEMMA" in attrs:
            lemmas = _values(attrs["LEMMA"])
            if lemmas is not None:
                needed, words = lemmas, set()
                for lemma in lemmas:
                    words.add(_stem(lemma))
                    words |= {_whole(form) for form in irregular.get(lemma.lower(), ())}
        for key in _LEXICAL:
            if key in attrs and (values := _values(attrs[key])) is not None:
                needed, words = values, {_whole(v) for v in values}
        if words is None:
            continue
        common = any(w.lower() in _EVERYWHERE or not w[:1].isalnum() for w in needed)
        rank = (common, len(words), words)
        if best is None or rank[:2] < best[:2]:
            best = rank
    return None if best is None else best[2]


def _values(value: object) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return list(value["IN"])
    return None  # NOT_IN, REGEX and the like name no words a sentence must hold


def _stem(lemma: str) -> str:
    """What every regular form of `lemma` starts with: "cancel" -> "canc" (cancels,
    cancelled, cancelling), "apology" -> "apolo" (apologies)."""
    word = lemma.lower()
    keep = len(word) if len(word) <= 3 else max(3, len(word) - 2)
    return _edge(word[:keep]) + re.escape(word[:keep]) + r"\w*"


def _whole(text: str) -> str:
    """`text` as a whole word, or as itself when it is punctuation ("!" follows a word)."""
    word = text.lower()
    return _edge(word) + re.escape(word) + (r"(?![\w])" if word[-1:].isalnum() else "")


def _edge(word: str) -> str:
    """A word starts where no letter or apostrophe comes before it; punctuation anywhere."""
    return r"(?<![\w'])" if word[:1].isalnum() else ""
