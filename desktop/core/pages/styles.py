"""The paragraph styles of a letter on paper, matching the DOCX styles (writers/docx_parts.py).

Sizes and spacing are Word's: Calibri 11 pt at 1.15 lines and 8 pt after for body text,
a 17 pt bold letterhead in the accent colour, and so on. The fonts shipped for PDF (Carlito)
have Calibri's metrics, so a letter that is one page in Word or LibreOffice is one page here.

Three values are tighter than today's DOCX styles, so that a full one-page letter (the RRSP
example on US Letter) stays on one page: body lines at 1.08 (Word's own default since 2013)
rather than 1.15, 24 pt rather than 30 pt left for the handwritten signature, and 12 pt
rather than 18 pt under the letterhead's rule, with 10 pt after the date and the subject.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.pages.model import BLACK, Color

LINE_HEIGHT_EM = (1536 + 512 + 452) / 2048
"""Word's single line for Calibri and Carlito: ascender, descender and line gap over the em."""
ASCENT_EM = (452 + 1536) / 2048
"""From the top of a single line to its baseline: the line gap sits above the ascender."""

ACCENT: Color = (0x1F / 255, 0x3A / 255, 0x5F / 255)
MUTED: Color = (0x5A / 255, 0x5A / 255, 0x5A / 255)


@dataclass(frozen=True, slots=True)
class BlockStyle:
    size: float = 11.0
    line_spacing: float = 1.08
    """A multiple of the single line, as Word's "multiple" spacing."""
    before: float = 0.0
    after: float = 8.0
    bold: bool = False
    color: Color = BLACK
    indent: float = 0.0
    """Left indent of every line (a bullet hangs in it)."""
    keep_with_next: bool = False
    keep_together: bool = False
    rule_below: bool = False
    """A 0.75 pt accent rule 6 pt below the last line, as under the letterhead's details."""

    @property
    def leading(self) -> float:
        return self.size * LINE_HEIGHT_EM * self.line_spacing

    @property
    def ascent(self) -> float:
        """From the top of a line to its baseline."""
        return self.size * ASCENT_EM * self.line_spacing


BODY = BlockStyle()
LETTERHEAD = BlockStyle(size=17.0, after=2.0, bold=True, color=ACCENT, keep_with_next=True)
LETTERHEAD_DETAILS = BlockStyle(
    size=10.0, line_spacing=1.0, after=12.0, color=MUTED, keep_together=True, rule_below=True
)
DATE = BlockStyle(after=10.0)
INSIDE_ADDRESS = BlockStyle(line_spacing=1.05, after=12.0, keep_together=True)
SUBJECT = BlockStyle(before=6.0, after=10.0, bold=True, keep_with_next=True)
SALUTATION = BlockStyle(after=10.0, keep_with_next=True)
HEADING = BlockStyle(before=12.0, after=4.0, bold=True, color=ACCENT, keep_with_next=True, keep_together=True)
BULLET = BlockStyle(after=4.0, indent=357 / 20)
CLOSING = BlockStyle(before=12.0, after=0.0, keep_with_next=True, keep_together=True)
SIGNATURE = BlockStyle(line_spacing=1.05, before=24.0, after=0.0, keep_together=True)
HEADER = BlockStyle(size=10.0, line_spacing=1.0, after=0.0, color=MUTED)
"""The continuation header on pages 2 and after."""

ALL_STYLES: tuple[BlockStyle, ...] = (BODY, LETTERHEAD, LETTERHEAD_DETAILS, DATE, INSIDE_ADDRESS)
ALL_STYLES += (SUBJECT, SALUTATION, HEADING, BULLET, CLOSING, SIGNATURE, HEADER)
SMALLEST_PT = min(style.size for style in ALL_STYLES)
"""The smallest type a printed letter uses, DOCX and PDF alike: 10 pt, which laws that set a
minimum for notices (California's breach notices, for one) allow. The letterhead's details
and the continuation header were 9 pt, as many letterheads are, until that mattered."""

RULE_GAP = 6.0
RULE_WIDTH = 0.75
