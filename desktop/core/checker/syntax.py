"""Applying the rules' syntax patterns to parsed sentences.

Every rule's patterns go into one spaCy DependencyMatcher, built the first time the model is
there to build it with. What a sentence matched is remembered by the sentence's text, like
its parse, so re-checking a letter after a keystroke matches only the sentence that changed.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.core.checker.loader import RuleFileError
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText
from desktop.core.language.gate import word_gate
from desktop.core.language.parses import CAPACITY, SentenceParses

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import DependencyMatcher, Matcher
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class SyntaxHit:
    rule: str
    start: int
    end: int
    """Character offsets in the text checked (not in the sentence)."""


@dataclass(frozen=True)
class _Key:
    rule: str
    flag: tuple[str, ...]
    node_ids: tuple[str, ...]
    without: tuple[tuple[int, str, str], ...] = ()
    """(position of the node among node_ids, rel, name of the excluded word's token pattern)."""


class SyntaxRules:
    """The syntax patterns of `rules`, matched against sentences parsed by `parses`."""

    def __init__(self, rules: Iterable[Rule], parses: SentenceParses):
        self.rules = [rule for rule in rules if rule.syntax]
        self.parses = parses
        self._matcher: DependencyMatcher | None = None
        self._excluded_words: Matcher | None = None
        self._gate: re.Pattern[str] | None = None
        self._keys: dict[int, _Key] = {}
        self._lock = threading.Lock()
        self._remembered: OrderedDict[str, list[tuple[str, int, int]]] = OrderedDict()
        self.enabled = True
        """The window turns this off until the model has loaded and parsed the open letter
        on another thread, so that no check on its own thread waits for either."""

    @property
    def ready(self) -> bool:
        """Patterns can be matched now, without waiting for the model to load."""
        return self.enabled and bool(self.rules) and self.parses.model.ready

    def warm(self, texts: Iterable[str]) -> None:
        """Parse and match `texts` now (on a background thread), so their check need not."""
        for text in texts:
            self.hits(PreparedText(text))

    def hits(self, prepared: PreparedText) -> list[SyntaxHit]:
        """What the patterns find in each sentence of `prepared`, in text order."""
        spans = [s for s in prepared.sentences if any(c.isalpha() for c in prepared.text[s.start : s.end])]
        texts = [prepared.text[s.start : s.end] for s in spans]
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._remembered]
            if missing:
                matcher = self._compiled()
                gate = self._gate
                needed = [t for t in missing if gate is None or gate.search(t.lower())]
                for text in missing:
                    self._remember(text, [])  # no word any pattern needs: no parse
                for text, doc in zip(needed, self.parses.parse(needed), strict=True):
                    self._remember(text, self._match(matcher, doc))
            found = []
            for span, text in zip(spans, texts, strict=True):
                self._remembered.move_to_end(text)
                found += [
                    SyntaxHit(rule, span.start + a, span.start + b) for rule, a, b in self._remembered[text]
                ]
        return found

    def _remember(self, text: str, hits: list[tuple[str, int, int]]) -> None:
        self._remembered[text] = hits
        while len(self._remembered) > CAPACITY:
            self._remembered.popitem(last=False)

    def _compiled(self) -> DependencyMatcher:
        if self._matcher is None:
            from spacy.matcher import DependencyMatcher, Matcher

            nlp = self.parses.model.load()
            matcher = DependencyMatcher(nlp.vocab, validate=True)
            excluded_words = Matcher(nlp.vocab, validate=True)
            for rule in self.rules:
                for index, pattern in enumerate(rule.syntax):
                    name = f"{rule.id}#{index}"
                    node_ids = tuple(node["RIGHT_ID"] for node in pattern.nodes)
                    without = []
                    try:
                        matcher.add(name, [list(pattern.nodes)])
                        for number, exclusion in enumerate(pattern.without):
                            word = f"{name}/without{number}"
                            excluded_words.add(word, [[exclusion.attrs]])
                            without.append((node_ids.index(exclusion.node), exclusion.rel, word))
                    except (ValueError, KeyError) as error:
                        raise RuleFileError(f"syntax pattern: {error}", rule.source, pattern.line) from None
                    key = _Key(rule.id, pattern.flag, node_ids, tuple(without))
                    self._keys[nlp.vocab.strings[name]] = key
            self._excluded_words = excluded_words if len(excluded_words) else None
            self._gate = word_gate(
                [pattern.nodes for rule in self.rules for pattern in rule.syntax], _irregular_forms(nlp)
            )
            self._matcher = matcher
        return self._matcher

    def _match(self, matcher: DependencyMatcher, doc: Doc) -> list[tuple[str, int, int]]:
        hits = []
        excluded: dict[str, set[int]] = {}
        if self._excluded_words is not None:
            for word_id, start, _end in self._excluded_words(doc):
                excluded.setdefault(doc.vocab.strings[word_id], set()).add(start)
        for match_id, token_ids in matcher(doc):
            key = self._keys[match_id]
            if any(
                _stands(doc[token_ids[position]], rel, excluded.get(word, set()))
                for position, rel, word in key.without
            ):
                continue
            chosen = [
                doc[i]
                for node, i in zip(key.node_ids, token_ids, strict=True)
                if not key.flag or node in key.flag
            ]
            start = min(t.idx for t in chosen)
            end = max(t.idx + len(t.text) for t in chosen)
            hits.append((key.rule, start, end))
        return _merged(hits)


def _stands(token: Token, rel: str, words: set[int]) -> bool:
    """Whether one of the words at `words` (token indices) stands in `rel` to `token`."""
    if not words:
        return False
    related = token.children if rel == ">" else token.subtree
    return any(other.i in words and other.i != token.i for other in related)


def _irregular_forms(nlp: Language) -> dict[str, set[str]]:
    """lemma -> its irregular forms ("lose" -> {"lost"}), from the lemmatiser's exceptions."""
    forms: dict[str, set[str]] = {}
    if "lemmatizer" not in nlp.pipe_names:
        return forms
    lemmatizer: Any = nlp.get_pipe("lemmatizer")  # spaCy types every pipe as a bare callable
    table = lemmatizer.lookups.get_table("lemma_exc", {})
    for by_form in table.values():
        for form, lemmas in by_form.items():
            for lemma in lemmas:
                forms.setdefault(lemma, set()).add(form)
    return forms


def _merged(hits: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """One hit per rule for words that overlap: two patterns seeing one passive are one finding."""
    merged: list[tuple[str, int, int]] = []
    for rule, start, end in sorted(hits, key=lambda hit: (hit[0], hit[1], -hit[2])):
        if merged and merged[-1][0] == rule and start < merged[-1][2]:
            merged[-1] = (rule, merged[-1][1], max(end, merged[-1][2]))
        else:
            merged.append((rule, start, end))
    return sorted(merged, key=lambda hit: (hit[1], hit[2], hit[0]))
