"""Ignoring and accepting findings: inline markers, per-draft lists, reasons, and what cannot be accepted."""

from __future__ import annotations

GENERIC = "We apologise for any inconvenience."


def test_an_inline_marker_silences_its_rules_in_its_paragraph(checker) -> None:
    text = f"{GENERIC} <!-- amends-ignore: generic-apology -->\n\nSorry for any trouble caused."
    generic = [f for f in checker.check_text(text) if f.rule == "generic-apology"]
    assert len(generic) == 1 and generic[0].matched.startswith("Sorry for any trouble")


def test_the_marker_itself_is_not_checked_as_a_placeholder(checker) -> None:
    text = f"{GENERIC} <!-- amends-ignore: generic-apology, over-apology -->"
    assert "placeholder" not in {f.rule for f in checker.check_text(text)}


def test_a_marker_silences_a_letter_rule_anywhere_in_the_text(checker) -> None:
    text = "Your refund is on its way. <!-- amends-ignore: missing-apology -->"
    assert "missing-apology" not in {f.rule for f in checker.check_text(text)}


def test_an_ignore_list_drops_findings_by_rule_or_by_key(checker) -> None:
    finding = next(f for f in checker.check_text(GENERIC) if f.rule == "generic-apology")
    assert finding.key == "generic-apology::apologise for any inconvenience"
    assert "generic-apology" not in {f.rule for f in checker.check_text(GENERIC, ignored={finding.key})}
    assert "generic-apology" not in {f.rule for f in checker.check_text(GENERIC, ignored={"generic-apology"})}


def test_an_accepted_finding_is_still_reported_but_stops_blocking(checker) -> None:
    text = "We accept full liability for the flood. Sorry if it upset you."
    reasons = {"legal-risk": "legal approved this wording", "conditional-apology": "quoting the customer"}
    findings = {f.rule: f for f in checker.check_text(text, accepted=reasons)}
    assert findings["legal-risk"].accepted_reason == "legal approved this wording"
    assert findings["conditional-apology"].accepted and not findings["conditional-apology"].blocking


def test_placeholders_and_merge_fields_cannot_be_accepted(checker) -> None:
    findings = checker.check_text("Dear [Name], sorry.", accepted={"placeholder": "will fill in later"})
    placeholder = next(f for f in findings if f.rule == "placeholder")
    assert not placeholder.accepted and placeholder.blocking


def test_a_blank_reason_accepts_nothing(checker) -> None:
    finding = next(
        f
        for f in checker.check_text(GENERIC, accepted={"generic-apology": "  "})
        if f.rule == "generic-apology"
    )
    assert not finding.accepted
