"""Training-time augmenter: letters arrive in capitals or all lower case.

The treebank is written in ordinary case, so a model trained on it alone
tags an all-capitals complaint badly. Showing it a few capitalised and
lower-cased copies of real sentences costs nothing at run time.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.training import Example
from spacy.util import registry


@registry.augmenters("amends.case_variants.v1")
def case_variants(upper: float, lower: float) -> Callable[[Language, Example], Iterator[Example]]:
    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        roll = random.random()
        if roll < upper:
            yield _recased(nlp, example, str.upper) or example
        elif roll < upper + lower:
            yield _recased(nlp, example, str.lower) or example
        else:
            yield example

    return augment


def _recased(nlp: Language, example: Example, change: Callable[[str], str]) -> Example | None:
    text = example.text
    changed = change(text)
    if len(changed) != len(text):  # "ß" -> "SS" would shift every offset after it
        return None
    data = example.to_dict()
    orths = [change(token.text) for token in example.reference]
    if any(len(a) != len(t.text) for a, t in zip(orths, example.reference, strict=True)):
        return None
    data["token_annotation"]["ORTH"] = orths
    return Example.from_dict(nlp.make_doc(changed), data)
