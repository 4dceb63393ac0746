"""What a word's place in its sentence says: negated or not, passive or active, and who acts.

These are the facts the wording rules turn on and that a phrase list cannot see: "It was
not a small glitch" negates the minimiser; "We can't promise it will never happen again"
puts the absolute under a refused promise; "Your booking was deleted" has no one doing the
deleting. Each is a property on spaCy's Token (token._.negated and so on), so the rule
files can use them in their patterns like any other attribute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nt", "hardly"})
NEGATIVE_SUBJECTS = frozenset({"nobody", "nothing", "none", "noone", "neither"})
CLAUSE_RELATIONS = frozenset(
    {"ROOT", "ccomp", "xcomp", "advcl", "advcl:relcl", "acl", "acl:relcl", "parataxis", "csubj", "csubj:pass"}
)
SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubj:outer", "csubj", "csubj:pass", "expl"})
PASSIVE_MARKS = frozenset({"aux:pass", "nsubj:pass", "csubj:pass"})
WRITER_WORDS = frozenset({"i", "we", "me", "us", "myself", "ourselves"})
WRITER_OWNERS = frozenset({"my", "our"})
NOT_AGENTS = frozenset(
    {
        "mistake",
        "accident",
        "error",
        "chance",
        "default",
        "post",
        "mail",
        "email",
        "e-mail",
        "phone",
        "text",
        "hand",
    }
)
"""Nouns after "by" that say how, not who: "deleted by mistake" has no one doing it."""


FLAGS = ("negated", "under_negation", "passive", "agentless_passive", "writer_subject", "writer_word")
"""The properties rule files may test, as `_ = { negated = false }`."""


def register() -> None:
    """Add the properties to spaCy's Token (once per process; later calls change nothing)."""
    from spacy.tokens import Token

    getters = {
        "negated": negated,
        "under_negation": under_negation,
        "passive": passive,
        "agentless_passive": agentless_passive,
        "writer_subject": writer_subject,
        "writer_word": writer_word,
    }
    for name, getter in getters.items():
        if not Token.has_extension(name):
            Token.set_extension(name, getter=getter)


def predicate(token: Token) -> Token:
    """The head of the clause `token` belongs to: the verb, or the adjective or noun after "be"."""
    current = token
    for _ in range(64):  # a parse is a tree; the bound only guards against a broken one
        if current.dep_ in CLAUSE_RELATIONS or current.head.i == current.i:
            return current
        if current.dep_ == "conj" and current.pos_ in {"VERB", "AUX"}:
            return current
        current = current.head
    return current


def _negates(child: Token) -> bool:
    if child.lower_ in NEGATORS and child.dep_ in {"advmod", "det", "cc", "neg", "advmod:neg"}:
        return True
    return child.dep_ in SUBJECTS and (child.lower_ in NEGATIVE_SUBJECTS or _has_no_determiner(child))


def _has_no_determiner(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in token.children)


def negated(token: Token) -> bool:
    """The word, or the clause it sits in, is negated ("not a small glitch", "nobody lost it")."""
    if _has_no_determiner(token) or any(_negates(c) for c in token.children):
        return True
    head = predicate(token)
    if head.i != token.i and any(_negates(c) for c in head.children):
        return True
    # A copular clause negates its subject's complement: "it was not a small glitch".
    return head.dep_ == "ROOT" and head.i != token.i and _copula_negated(head)


def _copula_negated(head: Token) -> bool:
    return any(c.dep_ == "cop" for c in head.children) and any(_negates(c) for c in head.children)


def under_negation(token: Token) -> bool:
    """A clause above this one is negated: "we can't promise it will never happen again"."""
    clause = predicate(token)
    for _ in range(64):
        if clause.head.i == clause.i or clause.dep_ in {"parataxis", "conj"}:
            return False  # "…, but we have added a check" is a sentence of its own
        clause = predicate(clause.head)
        if negated(clause):
            return True
    return False


def passive(token: Token) -> bool:
    """A verb in the passive ("was deleted", "got lost", "had been misfiled")."""
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ != "VBN":
        return False
    children = list(token.children)
    if any(c.dep_ in PASSIVE_MARKS for c in children):
        return True
    return token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "get" for c in children)


def _agent(token: Token) -> Token | None:
    for child in token.children:
        if child.lemma_.lower() in NOT_AGENTS or child.lower_ in NOT_AGENTS:
            continue
        if child.dep_ == "obl:agent":
            return child
        if child.dep_ == "obl" and any(c.dep_ == "case" and c.lower_ == "by" for c in child.children):
            return child
    return None


def agentless_passive(token: Token) -> bool:
    """A passive with no "by …": the sentence does not say who did it."""
    return passive(token) and _agent(token) is None


def writer_word(token: Token) -> bool:
    """I, we, or something of ours ("our team", "my colleague")."""
    if token.lower_ in WRITER_WORDS:
        return True
    return any(c.dep_ == "nmod:poss" and c.lower_ in WRITER_OWNERS for c in token.children)


def writer_subject(token: Token) -> bool:
    """The clause's subject, or the passive's agent, is the writer or something of theirs."""
    head = predicate(token)
    for child in head.children:
        if child.dep_ in SUBJECTS and writer_word(child):
            return True
    agent = _agent(head)
    return agent is not None and writer_word(agent)
