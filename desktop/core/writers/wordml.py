"""WordprocessingML for a letter's blocks: the XML inside a DOCX's word/document.xml.

Written as text rather than through python-docx's object tree because a merge writes
thousands of letters: string building costs microseconds a letter and stays flat, where
appending to a python-docx document grows quadratically. Every paragraph carries a named
Word style (see `docx_parts.STYLES_XML`), so the result stays editable in Word and LibreOffice.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.document import (
    LINE_BREAK,
    AddressBlock,
    Block,
    BulletList,
    DateLine,
    Heading,
    Letterhead,
    Paragraph,
    Runs,
    Salutation,
    SignOff,
    Subject,
)

_FORBIDDEN_CODES = [
    *range(0x00, 0x09),
    0x0B,
    0x0C,
    *range(0x0E, 0x20),
    *range(0xD800, 0xE000),
    0xFFFE,
    0xFFFF,
]
_ESCAPE_AND_DROP = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", **dict.fromkeys(map(chr, _FORBIDDEN_CODES))}
)
"""One pass of str.translate escapes markup and drops what XML forbids: this runs on every
run of every letter in a merge, where a regular expression pass cost as much again."""


def xml_text(text: str) -> str:
    """Escaped for XML, with the characters XML cannot carry at all dropped."""
    return text.translate(_ESCAPE_AND_DROP)


@dataclass(frozen=True)
class Logo:
    """An image already in the package (word/media), placed at the top of each letter."""

    relationship_id: str
    width_emu: int
    height_emu: int
    name: str = "logo"


class BodyWriter:
    """Turns blocks into paragraphs; one instance per document, so drawing ids stay unique.

    `text_width` (twips) is the width of the sign-off block: the last paragraph, the closing
    and the signature go in one table row that cannot break across pages. Keep-with-next
    alone does not hold in LibreOffice once a file has more than a few letters (tried with
    7.4: from five letters on, the closing or the signature was left alone on a page); a row
    that cannot split holds in LibreOffice and Word alike. The paragraphs inside keep their
    named styles and their keep-with-next chain.
    """

    def __init__(self, logo: Logo | None = None, text_width: int = 9360):
        self._logo = logo
        self._text_width = text_width
        self._drawing_id = 0

    def letter(self, blocks: tuple[Block, ...]) -> str:
        """The letter's paragraphs, ending in an empty hairline paragraph that can carry its
        section's properties (`with_section`): in a file of several letters each is a section
        of its own, so no page break is written here."""
        parts = [self._block(block) for block in blocks]
        sign_off = next((i for i, block in enumerate(blocks) if isinstance(block, SignOff)), None)
        if sign_off is not None and parts[sign_off]:
            first = sign_off
            if sign_off > 0:  # never leave the signature alone on a new page
                parts[sign_off - 1] = _keep_with_next(parts[sign_off - 1])
                if _may_join_sign_off(blocks[sign_off - 1], parts[sign_off - 1]):
                    first = sign_off - 1
            parts[first : sign_off + 1] = [self._unbreakable("".join(parts[first : sign_off + 1]))]
        if self._logo is not None and not any(isinstance(b, Letterhead) for b in blocks):
            parts.insert(0, self._logo_paragraph())
        parts.append(_END_OF_LETTER)
        return "".join(parts)

    def _unbreakable(self, paragraphs: str) -> str:
        """`paragraphs` in a borderless one-cell table whose row cannot break across pages."""
        width = self._text_width
        return (
            f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
            f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>'
            f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
            f"</w:tcPr>{paragraphs}</w:tc></w:tr></w:tbl>"
        )

    def _block(self, block: Block) -> str:
        match block:
            case Letterhead(lines):
                first, *rest = lines
                head = _para("Letterhead", self._logo_run() + _run(first))
                return head + _para("LetterheadDetails", _lines(rest))
            case DateLine(text):
                return _para("Date", _run(text))
            case AddressBlock(lines):
                return _para("InsideAddress", _lines(lines))
            case Subject(runs):
                return _para("Subject", _runs(runs))
            case Salutation(text):
                return _para("Salutation", _run(text))
            case Heading(runs):
                return _para("Heading3", _runs(runs))
            case Paragraph(runs):
                return _para("Normal", _runs(runs))
            case BulletList(items):
                return "".join(_para("ListBullet", _runs(item)) for item in items)
            case SignOff(closing, lines):
                out = _para("Closing", _run(closing)) if closing else ""
                return out + (_para("Signature", _lines(lines)) if lines else "")
        raise TypeError(f"no WordprocessingML for {block!r}")

    def _logo_paragraph(self) -> str:
        return f'<w:p><w:pPr><w:pStyle w:val="Letterhead"/></w:pPr>{self._logo_run()}</w:p>'

    def _logo_run(self) -> str:
        logo = self._logo
        if logo is None:
            return ""
        self._drawing_id += 1
        n = self._drawing_id
        extent = f'cx="{logo.width_emu}" cy="{logo.height_emu}"'
        return (
            '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent {extent}/><wp:docPr id="{n}" name="{logo.name} {n}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="{logo.name}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{logo.relationship_id}"/><a:stretch><a:fillRect/></a:stretch>'
            f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext {extent}/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
            "<w:r><w:br/></w:r>"
        )


_END_OF_LETTER = (
    '<w:p><w:pPr><w:pStyle w:val="Normal"/><w:spacing w:before="0" w:after="0" w:line="20" '
    'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
)
"""A 1 pt paragraph after the sign-off's table: a section ends in a paragraph, not a table."""

