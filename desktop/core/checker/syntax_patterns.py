"""Reading a rule's syntax patterns: words and how they hang together, not strings.

A regex sees "was" and a word ending in "-ed"; a syntax pattern sees a passive verb with no
one doing it, whatever the verb, tense or word order. In a rule file:

    [[rule.syntax]]
    flag = ["subject", "verb"]          # the words the finding covers (default: all matched)

    [[rule.syntax.node]]
    id = "verb"
    LEMMA = "@mishandling"              # a word class from [classes]
    _ = { agentless_passive = true, negated = false }

    [[rule.syntax.node]]
    id = "subject"
    parent = "verb"                     # placed relative to an earlier node
    rel = ">"                           # spaCy DependencyMatcher operators: > < >> << . ; $+ $-
    DEP = "nsubj:pass"
    without = [{ DEP = "obl:agent" }]   # ...and no word below it like this (see below)

`without` lists words a node must not have: by default among its direct dependents
(`rel = ">"`), or anywhere below it (`rel = ">>"`). A matcher
cannot say "a verb with no agent" or "an apology not followed by 'but'"; false alarms on
negations and contrasts mostly need exactly that.

Token attributes are spaCy Matcher's (LEMMA, LOWER, POS, TAG, DEP, MORPH, …) with its
value forms ({ IN = [...] }, { NOT_IN = [...] }, { REGEX = "..." }). Checking here needs no
spaCy: the loader reports a bad node with its line before any model is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.core.language.clauses import FLAGS

ATTRIBUTES = frozenset(
    {"ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "POS", "TAG", "DEP", "MORPH", "SHAPE", "LENGTH"}
    | {"IS_ALPHA", "IS_DIGIT", "IS_PUNCT", "IS_TITLE", "IS_UPPER", "IS_LOWER", "LIKE_NUM", "_"}
)
RELATIONS = frozenset(
    {">", "<", ">>", "<<", ".", ";", ".*", ";*", "$+", "$-", "$++", "$--", ">+", ">-", "<+", "<-"}
)
_VALUE_FORMS = frozenset({"IN", "NOT_IN", "REGEX", "FUZZY", "==", "!=", ">=", "<=", ">", "<"})


class SyntaxPatternError(ValueError):
    """What is wrong with one syntax pattern, for the loader to place at its line."""


@dataclass(frozen=True)
class SyntaxPattern:
    nodes: tuple[dict[str, Any], ...]
    """In spaCy's DependencyMatcher form: RIGHT_ID, RIGHT_ATTRS, LEFT_ID, REL_OP."""
    flag: tuple[str, ...]
    """Node ids whose words the finding covers; empty for every matched word."""
    line: int | None = None
    without: tuple[Exclusion, ...] = ()


@dataclass(frozen=True)
class Exclusion:
    """A word that must not stand in `rel` to node `node` for the pattern to match."""

    node: str
    rel: str
    attrs: dict[str, Any]


def read_syntax_pattern(
    table: dict[str, Any], classes: dict[str, list[str]], line: int | None
) -> SyntaxPattern:
    unknown = set(table) - {"node", "flag", "note"}
    if unknown:
        raise SyntaxPatternError(f"unknown key {sorted(unknown)[0]!r} in a syntax pattern (node, flag, note)")
    nodes = table.get("node")
    if not isinstance(nodes, list) or not nodes:
        raise SyntaxPatternError("a syntax pattern needs [[rule.syntax.node]] tables")
    converted: list[dict[str, Any]] = []
    without: list[Exclusion] = []
    seen: list[str] = []
    for index, node in enumerate(nodes):
        if not isinstance(node, dict):
            raise SyntaxPatternError("each node is a [[rule.syntax.node]] table")
        converted.append(_node({k: v for k, v in node.items() if k != "without"}, index, seen, classes))
        without += _exclusions(node.get("without", []), seen[-1], classes)
    flag = table.get("flag", [])
    if isinstance(flag, str):
        flag = [flag]
    if not isinstance(flag, list) or any(name not in seen for name in flag):
        raise SyntaxPatternError(f"flag must list node ids of this pattern ({', '.join(seen)})")
    return SyntaxPattern(tuple(converted), tuple(flag), line, tuple(without))


EXCLUSION_RELATIONS = frozenset({">", ">>"})


