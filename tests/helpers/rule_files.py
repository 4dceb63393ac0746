"""A team rule made only of a syntax pattern: it fires only when the language model has
parsed the sentence, which is what tests of the parse and of its loading need."""

from __future__ import annotations

HOUSE_PROMISE = """
[classes]
promise_verbs = ["promise", "guarantee", "assure"]

[[rule]]
id = "house-promise"
kind = "phrase"
severity = "warning"
message = "We do not promise on behalf of the engineers."
principle = "Promise only what we control."

[[rule.syntax]]
[[rule.syntax.node]]
id = "verb"
LEMMA = "@promise_verbs"
_ = { writer_subject = true, negated = false }
"""
