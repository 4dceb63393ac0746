"""The findings model: groups by severity with counts, and rows that survive a re-check."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPersistentModelIndex, Qt

from desktop.core.checker.findings import Finding, Severity
from desktop.gui.checking import FindingsModel
from desktop.gui.checking.findings_model import DETAIL_ROLE, identities


def finding(rule: str, severity: Severity, field: str = "incident.what", start: int = 0, matched: str = "x"):
    return Finding(
        rule=rule,
        severity=severity,
        message=f"Message of {rule}.",
        principle=f"Principle of {rule}.",
        start=start,
        end=start + len(matched),
        field=field,
        matched=matched,
    )


FINDINGS = [
    finding("conditional-apology", Severity.ERROR, start=7, matched="sorry if"),
    finding("placeholder", Severity.ERROR, field="subject", matched="TBD"),
    finding("minimizing", Severity.WARNING, start=30, matched="only a minor delay"),
    finding("missing-cause", Severity.INFO, field="cause", matched=""),
]


def group_texts(model: FindingsModel) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_model_passes_qts_model_tests_through_updates(qtmodeltester):
    model = FindingsModel()
    qtmodeltester.check(model)
    model.set_findings(FINDINGS)
    qtmodeltester.check(model)
    model.set_findings(FINDINGS[1:])
    model.set_findings([])
    qtmodeltester.check(model)


def test_findings_are_grouped_by_severity_with_counts():
    model = FindingsModel()
    model.set_findings(FINDINGS)
    assert group_texts(model) == ["Errors (2)", "Warnings (1)", "Suggestions (1)"]
    errors = model.index(0, 0)
    rows = [model.index(row, 0, errors) for row in range(model.rowCount(errors))]
    assert [index.data() for index in rows] == ["Message of conditional-apology.", "Message of placeholder."]
    assert rows[0].data(DETAIL_ROLE) == "What happened: “sorry if”"
    assert rows[1].data(DETAIL_ROLE) == "Subject line: “TBD”"
    assert rows[0].data(Qt.ItemDataRole.ToolTipRole) == "Principle of conditional-apology."
    assert model.finding(rows[1]) is FINDINGS[1]
    assert model.finding(errors) is None


def test_accepted_findings_are_counted_apart_and_show_their_reason():
    model = FindingsModel()
    kept = FINDINGS[2].accept("legal approved this wording")
    model.set_findings([FINDINGS[0], kept])
    assert group_texts(model) == ["Errors (1)", "Warnings (1, 1 accepted)", "Suggestions (0)"]
    row = model.index(0, 0, model.group_index(Severity.WARNING))
    assert row.data(DETAIL_ROLE).endswith("accepted: legal approved this wording")


def test_a_recheck_with_shifted_offsets_keeps_the_rows_in_place():
    """Typing before a finding moves its offsets; the row (and a view's selection) must stay."""
    model = FindingsModel()
    model.set_findings(FINDINGS)
    row = QPersistentModelIndex(model.index(0, 0, model.group_index(Severity.ERROR)))
    removed = []
    model.rowsRemoved.connect(lambda *args: removed.append(args))
    shifted = [replace(f, start=f.start + 4, end=f.end + 4) for f in FINDINGS]
    model.set_findings(shifted)
    assert removed == []
    assert row.isValid() and model.finding(row) is shifted[0]

    model.set_findings([shifted[0], *shifted[2:]])  # the placeholder was filled in
    assert row.isValid() and model.finding(row) is shifted[0]
    assert group_texts(model)[0] == "Errors (1)"


def test_the_same_words_flagged_twice_are_two_rows():
    twice = [FINDINGS[1], replace(FINDINGS[1], start=10, end=13)]
    assert identities(twice) == [("placeholder:subject:tbd", 0), ("placeholder:subject:tbd", 1)]
    model = FindingsModel()
    model.set_findings(twice)
    assert model.rowCount(model.group_index(Severity.ERROR)) == 2


def test_an_accepted_row_tells_a_screen_reader_it_is_accepted_and_why():
    model = FindingsModel()
    model.set_findings([FINDINGS[0].accept("quoting the customer.")])
    row = model.index(0, 0, model.group_index(Severity.ERROR))
    assert row.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "error: Message of conditional-apology. In What happened. Accepted: quoting the customer."
    )
    assert row.data(Qt.ItemDataRole.ToolTipRole).endswith("\nAccepted: quoting the customer.")


def test_a_rule_wide_acceptance_says_it_covers_the_rule():
    model = FindingsModel()
    model.set_findings([FINDINGS[2].accept("our style guide allows it", by="minimizing")])
    row = model.index(0, 0, model.group_index(Severity.WARNING))
    assert row.data(DETAIL_ROLE) == (
        "What happened: “only a minor delay” · "
        "accepted for every minimizing finding: our style guide allows it"
    )


def test_withdrawing_refreshes_the_row_in_place():
    """The row keeps its place (and a view's selection) when its acceptance lapses or is withdrawn."""
    model = FindingsModel()
    model.set_findings([FINDINGS[0].accept("quoting the customer")])
    row = QPersistentModelIndex(model.index(0, 0, model.group_index(Severity.ERROR)))
    model.set_findings([FINDINGS[0]])
    assert row.isValid() and model.finding(row) is FINDINGS[0]
    assert row.data(DETAIL_ROLE) == "What happened: “sorry if”"
    assert group_texts(model)[0] == "Errors (1)"
