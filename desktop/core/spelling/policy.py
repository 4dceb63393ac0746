"""Which of Harper's findings Amends reports, and how it words them for a support lead.

The Harper inside harper-py 0.2.0 has 917 rules (905 on by default); every finding carries
a rule name and one of 21 lint kinds. Amends reports spelling and grammar only: its own rule files
already judge tone and wording, and style advice from a second source would contradict them.

Reported as "spelling":
  Spelling  a word not in the dictionary for the letter's English ("recieved", US "colour"),
            or a phrase spelt wrong ("in lue of").
  Typo      a slip of the fingers ("Teh", "int he", "can be seem").
Reported as "grammar":
  Agreement ("They was"), BoundaryError ("alot", "afterall"), Capitalization (a sentence
  or "i" in lower case), Eggcorn ("bare in mind"), Grammar ("Their is"),
  Malapropism ("eluded to"), Miscellaneous (where Harper files "a apple" and "will will"),
  Nonstandard ("quite many", "combinate"), Preposition, Repetition ("the the"), Usage
  (idioms and collocations: "on accident"), WordChoice ("could of", "despite of").
Not reported: Enhancement ("very good" -> "excellent"), Formatting (spaces, dashes,
  ellipses, unclosed quotes), Punctuation (commas, hyphens in compound adjectives),
  Readability (sentence length), Redundancy ("and also"), Regionalism ("take a look"),
  Style (abbreviations, "thrive off"), and any kind a later Harper adds.

Rule names refine the kinds where Harper files a rule under a kind that misdescribes it:
`_ALWAYS` are grammar errors filed elsewhere ("Its been" is filed under Punctuation);
`_NEVER` are style advice filed under a reported kind (headings in title case, "You're
hedging", "ok" -> "okay", "ASAP" spelt out), and heuristic rules that only ever fired
wrongly on the app's own corpus of well-written letters ("back to normal" -> "too").
`stands_in_context` drops findings the surrounding words disprove ("8 a.m." -> "an").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from desktop.core.spelling.issues import IssueKind

SPELLING_KINDS = frozenset({"Spelling", "Typo"})
GRAMMAR_KINDS = frozenset(
    {
        "Agreement",
        "BoundaryError",
        "Capitalization",
        "Eggcorn",
        "Grammar",
        "Malapropism",
        "Miscellaneous",
        "Nonstandard",
        "Preposition",
        "Repetition",
        "Usage",
        "WordChoice",
    }
)
_ALWAYS: dict[str, IssueKind] = {"ItsContraction": "grammar"}
_NEVER = frozenset(
    {
        # Style advice filed under a reported kind.
        "UseTitleCase",  # capitalisation of headings
        "Hedging",  # "I would argue that"
        "Oxymorons",  # "amateur expert"
        "RedundantThat",  # "that that" is often right
        "OkToOkay",  # "OK" is standard
        "FindOut",  # "find out" -> "find"
        "VeryUnique",  # an intensifier, not an error
        "PreferSneaked",  # "snuck" is standard in North America
        "ExpandTimeShorthands",  # "mins", "hr": abbreviations are the writer's choice
        "ExpandMemoryShorthands",  # flags the "B" of "Flat 3B" as "bytes"
        "AvoidCurses",  # the app's own rules judge tone
        "OutOfDate",  # wants "out-of-date" even after "was", where the open form is right
        # Guesses that were wrong every time they fired on the 1,730 hand-written letters and
        # sentences of tests/checker_corpus and tests/core/checker/cases (46,000 words):
        "MissingPreposition",  # "I am sorry that Siobhan's order..." -> "missing a preposition"
        "CompoundNouns",  # "heat wave", "head count", "plain text", "app let" -> "applet"
        "ToTwoToo",  # "back to normal" -> "too"
        "OrthographicConsistency",  # "Sam" -> "SAM", "Mastercard" -> "MasterCard"
        "Damages",  # "you are entitled to damages" -> "damage"
        "DisjointPrefixes",  # "re-treat" -> "retreat", "mid-term" -> "midterm"
        "PhrasalVerbAsCompoundNoun",  # the noun "backup", "pickup" -> "back up"
        "PossessiveYour",  # "ready for you Monday" -> "your"
        "ThatThan",  # "sooner that the water was..." -> "than"
        "MissingDeterminer",  # a space between two words -> " the "
        "MassNouns",  # "no one outside" -> "one piece of outside"
        "Everyone",  # "every one of the 186 students" -> "everyone"
        "ModalBeAdjective",  # "will ping you" -> "will be"
        "Yourself",  # "your self assessment return" -> "Yourself"
        "InAWhile",  # "walked in while you were asleep" -> "in a while"
        "DidPast",  # "Nothing you did caused this" -> "cause"
        "LetsConfusion",  # "a certificate we let expire" -> "let's"
        "OneOfTheSingular",  # "one of the team will get back to you" -> "backs"
        "WereWhere",  # "the tablets you received were the right ones" -> "where"
        "There",  # "the re-treatment" -> "there"
    }
)
_NEVER_MESSAGES = ("Try expanding this initialism",)
"""Some 25 rules ("ASAP", "FYI", "BTW" -> spelt out) share this message: style, not errors."""

SPELL_CHECK_RULE = "SpellCheck"
"""Harper's dictionary check, the one rule whose message Amends writes itself."""
WEAK_RULES = frozenset({"WrongNegative", "SplitWords"})
"""Rules that guess at an unknown word ("untill" -> "distill", "adress" -> "a dress"); where
the dictionary check flags the same word, its suggestions come first."""

