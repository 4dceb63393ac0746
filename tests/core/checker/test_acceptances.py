"""Accepted findings are tied to the text they accepted: they lapse when it changes, are pruned
when it is gone, can be withdrawn, and older drafts' keys still load and work."""

from __future__ import annotations

import re

import pytest

from desktop.core.checker import Checker, Finding
from desktop.core.checker.choices import apply_choices, live_acceptances, sentence_hash
from desktop.core.checker.draft_fields import prose_fields
from desktop.core.checker.text import PreparedText
from desktop.core.draft_file import load_draft, save_draft
from desktop.core.model import Draft

FIELD = "incident.what"
LATE = "Your parcel arrived a week late."
HEDGED = "We are sorry if you were inconvenienced by the delay."
REFUND = "We have refunded the postage today."
REASON = "the customer asked for exactly these words"


def draft_with(what: str, **fields: str) -> Draft:
    draft = Draft()
    draft.incident.what = what
    for name, text in fields.items():
        setattr(draft, name, text)
    return draft


def check(checker: Checker, draft: Draft, accepted: dict[str, str] | None = None, **options) -> list[Finding]:
    """The checker's verdict with the draft's acceptances applied to its texts, as the engine does
    once it hands `apply_choices` the texts it checked (see test_the_checker_ties_acceptances_itself)."""
    findings = checker.check_draft(draft, **options)
    return apply_choices(findings, accepted=accepted, texts=dict(prose_fields(draft)))


def hedges(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule == "conditional-apology"]


def accept_as_the_window_does(finding: Finding, reason: str = REASON) -> dict[str, str]:
    return {finding.acceptance_key: reason}


@pytest.fixture
def accepted(checker) -> dict[str, str]:
    """The hedged apology in the middle sentence, accepted with a reason."""
    (finding,) = hedges(check(checker, draft_with(f"{LATE} {HEDGED} {REFUND}")))
    assert finding.blocking
    return accept_as_the_window_does(finding)


def test_an_acceptance_is_keyed_on_the_words_and_a_hash_of_their_sentence(checker, accepted) -> None:
    (key,) = accepted
    assert re.fullmatch(r"conditional-apology:incident\.what:sorry if#[0-9a-f]{8}", key)
    (finding,) = hedges(check(checker, draft_with(f"{LATE} {HEDGED} {REFUND}"), accepted))
    assert finding.accepted_reason == REASON and not finding.blocking
    assert finding.accepted_by == key


def test_editing_the_flagged_words_brings_the_finding_back_unaccepted_and_blocking(checker, accepted) -> None:
    edited = HEDGED.replace("are sorry if", "apologise if")
    (finding,) = hedges(check(checker, draft_with(f"{LATE} {edited} {REFUND}"), accepted))
    assert finding.matched == "apologise if"
    assert not finding.accepted and finding.accepted_by is None and finding.blocking


def test_editing_the_rest_of_the_sentence_lapses_the_acceptance_too(checker, accepted) -> None:
    """The reason was given for that sentence; a rewritten sentence is asked about again."""
    edited = HEDGED.replace("by the delay", "by our courier losing it")
    (finding,) = hedges(check(checker, draft_with(f"{LATE} {edited} {REFUND}"), accepted))
    assert finding.matched == "sorry if" and finding.blocking


@pytest.mark.parametrize(
    ("what", "extra"),
    [
        (f"Sadly, your parcel arrived two weeks late.  {HEDGED}\n\nWe will call you on Monday.", {}),
        (f"{HEDGED} {REFUND}", {"cause": "The courier lost the label."}),
        (f"{LATE}\n{HEDGED.replace('sorry', 'Sorry').replace('We are ', 'We are  ')} {REFUND}", {}),
    ],
    ids=["other sentences edited and moved", "another field filled", "spacing and case"],
)
def test_edits_elsewhere_keep_the_acceptance(checker, accepted, what, extra) -> None:
    (finding,) = hedges(check(checker, draft_with(what, **extra), accepted))
    assert finding.accepted_reason == REASON and not finding.blocking


def test_the_same_words_in_a_new_sentence_are_not_accepted_silently(checker, accepted) -> None:
    added = "We are sorry if the refund took long."
    findings = hedges(check(checker, draft_with(f"{LATE} {HEDGED} {REFUND} {added}"), accepted))
    assert [(f.start > len(LATE + HEDGED), f.accepted) for f in findings] == [(False, True), (True, False)]
    assert [f.blocking for f in findings] == [False, True]


def test_deleting_the_sentence_prunes_its_acceptance(checker, accepted) -> None:
    findings = check(checker, draft_with(f"{LATE} {REFUND}"), accepted)
    assert hedges(findings) == []
    assert live_acceptances(findings, accepted) == {}


def test_an_acceptance_of_words_still_there_is_kept_and_a_lapsed_one_is_not(checker, accepted) -> None:
    kept = check(checker, draft_with(f"{LATE} {HEDGED}"), accepted)
    assert live_acceptances(kept, accepted) == accepted
    edited = check(checker, draft_with(f"{LATE} {HEDGED.replace('are sorry', 'apologise')}"), accepted)
    assert live_acceptances(edited, accepted) == {}


