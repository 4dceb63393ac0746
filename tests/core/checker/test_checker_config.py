"""A team's own rule files: added phrases, changed severities, rules switched off, and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.checker import Checker, RuleFileError


def _with(tmp_path: Path, text: str) -> Checker:
    path = tmp_path / "team.toml"
    path.write_text(text, encoding="utf-8")
    return Checker.from_files([path])


def test_added_phrases_join_an_existing_rule(tmp_path: Path) -> None:
    checker = _with(tmp_path, '[override.legal-risk]\nadd_phrases = ["indemnify", "without prejudice"]\n')
    findings = checker.check_text("We will indemnify you, without prejudice to our position.")
    assert [f.matched for f in findings if f.rule == "legal-risk"] == ["indemnify", "without prejudice"]


def test_a_severity_can_change(tmp_path: Path) -> None:
    checker = _with(tmp_path, '[override.minimizing]\nseverity = "error"\n')
    finding = next(f for f in checker.check_text("It was just a small glitch.") if f.rule == "minimizing")
    assert finding.severity.value == "error" and finding.blocking


def test_a_rule_can_be_switched_off(tmp_path: Path) -> None:
    checker = _with(tmp_path, "[override.generic-apology]\nenabled = false\n")
    assert "generic-apology" not in {f.rule for f in checker.check_text("Sorry for any inconvenience.")}


def test_a_team_can_add_a_rule_of_its_own(tmp_path: Path) -> None:
    checker = _with(
        tmp_path,
        """
[[rule]]
id = "acme-banned-words"
severity = "warning"
message = "Our brand guide bans this word."
principle = "House style."
phrases = ["hassle-free"]
suggestion = "simple"
""",
    )
    finding = next(f for f in checker.check_text("Returns are hassle-free.") if f.rule == "acme-banned-words")
    assert (finding.matched, finding.suggestion) == ("hassle-free", "simple")


def test_a_letter_measure_can_be_tuned(tmp_path: Path) -> None:
    checker = _with(tmp_path, "[override.too-long]\nparams = { individual = 10 }\n")
    text = "I'm sorry we cancelled your booking by mistake, and I have rebooked it for you today."
    assert "too-long" in {f.rule for f in checker.check_text(text)}


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('[override.legal-risk]\nseverity = "fatal"\n', 2, "severity must be error, warning or info"),
        ("[override.no-such-rule]\nenabled = false\n", 1, "changes a rule that does not exist"),
        ('[override.legal-risk]\n\nadd_patterns = ["(unclosed"]\n', 3, "not a valid regular expression"),
        (
            '[[rule]]\nid = "x-rule"\nmessage = "m"\nprinciple = "p"\npatterns = ["%nothing%"]\n',
            5,
            "unknown term",
        ),
        ('[[rule]]\nid = "x-rule"\nmessage = "m"\n', 1, "principle must be a non-empty text"),
        ('[override.legal-risk]\nsevrity = "error"\n', 2, "unknown key 'sevrity'"),
        ("[override.legal-risk\nenabled = false\n", 1, "not valid TOML"),
        (
            '[[rule]]\nid = "legal-risk"\nmessage = "m"\nprinciple = "p"\nphrases = ["x"]\n',
            1,
            "already defined",
        ),
    ],
)
def test_a_broken_rule_file_names_its_path_line_and_reason(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    with pytest.raises(RuleFileError) as caught:
        _with(tmp_path, text)
    assert caught.value.path == tmp_path / "team.toml"
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{tmp_path / 'team.toml'}:{line}: ")


def test_later_files_may_use_terms_from_earlier_ones(tmp_path: Path) -> None:
    checker = _with(tmp_path, "[override.excuse]\nadd_patterns = ['%weekday% rush']\n")
    assert "excuse" in {f.rule for f in checker.check_text("It was the Friday rush.")}
