"""Syntax patterns in rule files: a team can write them, and a mistake in one is reported
with its file and line before any letter is checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.checker import Checker
from desktop.core.checker.loader import RuleFileError
from tests.helpers.rule_files import HOUSE_PROMISE

TEAM_RULE = HOUSE_PROMISE


def write(folder: Path, text: str) -> Path:
    path = folder / "team.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_team_rule_made_only_of_a_syntax_pattern_finds_every_form_of_its_verb(tmp_path):
    checker = Checker.from_files([write(tmp_path, TEAM_RULE)])
    for text in (
        "We promise the engineer will come.",
        "I guaranteed a visit on Friday.",
        "We are assuring you of it.",
    ):
        found = [f for f in checker.check_text(text) if f.rule == "house-promise"]
        assert len(found) == 1, text
    assert not [f for f in checker.check_text("We cannot promise a date yet.") if f.rule == "house-promise"]
    assert not [f for f in checker.check_text("The engineer promised a date.") if f.rule == "house-promise"]


def test_a_team_adds_a_syntax_pattern_to_a_built_in_rule(tmp_path):
    text = "Your voucher was bungled."
    checker = Checker.from_files()
    assert "passive-evasion" not in {f.rule for f in checker.check_text(text)}
    extra = """
[override.passive-evasion]
[[override.passive-evasion.add_syntax]]
[[override.passive-evasion.add_syntax.node]]
id = "verb"
LEMMA = "bungle"
_ = { agentless_passive = true }
"""
    checker = Checker.from_files([write(tmp_path, extra)])
    assert "passive-evasion" in {f.rule for f in checker.check_text(text)}


@pytest.mark.parametrize(
    ("node", "reason"),
    [
        ('id = "verb"\nLEMA = "promise"', "'LEMA' is not a token attribute"),
        ('id = "verb"\nLEMMA = "@promises"', "unknown word class '@promises' (known: "),
        ('id = "verb"\n_ = { passive_voice = true }', "unknown property 'passive_voice'"),
        ('id = "verb"\nparent = "noun"', "the first node (verb) is the anchor and has no parent"),
        ('id = "verb"\nLEMMA = { ANY = ["a"] }', "LEMMA has unknown form 'ANY'"),
    ],
)
def test_a_broken_syntax_pattern_is_named_with_its_line(tmp_path, node: str, reason: str):
    text = TEAM_RULE.replace(
        'id = "verb"\nLEMMA = "@promise_verbs"\n_ = { writer_subject = true, negated = false }', node
    )
    with pytest.raises(RuleFileError) as raised:
        Checker.from_files([write(tmp_path, text)])
    message = str(raised.value)
    assert reason in message
    if "word class" in reason:
        assert "promise_verbs" in message  # the classes it could have meant are listed
    assert "team.toml" in message
    assert raised.value.line == text.splitlines().index("[[rule.syntax]]") + 1


def test_a_node_must_hang_from_an_earlier_one(tmp_path):
    text = TEAM_RULE + '[[rule.syntax.node]]\nid = "object"\nparent = "subject"\nDEP = "obj"\n'
    with pytest.raises(RuleFileError, match="node 'object' needs a parent among the nodes before it"):
        Checker.from_files([write(tmp_path, text)])


HEDGED = TEAM_RULE + 'without = [{ LEMMA = "try", rel = ">>" }, { DEP = "obl" }]\n'
"""The house promise, except a promise to try (anywhere below it) or one tied to a time."""


def test_a_node_can_require_that_no_word_like_another_hangs_from_it(tmp_path):
    checker = Checker.from_files([write(tmp_path, HEDGED)])

    def promises(text: str) -> int:
        return len([f for f in checker.check_text(text) if f.rule == "house-promise"])

    assert promises("We promise the engineer will come.") == 1
    assert promises("We promise that we will try to call you back.") == 0  # "try" two levels down
    assert promises("We promise to try to send an engineer.") == 0
    assert promises("We promise on our honour.") == 0  # a direct obl
    assert promises("We promise the engineer will try.") == 0


@pytest.mark.parametrize(
    ("without", "reason"),
    [
        ('without = [{ rel = "<" }]', "without's rel '<' is not one of > >>"),
        ('without = [{ LEMA = "try" }]', "'LEMA' is not a token attribute"),
        ('without = { LEMMA = "try" }', "without is a list of word tables"),
        ('without = [{ rel = ">" }]', "each word in without needs an attribute"),
        ('without = [{ LEMMA = "@tries" }]', "unknown word class '@tries'"),
    ],
)
def test_a_broken_without_is_named_with_its_line(tmp_path, without: str, reason: str):
    text = TEAM_RULE + without + "\n"
    with pytest.raises(RuleFileError) as raised:
        Checker.from_files([write(tmp_path, text)])
    assert reason in str(raised.value)
    assert raised.value.line == text.splitlines().index("[[rule.syntax]]") + 1
