"""A `Document` laid out on the chosen paper: its blocks styled, broken into lines, paginated,
and given a continuation header ("recipient, date, Page N of M") on every page after the first.

One `PageLayout` serves a whole run: it remembers word widths and the lines of paragraphs it
has broken, so a merged notice, whose paragraphs repeat from letter to letter, breaks most of
them once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from desktop.core.document import (
    AddressBlock,
    BulletList,
    DateLine,
    Document,
    Heading,
    Letterhead,
    Paragraph,
    Run,
    Runs,
    Salutation,
    SignOff,
    Subject,
)
from desktop.core.pages import styles
from desktop.core.pages.lines import LinePieces, break_lines
from desktop.core.pages.metrics import CachedWidths, FontMetrics
from desktop.core.pages.model import Face, ImageBox, LaidOutLetter, Line, Page, Piece, Rule
from desktop.core.pages.paginate import FlowLine, paginate
from desktop.core.writers.docx_parts import PAGE_SIZES_TWIPS, PageSetup

_PT_PER_MM = 72 / 25.4
BULLET = "•"
LOGO_GAP = 4.0
"""Between the logo and the letterhead's first line."""
HEADER_GAP = 12.0
"""Between the continuation header and the text below it."""
HEADER_MIN_TOP = 18.0
"""The header goes in the top margin only if that leaves it this far from the paper's edge."""


@dataclass(frozen=True, slots=True)
class _Block:
    style: styles.BlockStyle
    lines: tuple[LinePieces, ...]
    bullet: bool = False
    image: tuple[float, float] | None = None
    """Width and height of the logo this block stands for (it has no lines then)."""


@dataclass(slots=True)
class _Flow:
    """The flow of lines and, beside it, what each line is drawn from."""

    lines: list[FlowLine] = field(default_factory=list)
    sources: list[tuple[_Block, int]] = field(default_factory=list)


class PageLayout:
    def __init__(self, page: PageSetup, metrics: FontMetrics, logo_size: tuple[float, float] | None = None):
        """`logo_size`: width and height in points of the logo at the top of page 1, if any."""
        self.page = page
        twips_w, twips_h = PAGE_SIZES_TWIPS[page.size]
        self.width, self.height = twips_w / 20, twips_h / 20
        top, right, bottom, left = (m * _PT_PER_MM for m in page.margins_mm)
        self.left, self.top = left, top
        self.text_width = max(self.width - left - right, 36.0)
        self.text_height = max(self.height - top - bottom, 72.0)
        header_top = top - HEADER_GAP - styles.HEADER.leading
        self._header_in_margin = header_top >= HEADER_MIN_TOP
        self._header_top = header_top if self._header_in_margin else top
        self._later_offset = 0.0 if self._header_in_margin else styles.HEADER.leading + HEADER_GAP
        self._logo_size = logo_size
        self._measure = CachedWidths(metrics)
        self._broken: dict[tuple[Runs, bool, float, float], tuple[LinePieces, ...]] = {}

    def lay_out(self, document: Document) -> LaidOutLetter:
        blocks = self._blocks(document)
        flow = _flow(blocks)
        later_height = self.text_height - self._later_offset
        placed_pages = paginate(flow.lines, self.text_height, later_height)
        count = len(placed_pages)
        header = header_text(document)
        pages = []
        sources = flow.sources
        left = self.left
        for number, placed in enumerate(placed_pages, start=1):
            offset = self.top + (self._later_offset if number > 1 else 0.0)
            lines: list[Line] = self._header(header, number, count) if number > 1 else []
            rules: list[Rule] = []
            images: list[ImageBox] = []
            for index, top in placed:  # the hot loop of a merge: one turn a line of every letter
                block, line_index = sources[index]
                style = block.style
                top += offset
                if block.image is not None:
                    images.append(ImageBox(left, top, *block.image))
                    continue
                baseline = top + style.ascent
                lines.append(
                    Line(left + style.indent, baseline, style.size, style.color, block.lines[line_index])
                )
                if block.bullet and line_index == 0:
                    bullet = (Piece(BULLET, Face.REGULAR, 0.0),)
                    lines.append(Line(left, baseline, style.size, style.color, bullet))
                if style.rule_below and line_index == len(block.lines) - 1:
                    y = top + style.leading + styles.RULE_GAP
                    rules.append(Rule(left, left + self.text_width, y, styles.RULE_WIDTH, styles.ACCENT))
            pages.append(
                Page(number, count, self.width, self.height, tuple(lines), tuple(rules), tuple(images))
            )
        return LaidOutLetter(tuple(pages))

    # --- blocks -----------------------------------------------------------------------------

    def _blocks(self, document: Document) -> list[_Block]:
        out: list[_Block] = []
        if self._logo_size is not None:
            width, height = self._logo_size
            logo = styles.BlockStyle(after=LOGO_GAP, keep_with_next=True)
            out.append(_Block(logo, (), image=(width, height)))
        for block in document.blocks:
            match block:
                case Letterhead(lines):
                    if lines:
                        out.append(self._text(styles.LETTERHEAD, (Run(lines[0]),)))
                    if lines[1:]:
                        out.append(self._plain_lines(styles.LETTERHEAD_DETAILS, lines[1:]))
                case DateLine(text):
                    out.append(self._text(styles.DATE, (Run(text),)))
                case AddressBlock(lines):
                    out.append(self._plain_lines(styles.INSIDE_ADDRESS, lines))
                case Subject(runs):
                    out.append(self._text(styles.SUBJECT, runs))
                case Salutation(text):
                    out.append(self._text(styles.SALUTATION, (Run(text),)))
                case Heading(runs):
                    out.append(self._text(styles.HEADING, runs))
                case Paragraph(runs):
                    out.append(self._text(styles.BODY, runs))
                case BulletList(items):
                    out.extend(self._text(styles.BULLET, item, bullet=True) for item in items)
                case SignOff(closing, lines):
                    if out:  # the last paragraph, or its last lines, stay with the sign-off
                        out[-1] = _kept_with_next(out[-1])
                    if closing:
                        closing_style = styles.CLOSING if lines else _ends(styles.CLOSING)
                        out.append(self._text(closing_style, (Run(closing),)))
                    if lines:
                        out.append(self._plain_lines(styles.SIGNATURE, lines))
        if out and out[-1].style.keep_with_next:
            out[-1] = replace(out[-1], style=_ends(out[-1].style))
        return out

    def _plain_lines(self, style: styles.BlockStyle, lines: tuple[str, ...]) -> _Block:
        return self._text(style, (Run("\n".join(lines)),))

    def _text(self, style: styles.BlockStyle, runs: Runs, bullet: bool = False) -> _Block:
        width = self.text_width - style.indent
        key = (runs, style.bold, style.size, width)
        lines = self._broken.get(key)
        if lines is None:
            if len(self._broken) > 5000:  # merge values make every letter's paragraphs new
                self._broken.clear()
            lines = self._broken[key] = break_lines(runs, style.bold, style.size, width, self._measure)
        return _Block(style, lines, bullet)

    # --- the continuation header ----------------------------------------------------------

    def _header(self, left_text: str, number: int, count: int) -> list[Line]:
        style = styles.HEADER
        baseline = self._header_top + style.size * styles.ASCENT_EM
        label = f"Page {number} of {count}"
        label_width = self._measure(label, Face.REGULAR, style.size)
        room = self.text_width - label_width - HEADER_GAP
        left_text = self._shortened(left_text, style.size, room)
        label_x = self.left + self.text_width - label_width
        out = [Line(label_x, baseline, style.size, style.color, (Piece(label, Face.REGULAR, 0.0),))]
        if left_text:
            pieces = (Piece(left_text, Face.REGULAR, 0.0),)
            out.insert(0, Line(self.left, baseline, style.size, style.color, pieces))
        return out

    def _shortened(self, text: str, size: float, room: float) -> str:
        """`text`, cut with an ellipsis if it would run into the page number."""
        if self._measure(text, Face.REGULAR, size) <= room:
            return text
        while text and self._measure(text + "…", Face.REGULAR, size) > room:
            text = text[:-1]
        return text.rstrip() + "…" if text else ""


