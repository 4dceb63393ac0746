"""The readiness banner says "Ready to send" only when no error blocks the letter."""

from __future__ import annotations

from desktop.core.checker.findings import Finding, Severity
from desktop.gui.checking import ReadinessBanner, readiness_text


def finding(rule: str, severity: Severity, field: str, matched: str = "x") -> Finding:
    return Finding(rule, severity, "message", "principle", 0, len(matched), field, matched=matched)


CONDITIONAL = finding("conditional-apology", Severity.ERROR, "incident.what", "sorry if")
PLACEHOLDER = finding("placeholder", Severity.ERROR, "subject", "TBD")
MINIMIZING = finding("minimizing", Severity.WARNING, "incident.affected")


def test_errors_name_what_blocks_the_letter_and_where(qtbot):
    banner = ReadinessBanner()
    qtbot.addWidget(banner)
    banner.show_findings([CONDITIONAL, MINIMIZING, PLACEHOLDER])
    assert banner.text() == (
        "Not ready: 2 errors — conditional apology in ‘What happened’, placeholder in ‘Subject line’"
    )
    assert not banner.ready
    assert banner.accessibleDescription() == banner.text()


def test_no_errors_is_ready_and_mentions_warnings(qtbot):
    banner = ReadinessBanner()
    qtbot.addWidget(banner)
    assert banner.text() == "Ready to send"
    banner.show_findings([MINIMIZING])
    assert banner.ready
    assert banner.text() == "Ready to send — 1 warning worth a look"


def test_an_accepted_error_no_longer_blocks():
    accepted = CONDITIONAL.accept("legal approved this wording")
    assert readiness_text([accepted]) == "Ready to send"
    assert readiness_text([accepted, PLACEHOLDER]) == "Not ready: 1 error — placeholder in ‘Subject line’"


def test_labels_come_from_the_form_and_long_lists_are_cut():
    letter = finding("missing-apology", Severity.ERROR, "")
    many = [
        letter,
        PLACEHOLDER,
        PLACEHOLDER,
        CONDITIONAL,
        finding("blame-customer", Severity.ERROR, "cause"),
    ]
    text = readiness_text(many, lambda field: field.upper())
    assert text == (
        "Not ready: 5 errors — missing apology, placeholder in ‘SUBJECT’ (×2), "
        "conditional apology in ‘INCIDENT.WHAT’, and 1 more"
    )
