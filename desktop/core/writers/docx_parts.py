"""The fixed parts of an Amends DOCX: styles, bullets, settings, relationships, properties.

Built once per page setup and reused for every letter of a run. The styles use Word's own
names (Normal, Date, Inside Address, Salutation, List Bullet, Closing, Signature, Strong,
Emphasis, Heading 3) plus a Letterhead and a Subject style, so a user who restyles one
letter in Word can restyle them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.writers.wordml import xml_text

if TYPE_CHECKING:
    from desktop.core.pages.styles import BlockStyle

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOC_NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_TWIPS_PER_MM = 1440 / 25.4
PAGE_SIZES_TWIPS = {"A4": (11906, 16838), "Letter": (12240, 15840)}
LETTER_REGIONS = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR"})


@dataclass(frozen=True)
class PageSetup:
    size: str = "A4"
    """"A4" or "Letter"."""
    margins_mm: tuple[float, float, float, float] = (20.0, 22.0, 20.0, 22.0)
    """Top, right, bottom, left."""

    def __post_init__(self) -> None:
        if self.size not in PAGE_SIZES_TWIPS:
            raise ValueError(f"page size must be A4 or Letter, not {self.size!r}")
        if any(m < 0 or m > 80 for m in self.margins_mm):
            raise ValueError("margins must be between 0 and 80 mm")

    @classmethod
    def for_locale(cls, locale: str) -> PageSetup:
        """Letter paper where it is the norm (the US, Canada, Mexico, the Philippines), A4 elsewhere."""
        region = locale.replace("-", "_").split("_")[-1].upper() if "_" in locale or "-" in locale else ""
        return cls(size="Letter" if region in LETTER_REGIONS else "A4")

    def section_xml(self, headers: SectionHeaders | None = None) -> str:
        """The section's page; with `headers`, a section of its own letter: it starts a new
        page, numbers its pages from 1, and shows its header on every page but the first."""
        width, height = PAGE_SIZES_TWIPS[self.size]
        top, right, bottom, left = (round(m * _TWIPS_PER_MM) for m in self.margins_mm)
        header_distance = headers.distance if headers else 709
        references = numbering = ""
        if headers is not None:
            references = (
                f'<w:headerReference w:type="default" r:id="{headers.default_id}"/>'
                f'<w:headerReference w:type="first" r:id="{FIRST_PAGE_HEADER_ID}"/><w:type w:val="nextPage"/>'
            )
            numbering = '<w:pgNumType w:start="1"/><w:titlePg/>'
        return (
            f'<w:sectPr>{references}<w:pgSz w:w="{width}" w:h="{height}"/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
            f'w:header="{header_distance}" w:footer="709" w:gutter="0"/>{numbering}</w:sectPr>'
        )

    def text_width_twips(self) -> int:
        width, _ = PAGE_SIZES_TWIPS[self.size]
        _, right, _, left = (round(m * _TWIPS_PER_MM) for m in self.margins_mm)
        return width - left - right


@dataclass(frozen=True)
class SectionHeaders:
    """One letter's headers: its own continuation header (relationship `default_id`) and the
    shared empty header of its first page; `distance` is from the paper's top edge, in twips."""

    default_id: str
    distance: int


FIRST_PAGE_HEADER_ID = "rIdHeaderFirst"
FIRST_PAGE_HEADER_PART = "word/header0.xml"


def header_part(number: int) -> str:
    """The continuation header of the `number`th letter (from 1) of a file."""
    return f"word/header{number}.xml"


def header_id(number: int) -> str:
    return f"rIdHeader{number}"


def document_head() -> str:
    return f"{XML_DECLARATION}<w:document {DOC_NAMESPACES}><w:body>"


def document_tail(page: PageSetup, headers: SectionHeaders | None = None) -> str:
    return f"{page.section_xml(headers)}</w:body></w:document>"


