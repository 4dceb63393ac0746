"""A one-click fix inserts wording only where the rule knows the right words; otherwise the
finding carries advice, which is never pasted into a letter."""

from __future__ import annotations

import pytest

from desktop.core.checker import Checker
from desktop.core.checker.loader import RuleFileError


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_files()


@pytest.mark.parametrize(
    ("text", "matched", "replacement"),
    [
        ("I am sorry if you were inconvenienced.", "sorry if", "sorry that"),
        ("We apologise if this caused confusion.", "apologise if", "apologise that"),
        ("We are truly sorry if the wait upset you.", "sorry if", "sorry that"),
    ],
)
def test_sorry_if_becomes_sorry_that(checker, text, matched, replacement):
    (finding,) = [f for f in checker.check_text(text) if f.rule == "conditional-apology"]
    assert (finding.matched, finding.replacement) == (matched, replacement)
    fixed = text[: finding.start] + finding.replacement + text[finding.end :]
    assert not [f for f in checker.check_text(fixed) if f.rule == "conditional-apology"]


@pytest.mark.parametrize(
    "text",
    ["We are sorry for the delay if it caused you trouble.", "I'm sorry, but our records show it was sent."],
)
def test_no_drop_in_wording_where_the_writer_must_rephrase(checker, text):
    (finding,) = [f for f in checker.check_text(text) if f.rule == "conditional-apology"]
    assert finding.replacement is None and finding.suggestion


def test_a_broken_replace_entry_names_file_and_line(tmp_path):
    rules = tmp_path / "team.toml"
    rules.write_text(
        "[override.excuse]\n"
        "add_patterns = [\n"
        '  { pattern = "weather gods", replace = ["(unclosed", "x"] },\n'
        "]\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError, match=r"team\.toml:3: replace regex"):
        Checker.from_files([rules])


def test_a_team_rule_whose_fix_would_itself_be_flagged_offers_advice_instead(tmp_path):
    """The engine re-checks every drop-in fix, so a rule file cannot make Fix write an error."""
    rules = tmp_path / "team.toml"
    rules.write_text(
        "[override.excuse]\n"
        "add_patterns = [\n"
        '  { pattern = "weather gods", replace = ["weather gods", "circumstances beyond our control"] },\n'
        '  { pattern = "freak storm", replace = ["freak storm", "storm that flooded the depot"] },\n'
        "]\n",
        encoding="utf-8",
    )
    checker = Checker.from_files([rules])
    (flagged,) = [
        f for f in checker.check_text("The delay was down to the weather gods.") if f.rule == "excuse"
    ]
    assert flagged.matched == "weather gods" and flagged.replacement is None
    (clean,) = [f for f in checker.check_text("The delay was a freak storm.") if f.rule == "excuse"]
    assert clean.replacement == "storm that flooded the depot"
