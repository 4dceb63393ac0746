"""Running a profile's own examples: the letters its author says must pass, or must fail on
named checks. They are how a reviewer sees what a pattern really catches, and the test suite
runs every one, so a pattern loosened until it matches anything fails its own file.

An example is plain text, so its headings are the lines that read as one of the profile's
headings (required or forbidden), and its title is its first line unless it gives one.
An example is judged on what would stop a letter: its errors, and a deadline that has
passed or is days away. A deadline still comfortably ahead is a note and judges nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.core.checker.findings import Severity
from desktop.core.model import Draft
from desktop.core.profiles.evaluate import LetterUnderCheck, ProfileFinding, evaluate
from desktop.core.profiles.matching import same_words
from desktop.core.profiles.model import Example, Profile


@dataclass(frozen=True)
class ExampleOutcome:
    example: Example
    findings: tuple[ProfileFinding, ...]
    deadline_ids: frozenset[str] = frozenset()

    @property
    def failed_on(self) -> tuple[str, ...]:
        """The checks that stop this letter or mark it for review (a deadline near or past,
        an advisory rule), in the profile's order, each once."""
        items = [
            found.item
            for found in self.findings
            if found.finding.severity in (Severity.ERROR, Severity.WARNING)
        ]
        return tuple(dict.fromkeys(items))

    @property
    def as_declared(self) -> bool:
        if self.example.passes:
            return not self.failed_on
        return set(self.failed_on) == set(self.example.fails_on)

    def explain(self) -> str:
        """What went differently from what the example declares, for a failing test."""
        expected = "to pass" if self.example.passes else f"to fail on {', '.join(self.example.fails_on)}"
        got = f"failed on {', '.join(self.failed_on)}" if self.failed_on else "passed"
        messages = "\n".join(f"  - [{found.item}] {found.finding.message}" for found in self.findings)
        where = f"{self.example.line}" if self.example.line else "?"
        return f"example {self.example.name!r} (line {where}) was expected {expected} but {got}:\n{messages}"


def example_letter(profile: Profile, example: Example) -> LetterUnderCheck:
    lines = [line.strip() for line in example.text.splitlines() if line.strip()]
    known = [heading.text for heading in profile.headings]
    known += [banned for forbidden in profile.forbidden for banned in forbidden.headings]
    headings = tuple(line for line in lines if any(same_words(line, heading) for heading in known))
    draft = Draft(letter_type=profile.letter_type, jurisdiction=_place(profile))
    for name, value in example.fields:
        _set(draft, name, value)
    return LetterUnderCheck(
        draft=draft,
        text=example.text,
        headings=headings,
        title=example.title if example.title is not None else (lines[0] if lines else ""),
        body_font_pt=example.body_font_pt,
        today=example.today or profile.checked,
    )


def run_example(profile: Profile, example: Example) -> ExampleOutcome:
    findings = tuple(evaluate([profile], example_letter(profile, example)))
    return ExampleOutcome(example, findings, frozenset(d.id for d in profile.deadlines))


def run_examples(profile: Profile) -> list[ExampleOutcome]:
    return [run_example(profile, example) for example in profile.examples]


def _place(profile: Profile) -> str:
    return next((code for code in profile.jurisdictions if code != "EU"), "")


def _set(draft: Draft, path: str, value: object) -> None:
    *parents, last = path.split(".")
    target: object = draft
    for part in parents:
        target = getattr(target, part)
    current = getattr(target, last)
    setattr(target, last, type(current)(value) if isinstance(current, Enum) else value)
