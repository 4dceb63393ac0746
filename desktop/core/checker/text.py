"""Text prepared for matching: typography folded, sentences and quoted speech located by offset.

Every transformation keeps the length of the text, so an offset found in the prepared text
is an offset in the writer's own text: no mapping tables, no drift.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from desktop.core.markers import IGNORE_MARKER

_FOLD = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2010": "-",
    "\u2011": "-",
}


_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "no",
        "nos",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "approx",
        "dept",
        "ref",
        "tel",
        "fig",
        "inc",
        "ltd",
        "co",
    }
)
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_WRAPPED_LINE_MIN = 50
"""A line this long that ends without punctuation is taken for a hard wrap, not a line of its own."""
_QUOTE = re.compile(
    r'"[^"\n]{1,300}"'
    r"|(?<![\w'])'(?=[^\s'])(?:[^'\n]|(?<=\w)'(?=\w)){1,300}?(?<=\S)'(?!\w)"
)
"""Quoted speech in double quotes, or in single ones (British usage: 'That's your bank's
problem,' he said), where an apostrophe inside a word ("bank's") does not close it."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class PreparedText:
    """The writer's text with its sentences, paragraphs and quotations found once."""

    def __init__(self, original: str):
        self.original = original
        folded = _fold(original)
        if "amends-ignore" in folded:
            folded = IGNORE_MARKER.sub(lambda m: " " * len(m.group(0)), folded)
        self.text = folded
        self.sentences = _sentences(self.text)
        self._sentence_starts = [s.start for s in self.sentences]

    @cached_property
    def lowered(self) -> str:
        """The text in lower case, offset for offset (a letter whose lower case is longer stays put)."""
        lowered = self.text.lower()
        if len(lowered) == len(self.text):
            return lowered
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect_right(self._sentence_starts, offset) - 1)

    def sentence_text(self, index: int) -> str:
        span = self.sentences[index]
        return self.text[span.start : span.end]

    @cached_property
    def quotes(self) -> list[Span]:
        return [Span(m.start(), m.end()) for m in _QUOTE.finditer(self.text)]

    def in_quotes(self, offset: int) -> bool:
        return any(q.start < offset < q.end for q in self.quotes)

    @cached_property
    def paragraphs(self) -> list[Span]:
        spans, start = [], 0
        for brk in _PARAGRAPH_BREAK.finditer(self.text):
            spans.append(Span(start, brk.start()))
            start = brk.end()
        spans.append(Span(start, len(self.text)))
        return spans

    def ignored_rules_near(self, offset: int) -> frozenset[str]:
        """Rules silenced by an inline marker in the paragraph around `offset`."""
        for para in self.paragraphs:
            if para.start <= offset <= para.end:
                return self._markers_between(para.start, para.end)
        return frozenset()

    def _markers_between(self, start: int, end: int) -> frozenset[str]:
        rules: set[str] = set()
        for marker in IGNORE_MARKER.finditer(self.original, start, end):
            rules.update(r.strip().lower() for r in marker.group(1).split(",") if r.strip())
        return frozenset(rules)

    @cached_property
    def has_markers(self) -> bool:
        return "amends-ignore" in self.original


def _fold(text: str) -> str:
    """Curly quotes and odd spaces made plain, one character for one (str.translate with a
    dict is several times slower than a few replace calls on letters of this size)."""
    for typographic, plain in _FOLD.items():
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


def _sentences(text: str) -> list[Span]:
    """Sentence spans, covering every non-blank stretch of the text.

    Lines count as sentences of their own when they are short or end in punctuation
    (a greeting, a sign-off, a list item); a long unpunctuated line is a hard wrap.
    """
    spans: list[Span] = []
    for start, end in _line_groups(text):
        cut = start
        for stop in _SENTENCE_END.finditer(text, start, end):
            if _is_abbreviation(text, cut, stop.start()) or not _next_starts_sentence(text, stop.end(), end):
                continue
            spans.append(Span(cut, stop.end()))
            cut = _skip_space(text, stop.end(), end)
        if cut < end:
            spans.append(Span(cut, end))
    return spans or [Span(0, len(text))]


def _line_groups(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of stretches that sentence splitting treats as continuous prose."""
    start: int | None = None
    prev_end = pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        line_start, line_end = pos, pos + len(body)
        pos += len(line)
        if not stripped:
            if start is not None:
                yield start, prev_end
                start = None
            continue
        lead = line_start + len(body) - len(body.lstrip())
        if start is None or _starts_list_item(stripped):
            if start is not None:
                yield start, prev_end
            start = lead
        prev_end = line_end - (len(body) - len(body.rstrip()))
        if len(stripped) < _WRAPPED_LINE_MIN or stripped[-1] in ".!?:;,":
            yield start, prev_end
            start = None
    if start is not None:
        yield start, prev_end


def _starts_list_item(line: str) -> bool:
    return line[:2] in {"- ", "* ", "• "} or bool(re.match(r"\d+[.)]\s", line))


def _is_abbreviation(text: str, sentence_start: int, stop: int) -> bool:
    word_start = stop
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:stop].lower().lstrip("(\"'")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _next_starts_sentence(text: str, pos: int, end: int) -> bool:
    pos = _skip_space(text, pos, end)
    if pos >= end:
        return True
    char = text[pos]
    return char.isupper() or char.isdigit() or char in "\"'([{<•-*"


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos
