"""How text is read: sentences, typography, spelling variants, quotes, negation, offsets, suggestions."""

from __future__ import annotations

from desktop.core.checker.text import PreparedText


def _rules(checker, text: str) -> set[str]:
    return {f.rule for f in checker.check_text(text)}


def test_sentences_split_on_punctuation_and_short_lines_but_not_abbreviations() -> None:
    text = "Dear Dr. Moss,\n\nWe met at 9 a.m. on Monday. It went well!\nKind regards,\nAnna"
    prepared = PreparedText(text)
    sentences = [text[s.start : s.end] for s in prepared.sentences]
    assert sentences == [
        "Dear Dr. Moss,",
        "We met at 9 a.m. on Monday.",
        "It went well!",
        "Kind regards,",
        "Anna",
    ]


def test_hard_wrapped_lines_stay_one_sentence() -> None:
    text = (
        "I am sorry that the replacement handset we promised for Tuesday never left\n"
        "our warehouse if you were waiting in for it.\n"
    )
    prepared = PreparedText(text)
    assert len(prepared.sentences) == 1


def test_curly_apostrophes_match_like_straight_ones(checker) -> None:
    assert "unkeepable-promise" in _rules(checker, "Rest assured it won’t happen again.")
    assert "feelings-shift" in _rules(checker, "We’re sorry you’re unhappy with the repair.")


def test_british_and_american_spellings_both_match(checker) -> None:
    assert "conditional-apology" in _rules(checker, "We apologise if the engineer was late.")
    assert "conditional-apology" in _rules(checker, "We apologize if the engineer was late.")
    assert "passive-evasion" in _rules(checker, "Your order was cancelled by mistake.")
    assert "passive-evasion" in _rules(checker, "Your order was canceled by mistake.")


def test_if_and_but_count_only_inside_an_apology_sentence(checker) -> None:
    assert (
        _rules(checker, "I am sorry we lost your order. If it turns up, keep it.") & {"conditional-apology"}
        == set()
    )
    assert "conditional-apology" in _rules(checker, "I am sorry if we lost your order.")


def test_a_fault_phrase_several_words_from_sorry_still_counts(checker) -> None:
    assert "conditional-apology" in _rules(
        checker, "We are truly and deeply sorry to you all if the delay hurt."
    )


def test_negation_before_a_blame_phrase_turns_it_into_ownership(checker) -> None:
    assert "blame-customer" not in _rules(checker, "None of this was your fault.")
    assert "blame-customer" in _rules(checker, "This was your fault.")
    assert "blame-third-party" not in _rules(checker, "It was not the courier's fault; we packed it badly.")


def test_quoted_speech_is_someone_else_s_words(checker) -> None:
    quoted = 'You told us our adviser said "sorry if you feel that way" on the phone, and that was wrong.'
    assert _rules(checker, quoted) & {"conditional-apology", "feelings-shift"} == set()


def test_placeholders_are_found_even_inside_quotes(checker) -> None:
    assert "placeholder" in _rules(checker, 'The email was titled "Hello [First Name]".')


def test_finding_carries_offsets_message_principle_and_suggestion(checker) -> None:
    text = "Thanks for writing. We are sorry if you were inconvenienced."
    finding = next(f for f in checker.check_text(text) if f.rule == "conditional-apology")
    assert text[finding.start : finding.end] == "sorry if"
    assert finding.matched == "sorry if"
    assert finding.severity.value == "error"
    assert "condition" in finding.message.lower() or "hedged" in finding.message.lower()
    assert finding.principle.startswith("No conditional apologies")
    assert finding.suggestion == "I'm sorry that"


def test_unkeepable_promise_suggests_a_concrete_change(checker) -> None:
    finding = next(
        f for f in checker.check_text("It will never happen again.") if f.rule == "unkeepable-promise"
    )
    assert "changed" in finding.suggestion


def test_offsets_hold_for_text_with_curly_quotes_and_non_ascii(checker) -> None:
    text = "Café Müller’s reply: “we’re sorry”. Errors were made."
    finding = next(f for f in checker.check_text(text) if f.rule == "passive-evasion")
    assert text[finding.start : finding.end] == "Errors were made"


def test_over_apology_counts_apologies_per_letter(checker) -> None:
    two = "I'm sorry we broke your window. Once again, I am sorry for the mess."
    five = (
        "Sorry we were late. We apologise for the wait. Apologies for the noise. Sorry again. We regret it."
    )
    assert "over-apology" not in _rules(checker, two)
    finding = next(f for f in checker.check_text(five) if f.rule == "over-apology")
    assert finding.message.startswith("5 apologies in one letter")