def header_xml(text: str, count: int, tab_twips: int) -> str:
    """A continuation header: `text` (recipient, date) on the left, "Page N of M" on the right.

    PAGE is a field every program evaluates. M is a SECTIONPAGES field whose shown result is
    `count`, the letter's pages as Amends lays them out (the PDF's figure): Word recomputes
    it, LibreOffice (7.4) shows it as written. The page number restarts in every section.
    """
    return (
        f'{XML_DECLARATION}<w:hdr {DOC_NAMESPACES}><w:p><w:pPr><w:pStyle w:val="Header"/>'
        f'<w:tabs><w:tab w:val="right" w:pos="{tab_twips}"/></w:tabs></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'
        '<w:r><w:tab/><w:t xml:space="preserve">Page </w:t></w:r>'
        f"{_field('PAGE', '2')}"
        '<w:r><w:t xml:space="preserve"> of </w:t></w:r>'
        f"{_field('SECTIONPAGES', str(count))}</w:p></w:hdr>"
    )


EMPTY_HEADER_XML = (
    f'{XML_DECLARATION}<w:hdr {DOC_NAMESPACES}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>'
)
"""The first page's header: a letter's first page has none."""


def _field(instruction: str, shown: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{shown}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def content_types(image_extension: str | None, headers: int = 0) -> str:
    """`headers`: how many letters, each with a continuation header part; the shared empty
    first-page header is always there."""
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    image = ""
    if image_extension:
        mime = "image/png" if image_extension == "png" else "image/jpeg"
        image = f'<Default Extension="{image_extension}" ContentType="{mime}"/>'
    return (
        f'{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{image}'
        f'<Override PartName="/word/document.xml" ContentType="{wml}.document.main+xml"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{wml}.styles+xml"/>'
        f'<Override PartName="/word/numbering.xml" ContentType="{wml}.numbering+xml"/>'
        f'<Override PartName="/word/settings.xml" ContentType="{wml}.settings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        f"{_header_overrides(headers)}</Types>"
    )


def _header_overrides(headers: int) -> str:
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
    names = [FIRST_PAGE_HEADER_PART, *(header_part(n) for n in range(1, headers + 1))]
    return "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name in names)


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (
    f'{XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

LOGO_RELATIONSHIP_ID = "rIdLogo"


def document_rels(image_name: str | None, headers: int = 0) -> str:
    image = (
        f'<Relationship Id="{LOGO_RELATIONSHIP_ID}" Type="{_REL}/image" Target="media/{image_name}"/>'
        if image_name
        else ""
    )
    return (
        f'{XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/numbering" Target="numbering.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/settings" Target="settings.xml"/>{image}'
        f"{_header_relationships(headers)}</Relationships>"
    )


def _header_relationships(headers: int) -> str:
    first = FIRST_PAGE_HEADER_PART.removeprefix("word/")
    out = [f'<Relationship Id="{FIRST_PAGE_HEADER_ID}" Type="{_REL}/header" Target="{first}"/>']
    for n in range(1, headers + 1):
        target = header_part(n).removeprefix("word/")
        out.append(f'<Relationship Id="{header_id(n)}" Type="{_REL}/header" Target="{target}"/>')
    return "".join(out)


def core_properties(
    title: str, subject: str, author: str, created: dt.datetime, description: str = ""
) -> str:
    stamp = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    comments = f"<dc:description>{xml_text(description)}</dc:description>" if description else ""
    return (
        f"{XML_DECLARATION}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(title)}</dc:title><dc:subject>{xml_text(subject)}</dc:subject>"
        f"<dc:creator>{xml_text(author)}</dc:creator><cp:lastModifiedBy>{xml_text(author)}</cp:lastModifiedBy>"
        f"{comments}"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app_properties(version: str) -> str:
    return (
        f"{XML_DECLARATION}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>Amends</Application><AppVersion>{xml_text(version)}</AppVersion></Properties>"
    )


NUMBERING_XML = (
    f'{XML_DECLARATION}<w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)

SETTINGS_XML = (
    f'{XML_DECLARATION}<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
    '<w:compatSetting w:name="compatibilityMode" w:val="15" '
    'w:uri="http://schemas.microsoft.com/office/word"/>'
    "</w:compat></w:settings>"
)


def _paragraph_style(style_id: str, name: str, ppr: str = "", rpr: str = "", builtin: bool = True) -> str:
    custom = "" if builtin else ' w:customStyle="1"'
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"{custom}><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _twips(points: float) -> int:
    return round(points * 20)


def _hex(color: tuple[float, float, float]) -> str:
    return "".join(f"{round(c * 255):02X}" for c in color)


def _ppr(style: BlockStyle, borders: str = "", after: float | None = None, rest: str = "") -> str:
    """A style's paragraph properties, in the schema's order, from its paper style."""
    keeps = ("<w:keepNext/>" if style.keep_with_next else "") + (
        "<w:keepLines/>" if style.keep_together else ""
    )
    after = style.after if after is None else after
    spacing = (
        f'<w:spacing w:before="{_twips(style.before)}" w:after="{_twips(after)}" '
        f'w:line="{round(style.line_spacing * 240)}" w:lineRule="auto"/>'
    )
    indent = (
        f'<w:ind w:left="{_twips(style.indent)}" w:hanging="{_twips(style.indent)}"/>' if style.indent else ""
    )
    return f"{keeps}{borders}{spacing}{indent}{rest}"


def _rpr(style: BlockStyle) -> str:
    bold = "<w:b/><w:bCs/>" if style.bold else ""
    color = f'<w:color w:val="{_hex(style.color)}"/>' if style.color != (0.0, 0.0, 0.0) else ""
    size = f'<w:sz w:val="{round(style.size * 2)}"/><w:szCs w:val="{round(style.size * 2)}"/>'
    return f"{bold}{color}{size}"


def styles_xml(language: str) -> str:
    """Word's styles for a letter; `language` ("en-GB") drives the spelling checker in Word.

    Sizes and spacing come from the paper styles (desktop/core/pages/styles.py), the ones the
    PDF is laid out with, so Word and LibreOffice break the pages where the PDF does.
    """
    from desktop.core.pages import styles as paper  # the pages package imports this module

    lang = xml_text(language or "en-GB")
    body = paper.BODY
    details = paper.LETTERHEAD_DETAILS
    # Word draws the border `space` points under the last line, then the space after it:
    # the rule sits where the PDF draws it, and the next paragraph starts where it does.
    rule = (
        f'<w:pBdr><w:bottom w:val="single" w:sz="{round(paper.RULE_WIDTH * 8)}" '
        f'w:space="{round(paper.RULE_GAP)}" w:color="{_hex(paper.ACCENT)}"/></w:pBdr>'
    )
    details_after = max(details.after - paper.RULE_GAP - paper.RULE_WIDTH, 0.0)
    return (
        f'{XML_DECLARATION}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>'
        f'<w:sz w:val="{round(body.size * 2)}"/><w:szCs w:val="{round(body.size * 2)}"/>'
        f'<w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        f'<w:spacing w:after="{_twips(body.after)}" w:line="{round(body.line_spacing * 240)}" '
        'w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        "<w:pPr><w:widowControl/></w:pPr></w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        + _paragraph_style(
            "Letterhead", "Letterhead", _ppr(paper.LETTERHEAD), _rpr(paper.LETTERHEAD), builtin=False
        )
        + _paragraph_style(
            "LetterheadDetails",
            "Letterhead Details",
            _ppr(details, borders=rule, after=details_after),
            _rpr(details),
            builtin=False,
        )
        + _paragraph_style("Date", "Date", _ppr(paper.DATE))
        + _paragraph_style("InsideAddress", "Inside Address", _ppr(paper.INSIDE_ADDRESS))
        + _paragraph_style("Subject", "Subject", _ppr(paper.SUBJECT), _rpr(paper.SUBJECT), builtin=False)
        + _paragraph_style("Salutation", "Salutation", _ppr(paper.SALUTATION))
        + _paragraph_style(
            "Heading3",
            "heading 3",
            _ppr(paper.HEADING, rest='<w:outlineLvl w:val="2"/>'),
            _rpr(paper.HEADING),
        )
        + _paragraph_style(
            "ListBullet", "List Bullet", '<w:numPr><w:numId w:val="1"/></w:numPr>' + _ppr(paper.BULLET)
        )
        + _paragraph_style("Closing", "Closing", _ppr(paper.CLOSING))
        + _paragraph_style("Signature", "Signature", _ppr(paper.SIGNATURE))
        + _paragraph_style("Header", "header", _ppr(paper.HEADER), _rpr(paper.HEADER))
        + '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:basedOn '
        'w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:basedOn '
        'w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr><w:i/><w:iCs/></w:rPr></w:style>'
        "</w:styles>"
    )
