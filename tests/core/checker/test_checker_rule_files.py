"""Every rule file's own examples: each must fire on `fires` and stay quiet on `quiet`."""

from __future__ import annotations

import re

import pytest

from desktop.core.channels import Channel
from desktop.core.checker import Checker
from tests.core.checker.conftest import SCORED_LETTER_RULES, WORDING_RULES

RULES_MD_IDS = (
    WORDING_RULES
    | SCORED_LETTER_RULES
    | {
        "missing-specifics",
        "missing-cause",
        "no-compensation",
        "follow-up-date",
        "hard-to-read",
        "late-apology",
        "fact-mismatch",
        "repeat-incident",
        "merge-field-missing",
    }
)
"""Every rule id of the rules contract: wording rules, scored letter rules, and the rest."""

OWN_IDS = frozenset({"spelling", "grammar", "email-only-wording"})
"""Rules Amends adds beyond the contract (issue 14: spelling and grammar, checked offline;
issue 15: e-mail wording in a printed letter)."""


def _examples():
    catalogue = Checker.from_files().catalogue
    for rule in catalogue.rules.values():
        kind = "notice" if rule.applies_to == ("notice",) else "individual"
        channel = Channel(rule.channels[0]) if len(rule.channels) == 1 else None  # judged where it applies
        for text in rule.fires:
            yield pytest.param(rule.id, kind, channel, text, True, id=f"{rule.id}-fires-{text[:30]}")
        for text in rule.quiet:
            yield pytest.param(rule.id, kind, channel, text, False, id=f"{rule.id}-quiet-{text[:30]}")


@pytest.mark.parametrize(("rule_id", "kind", "channel", "text", "should_fire"), list(_examples()))
def test_rule_file_example(
    checker, rule_id: str, kind: str, channel: Channel | None, text: str, should_fire: bool
) -> None:
    fired = rule_id in {f.rule for f in checker.check_text(text, kind, channel=channel)}
    assert fired == should_fire, f"{rule_id} {'missed' if should_fire else 'fired on'}: {text}"


def test_every_rule_in_the_catalogue_is_defined_with_its_id(checker) -> None:
    assert set(checker.catalogue.rules) == RULES_MD_IDS | OWN_IDS


def test_every_wording_rule_carries_examples_both_ways(checker) -> None:
    for rule in checker.catalogue.rules.values():
        if rule.kind == "phrase":
            assert rule.fires, f"{rule.id} has no examples that must fire"
            assert rule.quiet or rule.id == "reluctant-apology", f"{rule.id} has no traps"


def test_rules_carry_a_message_and_a_principle(checker) -> None:
    for rule in checker.catalogue.rules.values():
        assert rule.message.strip() and rule.principle.strip(), rule.id


def test_every_built_in_pattern_is_a_valid_regular_expression(checker) -> None:
    """The loader trusts the built-in files (compiling each pattern twice slowed every start),
    so this is where a broken one is caught, with its file and line."""
    for rule in checker.catalogue.rules.values():
        for pattern in [*rule.patterns, *rule.exceptions]:
            try:
                re.compile(pattern.regex)
            except re.error as exc:
                pytest.fail(f"{rule.source}:{pattern.line}: {rule.id}: {exc}")
