"""One checker for the whole suite: compiling the rule files is the slow part, checking is not."""

from __future__ import annotations

import pytest

from desktop.core.checker import Checker


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker.from_files()


@pytest.fixture(scope="session")
def wording_rules() -> frozenset[str]:
    return WORDING_RULES


@pytest.fixture(scope="session")
def scored_rules() -> frozenset[str]:
    """The rules the labelled cases are judged on: wording rules and the scored letter rules."""
    return WORDING_RULES | SCORED_LETTER_RULES


WORDING_RULES = frozenset(
    {
        "conditional-apology",
        "feelings-shift",
        "blame-customer",
        "blame-third-party",
        "excuse",
        "minimizing",
        "unkeepable-promise",
        "generic-apology",
        "vague-apology",
        "passive-evasion",
        "reluctant-apology",
        "policy-defense",
        "legal-risk",
        "placeholder",
        "over-apology",
    }
)
SCORED_LETTER_RULES = frozenset(
    {
        "missing-apology",
        "missing-responsibility",
        "missing-fix",
        "missing-follow-up",
        "missing-contact",
        "too-long",
        "missing-impact",
        "missing-action",
    }
)