MAX_SUGGESTIONS = 3


def issue_kind(rule: str, lint_kind: str, message: str) -> IssueKind | None:
    """What Amends reports a finding of Harper's `rule` and `lint_kind` as, or None for style."""
    if rule in _ALWAYS:
        return _ALWAYS[rule]
    if rule in _NEVER or message.startswith(_NEVER_MESSAGES):
        return None
    if lint_kind in SPELLING_KINDS:
        return "spelling"
    if lint_kind in GRAMMAR_KINDS:
        return "grammar"
    return None


def stands_in_context(rule: str, text: str, start: int, end: int) -> bool:
    """False for findings that the words around them show to be wrong.

    - "a" is judged against the next word only when it stands alone before it: not in "8 a.m."
      or "A&E", nor before a word in capitals ("A SMALL BUG", "a UFO"), whose sound Harper
      cannot know.
    - A word repeated across a line break is a signature block ("Dr Maria Santos" above
      "Santos Dental"), not a doubled word.
    - After "you", Harper reads "you" as the subject of the next word, but in a letter it is
      mostly the object: "we charged you fees", "we owe you damages" are right.
    """
    words = text[start:end]
    if rule == "AnA":
        after = text[end : end + 40]
        next_word = re.match(r"\s+([\w'’-]+)", after)
        return next_word is not None and not (len(next_word.group(1)) > 1 and next_word.group(1).isupper())
    if rule == "RepeatedWords":
        return "\n" not in words
    if rule == "PronounVerbAgreement":
        return re.search(r"\byou\s+$", text[max(0, start - 10) : start], re.IGNORECASE) is None
    return True


def rule_rank(rule: str) -> int:
    """Which of several findings on the same words speaks first: specific rules ("Teh" ->
    "The"), then the dictionary check, then the guessing rules."""
    if rule in WEAK_RULES:
        return 2
    return 1 if rule == SPELL_CHECK_RULE else 0


def spelling_message(word: str, first_suggestion: str | None, english: str) -> str:
    """ "recieved" is not a word in British English, or the nearer truth when Harper's best
    suggestion shows the word is only capitalised or spelt the way another English spells it."""
    if first_suggestion and first_suggestion.lower() == word.lower():
        if first_suggestion[:1].isupper() and word[:1].islower():
            return f'"{word}" needs a capital letter: "{first_suggestion}".'
        return f'"{word}" is written "{first_suggestion}" in {english}.'
    if first_suggestion and _regional_form(word) == _regional_form(first_suggestion):
        return f'"{word}" is spelt "{first_suggestion}" in {english}.'
    return f'"{word}" is not a word in {english}.'


def harper_message(message: str) -> str:
    """Harper's own words, with its Markdown `code` quotes turned into plain quotes."""
    return re.sub(r"`([^`]*)`", r'"\1"', " ".join(message.split()))


def rank_spelling_suggestions(word: str, suggestions: Sequence[str]) -> list[str]:
    """Harper's dictionary suggestions, closest to the typed word first.

    Harper orders them by its own measure and sometimes puts a worse word first ("wich" ->
    "wish", "inconvienence" -> "incontinence"). Sorting by edit distance (a swapped pair of
    letters counts as one edit), then by how much of the word they share, fixes those and
    keeps Harper's order among equals: "Teh" -> "The", US "organise" -> "organize".
    """
    typed = word.lower()

    def closeness(candidate: str) -> tuple[int, float]:
        other = candidate.lower()
        return _edit_distance(typed, other), -difflib.SequenceMatcher(None, typed, other).ratio()

    return sorted(suggestions, key=closeness)


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with adjacent transpositions (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


_REGIONAL = [
    (re.compile(r"our"), "or"),  # colour / color
    (re.compile(r"([^aeiou])re\b"), r"\1er"),  # centre / center
    (re.compile(r"([iy])s(e|es|ed|ing|ation|ations)\b"), r"\1z\2"),  # organise, analyse
    (re.compile(r"ll(?=(?:ed|ing|er|ers|ery)\b)"), "l"),  # travelling / traveling
    (re.compile(r"ence\b"), "ense"),  # defence / defense
    (re.compile(r"ogue\b"), "og"),  # catalogue / catalog
    (re.compile(r"mme\b"), "m"),  # programme / program
    (re.compile(r"(?<=[^aeiou])(ae|oe)"), "e"),  # anaemia, manoeuvre
    (re.compile(r"ery\b"), "ry"),  # jewellery / jewelry
]


def _regional_form(word: str) -> str:
    """The word with the differences between Englishes' spellings ironed out."""
    form = word.lower()
    for pattern, replacement in _REGIONAL:
        form = pattern.sub(replacement, form)
    return form