def _exclusions(value: object, node_id: str, classes: dict[str, list[str]]) -> list[Exclusion]:
    if not isinstance(value, list) or not all(isinstance(item, dict) and item for item in value):
        raise SyntaxPatternError(f'node {node_id!r}: without is a list of word tables, [{{ DEP = "neg" }}]')
    found = []
    for item in value:
        rel = item.get("rel", ">")
        if rel not in EXCLUSION_RELATIONS:
            raise SyntaxPatternError(
                f"node {node_id!r}: without's rel {rel!r} is not one of "
                + " ".join(sorted(EXCLUSION_RELATIONS))
            )
        attrs = _attributes({k: v for k, v in item.items() if k != "rel"}, node_id, classes)
        if not attrs:
            raise SyntaxPatternError(f"node {node_id!r}: each word in without needs an attribute")
        found.append(Exclusion(node_id, rel, attrs))
    return found


def _node(node: dict[str, Any], index: int, seen: list[str], classes: dict[str, list[str]]) -> dict[str, Any]:
    node_id = node.get("id")
    if not isinstance(node_id, str) or not node_id or node_id in seen:
        raise SyntaxPatternError(f"node {index + 1} needs an id of its own")
    parent, rel = node.get("parent"), node.get("rel", ">")
    if index == 0 and parent is not None:
        raise SyntaxPatternError(f"the first node ({node_id}) is the anchor and has no parent")
    if index > 0 and parent not in seen:
        raise SyntaxPatternError(
            f"node {node_id!r} needs a parent among the nodes before it ({', '.join(seen)})"
        )
    if rel not in RELATIONS:
        raise SyntaxPatternError(f"node {node_id!r}: rel {rel!r} is not one of {' '.join(sorted(RELATIONS))}")
    attrs = _attributes({k: v for k, v in node.items() if k not in {"id", "parent", "rel"}}, node_id, classes)
    seen.append(node_id)
    if index == 0:
        return {"RIGHT_ID": node_id, "RIGHT_ATTRS": attrs}
    return {"LEFT_ID": parent, "REL_OP": rel, "RIGHT_ID": node_id, "RIGHT_ATTRS": attrs}


def _attributes(table: dict[str, Any], node_id: str, classes: dict[str, list[str]]) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    for key, value in table.items():
        if key not in ATTRIBUTES:
            raise SyntaxPatternError(
                f"node {node_id!r}: {key!r} is not a token attribute ({', '.join(sorted(ATTRIBUTES))})"
            )
        attrs[key] = _flags(value, node_id) if key == "_" else _value(value, node_id, key, classes)
    return attrs


def _flags(value: object, node_id: str) -> dict[str, bool]:
    if not isinstance(value, dict) or not all(isinstance(v, bool) for v in value.values()):
        raise SyntaxPatternError(f"node {node_id!r}: _ is a table of true/false properties")
    unknown = set(value) - set(FLAGS)
    if unknown:
        raise SyntaxPatternError(
            f"node {node_id!r}: unknown property {sorted(unknown)[0]!r} ({', '.join(FLAGS)})"
        )
    return dict(value)


def _value(value: object, node_id: str, key: str, classes: dict[str, list[str]]) -> object:
    if isinstance(value, str) and value.startswith("@"):
        return {"IN": _class(value, node_id, classes)}
    if isinstance(value, dict):
        unknown = set(value) - _VALUE_FORMS
        if unknown:
            raise SyntaxPatternError(f"node {node_id!r}: {key} has unknown form {sorted(unknown)[0]!r}")
        out: dict[str, object] = {}
        for form, items in value.items():
            if form in {"IN", "NOT_IN"}:
                if not isinstance(items, list):
                    raise SyntaxPatternError(f"node {node_id!r}: {key}.{form} must be a list")
                expanded: list[object] = []
                for item in items:
                    expanded += (
                        _class(item, node_id, classes)
                        if isinstance(item, str) and item.startswith("@")
                        else [item]
                    )
                out[form] = expanded
            else:
                out[form] = items
        return out
    if isinstance(value, str | int | bool):
        return value
    raise SyntaxPatternError(
        f"node {node_id!r}: {key} must be text, a number, or a table such as {{ IN = [...] }}"
    )


def _class(reference: str, node_id: str, classes: dict[str, list[str]]) -> list[str]:
    name = reference[1:]
    if name not in classes:
        known = ", ".join(sorted(classes)) or "none defined"
        raise SyntaxPatternError(f"node {node_id!r}: unknown word class {reference!r} (known: {known})")
    return classes[name]