def test_withdrawing_removes_the_entry_that_accepted_the_finding(checker, accepted) -> None:
    draft = draft_with(f"{LATE} {HEDGED} {REFUND}")
    (finding,) = hedges(check(checker, draft, accepted))
    remaining = {k: v for k, v in accepted.items() if k != finding.accepted_by}
    assert remaining == {}
    (again,) = hedges(check(checker, draft, remaining))
    assert not again.accepted and again.blocking


def test_an_older_drafts_key_still_accepts_the_words_and_is_tied_to_their_sentence_when_kept(
    checker,
) -> None:
    old = {f"conditional-apology:{FIELD}:sorry if": REASON}
    draft = draft_with(f"{LATE} {HEDGED} {REFUND}")
    (finding,) = hedges(check(checker, draft, old))
    assert (
        finding.accepted_reason == REASON and finding.accepted_by == f"conditional-apology:{FIELD}:sorry if"
    )

    live = live_acceptances([finding], old)
    assert live == {finding.acceptance_key: REASON}
    later = draft_with(f"{LATE} {HEDGED} {REFUND} We are sorry if the refund took long.")
    assert [f.accepted for f in hedges(check(checker, later, live))] == [True, False]


def test_rule_wide_acceptances_are_read_kept_and_withdrawn_whole(checker) -> None:
    accepted = {"conditional-apology": "quoting the customer throughout", "placeholder": "later"}
    draft = draft_with(f"{HEDGED} We are sorry if the refund took long.")
    findings = check(checker, draft, accepted)
    assert [(f.accepted_rule_wide, f.accepted_by) for f in hedges(findings)] == [
        (True, "conditional-apology"),
        (True, "conditional-apology"),
    ]
    # a standing decision for the draft, kept while the letter has no such finding; a rule that
    # cannot be accepted is not worth keeping
    assert live_acceptances([], accepted) == {"conditional-apology": "quoting the customer throughout"}


def test_placeholders_and_missing_merge_fields_cannot_be_accepted_by_their_own_keys(checker) -> None:
    draft = draft_with(f"{HEDGED} Your refund of [AMOUNT] is on its way.", subject="Refund for {{ name }}")
    options = {"recipients": [{"name": ""}]}
    findings = check(checker, draft, **options)
    broken = [f for f in findings if f.rule in ("placeholder", "merge-field-missing")]
    assert {f.rule for f in broken} == {"placeholder", "merge-field-missing"}
    every_key = {key: "we will fill it in" for f in broken for key in (f.acceptance_key, f.key, f.rule)}
    after = [f for f in check(checker, draft, every_key, **options) if f in broken or f.rule in every_key]
    assert after and all(not f.accepted and f.blocking for f in after)
    assert live_acceptances(after, every_key) == {}


def test_the_sentence_hash_ignores_spacing_case_quotes_and_markers_but_not_words() -> None:
    def hashed(text: str) -> str:
        start = text.lower().index("sorry")
        return sentence_hash(PreparedText(text), start, start + 5)

    plain = hashed("We're sorry if it upset you.")
    assert hashed("Hello.   WE’RE  sorry if it upset you.") == plain
    assert hashed("We're sorry if it upset you. <!-- amends-ignore: legal-risk -->") == plain
    assert hashed("We're sorry if it upset you a lot.") != plain
    assert (
        sentence_hash(PreparedText("sorry"), 3, 3) == "" and sentence_hash(PreparedText("sorry"), 0, 9) == ""
    )


def test_a_blank_reason_under_the_text_key_falls_back_to_an_older_key(checker) -> None:
    draft = draft_with(f"{LATE} {HEDGED}")
    (finding,) = hedges(check(checker, draft))
    accepted = {finding.acceptance_key: "  ", finding.key: "older reason"}
    (again,) = hedges(check(checker, draft, accepted))
    assert (again.accepted_reason, again.accepted_by) == ("older reason", finding.key)


def test_the_checker_ties_acceptances_itself(checker) -> None:
    draft = draft_with(f"{LATE} {HEDGED} {REFUND}")
    (finding,) = hedges(checker.check_draft(draft))
    assert finding.context
    (again,) = hedges(checker.check_draft(draft, accepted={finding.acceptance_key: REASON}))
    assert again.accepted_reason == REASON
    edited = draft_with(f"{LATE} {HEDGED.replace('the delay', 'our delay')} {REFUND}")
    (lapsed,) = hedges(checker.check_draft(edited, accepted={finding.acceptance_key: REASON}))
    assert lapsed.blocking


def test_text_tied_keys_go_through_the_draft_file_as_they_are(checker, accepted, tmp_path) -> None:
    """The file format is unchanged: keys are still strings, so no format version is needed;
    an older Amends reads them and, matching no key it knows, shows the finding unaccepted."""
    draft = draft_with(f"{LATE} {HEDGED} {REFUND}")
    draft.accepted_findings = dict(accepted)
    save_draft(draft, tmp_path / "letter.amends")
    loaded = load_draft(tmp_path / "letter.amends")
    assert loaded.accepted_findings == accepted
    (finding,) = hedges(check(checker, loaded, loaded.accepted_findings))
    assert finding.accepted_reason == REASON
