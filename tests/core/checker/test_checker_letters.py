"""Letter rules on plain text: length, readability, compensation, notices."""

from __future__ import annotations

GOOD_BODY = (
    "I'm sorry we charged you twice for your May bill. I ran the payment file two times by mistake. "
    "I have refunded the second payment, and we now check the file for duplicates before it goes out. "
    "I will call you by Friday to confirm the refund has arrived. You can reach me on 0113 555 0101."
)


def _letter(body: str) -> str:
    return f"Dear Ms Kay,\n\n{body}\n\nYours sincerely,\nLena Ortiz\nBilling, Example Energy\n"


def test_a_complete_short_letter_has_no_letter_findings(checker) -> None:
    assert [f.rule for f in checker.check_text(_letter(GOOD_BODY))] == []


def test_too_long_counts_the_body_against_the_budget_for_its_kind(checker) -> None:
    body = " ".join([GOOD_BODY] * 6)  # about 360 words
    individual = [f for f in checker.check_text(_letter(body), "individual") if f.rule == "too-long"]
    assert len(individual) == 1 and "budget for a letter to one person is 300" in individual[0].message
    assert "too-long" not in {f.rule for f in checker.check_text(_letter(body), "notice")}


def test_hard_to_read_flags_a_sentence_over_35_words(checker) -> None:
    long_sentence = "The engineer " + " ".join(["and the engineer"] * 13) + " arrived."
    text = _letter(GOOD_BODY + " " + long_sentence)
    findings = [f for f in checker.check_text(text) if f.rule == "hard-to-read" and f.start != f.end]
    assert len(findings) == 1 and findings[0].severity.value == "info" and "42 words" in findings[0].message
    assert text[findings[0].start : findings[0].end] == long_sentence


def test_hard_to_read_flags_a_high_grade(checker) -> None:
    dense = (
        "Notwithstanding organisational considerations, comprehensive remediation necessitated "
        "extraordinary interdepartmental collaboration, substantially delaying reinstatement. "
    ) * 8
    messages = [
        f.message for f in checker.check_text(_letter(GOOD_BODY + " " + dense)) if f.rule == "hard-to-read"
    ]
    assert any("reading grade" in m for m in messages)


def test_no_compensation_needs_a_loss_and_no_offer(checker) -> None:
    loss = "I'm sorry we charged you a £30 fee in error. I will call you by Friday on 0113 555 0101."
    assert "no-compensation" in {f.rule for f in checker.check_text(loss)}
    assert "no-compensation" not in {f.rule for f in checker.check_text(loss + " I have refunded it.")}
    denied = "I'm sorry our email said you owed money. You will not be charged."
    assert "no-compensation" not in {f.rule for f in checker.check_text(denied)}


def test_notice_rules_apply_to_notices_only(checker) -> None:
    text = _letter(GOOD_BODY)
    assert {"missing-impact", "missing-action"} <= {f.rule for f in checker.check_text(text, "notice")}
    assert {"missing-impact", "missing-action"} & {f.rule for f in checker.check_text(text)} == set()


def test_missing_contact_ignores_a_negated_invitation(checker) -> None:
    body = GOOD_BODY.replace("You can reach me on 0113 555 0101.", "You do not need to contact us.")
    assert "missing-contact" in {f.rule for f in checker.check_text(_letter(body))}
