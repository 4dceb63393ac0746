"""The labelled cases in cases/: sentences and letters from industries the rule files do not use."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"


def _cases(name: str):
    for case in tomllib.loads((CASES / name).read_text(encoding="utf-8"))["case"]:
        label = case.get("note") or case["text"][:40]
        yield pytest.param(case, id=label)


@pytest.mark.parametrize("case", list(_cases("sentences.toml")))
def test_sentence(checker, wording_rules, case: dict) -> None:
    found = {f.rule for f in checker.check_text(case["text"])} & wording_rules
    assert found == set(case["expect"])


@pytest.mark.parametrize("case", list(_cases("letters.toml")))
def test_letter(checker, scored_rules, case: dict) -> None:
    found = {f.rule for f in checker.check_text(case["text"], case["kind"])} & scored_rules
    assert found == set(case["expect"])
