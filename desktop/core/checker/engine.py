"""The checker: rules compiled once, then applied to plain text or to a draft's fields.

Build one `Checker` and reuse it; compiling the rule files is the only slow part, and
checking then takes milliseconds, which lets the GUI check on every pause in typing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path

from desktop.core import places
from desktop.core.channels import (
    ALL_CHANNELS,
    Channel,
    blanked,
    blanked_draft,
    channel_text_map,
    draft_passages,
    passages_in,
)
from desktop.core.checker.apologies import Apologies, ApologyCount, find_apologies
from desktop.core.checker.body import body_span
from desktop.core.checker.channel_scope import outside_other_channels
from desktop.core.checker.choices import apply_choices
from desktop.core.checker.compensation import CompensationCheck
from desktop.core.checker.compiled import PatternStore, building_with
from desktop.core.checker.dates import (
    compile_acknowledgement,
    follow_up_date_findings,
    late_apology_findings,
)
from desktop.core.checker.draft_fields import WORDING_FIELDS, field_value, prose_fields
from desktop.core.checker.facts import fact_mismatch_findings
from desktop.core.checker.findings import LETTER_FIELD, Finding, Severity
from desktop.core.checker.history import HistoryLookup, repeat_incident_findings
from desktop.core.checker.length import too_long_findings
from desktop.core.checker.loader import RuleCatalogue, RuleFileError, load_catalogue
from desktop.core.checker.merge_fields import columns_of, merge_field_findings
from desktop.core.checker.patterns import Scanner
from desktop.core.checker.phrases import PhraseRule
from desktop.core.checker.presence import PresenceRule
from desktop.core.checker.readability import Readability
from desktop.core.checker.rules import Rule
from desktop.core.checker.spelling import SpellingRules
from desktop.core.checker.syntax import SyntaxRules
from desktop.core.checker.text import PreparedText, Span
from desktop.core.context import LetterFacts, letter_facts
from desktop.core.formatting import FALLBACK_LOCALE
from desktop.core.language import SentenceParses
from desktop.core.language.shared import shared_parses
from desktop.core.merge_fields import MERGE_FIELD
from desktop.core.model import Draft

CODE_RULES = frozenset(
    {
        "too-long",
        "hard-to-read",
        "no-compensation",
        "follow-up-date",
        "late-apology",
        "fact-mismatch",
        "repeat-incident",
        "merge-field-missing",
        "spelling",
        "grammar",
    }
)
"""Rules measured in Python; a rule file can tune or switch them off, not define new ones."""

Recipients = Sequence[Mapping[str, str]]


PATTERN_CACHE = "compiled-patterns.bin"


def builtin_rules_dir() -> Path:
    """The shipped rule files, as the program's starting point gave them (core.places)."""
    return places.current().builtin_rules