def _flow(blocks: list[_Block]) -> _Flow:
    flow = _Flow()
    previous_after = 0.0
    previous_keeps = False
    for block in blocks:
        style = block.style
        heights = [block.image[1]] if block.image is not None else [style.leading] * len(block.lines)
        n = len(heights)
        for k, height in enumerate(heights):
            if k == 0:
                gap = previous_after + style.before
                can_break = not previous_keeps
            else:
                gap = 0.0
                can_break = not style.keep_together and k >= 2 and n - k >= 2
            flow.lines.append(FlowLine(height, gap, can_break))
            flow.sources.append((block, k))
        previous_after = style.after
        previous_keeps = style.keep_with_next
    return flow


def _kept_with_next(block: _Block) -> _Block:
    return replace(block, style=replace(block.style, keep_with_next=True))


def _ends(style: styles.BlockStyle) -> styles.BlockStyle:
    """`style` for the letter's last block: there is nothing left to keep it with."""
    return replace(style, keep_with_next=False)


_GREETINGS = frozenset({"dear", "hello", "hi", "hey", "greetings"})
_NOBODY = frozenset(
    {
        "customer",
        "customers",
        "valued customer",
        "member",
        "members",
        "friend",
        "friends",
        "reader",
        "colleague",
        "colleagues",
        "all",
        "everyone",
        "sir or madam",
        "sir/madam",
    }
)


def header_text(document: Document) -> str:
    """ "Ms Amira Haddad, 4 December 2026": who the letter is for, and its date."""
    recipient = ""
    date = ""
    for block in document.blocks:
        if isinstance(block, AddressBlock) and block.lines and not recipient:
            recipient = block.lines[0]
        elif isinstance(block, DateLine) and not date:
            date = block.text
    if not recipient:
        salutation = next((b.text for b in document.blocks if isinstance(b, Salutation)), "")
        greeting, _, name = salutation.strip().rstrip(",:;!").partition(" ")
        named = greeting.lower() in _GREETINGS and name[:1].isupper() and name.lower() not in _NOBODY
        recipient = name if named else ""  # "Hello," and "Dear customer" name nobody
    return ", ".join(part.strip() for part in (recipient, date) if part.strip())
