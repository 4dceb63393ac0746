"""Fix means fixed: the words a one-click Fix pastes in must not be flagged themselves.

A finding's `replacement` goes into the letter unread: the writer clicks Fix because they
trust it. "sorry if you felt upset" fixed to "sorry that you felt upset" is still a
feelings-shift error, so the button would have traded one error for another. Here every
replacement the rule files produce, on every flagged sentence we have (the rule files' own
examples, the labelled cases, and the sentences below), is applied exactly as the GUI applies
it, and the fixed text is checked again.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.core.channels import Channel
from desktop.core.checker import Checker
from desktop.core.checker.findings import Finding, Severity
from desktop.core.checker.text import PreparedText

CASES = Path(__file__).parent / "cases"
SERIOUS = (Severity.ERROR, Severity.WARNING)

OFFERED = {
    "conditional-apology": [
        # The condition names the writer's own act: "that" turns it into an apology for that act.
        ("I'm sorry if we kept you waiting on the phone for an hour on Monday.", "sorry if", "sorry that"),
        ("I am sorry if I gave you the wrong opening times for our Leeds branch.", "sorry if", "sorry that"),
        (
            "We apologise if our engineer left your garden gate open on Tuesday.",
            "apologise if",
            "apologise that",
        ),
        ("We apologize if our billing system charged you twice in March.", "apologize if", "apologize that"),
        ("We regret if the meter reading we took on 3 May was wrong.", "regret if", "regret that"),
        ("We are so sorry if your order arrived two days late.", "sorry if", "sorry that"),
        ("Sorry in case you were charged twice for the same ticket.", "Sorry in case", "Sorry that"),
        ("I'm sorry in case our reminder reached you after the due date.", "sorry in case", "sorry that"),
    ],
}
"""Flagged sentences with a clean drop-in fix, by rule: (text, flagged words, fix)."""

TRAPS = {
    "conditional-apology": [
        # "that" would apologise for the reader's feelings or view: a feelings-shift error.
        "I'm sorry if you felt upset when our engineer left without fixing the boiler.",
        "I am sorry if you feel that we ignored your emails.",
        "We are sorry if you were disappointed by the room we gave you.",
        "We regret if you found the new booking page confusing.",
        "I'm sorry if you didn't enjoy the meal we served on Saturday.",
        "We're sorry if our engineer seemed rude when he called.",
        "I'm sorry if our service did not meet your expectations.",
        # "that" would leave stock phrasing (generic-apology) or a doubled word.
        "I'm sorry if there was any confusion about the new tariff.",
        "We regret if you have been caused any inconvenience.",
        "I'm sorry if that was not clear from my last email.",
        # "that" would leave a vague apology with no object (vague-apology).
        "I'm sorry if something went wrong.",
        # "that" would only uncover the retraction or the second condition behind it.
        "I'm sorry if the wait upset you, but our lines were very busy that day.",
        "Sorry if it came late. However, we had a strike at the depot.",
        "We're sorry if it broke if you used it outdoors.",
    ],
}
"""Flagged sentences that must get advice only, by rule: the rule's fix would still be flagged
there ("sorry if you felt upset" -> "sorry that you felt upset")."""

_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_DANGLING = re.compile(r"\b(?:if|but)\s*(?:[.;:!?]|$)", re.IGNORECASE | re.MULTILINE)
"""A clause that ends on its "if" or "but": "We are sorry, but." """


@dataclass(frozen=True)
class Sample:
    text: str
    kind: str
    source: str
    channel: Channel | None = None
    """Judged as printed or as e-mailed: a rule for one channel's letters is tried there."""


def _samples(checker: Checker) -> list[Sample]:
    """Every flagged sentence we have: rule-file examples, labelled cases, and this module's."""
    samples = []
    for rule in checker.catalogue.rules.values():
        kind = "notice" if rule.applies_to == ("notice",) else "individual"
        channel = Channel(rule.channels[0]) if len(rule.channels) == 1 else None
        samples += [Sample(text, kind, f"{rule.id} example", channel) for text in rule.fires]
    for name in ("sentences.toml", "letters.toml"):
        for case in tomllib.loads((CASES / name).read_text(encoding="utf-8"))["case"]:
            samples.append(Sample(case["text"], case.get("kind", "individual"), f"cases/{name}"))
    samples += [Sample(text, "individual", "OFFERED") for rows in OFFERED.values() for text, _, _ in rows]
    samples += [Sample(text, "individual", "TRAPS") for texts in TRAPS.values() for text in texts]
    return samples