_LONGEST_JOINED = 1200
"""A last paragraph longer than this (in characters of XML, some eight lines) stays out of
the sign-off's row, which must fit on one page; it is kept with the closing instead."""


def _may_join_sign_off(block: Block, xml: str) -> bool:
    return isinstance(block, Paragraph | BulletList | Heading) and len(xml) <= _LONGEST_JOINED


def with_section(letter: str, section: str) -> str:
    """`letter` ending its section: the section's properties (`<w:sectPr>`) go last in its
    last paragraph's properties, as the schema orders them; a letter with no paragraph gets one."""
    head, marker, tail = letter.rpartition("</w:pPr>")
    if not marker:
        return f"{letter}<w:p><w:pPr>{section}</w:pPr></w:p>"
    return f"{head}{section}{marker}{tail}"


def _keep_with_next(paragraphs: str) -> str:
    """Keep the last paragraph of `paragraphs` on the same page as what follows it.

    Property order is fixed by the schema (pStyle, keepNext, ..., sectPr), and Word rejects a
    file that breaks it, so the flag goes right before the closing tag, and this runs before
    a section's properties are added.
    """
    head, marker, tail = paragraphs.rpartition("</w:pPr>")
    return f"{head}<w:keepNext/>{marker}{tail}" if marker else paragraphs


def _para(style: str, content: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{content}</w:p>'


def _run(text: str, style: str = "") -> str:
    props = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    return f"<w:r>{props}{_run_text(text)}</w:r>"


def _run_text(text: str) -> str:
    """A run's text, its line breaks (Shift+Enter in a field) as Word's own: a newline inside
    <w:t> would show as a space."""
    if LINE_BREAK not in text:
        return f'<w:t xml:space="preserve">{xml_text(text)}</w:t>'
    return "<w:br/>".join(
        f'<w:t xml:space="preserve">{xml_text(line)}</w:t>' if line else "" for line in text.split(LINE_BREAK)
    )


def _runs(runs: Runs) -> str:
    out = []
    for run in runs:
        if run.strong and run.emphasis:
            out.append(f'<w:r><w:rPr><w:rStyle w:val="Strong"/><w:i/></w:rPr>{_run_text(run.text)}</w:r>')
        else:
            out.append(_run(run.text, "Strong" if run.strong else "Emphasis" if run.emphasis else ""))
    return "".join(out)


def _lines(lines: list[str] | tuple[str, ...]) -> str:
    """Lines of one paragraph, joined by line breaks: an address stays one block in Word."""
    return "<w:r><w:br/></w:r>".join(_run(line) for line in lines)
