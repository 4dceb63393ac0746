"""Comparing a letter with what a law prints: headings by their words, wording blocks by their
tokens, patterns over a tidied text, every match located back in the letter as written.

A letter's typography is the writer's word processor's, not the law's: curly or straight
quotes, an en dash, an em dash or a hyphen, a paragraph break where the handbook has a space.
None of that changes what the letter says, so none of it may make a required block "absent";
a changed word must. Everything here is compared after the same tidying, and every offset
handed back is an offset in the letter's own text, so the window can underline it.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

_QUOTES = {
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‘’‚‛′`", "'"),
}
_DASHES = frozenset("-‐‑‒–—―−")
_TRAILING = " \t?:.!,;\"'"
_TOKEN = re.compile(r"\w+(?:'\w+)*|[^\w\s]")

SIMILAR_ENOUGH = 0.8
"""A block whose closest stretch of the letter has at least this difflib ratio (over words)
is "changed" rather than "absent": the writer kept the block and altered it, and the message
shows the first difference rather than the whole wording again."""

_CANDIDATE = 0.7
"""A window sharing fewer of the block's words than this cannot come near SIMILAR_ENOUGH,
even with its ends moved: it is not compared word by word."""


@dataclass(frozen=True)
class Tidied:
    """A text with quotes straightened, dashes made hyphens and runs of white space made one
    space; `origin[i]` is where the i-th character came from in the text as written."""

    text: str
    origin: tuple[int, ...]
    length: int
    """The length of the text as written, for a span that ends at the end of it."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of the text as written that `text[start:end]` came from."""
        if start >= len(self.origin):
            return self.length, self.length
        last = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], last


def tidy(text: str) -> Tidied:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(index)
            continue
        chars.append(_QUOTES.get(char, "-" if char in _DASHES else char))
        origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return Tidied("".join(chars), tuple(origin), len(text))


def words(text: str) -> str:
    """A title or heading reduced to what identifies it: "What Happened?" and "what  happened"
    are the same heading; the statute's own question marks and full stops are typography."""
    return " ".join(tidy(text).text.casefold().strip(_TRAILING).split())


def same_words(one: str, other: str) -> bool:
    return words(one) == words(other)


@dataclass(frozen=True)
class Tokens:
    """The words and punctuation of a text, casefolded, each with its span in the text as
    written. Dashes are tokens of their own, so "charge – but" and "charge—but" agree."""

    items: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def tokens(text: str) -> Tokens:
    tidied = tidy(text)
    found = list(_TOKEN.finditer(tidied.text))
    return Tokens(
        tuple(match.group().casefold() for match in found),
        tuple(tidied.span(match.start(), match.end()) for match in found),
    )


@dataclass(frozen=True)
class BlockMatch:
    """Where a required block is in a letter, or the closest stretch to it."""

    exact: bool
    start: int = 0
    end: int = 0
    ratio: float = 0.0
    difference: str = ""
    """The first difference, in words a writer can act on ("“fee” where the wording has
    “charge”"); empty when the block is there as it should be or nothing like it is."""

    @property
    def near(self) -> bool:
        return not self.exact and self.ratio >= SIMILAR_ENOUGH


def find_block(block: str, letter: str) -> BlockMatch:
    """Whether `block` is in `letter` word for word (after tidying), else the stretch of the
    letter that is most like it, with the first place they differ."""
    wanted = tokens(block)
    have = tokens(letter)
    if not wanted.items:
        return BlockMatch(exact=True)
    size = len(wanted.items)
    first = wanted.items[0]
    for index, token in enumerate(have.items):
        if token == first and have.items[index : index + size] == wanted.items:
            return BlockMatch(True, have.spans[index][0], have.spans[index + size - 1][1], 1.0)
    best = _closest(wanted.items, have.items)
    if best is None:
        return BlockMatch(exact=False)
    start, end, ratio = best
    difference = ""
    if ratio >= SIMILAR_ENOUGH:
        difference = _first_difference(_Side(block, wanted, 0, size), _Side(letter, have, start, end))
    return BlockMatch(False, have.spans[start][0], have.spans[end - 1][1], ratio, difference)


@dataclass(frozen=True)
class _Side:
    """A stretch of tokens of one text, to quote its words as that text writes them."""

    text: str
    tokens: Tokens
    start: int
    end: int

    @property
    def items(self) -> tuple[str, ...]:
        return self.tokens.items[self.start : self.end]

    def quote(self, first: int, last: int, limit: int = 12) -> str:
        """Tokens first..last (relative to the stretch) as written, at most `limit` of them."""
        first, last = self.start + first, self.start + last
        cut = last - first > limit
        last = min(last, first + limit)
        if last <= first:
            return ""
        written = self.text[self.tokens.spans[first][0] : self.tokens.spans[last - 1][1]]
        return " ".join(written.split()) + (" …" if cut else "")


def _closest(wanted: tuple[str, ...], have: tuple[str, ...]) -> tuple[int, int, float] | None:
    """The window of the letter most like `wanted`, if any could be a variant of it: windows
    of its length first, then the best one's ends moved by up to a fifth of its length (a
    sentence added or dropped).

    The words a window shares with the block (counted as the window slides, one word in and
    one out) bound its ratio from above, so the full comparison runs only where a variant
    could be: a letter of a thousand words that has nothing like the block costs a few
    milliseconds, not a comparison per word."""
    if not have:
        return None
    size = len(wanted)
    need = Counter(wanted)
    window: Counter[str] = Counter()
    shared = 0
    candidates: list[int] = []
    for index, token in enumerate(have):
        if window[token] < need[token]:
            shared += 1
        window[token] += 1
        if index >= size:
            gone = have[index - size]
            window[gone] -= 1
            if window[gone] < need[gone]:
                shared -= 1
        if index >= min(size, len(have)) - 1 and shared >= _CANDIDATE * size:
            candidates.append(max(0, index - size + 1))
    if not candidates:
        return None
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    best = (0, 0, -1.0)
    for start in candidates:
        matcher.set_seq1(have[start : start + size])
        if matcher.quick_ratio() > best[2] and (ratio := matcher.ratio()) > best[2]:
            best = (start, min(len(have), start + size), ratio)
    slack = max(1, size // 5)
    start0, end0, _ = best
    for start in range(max(0, start0 - slack), min(len(have) - 1, start0 + slack) + 1):
        for end in range(max(start + 1, end0 - slack), min(len(have), end0 + slack) + 1):
            matcher.set_seq1(have[start:end])
            if matcher.real_quick_ratio() <= best[2] or matcher.quick_ratio() <= best[2]:
                continue
            ratio = matcher.ratio()
            if ratio > best[2]:
                best = (start, end, ratio)
    return best


def _first_difference(wanted: _Side, found: _Side) -> str:
    matcher = difflib.SequenceMatcher(None, found.items, wanted.items, autojunk=False)
    for tag, found_start, found_end, wanted_start, wanted_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = found.quote(max(0, found_start - 3), found_start)
        lead = f"after “{before}”, " if before else ""
        theirs = found.quote(found_start, found_end)
        ours = wanted.quote(wanted_start, wanted_end)
        if tag == "replace":
            return f"{lead}the letter has “{theirs}” where the wording has “{ours}”"
        if tag == "delete":
            return f"{lead}the letter adds “{theirs}”"
        return f"{lead}the letter leaves out “{ours}”"
    return ""
