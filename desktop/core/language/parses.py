"""Sentences parsed once and remembered, so a keystroke re-parses only the sentence it changed.

A letter is checked again after every pause in typing; parsing all of a 2,000-word letter
each time would take a third of a second, parsing the one sentence being edited takes a few
milliseconds. Parses are keyed by the sentence's text, so a sentence moved, or the same
sentence in another field, costs nothing.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.core.language.model import LanguageModel

if TYPE_CHECKING:
    from spacy.tokens import Doc

CAPACITY = 20_000
"""Sentences remembered: a long merge reuses parses across letters; each costs a few kB."""

_PRONOUN_I = re.compile(r"(?<![\w'])i(?=(?:'(?:m|ve|ll|d))?(?![\w']))")


class SentenceParses:
    """Parses of single sentences, made with the model's pipeline and kept most-recent-first."""

    def __init__(self, model: LanguageModel):
        self.model = model
        self._cache: OrderedDict[str, Doc] = OrderedDict()
        self._lock = threading.RLock()
        self.parsed = 0
        """How many sentences were parsed (not found remembered): what benchmarks watch."""

    def parse(self, sentences: Sequence[str]) -> list[Doc]:
        """One parse per sentence, in order; the model loads first if it has not yet."""
        with self._lock:
            missing = list(dict.fromkeys(s for s in sentences if s not in self._cache))
            if missing:
                nlp = self.model.load()
                for sentence, doc in zip(missing, nlp.pipe(_readable(s) for s in missing), strict=True):
                    _lower_lemmas(doc)
                    self._remember(sentence, doc)
                self.parsed += len(missing)
            found = []
            for sentence in sentences:
                self._cache.move_to_end(sentence)
                found.append(self._cache[sentence])
            return found

    def _remember(self, sentence: str, doc: Doc) -> None:
        self._cache[sentence] = doc
        while len(self._cache) > CAPACITY:
            self._cache.popitem(last=False)


def _lower_lemmas(doc: Doc) -> None:
    """Lemmas in lower case, as rule files list them. The lemmatiser keeps the capital of a
    word it takes for a name, and a sentence's first word often is taken for one ("Clause
    14 says…", "Ignore the reminder"); a rule's word list would miss it."""
    for token in doc:
        lemma = token.lemma_
        if lemma != (lowered := lemma.lower()):
            token.lemma_ = lowered


def _readable(sentence: str) -> str:
    """A sentence in capitals, written as the model learnt to read: in sentence case.

    The treebank is ordinary web English, in which "I'M SORRY" is rare enough that the
    model mistakes it; "I'm sorry" it knows. Offsets stay the same, so findings still
    point at the writer's own capitals.
    """
    letters = [c for c in sentence if c.isalpha()]
    if len(letters) < 4 or sum(c.isupper() for c in letters) < 0.7 * len(letters):
        return sentence
    lowered = sentence.lower()
    if len(lowered) != len(sentence):
        return sentence
    lowered = _PRONOUN_I.sub("I", lowered)
    first = next((i for i, c in enumerate(lowered) if c.isalpha()), None)
    if first is not None:
        lowered = lowered[:first] + lowered[first].upper() + lowered[first + 1 :]
    return lowered