def _overlaps(finding: Finding, start: int, end: int) -> bool:
    return finding.start < end and start < finding.end


def _judged(finding: Finding) -> bool:
    """Serious wording findings: the samples mix British and American spelling, and which
    English a sample is in is not what a wording fix changes."""
    return finding.severity in SERIOUS and finding.rule not in {"spelling", "grammar"}


def _problems(
    checker: Checker, sample: Sample, rule_id: str, start: int, end: int, wording: str
) -> list[str]:
    """What is wrong with the text once `wording` replaces text[start:end]; empty when clean.

    A finding of the original that lay wholly outside the fixed words may stay (it has its
    own Fix); anything serious touching the new words, or appearing anywhere that was not
    there before, is the Fix's doing. Letter-wide findings (no span) are compared by rule.
    """
    text = sample.text
    fixed = text[:start] + wording + text[end:]
    shift = len(wording) - (end - start)
    new_words = (start, start + max(len(wording), 1))  # where a deletion was still counts
    before = [f for f in checker.check_text(text, sample.kind, channel=sample.channel) if _judged(f)]
    after = [f for f in checker.check_text(fixed, sample.kind, channel=sample.channel) if _judged(f)]
    kept = [  # the original's findings clear of the fixed words, where they sit after the fix
        (f.rule, f.start, f.end) if f.end <= start else (f.rule, f.start + shift, f.end + shift)
        for f in before
        if f.start < f.end and not _overlaps(f, start, end)
    ]
    problems = []
    for f in after:
        if f.start == f.end:
            continue  # letter-wide, compared by rule below
        if f.rule == rule_id and _overlaps(f, *new_words):
            problems.append(f"{f.rule} still fires on {f.matched!r}")
        elif _overlaps(f, *new_words):
            problems.append(f"{f.severity} {f.rule} on {f.matched!r}, over the fixed words")
        elif not any(rule == f.rule and _overlaps(f, s, e) for rule, s, e in kept):
            problems.append(f"new {f.severity} {f.rule} on {f.matched!r}")
    letter_wide = Counter(f.rule for f in after if f.start == f.end)
    letter_wide -= Counter(f.rule for f in before if f.start == f.end)
    problems += [f"new letter-wide {rule}" for rule in letter_wide]
    problems += _grammar_problems(text, fixed)
    return problems


def _grammar_problems(before: str, after: str) -> list[str]:
    """Doubled words ("that that") and dangling "if"/"but" that the fix added."""
    problems = []
    for name, pattern in (("doubled word", _DOUBLED_WORD), ("dangling if/but", _DANGLING)):
        added = Counter(m.group().lower() for m in pattern.finditer(after))
        added -= Counter(m.group().lower() for m in pattern.finditer(before))
        problems += [f"{name} {found!r}" for found in added]
    return problems


def _report(sample: Sample, finding: Finding, wording: str, problems: list[str]) -> str:
    fixed = sample.text[: finding.start] + wording + sample.text[finding.end :]
    lo, hi = max(0, finding.start - 60), finding.end + 80
    return (
        f"{finding.rule}: {finding.matched!r} -> {wording!r} ({sample.source})\n"
        f"    before: {' '.join(sample.text[lo:hi].split())}\n"
        f"    after:  {' '.join(fixed[lo : hi + len(wording) - len(finding.matched)].split())}\n"
        + "".join(f"    - {p}\n" for p in problems)
    )


@pytest.fixture(scope="module")
def fixes(checker) -> list[tuple[Sample, Finding]]:
    """Every wording finding that offers a fix, on every sample, with the sample it was found
    in. (Spelling fixes are the dictionary's suggestions: tests/core/spelling judges them.)"""
    wording = {phrase.rule.id for phrase in [*checker.phrases, *checker.channel_phrases]}
    return [
        (sample, finding)
        for sample in _samples(checker)
        for finding in checker.check_text(sample.text, sample.kind, channel=sample.channel)
        if finding.replacement is not None and finding.rule in wording
    ]


