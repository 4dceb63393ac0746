"""Offline spelling and grammar checking for letters, on Harper (harper-py).

    checker = shared_checker()          # one per process: a Linter is ~140 MB
    issues = checker.check(text, "en_GB", known_words=team_words + [recipient_name])

Modules, one job each: `issues` (what is reported), `locales` (which English), `words`
(word lists and known words), `masks` (merge fields, numbers, addresses), `policy` (which
of Harper's findings count, and their wording), `variants` (-ize in an -ise letter),
`harper` (the Linter, built once and used by one thread at a time), `shared`.
"""

from desktop.core.spelling.harper import SpellingChecker
from desktop.core.spelling.issues import SpellingIssue
from desktop.core.spelling.shared import shared_checker
from desktop.core.spelling.words import WordListError, read_word_list

__all__ = ["SpellingChecker", "SpellingIssue", "WordListError", "read_word_list", "shared_checker"]
