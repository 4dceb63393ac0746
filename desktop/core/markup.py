"""Turning a template's output (a small XML vocabulary) into a `Document`.

Templates write `<p>`, `<ul><li>`, `<em>`, `<strong>`, `<br/>` and the letter parts (`<letterhead>`,
`<date>`, `<address>`, `<subject>`, `<salutation>`, `<h>`, `<signoff>`). Jinja's autoescape
turns whatever a user typed into entities, and the XML parser turns them back into the same
characters, so a customer called `<b>O'Brien & Sons</b>` comes out exactly as typed and can
never become markup. Whitespace inside a block collapses as in HTML, so templates may wrap lines;
only `<br/>` breaks a line within a block (a `LINE_BREAK` in the run's text).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby
from operator import itemgetter

from desktop.core.document import (
    LINE_BREAK,
    AddressBlock,
    Block,
    BulletList,
    DateLine,
    Heading,
    Letterhead,
    Paragraph,
    Run,
    Runs,
    Salutation,
    SignOff,
    Subject,
)
from desktop.core.markers import IGNORE_MARKER


class MarkupError(ValueError):
    """The template produced markup that is not well formed or uses an unknown element."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(message)


_SPACE = re.compile(r"\s+")


def parse_blocks(markup: str) -> tuple[Block, ...]:
    try:
        root = ET.fromstring(f"<letter>{markup}</letter>")
    except ET.ParseError as exc:
        line, column = exc.position
        raise MarkupError(
            f"broken markup in the rendered letter: {_reason(exc)} (column {column})", line
        ) from None
    blocks: list[Block] = []
    for element in root:
        block = _block(element)
        if block is not None:
            blocks.append(block)
    stray = _collapse(root.text or "") + "".join(_collapse(child.tail or "") for child in root)
    if stray.strip():
        raise MarkupError(f"text outside any block: {stray.strip()[:60]!r}; wrap it in <p>…</p>")
    return tuple(blocks)


def _reason(exc: ET.ParseError) -> str:
    return str(exc).split(":")[0]


def _block(element: ET.Element) -> Block | None:
    tag = element.tag
    if tag == "p":
        runs = _runs(element)
        return Paragraph(runs) if runs else None
    if tag == "h":
        runs = _runs(element)
        return Heading(runs) if runs else None
    if tag == "subject":
        runs = _runs(element)
        return Subject(runs) if runs else None
    if tag == "ul":
        items = tuple(runs for li in _children(element, "li") if (runs := _runs(li)))
        return BulletList(items) if items else None
    if tag == "date":
        text = _text(element)
        return DateLine(text) if text else None
    if tag == "salutation":
        text = _text(element)
        return Salutation(text) if text else None
    if tag in ("letterhead", "address"):
        lines = tuple(text for line in _children(element, "line") if (text := _text(line)))
        if not lines:
            return None
        return Letterhead(lines) if tag == "letterhead" else AddressBlock(lines)
    if tag == "signoff":
        children = _children(element, "closing", "line")
        closing = "".join(_text(c) for c in children if c.tag == "closing")
        lines = tuple(text for c in children if c.tag == "line" and (text := _text(c)))
        return SignOff(closing, lines) if closing or lines else None
    raise MarkupError(f"unknown element <{tag}>; a letter is made of {_BLOCK_TAGS}")


_BLOCK_TAGS = "<letterhead>, <date>, <address>, <subject>, <salutation>, <h>, <p>, <ul>, <signoff>"


def _children(element: ET.Element, *allowed: str) -> list[ET.Element]:
    for child in element:
        if child.tag not in allowed:
            expected = ", ".join(f"<{name}>" for name in allowed)
            raise MarkupError(f"<{child.tag}> cannot stand inside <{element.tag}>; use {expected}")
    return list(element)


def _text(element: ET.Element) -> str:
    return _squeeze("".join(element.itertext()))


def _squeeze(text: str) -> str:
    """Whitespace collapsed and trimmed, checker markers removed: a block's whole text."""
    if "amends-ignore" in text:
        text = IGNORE_MARKER.sub("", text)
    return " ".join(text.split())


def _collapse(text: str) -> str:
    """HTML-like whitespace, and no checker marker: those are for the writer, not the reader."""
    if "amends-ignore" in text:
        text = IGNORE_MARKER.sub("", text)
    return _SPACE.sub(" ", text)


def _runs(element: ET.Element) -> Runs:
    if not len(element):  # the usual paragraph: plain text, one run
        text = _squeeze(element.text or "")
        return (Run(text),) if text else ()
    raw: list[Run] = []
    _collect(element, False, False, raw)
    return _tidy(raw)


def _collect(element: ET.Element, emphasis: bool, strong: bool, out: list[Run]) -> None:
    if element.text:
        out.append(Run(_collapse(element.text), emphasis, strong))
    for child in element:
        if child.tag == "em":
            _collect(child, True, strong, out)
        elif child.tag == "strong":
            _collect(child, emphasis, True, out)
        elif child.tag == "br":
            if len(child) or (child.text or "").strip():
                raise MarkupError("<br/> stands alone: it cannot hold text or elements")
            out.append(Run(LINE_BREAK, emphasis, strong))
        else:
            raise MarkupError(
                f"<{child.tag}> cannot stand inside <{element.tag}>; use <em>, <strong> or <br/>"
            )
        if child.tail:
            out.append(Run(_collapse(child.tail), emphasis, strong))


def _tidy(runs: list[Run]) -> Runs:
    """Merge neighbours of the same style, drop doubled spaces across runs, trim the ends."""
    merged: list[Run] = []
    for run in runs:
        text = run.text
        if merged and merged[-1].text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        if merged and (merged[-1].emphasis, merged[-1].strong) == (run.emphasis, run.strong):
            merged[-1] = Run(merged[-1].text + text, run.emphasis, run.strong)
        else:
            merged.append(Run(text, run.emphasis, run.strong))
    if any(LINE_BREAK in run.text for run in merged):
        return _tidy_breaks(merged)
    if merged:
        merged[0] = Run(merged[0].text.lstrip(), merged[0].emphasis, merged[0].strong)
        merged[-1] = Run(merged[-1].text.rstrip(), merged[-1].emphasis, merged[-1].strong)
    return tuple(run for run in merged if run.text)


def _tidy_breaks(runs: list[Run]) -> Runs:
    """Line breaks without spaces around them, one at most in a row, none at the ends.

    Character by character, because a break and the space beside it may sit in runs of
    different styles; only blocks with a break come here, and they are short.
    """
    kept: list[tuple[str, tuple[bool, bool]]] = []
    for run in runs:
        style = (run.emphasis, run.strong)
        for char in run.text:
            if char == LINE_BREAK:
                while kept and kept[-1][0] == " ":
                    kept.pop()
                if not kept or kept[-1][0] == LINE_BREAK:
                    continue
            elif char == " " and (not kept or kept[-1][0] == LINE_BREAK):
                continue
            kept.append((char, style))
    while kept and kept[-1][0] in (" ", LINE_BREAK):
        kept.pop()
    return tuple(
        Run("".join(char for char, _ in chars), *style) for style, chars in groupby(kept, key=itemgetter(1))
    )