def test_every_fix_leaves_text_the_checker_no_longer_flags(checker, fixes):
    assert fixes, "no finding offered a fix: the samples no longer reach any replacement"
    failures = []
    for sample, finding in fixes:
        assert sample.text[finding.start : finding.end] == finding.matched  # or the GUI refuses
        problems = _problems(checker, sample, finding.rule, finding.start, finding.end, finding.replacement)
        if problems:
            failures.append(_report(sample, finding, finding.replacement, problems))
    assert not failures, f"{len(failures)} of {len(fixes)} fixes leave flagged text:\n" + "\n".join(failures)


def _pattern_index(checker: Checker, sample: Sample, finding: Finding) -> int | None:
    """Which of its rule's patterns flagged the words, as the checker decides it for the fix."""
    phrase = next(p for p in [*checker.phrases, *checker.channel_phrases] if p.rule.id == finding.rule)
    prepared = PreparedText(sample.text)
    span = prepared.sentences[prepared.sentence_index(finding.start)]
    lo = span.start if phrase.rule.anchored else 0
    folded, lowered = prepared.text[lo : span.end], prepared.lowered[lo : span.end]
    for match in phrase.scanner.finditer(folded, lowered, finding.start - lo):
        if match.start() == finding.start - lo:
            return phrase.scanner.which(folded, lowered, match)
    return None


def test_every_pattern_that_can_fix_is_tried_on_a_sentence(checker, fixes):
    """A rule or pattern given `replace` later cannot slip past the test above untried."""
    can_fix = {
        (rule.id, index)
        for rule in checker.catalogue.rules.values()
        if rule.enabled
        for index, pattern in enumerate(rule.patterns)
        if pattern.replace
    }
    tried = {(finding.rule, _pattern_index(checker, sample, finding)) for sample, finding in fixes}
    untried = sorted(can_fix - tried)
    assert not untried, (
        "patterns with a replace that no sample sentence exercises; add a realistic sentence "
        f"to OFFERED (or to the rule's examples) in {Path(__file__).name}: "
        + ", ".join(f"{rule} pattern #{index + 1}" for rule, index in untried)
    )


@pytest.mark.parametrize(
    ("rule_id", "text", "matched", "replacement"),
    [(rule_id, *row) for rule_id, rows in OFFERED.items() for row in rows],
)
def test_a_fix_is_offered_where_it_reads_cleanly(checker, rule_id, text, matched, replacement):
    """Refusing every fix would pass the tests above; these must keep their one-click fix."""
    (finding,) = [f for f in checker.check_text(text) if f.rule == rule_id]
    assert (finding.matched, finding.replacement) == (matched, replacement)


def _naive_fix(checker: Checker, finding: Finding) -> str | None:
    """The rule's replace template applied regardless of what follows the flagged words."""
    for pattern in checker.catalogue.rules[finding.rule].patterns:
        if pattern.replace and (whole := re.fullmatch(pattern.replace[0], finding.matched, re.IGNORECASE)):
            return whole.expand(pattern.replace[1])
    return None


@pytest.mark.parametrize(
    ("rule_id", "text"), [(rule_id, t) for rule_id, texts in TRAPS.items() for t in texts]
)
def test_no_fix_where_the_fix_would_still_be_flagged(checker, rule_id, text):
    """Still flagged, with advice; and the trap is real: the rule's own fix would not do here."""
    (finding,) = [f for f in checker.check_text(text) if f.rule == rule_id]
    assert finding.replacement is None and finding.suggestion
    naive = _naive_fix(checker, finding)
    assert naive is not None, f"no replace template of {rule_id} reads {finding.matched!r}: {text}"
    sample = Sample(text, "individual", "TRAPS")
    assert _problems(checker, sample, finding.rule, finding.start, finding.end, naive), (
        f"{finding.matched!r} -> {naive!r} would read cleanly here; move it to OFFERED: {text}"
    )


def test_grammar_check_sees_doubled_words_and_dangling_conjunctions():
    assert _grammar_problems("I'm sorry if that was late.", "I'm sorry that that was late.") == [
        "doubled word 'that that'"
    ]
    assert _grammar_problems("We are sorry, but the form.", "We are sorry, but.") == [
        "dangling if/but 'but.'"
    ]
    assert _grammar_problems("We had had no reply.", "We had had no reply, sadly.") == []