class Checker:
    def __init__(self, catalogue: RuleCatalogue, parses: SentenceParses | None = None):
        """`parses`: the language model's sentences (the process's shared one if not given);
        until it has loaded, rules check with their patterns alone."""
        self.catalogue = catalogue
        rules = {rule_id: rule for rule_id, rule in catalogue.rules.items() if rule.enabled}
        self._check_code_rules(catalogue.rules.values())
        if "apology" not in catalogue.terms:
            raise RuleFileError("the term 'apology' must be defined in [terms]", None)
        self.apology = Scanner([catalogue.terms["apology"]])
        phrases = [PhraseRule(r) for r in rules.values() if r.kind == "phrase"]
        self.phrases = [p for p in phrases if set(p.rule.channels) >= {c.value for c in ALL_CHANNELS}]
        self.channel_phrases = [p for p in phrases if p not in self.phrases]
        """Wording wrong in one channel's letter only ("reply to this email" on paper): these
        read the text that channel's letter carries, the writer's passages chosen."""
        self.counts = [ApologyCount(r) for r in rules.values() if r.kind == "count"]
        self.presence = [PresenceRule(r) for r in rules.values() if r.kind == "presence"]
        parses = parses or shared_parses()
        self.syntax = SyntaxRules([p.rule for p in self.phrases], parses)
        self.element_syntax = SyntaxRules([p.rule for p in self.presence], parses)
        """Letter elements in free prose: matched only where the word patterns found none, so
        their broad patterns (any remedy verb, any time phrase) do not make every sentence
        of every letter wait for its parse."""
        self.code = {rule_id: rule for rule_id, rule in rules.items() if rule.kind == "code"}
        self.readability = Readability(self.code["hard-to-read"]) if "hard-to-read" in self.code else None
        self.compensation = (
            CompensationCheck(self.code["no-compensation"]) if "no-compensation" in self.code else None
        )
        self.spelling = SpellingRules({r: self.code[r] for r in ("spelling", "grammar") if r in self.code})
        self.known_words: list[str] = []
        """The team's and the user's word lists: product and company names never flagged."""
        late = self.code.get("late-apology")
        self.delay_acknowledged = compile_acknowledgement(late) if late else None

    @classmethod
    def from_files(cls, extra_files: Iterable[Path] = (), builtin_dir: Path | None = None) -> Checker:
        """The built-in rules plus a user's or team's rule files, applied in order; their
        patterns compiled as the last start left them (checker.compiled)."""
        with building_with(PatternStore(places.current().user_data / "cache" / PATTERN_CACHE)):
            return cls(load_catalogue(builtin_dir or builtin_rules_dir(), extra_files))

    @staticmethod
    def _check_code_rules(rules: Iterable[Rule]) -> None:
        for rule in rules:
            if rule.kind == "code" and rule.id not in CODE_RULES:
                raise RuleFileError(
                    f"rule {rule.id!r}: kind 'code' is only for the built-in measured rules "
                    f"({', '.join(sorted(CODE_RULES))})",
                    rule.source,
                    rule.line,
                )

    # Plain text ---------------------------------------------------------------------------

    def check_text(
        self,
        text: str,
        kind: str = "individual",
        *,
        ignored: Collection[str] = (),
        accepted: Mapping[str, str] | None = None,
        recipients: Recipients | None = None,
        locale: str = FALLBACK_LOCALE,
        channel: Channel | None = None,
    ) -> list[Finding]:
        """Check a letter pasted or read as plain text: wording, then the letter as a whole.
        `locale` says which English its spelling is held to; `channel`, whether it is to be
        printed or e-mailed (rules for one channel only judge text said to go by it)."""
        prepared = PreparedText(blanked(text))
        apologies = find_apologies(prepared, self.apology)
        findings = self._wording(prepared, LETTER_FIELD, recipients, apologies)
        findings += self.spelling.findings(prepared, LETTER_FIELD, locale, self.known_words)
        for count in self.counts:
            excess = count.letter_excess(len(apologies.spans))
            if excess is not None:
                span = apologies.spans[excess]
                findings.append(
                    count.finding(
                        prepared,
                        span.start,
                        span.end,
                        LETTER_FIELD,
                        f"{len(apologies.spans)} apologies in one letter.",
                    )
                )
        elements = self._elements_in(prepared)
        for rule in self.presence:
            if rule.applies(kind) and not self._present(rule, prepared, elements):
                findings.append(rule.finding())
        findings += self._measures(prepared, kind)
        if self.compensation:
            findings += self.compensation.text_findings(prepared)
        if recipients is not None and "merge-field-missing" in self.code:
            uses = [(LETTER_FIELD, prepared, m) for m in MERGE_FIELD.finditer(prepared.original)]
            findings += merge_field_findings(self.code["merge-field-missing"], recipients, uses)
        if channel is not None:
            findings = outside_other_channels(findings, (channel,), passages_in(LETTER_FIELD, text)[0])
            findings += self._channel_wording(text, LETTER_FIELD, channel)
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        texts = {LETTER_FIELD: prepared}
        return apply_choices(findings, ignored, accepted, _silenced_in(texts), texts=texts)

    # Drafts -------------------------------------------------------------------------------

    def check_draft(
        self,
        draft: Draft,
        letter_text: str | None = None,
        *,
        kind: str | None = None,
        today: dt.date | None = None,
        ignored: Collection[str] = (),
        accepted: Mapping[str, str] | None = None,
        recipients: Recipients | None = None,
        template_fields: Iterable[str] = (),
        history: HistoryLookup | None = None,
        channels: Sequence[Channel] = ALL_CHANNELS,
    ) -> list[Finding]:
        """Check a draft: wording field by field (offsets relative to each field), the letter
        rules from the form's fields, and length, readability and apology count from
        `letter_text`, the letter as rendered through its template (the fields joined
        together when it is not given).

        `channels` are the ways the letter will go, `letter_text` rendered for the first. The
        writer's passages for one channel ({% by email %}…{% end %}) are judged only when
        that channel is; the rules for one channel read the text its letter carries.

        `recipients` are the notice's recipient rows and `template_fields` the merge fields its
        template uses; `history` looks up earlier apologies (see history.HistoryLookup).
        """
        passages, _problems = draft_passages(draft)  # the problems are the pipeline's to report
        typed, draft = draft, blanked_draft(draft)
        kind = kind or draft.kind.value
        today = today or dt.date.today()
        facts = letter_facts(draft, today)
        fields = {name: PreparedText(text) for name, text in prose_fields(draft)}
        joined = PreparedText("\n\n".join(p.original for p in fields.values()))
        letter = PreparedText(letter_text) if letter_text is not None else joined
        findings: list[Finding] = []
        known = [*self.known_words, *_names_in(draft)]
        for name, prepared in fields.items():
            findings += self._wording(prepared, name, recipients)
            findings += self.spelling.findings(prepared, name, draft.locale, known)
        findings += self._draft_apology_count(fields, letter)
        findings += self._draft_presence(draft, kind, joined, letter)
        findings += self._measures(letter, kind, fields, draft.letter_type.value)
        if self.compensation:
            findings += self.compensation.draft_findings(draft, joined)
        findings += self._draft_code_rules(
            draft, facts, today, fields, joined, letter, recipients, template_fields, history
        )
        findings = outside_other_channels(findings, channels, passages)
        for channel in channels:
            for name, text in prose_fields(typed):
                findings += self._channel_wording(text, name, channel, fields.get(name))
        order = {name: index for index, name in enumerate([LETTER_FIELD, *WORDING_FIELDS])}
        findings.sort(key=lambda f: (order.get(f.field, len(order)), f.field, f.start, f.end, f.rule))
        texts = {**fields, LETTER_FIELD: letter}
        return apply_choices(findings, ignored, accepted, _silenced_in(texts), texts=texts)

    def _draft_apology_count(self, fields: dict[str, PreparedText], letter: PreparedText) -> list[Finding]:
        located = []
        for name, prepared in fields.items():
            located += [(name, prepared, span) for span in find_apologies(prepared, self.apology).spans]
        template_apologies = max(0, len(find_apologies(letter, self.apology).spans) - len(located))
        total = len(located) + template_apologies
        findings = []
        for count in self.counts:
            excess = count.letter_excess(total)
            if excess is None:
                continue
            detail = f"{total} apologies in one letter."
            index = excess - template_apologies
            if 0 <= index < len(located):
                name, prepared, span = located[index]
                findings.append(count.finding(prepared, span.start, span.end, name, detail))
            else:
                findings.append(count.finding(None, 0, 0, LETTER_FIELD, detail))
        return findings

    def _draft_presence(
        self, draft: Draft, kind: str, joined: PreparedText, letter: PreparedText
    ) -> list[Finding]:
        findings = []
        in_joined, in_letter = self._elements_in(joined), self._elements_in(letter)
        for rule in self.presence:
            if not rule.applies(kind):
                continue
            if rule.fields:
                filled = any(rule.field_is_filled(field_value(draft, name)) for name in rule.fields)
                if not filled and not self._present(rule, joined, in_joined):
                    findings.append(rule.finding(rule.fields[0]))
            elif not self._present(rule, letter, in_letter):
                findings.append(rule.finding())
        return findings

    def _present(self, rule: PresenceRule, prepared: PreparedText, elements: Callable[[], set[str]]) -> bool:
        """The element is in the letter's prose: as its patterns word it, or as its syntax
        patterns find it in the parsed sentences ("I have moved the money back", "by Friday").
        `elements` is _elements_in(prepared)."""
        if rule.satisfied_by_text(prepared):
            return True
        if not rule.rule.syntax or not (self.syntax.enabled and self.element_syntax.ready):
            # (the window switches self.syntax off until the model is loaded: it covers both)
            return False
        return rule.rule.id in elements()

    def _elements_in(self, prepared: PreparedText) -> Callable[[], set[str]]:
        """The presence rules whose syntax patterns match `prepared` outside quoted speech,
        worked out when first asked and once for every rule that asks."""
        found: list[set[str]] = []

        def elements() -> set[str]:
            if not found:
                hits = self.element_syntax.hits(prepared)
                found.append({h.rule for h in hits if not (prepared.quotes and prepared.in_quotes(h.start))})
            return found[0]

        return elements

    def _draft_code_rules(
        self,
        draft: Draft,
        facts: LetterFacts,
        today: dt.date,
        fields: dict[str, PreparedText],
        joined: PreparedText,
        letter: PreparedText,
        recipients: Recipients | None,
        template_fields: Iterable[str],
        history: HistoryLookup | None,
    ) -> list[Finding]:
        code = self.code
        findings: list[Finding] = []
        if "follow-up-date" in code:
            findings += follow_up_date_findings(code["follow-up-date"], draft, facts, today)
        if "late-apology" in code:
            acknowledged = bool(
                self.delay_acknowledged
                and (
                    self.delay_acknowledged.search(joined.text) or self.delay_acknowledged.search(letter.text)
                )
            )
            findings += late_apology_findings(code["late-apology"], draft, facts, acknowledged)
        if "fact-mismatch" in code:
            findings += fact_mismatch_findings(code["fact-mismatch"], draft, facts, list(fields.items()))
        if "repeat-incident" in code and history is not None:
            findings += repeat_incident_findings(
                code["repeat-incident"], draft.recipient, draft.incident.category, facts.letter_date, history
            )
        if "merge-field-missing" in code and recipients is not None:
            uses = [(name, p, m) for name, p in fields.items() for m in MERGE_FIELD.finditer(p.original)]
            findings += merge_field_findings(code["merge-field-missing"], recipients, uses, template_fields)
        return findings

    # Shared -------------------------------------------------------------------------------

    def _wording(
        self,
        prepared: PreparedText,
        field: str,
        recipients: Recipients | None,
        apologies: Apologies | None = None,
        verify_fixes: bool = True,
    ) -> list[Finding]:
        apologies = apologies or find_apologies(prepared, self.apology)
        sentences = apologies.sentences
        findings: list[Finding] = []
        by_rule: dict[str, list[tuple[int, int]]] = {}
        if self.syntax.ready:
            for hit in self.syntax.hits(prepared):
                by_rule.setdefault(hit.rule, []).append((hit.start, hit.end))
        for phrase in self.phrases:
            findings += phrase.findings(prepared, sentences, field, by_rule.get(phrase.rule.id, ()))
        for count in self.counts:
            findings += count.sentence_findings(prepared, apologies, field)
        if recipients is not None:
            findings = _without_merge_fields(findings, columns_of(recipients))
        if verify_fixes:
            findings = [self._fix_checked(prepared, finding) for finding in findings]
        return findings

    def _channel_wording(
        self, typed: str, field: str, channel: Channel, prepared: PreparedText | None = None
    ) -> list[Finding]:
        """The channel rules' findings in the text `channel`'s letter carries, placed where the
        writer typed them; a fix that would cut across a passage tag is not offered.
        `prepared`: the field as the other rules read it, used again when it is that text
        (a field with no passage tag, which is nearly every field)."""
        rules = [p for p in self.channel_phrases if channel.value in p.rule.channels]
        if not rules:
            return []
        text, where = channel_text_map(typed, channel)
        if prepared is None or prepared.original != text:
            prepared = PreparedText(text)
        sentences = find_apologies(prepared, self.apology).sentences
        findings = []
        for phrase in rules:
            for finding in phrase.findings(prepared, sentences, field, ()):
                finding = self._fix_checked(prepared, finding)
                start, end = where[finding.start], where[finding.end - 1] + 1
                tagged = "{%" in typed[start:end]
                findings.append(
                    dataclasses.replace(
                        finding,
                        start=start,
                        end=end,
                        replacement=None if tagged else finding.replacement,
                    )
                )
        return findings

    def _fix_checked(self, prepared: PreparedText, finding: Finding) -> Finding:
        """A Fix is offered only if the text it leaves raises nothing new where it was made:
        a rule file (the team's own included) can write a replacement that is itself flagged,
        and a one-click fix that needs fixing again is worse than advice.

        Wording rules look within a sentence, so the sentence the fix is made in is what is
        checked again, before and after: checking the whole letter twice for every fix made
        a 2,000-word letter with many findings take half a second."""
        if finding.replacement is None:
            return finding
        sentence = prepared.sentences[prepared.sentence_index(finding.start)]
        if finding.end > sentence.end:  # a finding across sentences: judge the whole text
            sentence = Span(0, len(prepared.original))
        text = prepared.original[sentence.start : sentence.end]
        start, stop = finding.start - sentence.start, finding.end - sentence.start
        fixed = text[:start] + finding.replacement + text[stop:]
        end = start + len(finding.replacement)
        before = {
            (f.rule, f.matched.lower())
            for f in self._wording(PreparedText(text), finding.field, None, verify_fixes=False)
        }
        for other in self._wording(PreparedText(fixed), finding.field, None, verify_fixes=False):
            touches = other.start < end + 1 and other.end > start - 1
            serious = other.severity in (Severity.ERROR, Severity.WARNING)
            if (
                serious
                and touches
                and (other.rule == finding.rule or (other.rule, other.matched.lower()) not in before)
            ):
                return dataclasses.replace(finding, replacement=None)
        return finding

    def _measures(
        self,
        letter: PreparedText,
        kind: str,
        fields: dict[str, PreparedText] | None = None,
        letter_type: str = "apology",
    ) -> list[Finding]:
        findings: list[Finding] = []
        if "too-long" in self.code:
            findings += too_long_findings(self.code["too-long"], letter.text, kind, letter_type)
        if self.readability:
            body = body_span(letter.text)
            grade_and_sentences = list(self.readability.findings(letter, body.start, body.end))
            if fields is None:
                findings += grade_and_sentences
            else:  # long sentences are pointed out in the field the writer can edit
                findings += [f for f in grade_and_sentences if f.start == f.end]
                for name, prepared in fields.items():
                    findings += [
                        f
                        for f in self.readability.findings(prepared, 0, len(prepared.text), name)
                        if f.start != f.end
                    ]
        return findings


def _names_in(draft: Draft) -> list[str]:
    """Names the letter may use that no dictionary holds: the reader's, the sender's, their
    organisations'. A notice's recipients' names reach its text only as merge fields, which
    the spelling check passes over."""
    people = (draft.recipient.name, draft.recipient.organisation, draft.sender.name, draft.sender.company)
    return [name for name in people if name.strip()]


def _without_merge_fields(findings: list[Finding], columns: set[str]) -> list[Finding]:
    """{{ column }} is a merge field, not a forgotten placeholder, when the recipients have that column."""

    def is_merge_field(finding: Finding) -> bool:
        match = MERGE_FIELD.fullmatch(finding.matched)
        return finding.rule == "placeholder" and match is not None and match.group(1) in columns

    return [f for f in findings if not is_merge_field(f)]


def _silenced_in(texts: dict[str, PreparedText]) -> Callable[[Finding], bool]:
    def silenced(finding: Finding) -> bool:
        prepared = texts.get(finding.field)
        if prepared is None or not prepared.has_markers:
            return False
        if finding.start == finding.end == 0 and finding.field == LETTER_FIELD:
            return finding.rule in prepared._markers_between(0, len(prepared.original))
        return finding.rule in prepared.ignored_rules_near(finding.start)

    return silenced
