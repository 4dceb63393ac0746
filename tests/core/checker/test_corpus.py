"""The checker on its labelled corpus: the corpus is what issue 14 asked for, and the scores on
both splits stay at least where this round left them.

The held-out split (writers e and f: other industries, other voices) is scored here and
never read while tuning rules; its floor is what the rules reached on it, not a target
they were fitted to. Issue 14 asks for micro F1 0.90 and false alarms on at most 5% of
clean items; where the figures below are short of that, the issue says so.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.checker_corpus import scoring

FLOORS = {
    # split: (micro F1, largest share of clean items with a false alarm), a little under
    # what the rules reached: tune 0.995 and 0.0%; held-out 0.860 and 2.4% (issue 14
    # asks 0.90 and 5%: the held-out F1 is short of it).
    "tune": (0.99, 0.01),
    "held-out": (0.85, 0.03),
}


@pytest.fixture(scope="module")
def items():
    return {split: scoring.load(split) for split in scoring.SPLITS}


def test_the_corpus_is_as_large_and_varied_as_asked(items):
    everything = [item for split in items.values() for item in split]
    sentences = [i for i in everything if i.level == "sentence"]
    letters = [i for i in everything if i.level == "letter"]
    assert len(sentences) >= 1500 and len(letters) >= 60
    assert sum(not i.expect for i in sentences) / len(sentences) >= 0.40
    assert len({i.id for i in everything}) == len(everything)
    industries = Counter(i.industry.lower() for i in everything)
    assert len(industries) >= 25
    rules = Counter(rule for i in everything for rule in i.expect)
    assert all(rules[rule] >= 30 for rule in scoring.WORDING), rules


def test_no_writer_is_in_both_splits():
    assert not set(scoring.SPLITS["tune"]) & set(scoring.SPLITS["held-out"])


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_the_checker_scores_at_least_its_floor(checker, items, split):
    result = scoring.score(items[split], scoring.checker_rules(checker))
    f1_floor, alarm_ceiling = FLOORS[split]
    print(f"\n{split}\n{result.table()}")
    assert result.f1 >= f1_floor
    assert result.false_alarm_rate <= alarm_ceiling
