"""The writer's choices about findings: ignoring one, or accepting it with a reason.

Three ways to set a finding aside, from bluntest to most accountable:

- a rule file switches a rule off for everyone (`[override.RULE-ID] enabled = false`);
- an inline marker `<!-- amends-ignore: rule-id, other-id -->` silences those rules in the
  paragraph that holds it (and, for findings about the whole letter, anywhere in the text);
- a per-draft list: `ignored` drops findings by rule id or by finding key, and `accepted`
  maps an acceptance key, a finding key or a rule id to a one-line reason. Accepted findings
  are still reported, marked accepted, and stop blocking. `placeholder` and
  `merge-field-missing` cannot be accepted: the letter would go out visibly broken.

Acceptances are tied to the text they accepted
----------------------------------------------

A reason is given for particular words in a particular sentence ("we apologise if" in the
sentence that quotes the customer's complaint). The window stores it under the finding's
`acceptance_key`: "rule:field:flagged words#h", where h is a short hash of the sentence that
holds the words (`sentence_hash`). Why the sentence, and not something else:

- the flagged words alone (`Finding.key`, what older drafts hold) accept those words
  anywhere in the field, so a new and different sentence written later with the same words
  would be accepted silently, on a reason that was never given for it;
- character offsets, or a hash of the whole field or letter, change with every edit
  elsewhere, so the acceptance would lapse while the writer tidies another paragraph;
- a few words either side of the match survive small edits in a long sentence, but let a
  different sentence that shares those neighbours through, and can reach into the next
  sentence, which the writer rightly counts as "elsewhere".

The sentence is the unit the writer judged when giving the reason and the unit the rules
themselves look at. Edits to other sentences, in this field or any other, moving the
sentence within its field, extra spaces, case, curly or straight quotes, or an ignore marker
leave the hash as it was. Editing the flagged words changes the key; editing the rest of
their sentence changes the hash; either way the acceptance lapses and the finding is shown
unaccepted again (and blocks again if it is an error). The price is that fixing a typo in
the same sentence asks for the reason again: one line, and better than carrying a judgment
over to words it was not given for. A long sentence flagged as hard to read keys on its first
60 characters only; the hash makes its acceptance cover the whole sentence as written.
A finding with no words in a text (a letter-wide finding, a date) has no sentence; its
acceptance key is its plain key, and it lapses when the finding is gone.

Eight hex digits of SHA-256 keep the key readable in the draft file; two different sentences
of one field with the same flagged words would have to collide in 32 bits to be confused.

What else an acceptance can be keyed by, read for older drafts and for hand-written files:

- a finding key without a hash (older drafts): it accepts those words in any sentence of the
  field, as it always did, and lapses when the words change;
- a bare rule id: every finding of that rule, a standing decision for the whole draft. The
  window never writes one; it is kept until withdrawn.

Stale acceptances do not pile up: `live_acceptances` is what the draft should keep after a
check, only acceptances that accepted a current finding (plus rule-wide ones), with older
keys rewritten to the text-tied keys of the findings they accepted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import replace

from desktop.core.checker.findings import Finding
from desktop.core.checker.rules import UNACCEPTABLE
from desktop.core.checker.text import PreparedText

Texts = Mapping[str, str | PreparedText]
"""A field's name ("" for the letter) to the text its findings' offsets refer to."""


def apply_choices(
    findings: list[Finding],
    ignored: Collection[str] = (),
    accepted: Mapping[str, str] | None = None,
    silenced: Callable[[Finding], bool] = lambda finding: False,
    texts: Texts | None = None,
) -> list[Finding]:
    """The findings left once the writer's choices are applied, accepted ones marked so.

    `texts` are the texts the findings were found in, by field; with them each finding learns
    the sentence it sits in (`Finding.context`) and can be accepted by its `acceptance_key`.
    Without them acceptances by finding key and by rule id still apply.
    """
    if texts:
        findings = tie_to_text(findings, texts)
    kept = []
    for finding in findings:
        if finding.rule in ignored or finding.key in ignored or silenced(finding):
            continue
        choice = _acceptance(finding, accepted or {})
        kept.append(finding.accept(choice[1], by=choice[0]) if choice else finding)
    return kept


def tie_to_text(findings: Iterable[Finding], texts: Texts) -> list[Finding]:
    """Each finding with the hash of the sentence holding its words, from its field's text."""
    prepared: dict[str, PreparedText] = {}
    placed = []
    for finding in findings:
        text = texts.get(finding.field)
        if text is None:
            placed.append(finding)
            continue
        if finding.field not in prepared:
            prepared[finding.field] = text if isinstance(text, PreparedText) else PreparedText(text)
        context = sentence_hash(prepared[finding.field], finding.start, finding.end)
        placed.append(finding if context == finding.context else replace(finding, context=context))
    return placed


def sentence_hash(prepared: PreparedText, start: int, end: int) -> str:
    """Eight hex digits naming the sentence(s) that hold start..end, as words: case, spacing,
    typographic quotes and ignore markers do not count. "" for an empty or impossible span."""
    if not 0 <= start < end <= len(prepared.original):
        return ""
    first = prepared.sentences[prepared.sentence_index(start)]
    last = prepared.sentences[prepared.sentence_index(end - 1)]
    words = " ".join(prepared.lowered[min(first.start, start) : max(last.end, end)].split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:8]


def live_acceptances(findings: Iterable[Finding], accepted: Mapping[str, str]) -> dict[str, str]:
    """The acceptances a draft should keep after a check that produced `findings`.

    Kept: each acceptance that accepted one of the findings, stored under that finding's
    `acceptance_key` (so an older draft's bare finding key becomes text-tied the first time it
    is kept), and acceptances of a whole rule, which are a standing decision rather than a
    judgment of words. Dropped: acceptances of words that are gone or were changed, and any
    acceptance of a rule that cannot be accepted. Order follows `accepted`.
    """
    by_entry: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.accepted and finding.accepted_by is not None:
            by_entry.setdefault(finding.accepted_by, []).append(finding)
    live: dict[str, str] = {}
    for entry, reason in accepted.items():
        if is_rule_wide(entry):
            if entry not in UNACCEPTABLE:
                live[entry] = reason
            continue
        for finding in by_entry.get(entry, ()):
            live.setdefault(finding.acceptance_key, reason)
    return live


def is_rule_wide(entry: str) -> bool:
    """A rule id ("legal-risk") rather than a finding's key ("legal-risk:incident.what:…")."""
    return ":" not in entry


def _acceptance(finding: Finding, accepted: Mapping[str, str]) -> tuple[str, str] | None:
    """(the entry that accepts the finding, its reason): the most specific entry first."""
    if finding.rule in UNACCEPTABLE:
        return None
    for entry in dict.fromkeys((finding.acceptance_key, finding.key, finding.rule)):
        reason = " ".join(str(accepted.get(entry) or "").split())
        if reason:
            return entry, reason
    return None
