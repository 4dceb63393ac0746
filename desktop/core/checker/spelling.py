"""Spelling and grammar as checker findings, paragraph by paragraph.

Harper (desktop/core/spelling) checks a 2,000-word letter in about 30 ms; the window checks
after every pause in typing, so what each paragraph gave is remembered and only the
paragraph being edited is checked again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

from desktop.core.checker.findings import LETTER_FIELD, Finding
from desktop.core.checker.measure import letter_finding
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText
from desktop.core.spelling import SpellingIssue, shared_checker

REMEMBERED = 4096
"""Paragraphs remembered, with the English and the known words they were checked with."""


def _a_name(text: str, start: int, end: int) -> bool:
    """A capitalised word inside a sentence is taken for a name (a town, a street, a product):
    letters are full of them and no dictionary holds them all. At a sentence's start the
    capital says nothing, so "Teh" there is still checked."""
    word = text[start:end]
    if not word[:1].isupper() or word.isupper():
        return False
    before = text[:start].rstrip(" \t\"'(“‘")
    return bool(before) and before[-1] not in ".!?:\n"


def _capital_at_start(text: str, issue: SpellingIssue) -> bool:
    """A field's opening word in lower case, and the fix a capital: form fields are often
    phrases the template sets inside its own sentence ("… about the {{ summary }}")."""
    matched = text[issue.start : issue.end]
    return (
        issue.start == len(text) - len(text.lstrip())
        and bool(issue.suggestions)
        and issue.suggestions[0] != matched
        and issue.suggestions[0].lower() == matched.lower()
    )


class SpellingRules:
    """The `spelling` and `grammar` rules (either may be switched off by a rule file)."""

    def __init__(self, rules: dict[str, Rule]):
        self.rules = rules
        self.enabled = True
        """The window turns this off until Harper has been built on another thread."""
        self._lock = threading.Lock()
        self._remembered: OrderedDict[tuple[str, str, frozenset[str]], list[SpellingIssue]] = OrderedDict()

    def findings(
        self, prepared: PreparedText, field: str, locale: str, known: Iterable[str]
    ) -> list[Finding]:
        if not self.enabled or not self.rules:
            return []
        words = frozenset(w for w in known if w.strip())
        found: list[Finding] = []
        for paragraph in prepared.paragraphs:
            text = prepared.original[paragraph.start : paragraph.end]
            for issue in self._issues(text, locale, words):
                rule = self.rules.get(issue.kind)
                if rule is None or (issue.kind == "spelling" and _a_name(text, issue.start, issue.end)):
                    continue
                if field != LETTER_FIELD and paragraph.start == 0 and _capital_at_start(text, issue):
                    continue
                start, end = paragraph.start + issue.start, paragraph.start + issue.end
                found.append(
                    letter_finding(
                        rule,
                        issue.message,
                        field,
                        start,
                        end,
                        matched=prepared.original[start:end],
                        suggestion=", ".join(s for s in issue.suggestions if s) or None,
                        replacement=issue.suggestions[0] if issue.suggestions else None,
                    )
                )
        return found

    def _issues(self, text: str, locale: str, words: frozenset[str]) -> list[SpellingIssue]:
        key = (text, locale, words)
        with self._lock:
            if key in self._remembered:
                self._remembered.move_to_end(key)
                return self._remembered[key]
        issues = shared_checker().check(text, locale, words) if text.strip() else []
        with self._lock:
            self._remembered[key] = issues
            while len(self._remembered) > REMEMBERED:
                self._remembered.popitem(last=False)
        return issues
